import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestForge, type TestForge } from '../support/forge-harness.js';

/**
 * A task that cannot run as configured is refused at execute, with a message saying what to change,
 * before anything is queued: no execution, no log, no model call.
 */
describe('validation before dispatch', () => {
  let forge: TestForge;
  before(async () => {
    // anthropic and ollama are configured; openai has no OPENAI_API_KEY and there is no simulator to fall back on.
    forge = await startTestForge({ env: { OPENAI_API_KEY: undefined, OLLAMA_HOST: 'http://127.0.0.1:9' } });
  });
  after(() => forge.close());

  async function refusedExecute(input: { assignedAgent: string; agentProfile: string }) {
    const task = await forge.createTask({ title: `check ${input.assignedAgent} with ${input.agentProfile}`, ...input });
    const answer = await forge.api('POST', `/api/tasks/${task.id}/execute`);
    return { task, answer };
  }

  async function assertNothingQueued(task: { id: string; title: string; status: string }) {
    const after = await forge.api('GET', `/api/tasks/${task.id}`);
    assert.equal(after.body.status, task.status, 'the task status is unchanged');
    assert.equal(after.body.execution, null, 'no execution was created');
    assert.deepEqual((await forge.api('GET', `/api/tasks/${task.id}/logs/tail`)).body, [], 'nothing was logged');
    const notifications = (await forge.api('GET', '/api/notifications')).body;
    assert.ok(!notifications.some((n: any) => n.taskId === task.id));
    assert.ok(!forge.sim.requests.some((r) => JSON.stringify(r.body).includes(task.title)), 'no model was called');
  }

  test("a runtime the profile does not support is refused with 422 naming both and the ways out", async () => {
    const { task, answer } = await refusedExecute({ assignedAgent: 'ollama', agentProfile: 'code-reviewer' });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, 'unprocessable');
    const message: string = answer.body.error.message;
    assert.match(message, /"ollama"/);
    assert.match(message, /"code-reviewer"/);
    assert.match(message, /supports claude-code, codex, anthropic, openai/, 'lists the runtimes that would work');
    assert.match(message, /Assign the task to one of those runtimes or choose another profile/);
    await assertNothingQueued(task);
  });

  test('a runtime without credentials is refused with 422 naming it and the setting to make', async () => {
    const { task, answer } = await refusedExecute({ assignedAgent: 'openai', agentProfile: 'general' });
    assert.equal(answer.status, 422);
    const message: string = answer.body.error.message;
    assert.match(message, /"openai" is not configured/);
    assert.match(message, /set OPENAI_API_KEY/);
    await assertNothingQueued(task);
  });

  test('the unconfigured-runtime message also names the profile', async () => {
    const { answer } = await refusedExecute({ assignedAgent: 'openai', agentProfile: 'general' });
    assert.match(answer.body.error.message, /profile "general"/);
  });

  test('the same profile on a runtime it supports and that is configured is accepted', async () => {
    const task = await forge.createTask({ title: 'review on anthropic', assignedAgent: 'anthropic', agentProfile: 'code-reviewer' });
    const answer = await forge.api('POST', `/api/tasks/${task.id}/execute`);
    assert.equal(answer.status, 202);
    await forge.api('POST', `/api/tasks/${task.id}/cancel`);
  });
});
