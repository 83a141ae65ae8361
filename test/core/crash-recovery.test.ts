import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { followTaskLogs } from '../../src/cli/sse-client.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { ENGINES, createTestDatabase } from '../support/databases.js';
import { freePort, pollUntil, requestJson, spawnForgeProcess, type ForgeProcess } from '../support/server-process.js';

for (const engine of ENGINES) {
  describe(`kill -9 while an approval is pending (${engine})`, () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    });
    after(() => sim.close());

    test('the approval survives, answering it finishes the same run, and an SSE client sees every entry once', async () => {
      const database = await createTestDatabase(engine);
      const port = await freePort();
      const env = {
        FORGE_DATA_DIR: database.dataDir,
        FORGE_DATABASE_URL: database.databaseUrl,
        FORGE_LEASE_SECONDS: '2',
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: sim.url,
      };
      let server: ForgeProcess = await spawnForgeProcess({ port, env });
      try {
        const workingDirectory = mkdtempSync(join(tmpdir(), 'forge-ws-'));
        const project = await requestJson(`${server.url}/api/projects`, 'POST', { name: 'crash', workingDirectory });
        const task = await requestJson(`${server.url}/api/tasks`, 'POST', {
          title: 'Create hello',
          description: '[[scenario:write-file]]',
          projectId: project.id,
          assignedAgent: 'anthropic',
          agentProfile: 'general',
        });

        // An SSE client that follows the log across the crash, reconnecting with Last-Event-ID.
        const seen: any[] = [];
        let reconnects = 0;
        const following = followTaskLogs(`${server.url}/api/tasks/${task.id}/logs`, {
          reconnectDelayMs: 200,
          onEntry: (entry) => void seen.push(entry),
          onReconnect: () => void reconnects++,
        });

        const accepted = await requestJson(`${server.url}/api/tasks/${task.id}/execute`, 'POST');
        const pending = await pollUntil(async () =>
          (await requestJson(`${server.url}/api/notifications?status=pending`)).find((n: any) => n.taskId === task.id),
        );
        await pollUntil(async () => seen.some((e) => e.type === 'permission_request') || undefined);

        await server.kill();
        server = await spawnForgeProcess({ port, env });

        const stillPending = await requestJson(`${server.url}/api/notifications?status=pending`);
        assert.deepEqual(stillPending.map((n: any) => n.id), [pending.id], 'the same request is still pending after the restart');
        assert.equal(existsSync(join(workingDirectory, 'hello.txt')), false);

        await requestJson(`${server.url}/api/notifications/${pending.id}/respond`, 'POST', { decision: 'approve' });
        await following;

        const finished = await requestJson(`${server.url}/api/tasks/${task.id}`);
        assert.equal(finished.status, 'completed');
        assert.equal(finished.execution.id, accepted.sessionId, 'the same execution finished');
        assert.equal(readFileSync(join(workingDirectory, 'hello.txt'), 'utf8'), 'hi\n');
        assert.ok(reconnects >= 1, 'the client had to reconnect');

        // Exactly once: the client's entries are the whole durable log, in order, without duplicates.
        const all: any[] = [];
        await followTaskLogs(`${server.url}/api/tasks/${task.id}/logs`, { onEntry: (e) => void all.push(e) });
        assert.deepEqual(seen.map((e) => e.id), all.map((e) => e.id));
        assert.equal(new Set(seen.map((e) => e.id)).size, seen.length);
        assert.equal(seen.filter((e) => e.type === 'permission_request').length, 1, 'asked once, not again after the restart');
        assert.equal(seen.at(-1).status, 'completed');
        assert.equal(seen.find((e) => e.type === 'result').output, 'Done: created hello.txt');

        // The resumed run continued the conversation: the model was asked each turn once, not from the start.
        const modelCalls = sim.requests.filter((r) => r.path.endsWith('/v1/messages'));
        assert.deepEqual(modelCalls.map((r) => r.turn), [0, 1]);
      } finally {
        await server.kill();
        await database.drop();
      }
    });
  });
}
