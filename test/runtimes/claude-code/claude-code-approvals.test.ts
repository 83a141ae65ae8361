import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForTaskStatus, type TestForge } from '../../support/forge-harness.js';
import { createClaudeTask, modelRequests, startClaudeForge, waitForPendingApproval, workspaceOf } from './claude-fixture.js';

describe('claude-code runtime: tool calls through the permission gate (real binary)', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startClaudeForge();
  });
  after(() => forge.close());

  test('an approved Write really writes the file in the workspace and the run completes', async () => {
    const task = await createClaudeTask(forge, { title: 'Create hello', description: '[[scenario:write-file]]' });
    const workspace = await workspaceOf(forge, task);
    await forge.api('POST', `/api/tasks/${task.id}/execute`);

    const pending = await waitForPendingApproval(forge, task.id);
    assert.equal(pending.tool, 'Write');
    assert.equal(pending.input.file_path, join(workspace, 'hello.txt'), 'the human sees the path the binary will write');
    assert.equal(existsSync(join(workspace, 'hello.txt')), false, 'nothing written before approval');

    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.equal(readFileSync(join(workspace, 'hello.txt'), 'utf8'), 'hi\n');

    const entries = await forge.collectLogs(task.id);
    const toolUse = entries.find((e) => e.type === 'tool_use');
    assert.equal(toolUse.tool, 'Write');
    assert.equal(toolUse.toolUseId, pending.toolUseId, 'the request names the call the log showed');
    assert.equal(entries.find((e) => e.type === 'tool_result').toolUseId, pending.toolUseId);
    assert.match(entries.find((e) => e.type === 'result').output, /created hello.txt/);
    const usage = entries.filter((e) => e.type === 'usage');
    assert.equal(usage.length, 1, 'one usage entry per run');
    assert.ok(usage[0].inputTokens > 0 && usage[0].costUsd > 0, 'tokens and the cost the binary computed');
    assert.equal(entries.filter((e) => e.type === 'assistant_text').map((e) => e.text).join('|'), "I'll create the file.|Done: created hello.txt");

    const sessionId = (await forge.api('GET', `/api/tasks/${task.id}`)).body.execution.runtimeSessionId;
    assert.ok(sessionId, 'the Claude Code session id is stored');
    const requests = modelRequests(forge).filter((r) => JSON.stringify(r.body.messages[0]).includes('Create hello\\n'));
    assert.equal(requests.length, 2, 'one model call per turn, no extra traffic');
    for (const request of requests) assert.equal(request.headers['x-claude-code-session-id'], sessionId);
  });

  test('a denied Write is reported to the agent, nothing is written and the run continues to its end', async () => {
    const task = await createClaudeTask(forge, { title: 'Create hello, please', description: '[[scenario:write-file]]' });
    const workspace = await workspaceOf(forge, task);
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await waitForPendingApproval(forge, task.id);
    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'deny', message: 'not today' });

    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.equal(existsSync(join(workspace, 'hello.txt')), false);
    const entries = await forge.collectLogs(task.id);
    const result = entries.find((e) => e.type === 'tool_result');
    assert.equal(result.isError, true);
    assert.match(result.output, /not today/);
    const lastRequest = modelRequests(forge).filter((r) => JSON.stringify(r.body.messages).includes('Create hello, please')).at(-1)!;
    const toolResult = lastRequest.body.messages.at(-1).content[0];
    assert.equal(toolResult.type, 'tool_result');
    assert.equal(toolResult.is_error, true, 'the model was told');
    assert.match(JSON.stringify(toolResult.content), /not today/);
  });

  test('a profile that auto-denies Write never offers it and never asks a human', async () => {
    const task = await createClaudeTask(forge, { title: 'Research and write', description: '[[scenario:write-file]]', agentProfile: 'researcher' });
    const workspace = await workspaceOf(forge, task);
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.equal(existsSync(join(workspace, 'hello.txt')), false, 'the Write never ran');

    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
    assert.equal(entries.find((e) => e.type === 'tool_result').isError, true, 'the agent was told the tool is not there');
    const request = modelRequests(forge).find((r) => JSON.stringify(r.body.messages).includes('Research and write'))!;
    const offered = request.body.tools.map((t: any) => t.name);
    for (const denied of ['Write', 'Edit', 'Bash']) assert.ok(!offered.includes(denied), `${denied} is not offered`);
    assert.ok(offered.includes('Read'));
    assert.match(JSON.stringify(request.body.system), /researcher|research/i, "the profile's prompt is appended to the system prompt");
  });

  test('Always Allow on a shell command lets the next identical call run without asking', async () => {
    const first = await createClaudeTask(forge, { title: 'Write with bash', description: '[[scenario:claude-bash-redirect]]' });
    await forge.api('POST', `/api/tasks/${first.id}/execute`);
    const pending = await waitForPendingApproval(forge, first.id);
    assert.equal(pending.tool, 'Bash');
    const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'always_allow' });
    assert.equal(answer.body.rule.pattern, 'echo hello-from-bash > bash-out.txt');
    assert.equal((await waitForTaskStatus(forge, first.id, ['completed', 'failed'])).status, 'completed');

    const second = await createClaudeTask(forge, { title: 'Write with bash again', description: '[[scenario:claude-bash-redirect]]' });
    const workspace = await workspaceOf(forge, second);
    await forge.api('POST', `/api/tasks/${second.id}/execute`);
    assert.equal((await waitForTaskStatus(forge, second.id, ['completed', 'failed'])).status, 'completed');
    assert.equal(readFileSync(join(workspace, 'bash-out.txt'), 'utf8'), 'hello-from-bash\n');
    const entries = await forge.collectLogs(second.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
    const decision = entries.find((e) => e.type === 'permission_decision');
    assert.equal(decision.source, 'always_allow');
    assert.equal(decision.ruleId, answer.body.rule.id);
  });

  test('the agent cannot read or write outside its workspace, even with Read auto-approved and a symlink pointing out', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'forge-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'the-secret');
    const task = await createClaudeTask(forge, { title: 'Escape', description: '[[scenario:claude-escape]]' });
    const workspace = await workspaceOf(forge, task);
    symlinkSync(outside, join(workspace, 'link'));
    forge.sim.addScenario({
      name: 'claude-escape',
      turns: [
        { toolCalls: [{ name: 'Read', input: { file_path: join(outside, 'secret.txt') } }] },
        { toolCalls: [{ name: 'Write', input: { file_path: join(workspace, 'link', 'planted.txt'), content: 'x' } }] },
        { text: 'I stayed inside.' },
      ],
    });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
    assert.equal(done.status, 'completed');
    assert.equal(existsSync(join(outside, 'planted.txt')), false, 'nothing written through the link');
    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0, 'nobody is asked about an impossible call');
    const denied = entries.filter((e) => e.type === 'permission_decision' && e.source === 'outside_workspace');
    assert.deepEqual(denied.map((e) => e.tool), ['Read', 'Write']);
    const requests = modelRequests(forge).filter((r) => JSON.stringify(r.body.messages).includes('Escape'));
    assert.doesNotMatch(JSON.stringify(requests.map((r) => r.body.messages)), /the-secret/, 'the secret never reached the model');
  });
});
