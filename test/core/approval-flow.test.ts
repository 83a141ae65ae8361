import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../support/databases.js';
import { startTestForge, waitForTaskStatus, type TestForge, waitForPendingApproval } from '../support/forge-harness.js';

for (const engine of ENGINES) {
  describe(`a task that needs a human approval (${engine})`, () => {
    let forge: TestForge;
    before(async () => {
      forge = await startTestForge({ engine });
    });
    after(() => forge.close());

    test('execute answers 202 at once, the Write waits for approval, approving writes the file and completes', async () => {
      const task = await forge.createTask({ title: 'Create hello', description: '[[scenario:write-file]]' });
      const accepted = await forge.api('POST', `/api/tasks/${task.id}/execute`);
      assert.equal(accepted.status, 202);
      assert.equal(accepted.body.taskId, task.id);
      assert.ok(accepted.body.sessionId);
      assert.equal(accepted.body.status, 'queued');

      const pending = await forge.waitFor(async () => {
        const list = await forge.api('GET', '/api/notifications?status=pending');
        return list.body.find((n: any) => n.taskId === task.id);
      });
      assert.equal(pending.tool, 'Write');
      assert.equal(pending.input.file_path, 'hello.txt');
      assert.equal((await forge.api('GET', `/api/tasks/${task.id}`)).body.status, 'waiting_approval');

      const project = (await forge.api('GET', '/api/projects')).body.find((p: any) => p.id === task.projectId);
      assert.equal(existsSync(join(project.workingDirectory, 'hello.txt')), false, 'nothing written before approval');

      const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      assert.equal(answer.status, 200);
      const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
      assert.equal(done.status, 'completed');
      assert.equal(readFileSync(join(project.workingDirectory, 'hello.txt'), 'utf8'), 'hi\n');
      assert.ok(done.execution.usage.inputTokens > 0, 'usage recorded per execution');

      const entries = await forge.collectLogs(task.id);
      const types = entries.map((e) => e.type);
      for (const type of ['status', 'assistant_text', 'tool_use', 'permission_request', 'permission_decision', 'tool_result', 'usage', 'result']) {
        assert.ok(types.includes(type), `log has a ${type} entry`);
      }
      assert.equal(entries.at(-1).type, 'status');
      assert.equal(entries.at(-1).status, 'completed');
      assert.match(entries.find((e) => e.type === 'result').output, /created hello.txt/);
      const ids = entries.map((e) => e.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids ascend');

      const again = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'deny' });
      assert.equal(again.status, 409, 'answering twice is refused');
    });

    test('a denied Write is reported to the agent and the run still finishes', async () => {
      const task = await forge.createTask({ title: 'Create hello', description: '[[scenario:write-file]]' });
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      const pending = await waitForPendingApproval(forge, task.id);
      await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'deny', message: 'not today' });
      const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
      assert.equal(done.status, 'completed');
      const entries = await forge.collectLogs(task.id);
      const result = entries.find((e) => e.type === 'tool_result');
      assert.equal(result.isError, true);
      assert.equal(result.output, 'not today');
      const lastRequest = forge.sim.requests.filter((r) => r.path.endsWith('/v1/messages')).at(-1)!;
      const toolResult = lastRequest.body.messages.at(-1).content[0];
      assert.equal(toolResult.type, 'tool_result');
      assert.equal(toolResult.is_error, true, 'the model was told');
    });

    test('Always Allow stores a rule that lets the next identical call pass without asking', async () => {
      const first = await forge.createTask({ title: 'echo', description: '[[scenario:bash-echo]]' });
      await forge.api('POST', `/api/tasks/${first.id}/execute`);
      const pending = await waitForPendingApproval(forge, first.id);
      const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'always_allow' });
      assert.equal(answer.body.rule.tool, 'Bash');
      assert.equal(answer.body.rule.pattern, 'echo hello-from-bash');
      await waitForTaskStatus(forge, first.id, ['completed']);

      const rules = await forge.api('GET', '/api/settings/permissions');
      assert.ok(rules.body.some((r: any) => r.id === answer.body.rule.id));

      const second = await forge.createTask({ title: 'echo again', description: '[[scenario:bash-echo]]' });
      await forge.api('POST', `/api/tasks/${second.id}/execute`);
      await waitForTaskStatus(forge, second.id, ['completed']);
      const entries = await forge.collectLogs(second.id);
      assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
      const decision = entries.find((e) => e.type === 'permission_decision');
      assert.equal(decision.source, 'always_allow');
      assert.equal(decision.ruleId, answer.body.rule.id, 'the rule use is visible in the log');
      assert.match(entries.find((e) => e.type === 'tool_result').output, /hello-from-bash/);

      const revoked = await forge.api('DELETE', `/api/settings/permissions/${answer.body.rule.id}`);
      assert.equal(revoked.status, 204);
      const third = await forge.createTask({ title: 'echo thrice', description: '[[scenario:bash-echo]]' });
      await forge.api('POST', `/api/tasks/${third.id}/execute`);
      await waitForPendingApproval(forge, third.id);
      await forge.api('POST', `/api/tasks/${third.id}/cancel`);
    });

    test('Always Allow also releases the other requests the new rule covers, so the inbox holds no settled questions', async () => {
      const tasks: any[] = [];
      for (const title of ['first echo', 'second echo']) tasks.push(await forge.createTask({ title, description: '[[scenario:bash-echo]]' }));
      for (const task of tasks) await forge.api('POST', `/api/tasks/${task.id}/execute`);
      const pendingFor = async (taskId: string) =>
        (await forge.api('GET', '/api/notifications?status=pending')).body.find((n: any) => n.taskId === taskId);
      const first = await forge.waitFor(() => pendingFor(tasks[0].id));
      const second = await forge.waitFor(() => pendingFor(tasks[1].id));
      const answer = await forge.api('POST', `/api/notifications/${first.id}/respond`, { decision: 'always_allow' });
      for (const task of tasks) assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');
      const released = (await forge.api('GET', '/api/notifications?status=approved')).body.find((n: any) => n.id === second.id);
      assert.match(released.message, /Always Allow rule/);
      assert.equal(await pendingFor(tasks[1].id), undefined);
      await forge.api('DELETE', `/api/settings/permissions/${answer.body.rule.id}`);
    });
  });
}
