import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForTaskStatus, type TestForge } from '../../support/forge-harness.js';
import { claudeProcessesIn, createClaudeTask, modelRequests, startClaudeForge, waitForPendingApproval, workspaceOf } from './claude-fixture.js';

describe('claude-code runtime: how runs end (real binary)', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startClaudeForge();
    const general = (await forge.api('GET', '/api/profiles/general')).body;
    const created = await forge.api('POST', '/api/profiles', { ...general, id: 'two-turns', name: 'Two turns', maxTurns: 2, source: undefined, path: undefined });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(() => forge.close());

  test("the profile's turn limit stops a run that keeps going, with a clear reason", async () => {
    const task = await createClaudeTask(forge, { title: 'Look around', description: '[[scenario:claude-keep-looking]]', agentProfile: 'two-turns' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'failed');
    const entries = await forge.collectLogs(task.id);
    assert.match(entries.find((e) => e.type === 'error').message, /limit of 2 turns/);
    assert.equal(entries.filter((e) => e.type === 'tool_use').length, 2);
    assert.equal(entries.filter((e) => e.type === 'usage').length, 1);
  });

  test('an upstream 529 ends the run as failed with the API error, reported once', async () => {
    const started = Date.now();
    const task = await createClaudeTask(forge, { title: 'Overloaded', description: '[[scenario:fault-overloaded]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'failed');
    assert.ok(Date.now() - started < 15_000, 'no minutes of retries');
    const entries = await forge.collectLogs(task.id);
    const errors = entries.filter((e) => e.type === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /529|overloaded/i);
    assert.equal(entries.filter((e) => e.type === 'assistant_text').length, 0, 'the API error is not also shown as agent text');
    assert.equal(entries.at(-1).status, 'failed');
  });

  test('an upstream 500 ends the run as failed too', async () => {
    forge.sim.addScenario({ name: 'claude-http-500', turns: [{ fault: { kind: 'http', status: 500, message: 'upstream exploded' } }] });
    const task = await createClaudeTask(forge, { title: 'Broken upstream', description: '[[scenario:claude-http-500]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'failed');
    const entries = await forge.collectLogs(task.id);
    assert.match(entries.find((e) => e.type === 'error').message, /500|upstream exploded/);
  });

  test('cancel while a decision is pending ends the Claude Code process', async () => {
    const task = await createClaudeTask(forge, { title: 'Create hello then cancel', description: '[[scenario:write-file]]' });
    const workspace = await workspaceOf(forge, task);
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await waitForPendingApproval(forge, task.id);
    const [pid] = claudeProcessesIn(workspace);
    assert.ok(pid, 'the binary runs in the workspace while it waits');

    const cancelled = await forge.api('POST', `/api/tasks/${task.id}/cancel`);
    assert.ok(cancelled.status < 300, JSON.stringify(cancelled.body));
    await forge.waitFor(async () => claudeProcessesIn(workspace).length === 0, 10_000);
    assert.equal((await waitForTaskStatus(forge, task.id, ['cancelled', 'failed', 'completed'])).status, 'cancelled');
    assert.equal((await forge.api('GET', '/api/notifications?status=pending')).body.filter((n: any) => n.taskId === task.id).length, 0);
  });

  test("a task that continues an earlier one carries that task's conversation to the model", async () => {
    const first = await createClaudeTask(forge, { title: 'Remember the word PELICAN', description: '[[scenario:hello]]' });
    await forge.api('POST', `/api/tasks/${first.id}/execute`);
    assert.equal((await waitForTaskStatus(forge, first.id, ['completed', 'failed'])).status, 'completed');
    const firstSession = (await forge.api('GET', `/api/tasks/${first.id}`)).body.execution.runtimeSessionId;

    const second = await createClaudeTask(forge, { title: 'Which word did I ask you to remember?', continueFromTaskId: first.id, projectId: first.projectId });
    await forge.api('POST', `/api/tasks/${second.id}/execute`);
    assert.equal((await waitForTaskStatus(forge, second.id, ['completed', 'failed'])).status, 'completed');
    const secondSession = (await forge.api('GET', `/api/tasks/${second.id}`)).body.execution.runtimeSessionId;
    assert.ok(secondSession && secondSession !== firstSession, 'the continuation forks into a session of its own');

    const request = modelRequests(forge).find((r) => JSON.stringify(r.body.messages).includes('Which word did I ask you to remember?'))!;
    const conversation = JSON.stringify(request.body.messages);
    assert.ok(conversation.includes('Remember the word PELICAN'), "the first task's prompt");
    assert.ok(conversation.includes('Hello from the simulator.'), "the first task's answer");
    assert.ok(conversation.indexOf('PELICAN') < conversation.indexOf('Which word'), 'in order');
  });
});

describe('claude-code runtime in OAuth mode (real binary)', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startClaudeForge({
      FORGE_CLAUDE_AUTH: 'oauth',
      CLAUDE_CODE_OAUTH_TOKEN: 'oauth-token-for-test',
      ANTHROPIC_API_KEY: 'api-key-that-must-not-leak',
    });
  });
  after(() => forge.close());

  test('the API key in Forge’s environment never reaches the model endpoint; the subscription token does', async () => {
    const task = await createClaudeTask(forge, { title: 'Say hello', description: '[[scenario:hello]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed', JSON.stringify(done.execution));
    const requests = forge.sim.requests;
    assert.ok(modelRequests(forge).length > 0);
    for (const request of requests) {
      assert.ok(!JSON.stringify(request.headers).includes('api-key-that-must-not-leak'), `${request.method} ${request.path} carries no API key`);
      assert.equal(request.headers['x-api-key'], undefined);
    }
    for (const request of modelRequests(forge)) assert.equal(request.headers.authorization, 'Bearer oauth-token-for-test');
  });
});
