import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestForge, waitForTaskStatus, type TestForge, waitForPendingApproval } from '../support/forge-harness.js';

describe('two Forge processes sharing one PostgreSQL database', () => {
  let sim: Simulator;
  let database: TestDatabase;
  let front: TestForge; // takes API calls and serves SSE, runs nothing
  let worker: TestForge; // runs the executions
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    database = await createTestDatabase('postgres');
    front = await startTestForge({ sim, database, config: { maxConcurrency: 0 } });
    worker = await startTestForge({ sim, database });
  });
  after(async () => {
    await front.close();
    await worker.close();
    await sim.close();
    await database.drop();
  });

  test('an SSE client on one process sees the other process work live, and an answer given on one wakes the other at once', async () => {
    const task = await front.createTask({ title: 'Create hello', description: '[[scenario:write-file]]' });
    const seen: any[] = [];
    const following = front.collectLogs(task.id).then((entries) => seen.push(...entries));
    const live: any[] = [];
    const stop = front.server.forge.bus.onLog(task.id, (entry) => live.push(entry));

    assert.equal((await front.api('POST', `/api/tasks/${task.id}/execute`)).status, 202);
    const pending = await front.waitFor(async () => live.find((e) => e.type === 'permission_request'));
    assert.equal(front.server.forge.scheduler.runningCount, 0, 'the front process ran nothing');
    assert.equal(worker.server.forge.scheduler.runningCount, 1, 'the worker runs it');

    const answeredAt = Date.now();
    await front.api('POST', `/api/notifications/${pending.notificationId}/respond`, { decision: 'approve' });
    await front.waitFor(async () => live.find((e) => e.type === 'permission_decision'));
    assert.ok(Date.now() - answeredAt < 1500, `woken by NOTIFY, not the 2 s poll (${Date.now() - answeredAt} ms)`);

    await waitForTaskStatus(front, task.id, ['completed']);
    await following;
    stop();
    assert.equal(seen.at(-1).status, 'completed');
    assert.equal(new Set(seen.map((e) => e.id)).size, seen.length, 'no duplicates');
    assert.deepEqual(seen.map((e) => e.id), [...seen.map((e) => e.id)].sort((a, b) => a - b), 'in commit order');
  });

  test('a worker that shuts down hands its runs back at once; another process resumes them without waiting for the lease to expire', async () => {
    const task = await front.createTask({ title: 'Create hello', description: '[[scenario:write-file]]' });
    await front.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await waitForPendingApproval(front, task.id);
    await worker.server.close();
    const released = await front.api('GET', `/api/tasks/${task.id}`);
    assert.equal(released.body.status, 'queued', 'handed back, not left running under a dead lease');

    const successor = await startTestForge({ sim, database });
    try {
      await front.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      const done = await waitForTaskStatus(front, task.id, ['completed', 'failed'], 10_000);
      assert.equal(done.status, 'completed');
      const requests = (await front.api('GET', '/api/notifications?status=approved')).body.filter((n: any) => n.taskId === task.id);
      assert.equal(requests.length, 1, 'asked once across the hand-over');
    } finally {
      await successor.close();
      worker = await startTestForge({ sim, database });
    }
  });
});
