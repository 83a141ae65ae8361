import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { followTaskLogs } from '../../../src/cli/sse-client.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createTestDatabase } from '../../support/databases.js';
import { waitForTaskStatus } from '../../support/forge-harness.js';
import { freePort, pollUntil, requestJson, spawnForgeProcess, type ForgeProcess } from '../../support/server-process.js';
import { codexProcessesIn, pendingNotificationFor, startCodexForge, workspaceOf } from './codex-fixture.js';

/** The checks both restart tests share: one request, the command ran once, the same thread went on. */
function assertResumedOnce(entries: any[], sim: Simulator, toolUseId: string): void {
  assert.equal(entries.filter((e) => e.type === 'permission_request').length, 1, 'asked once, not again after the restart');
  assert.equal(entries.filter((e) => e.type === 'tool_use' && e.toolUseId === toolUseId).length, 1);
  const results = entries.filter((e) => e.type === 'tool_result');
  assert.equal(results.length, 1);
  assert.equal(results[0].toolUseId, toolUseId, 'the re-issued call is logged under the call that was approved');
  assert.equal(results[0].isError, false);
  assert.equal(entries.find((e) => e.type === 'result').output, 'Wrote resumed.txt.');
  assert.equal(entries.at(-1).status, 'completed');

  const modelCalls = sim.requests.filter((r) => r.scenario === 'codex-exec-reissued');
  assert.deepEqual(modelCalls.map((r) => r.turn), [0, 1, 2], 'the thread continued: the task was not sent again');
  const lastUserText = JSON.stringify(modelCalls[1]!.body.input.filter((i: any) => i.role === 'user').at(-1));
  assert.match(lastUserText, /approved Bash `echo resumed > resumed.txt`/, 'the model learned the decision');
}

describe('a codex run waiting on an approval, across a restart', () => {
  test('an orderly restart: the approval is asked once and the thread completes after it', async () => {
    const setup = await startCodexForge();
    try {
      const { forge, sim } = setup;
      const task = await forge.createTask({ title: 'marker', description: 'Write a marker. [[scenario:codex-exec-reissued]]', assignedAgent: 'codex' });
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      const pending = await pendingNotificationFor(forge, task.id);
      const workspace = await workspaceOf(forge, task);

      await forge.restart();
      await forge.waitFor(async () => codexProcessesIn(workspace).length === 0 || undefined);
      assert.equal(existsSync(join(workspace, 'resumed.txt')), false);

      await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', JSON.stringify(done.execution));
      assert.equal(readFileSync(join(workspace, 'resumed.txt'), 'utf8'), 'resumed\n');
      assertResumedOnce(await forge.collectLogs(task.id), sim, pending.toolUseId);
    } finally {
      await setup.close();
    }
  });

  describe('kill -9 of the server process', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    });
    after(() => sim.close());

    test('the thread survives in the data dir; after the restart, approving completes the same execution', async () => {
      const database = await createTestDatabase('sqlite');
      const port = await freePort();
      const env = {
        FORGE_DATA_DIR: database.dataDir,
        FORGE_LEASE_SECONDS: '2',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: `${sim.url}/v1`,
      };
      let server: ForgeProcess = await spawnForgeProcess({ port, env });
      try {
        const workingDirectory = mkdtempSync(join(tmpdir(), 'forge-ws-'));
        const project = await requestJson(`${server.url}/api/projects`, 'POST', { name: 'crash', workingDirectory });
        const task = await requestJson(`${server.url}/api/tasks`, 'POST', {
          title: 'marker',
          description: 'Write a marker. [[scenario:codex-exec-reissued]]',
          projectId: project.id,
          assignedAgent: 'codex',
          agentProfile: 'general',
        });
        const accepted = await requestJson(`${server.url}/api/tasks/${task.id}/execute`, 'POST');
        const pending = await pollUntil(async () =>
          (await requestJson(`${server.url}/api/notifications?status=pending`)).find((n: any) => n.taskId === task.id),
        );

        await server.kill();
        // Its stdin closed with the server, so the orphaned app-server exits by itself.
        await pollUntil(async () => codexProcessesIn(workingDirectory).length === 0, 10_000);
        server = await spawnForgeProcess({ port, env });

        const stillPending = await requestJson(`${server.url}/api/notifications?status=pending`);
        assert.deepEqual(stillPending.map((n: any) => n.id), [pending.id], 'the same request is still pending');
        await requestJson(`${server.url}/api/notifications/${pending.id}/respond`, 'POST', { decision: 'approve' });

        const finished = await pollUntil(async () => {
          const current = await requestJson(`${server.url}/api/tasks/${task.id}`);
          return ['completed', 'failed'].includes(current.status) ? current : undefined;
        });
        assert.equal(finished.status, 'completed', JSON.stringify(finished.execution));
        assert.equal(finished.execution.id, accepted.sessionId, 'the same execution finished');
        assert.equal(readFileSync(join(workingDirectory, 'resumed.txt'), 'utf8'), 'resumed\n');

        const entries: any[] = [];
        await followTaskLogs(`${server.url}/api/tasks/${task.id}/logs`, { onEntry: (e) => void entries.push(e) });
        assertResumedOnce(entries, sim, pending.toolUseId);
      } finally {
        await server.kill();
        await database.drop();
      }
    });
  });
});
