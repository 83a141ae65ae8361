import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestForge, waitForTaskStatus, type TestForge, waitForPendingApproval } from '../support/forge-harness.js';

describe('scheduling', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startTestForge({ config: { maxConcurrency: 2 } });
    forge.sim.addScenario({ name: 'slow', turns: [{ text: 'slow answer', delayMs: 400 }] });
  });
  after(() => forge.close());

  test('no more than the global cap run at once; the rest wait visibly queued and start most urgent first', async () => {
    const tasks: any[] = [];
    for (const priority of [5, 4, 3, 1, 2]) {
      tasks.push(await forge.createTask({ title: `p${priority}`, description: '[[scenario:slow]]', priority }));
    }
    let maxRunning = 0;
    const sampler = setInterval(() => (maxRunning = Math.max(maxRunning, forge.server.forge.scheduler.runningCount)), 5);
    // Queue all five before the scheduler gets going, so priority decides the order.
    await Promise.all(tasks.map((t) => forge.api('POST', `/api/tasks/${t.id}/execute`)));
    const queued = await forge.api('GET', '/api/tasks?status=queued');
    assert.ok(queued.body.length >= 3, 'the tasks beyond the cap are listed as queued');
    const finished = [];
    for (const t of tasks) finished.push(await waitForTaskStatus(forge, t.id, ['completed']));
    clearInterval(sampler);
    assert.equal(maxRunning, 2);
    // The first two were leased as they arrived; the other three waited and were leased most urgent first.
    const byLease = finished.sort((a, b) => a.execution.startedAt.localeCompare(b.execution.startedAt)).slice(2);
    for (let i = 1; i < byLease.length; i++) {
      if (byLease[i].execution.startedAt > byLease[i - 1].execution.startedAt) {
        assert.ok(byLease[i - 1].priority <= byLease[i].priority, `priority ${byLease[i - 1].priority} leased before ${byLease[i].priority}`);
      }
    }
  });

  test('cancel stops a running task promptly and is final', async () => {
    forge.sim.addScenario({ name: 'very-slow', turns: [{ text: 'a long, long answer that takes its time', chunkDelayMs: 500 }] });
    const task = await forge.createTask({ title: 'slow', description: '[[scenario:very-slow]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await waitForTaskStatus(forge, task.id, ['running']);
    const began = Date.now();
    const cancelled = await forge.api('POST', `/api/tasks/${task.id}/cancel`);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.ok(cancelled.body.finishedAt, 'the answer shows when it ended');
    const entries = await forge.collectLogs(task.id);
    assert.ok(Date.now() - began < 2000, 'the stream ended promptly');
    assert.equal(entries.at(-1).status, 'cancelled');
    await new Promise((r) => setTimeout(r, 700));
    const after = await forge.api('GET', `/api/tasks/${task.id}`);
    assert.equal(after.body.status, 'cancelled', 'a late write from the run does not overwrite cancelled');
    assert.equal(after.body.execution.status, 'cancelled');
    assert.equal(forge.server.forge.scheduler.runningCount, 0, 'the slot was freed');
  });

  test('cancelling a task waiting for approval withdraws its request', async () => {
    const task = await forge.createTask({ title: 'write', description: '[[scenario:write-file]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await waitForPendingApproval(forge, task.id);
    await forge.api('POST', `/api/tasks/${task.id}/cancel`);
    const list = await forge.api('GET', '/api/notifications?status=cancelled');
    assert.ok(list.body.some((n: any) => n.id === pending.id));
    const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    assert.equal(answer.status, 409);
  });

  test('a finished task can be executed again as a new execution', async () => {
    const task = await forge.createTask({ title: 'twice', description: '[[scenario:hello]]' });
    const first = await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await waitForTaskStatus(forge, task.id, ['completed']);
    const second = await forge.api('POST', `/api/tasks/${task.id}/execute`);
    assert.equal(second.status, 202);
    assert.notEqual(second.body.sessionId, first.body.sessionId);
    await waitForTaskStatus(forge, task.id, ['completed']);
  });

  test('an upstream error fails the execution with a reason', async () => {
    forge.sim.addScenario({ name: 'broken', turns: [{ text: 'x', fault: { kind: 'http', status: 400 } }] });
    const task = await forge.createTask({ title: 'broken', description: '[[scenario:broken]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(forge, task.id, ['failed', 'completed']);
    assert.equal(done.status, 'failed');
    assert.match(done.execution.error, /anthropic/);
    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.at(-1).status, 'failed');
    assert.ok(entries.some((e) => e.type === 'error'));
  });
});
