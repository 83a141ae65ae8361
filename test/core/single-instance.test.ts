import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator } from '../../src/simulator/index.js';
import { createTestDatabase } from '../support/databases.js';
import { freePort, pollUntil, requestJson, spawnForgeProcess } from '../support/server-process.js';

const FORGE_BIN = fileURLToPath(new URL('../../bin/forge.js', import.meta.url));

test('a second server on the same SQLite data dir refuses to start and leaves the first one’s waiting run alone', async () => {
  const sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
  const database = await createTestDatabase('sqlite');
  const env = { FORGE_DATA_DIR: database.dataDir, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: sim.url };
  const first = await spawnForgeProcess({ port: await freePort(), env });
  try {
    const task = await requestJson(`${first.url}/api/tasks`, 'POST', {
      title: 'hello',
      description: '[[scenario:write-file]]',
      assignedAgent: 'anthropic',
      agentProfile: 'general',
    });
    await requestJson(`${first.url}/api/tasks/${task.id}/execute`, 'POST');
    const pending = await pollUntil(async () =>
      (await requestJson(`${first.url}/api/notifications?status=pending`)).find((n: any) => n.taskId === task.id),
    );

    for (const port of [await freePort(), Number(new URL(first.url).port)]) {
      const second = spawnSync(process.execPath, [FORGE_BIN, 'serve'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, FORGE_SIMULATOR: 'off', PORT: String(port), ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(second.status, 1);
      assert.match(second.stderr, /Another Forge process \(pid \d+\) is using the data dir/);
    }

    const log = await requestJson(`${first.url}/api/tasks/${task.id}/logs/tail?limit=100`);
    assert.ok(!log.some((e: any) => e.type === 'status' && e.status === 'queued' && /server stopped/.test(e.message ?? '')), 'no false recovery');
    await requestJson(`${first.url}/api/notifications/${pending.id}/respond`, 'POST', { decision: 'approve' });
    const done = await pollUntil(async () => {
      const current = await requestJson(`${first.url}/api/tasks/${task.id}`);
      return current.status === 'completed' ? current : undefined;
    });
    assert.equal(done.status, 'completed');
  } finally {
    await first.kill();
    await sim.close();
    await database.drop();
  }
});
