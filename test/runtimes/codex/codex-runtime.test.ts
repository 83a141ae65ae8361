import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForTaskStatus } from '../../support/forge-harness.js';
import {
  NO_SHELL_PROFILE,
  ONE_TURN_PROFILE,
  codexProcessesIn,
  pendingNotificationFor,
  startCodexForge,
  workspaceOf,
  type CodexForge,
} from './codex-fixture.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the codex runtime (real Codex app-server against the simulator)', () => {
  let setup: CodexForge;
  before(async () => {
    setup = await startCodexForge();
  });
  after(() => setup.close());

  const createCodexTask = (description: string, extra: Record<string, unknown> = {}) =>
    setup.forge.createTask({ title: 'codex task', description, assignedAgent: 'codex', ...extra });

  test('an approved command runs in the workspace and the run completes with its result and usage', async () => {
    const { forge } = setup;
    const task = await createCodexTask('Say hello from the shell. [[scenario:codex-exec]]');
    await forge.api('POST', `/api/tasks/${task.id}/execute`);

    const pending = await pendingNotificationFor(forge, task.id);
    assert.equal(pending.tool, 'Bash');
    assert.equal(pending.input.command, 'echo hello-from-codex', 'the command without Codex’s shell wrapper');
    assert.equal((await forge.api('GET', `/api/tasks/${task.id}`)).body.status, 'waiting_approval');

    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed', JSON.stringify(done.execution));
    assert.ok(done.execution.usage.inputTokens > 0, 'usage recorded');

    const entries = await forge.collectLogs(task.id);
    const toolUse = entries.find((e) => e.type === 'tool_use');
    assert.equal(toolUse.tool, 'Bash');
    assert.equal(toolUse.toolUseId, pending.toolUseId);
    const result = entries.find((e) => e.type === 'tool_result');
    assert.equal(result.toolUseId, toolUse.toolUseId);
    assert.equal(result.isError, false);
    assert.match(result.output, /hello-from-codex/);
    assert.match(result.output, /exit code 0/);
    assert.ok(entries.some((e) => e.type === 'usage' && e.inputTokens > 0));
    assert.equal(entries.find((e) => e.type === 'result').output, 'The command printed hello-from-codex.');
    assert.equal(entries.at(-1).status, 'completed');

    const modelRequest = forge.sim.requests.filter((r) => r.scenario === 'codex-exec').at(-1);
    assert.equal(modelRequest?.headers.authorization, 'Bearer test-key', 'the key reaches the model endpoint');
    const developerText = JSON.stringify(modelRequest!.body.input.filter((i: any) => i.role === 'developer'));
    assert.match(developerText, /careful general-purpose assistant/, 'the profile prompt travels as developer instructions');
  });

  test('a denied command is declined: it never runs and the run still finishes', async () => {
    const { forge } = setup;
    const task = await createCodexTask('Write a marker. [[scenario:codex-exec-reissued]]');
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await pendingNotificationFor(forge, task.id);
    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'deny', message: 'not today' });

    const second = await forge.waitFor(async () => {
      const list = await forge.api('GET', '/api/notifications?status=pending');
      return list.body.find((n: any) => n.taskId === task.id && n.id !== pending.id);
    });
    await forge.api('POST', `/api/notifications/${second.id}/respond`, { decision: 'deny' });
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.equal(existsSync(join(await workspaceOf(forge, task), 'resumed.txt')), false, 'the command did not run');

    const entries = await forge.collectLogs(task.id);
    const first = entries.find((e) => e.type === 'tool_result' && e.toolUseId === pending.toolUseId);
    assert.equal(first.isError, true);
    assert.equal(first.output, 'not today');
    const toModel = forge.sim.requests.filter((r) => r.scenario === 'codex-exec-reissued').at(-1)!.body.input;
    const outputs = toModel.filter((i: any) => i.type === 'function_call_output').map((i: any) => String(i.output));
    assert.ok(outputs.every((o: string) => /rejected/i.test(o)), `the model was told: ${outputs.join(' | ')}`);
  });

  test("the profile's autoDeny refuses a command without asking anyone", async () => {
    const { forge } = setup;
    const task = await createCodexTask('Say hello. [[scenario:codex-exec]]', { agentProfile: NO_SHELL_PROFILE });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');

    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0, 'no human was asked');
    const decision = entries.find((e) => e.type === 'permission_decision');
    assert.equal(decision.tool, 'Bash');
    assert.equal(decision.decision, 'deny');
    assert.equal(decision.source, 'auto_deny');
    const result = entries.find((e) => e.type === 'tool_result');
    assert.equal(result.isError, true);
    assert.doesNotMatch(result.output, /hello-from-codex\n/);
    const notifications = await forge.api('GET', '/api/notifications');
    assert.equal(notifications.body.filter((n: any) => n.taskId === task.id).length, 0);
  });

  test('Always Allow lets the next identical command run without asking', async () => {
    const { forge } = setup;
    const first = await createCodexTask('Say hello. [[scenario:codex-exec]]');
    await forge.api('POST', `/api/tasks/${first.id}/execute`);
    const pending = await pendingNotificationFor(forge, first.id);
    const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'always_allow' });
    assert.equal(answer.body.rule.pattern, 'echo hello-from-codex');
    assert.equal((await waitForTaskStatus(forge, first.id, ['completed', 'failed'])).status, 'completed');

    const second = await createCodexTask('Say hello again. [[scenario:codex-exec]]');
    await forge.api('POST', `/api/tasks/${second.id}/execute`);
    assert.equal((await waitForTaskStatus(forge, second.id, ['completed', 'failed'])).status, 'completed');
    const entries = await forge.collectLogs(second.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
    const decision = entries.find((e) => e.type === 'permission_decision');
    assert.equal(decision.source, 'always_allow');
    assert.equal(decision.ruleId, answer.body.rule.id);
    assert.match(entries.find((e) => e.type === 'tool_result').output, /hello-from-codex/);
    await forge.api('DELETE', `/api/settings/permissions/${answer.body.rule.id}`);
  });

  test("the profile's maxTurns stops a model that keeps calling tools", async () => {
    const { forge } = setup;
    const task = await createCodexTask('Write a marker. [[scenario:codex-exec-reissued]]', { agentProfile: ONE_TURN_PROFILE });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'failed');
    assert.match(done.execution.error, /limit of 1 turns/);
    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.filter((e) => e.type === 'tool_result').length, 1, 'the first command ran, the second never did');
  });

  test('a patch asks as Write with the file path, and approving it writes the file', async () => {
    const { forge } = setup;
    const task = await createCodexTask('Add hello.txt. [[scenario:codex-apply-patch]]');
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await pendingNotificationFor(forge, task.id);
    assert.equal(pending.tool, 'Write');
    assert.equal(pending.input.file_path, 'hello.txt');
    const workspace = await workspaceOf(forge, task);
    assert.equal(existsSync(join(workspace, 'hello.txt')), false, 'nothing written before approval');

    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');
    assert.equal(readFileSync(join(workspace, 'hello.txt'), 'utf8'), 'hi\n');
    const entries = await forge.collectLogs(task.id);
    const result = entries.find((e) => e.type === 'tool_result');
    assert.equal(result.tool, 'Write');
    assert.equal(result.isError, false);
  });

  test('cancel while an approval is pending ends the run and the Codex process', async () => {
    const { forge } = setup;
    const task = await createCodexTask('Say hello. [[scenario:codex-exec]]');
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await pendingNotificationFor(forge, task.id);
    const workspace = await workspaceOf(forge, task);
    const pids = codexProcessesIn(workspace);
    assert.equal(pids.length, 1, 'one Codex app-server runs for the task');

    const cancelled = await forge.api('POST', `/api/tasks/${task.id}/cancel`);
    assert.equal(cancelled.status, 200);
    await forge.waitFor(async () => !isAlive(pids[0]!), 10_000);
    assert.deepEqual(codexProcessesIn(workspace), []);
    assert.equal((await forge.api('GET', `/api/tasks/${task.id}`)).body.status, 'cancelled');
  });

  test('an upstream that keeps failing ends the run with a clear failure, after few retries', async () => {
    const { forge } = setup;
    const before = forge.sim.requests.length;
    const task = await createCodexTask('Anything. [[scenario:codex-upstream-error]]');
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'failed');
    const entries = await forge.collectLogs(task.id);
    const error = entries.find((e) => e.type === 'error');
    assert.match(error.message, /Codex: .+\(internal server error\)/);
    const attempts = forge.sim.requests.slice(before).filter((r) => r.scenario === 'codex-upstream-error').length;
    assert.ok(attempts >= 2 && attempts <= 4, `retried, but only a few times (${attempts} requests)`);
  });
});
