import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appendLog, logsAfter, logTail } from '../../src/store/agent-logs.js';
import { openStore, type Store } from '../../src/store/database.js';
import {
  cancelExecution,
  finishExecution,
  insertExecution,
  leaseNextExecution,
  renewLeases,
  requeueOrphanedExecutions,
} from '../../src/store/executions.js';
import { answerNotification, findOrCreateNotification } from '../../src/store/notifications.js';
import { insertTask } from '../../src/store/tasks.js';
import { ENGINES, createTestDatabase, type TestDatabase } from '../support/databases.js';

for (const engine of ENGINES) {
  describe(`store (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await createTestDatabase(engine);
      store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const newTask = (title: string, priority = 3) =>
      insertTask(store.db, { title, description: '', projectId: null, assignedAgent: 'anthropic', agentProfile: 'general', priority, continueFromTaskId: null });

    test('migrations are idempotent: opening again changes nothing', async () => {
      const again = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      await again.close();
    });

    test('the database allows one active execution per task', async () => {
      const task = await newTask('one');
      await insertExecution(store.db, { taskId: task.id, runtime: 'anthropic', profileId: 'general', priority: 3, simulated: false });
      await assert.rejects(insertExecution(store.db, { taskId: task.id, runtime: 'anthropic', profileId: 'general', priority: 3, simulated: false }));
    });

    test('leasing hands each queued execution to one worker, most urgent first, honouring skipped runtimes', async () => {
      await store.db.deleteFrom('executions').execute();
      const low = await newTask('low', 5);
      const high = await newTask('high', 1);
      const other = await newTask('other', 1);
      await insertExecution(store.db, { taskId: low.id, runtime: 'anthropic', profileId: 'general', priority: 5, simulated: false });
      await insertExecution(store.db, { taskId: high.id, runtime: 'anthropic', profileId: 'general', priority: 1, simulated: false });
      await insertExecution(store.db, { taskId: other.id, runtime: 'ollama', profileId: 'general', priority: 1, simulated: false });
      const leases = await Promise.all(
        ['w1', 'w2', 'w3', 'w4'].map((owner) =>
          leaseNextExecution(store.db, store.engine, { owner, leaseSeconds: 30, skipRuntimes: ['ollama'] }),
        ),
      );
      const got = leases.filter(Boolean).map((r) => r!.task_id);
      assert.equal(got.length, 2, 'only the two anthropic executions were leased');
      assert.equal(new Set(got).size, 2, 'never the same execution twice');
      assert.ok(leases.every((r) => !r || r.attempt === 1));
      const first = await leaseNextExecution(store.db, store.engine, { owner: 'w5', leaseSeconds: 30, skipRuntimes: [] });
      assert.equal(first!.task_id, other.id);
    });

    test('a cancelled execution cannot be finished by its worker, and its lease is gone', async () => {
      await store.db.deleteFrom('executions').execute();
      const task = await newTask('fenced');
      await insertExecution(store.db, { taskId: task.id, runtime: 'anthropic', profileId: 'general', priority: 3, simulated: false });
      const leased = (await leaseNextExecution(store.db, store.engine, { owner: 'w1', leaseSeconds: 30, skipRuntimes: [] }))!;
      assert.equal(await cancelExecution(store.db, leased.id, 'user'), true);
      assert.equal(await finishExecution(store.db, leased.id, 'w1', { status: 'completed', result: 'late' }), false);
      assert.deepEqual(await renewLeases(store.db, 'w1', [leased.id], 30), [leased.id]);
      const row = await store.db.selectFrom('executions').selectAll().where('id', '=', leased.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'cancelled');
      assert.equal(row.result, null);
    });

    test('only the lease holder may finish; expired leases are requeued for another worker', async () => {
      await store.db.deleteFrom('executions').execute();
      const task = await newTask('orphan');
      await insertExecution(store.db, { taskId: task.id, runtime: 'anthropic', profileId: 'general', priority: 3, simulated: false });
      const leased = (await leaseNextExecution(store.db, store.engine, { owner: 'dead', leaseSeconds: -1, skipRuntimes: [] }))!;
      assert.equal(await finishExecution(store.db, leased.id, 'someone-else', { status: 'completed' }), false);
      const requeued = await requeueOrphanedExecutions(store.db, { allRunning: false });
      assert.deepEqual(requeued.map((r) => r.id), [leased.id]);
      const again = (await leaseNextExecution(store.db, store.engine, { owner: 'alive', leaseSeconds: 30, skipRuntimes: [] }))!;
      assert.equal(again.id, leased.id);
      assert.equal(again.attempt, 2);
      assert.equal(await finishExecution(store.db, leased.id, 'dead', { status: 'failed' }), false, 'the dead worker cannot write');
      assert.equal(await finishExecution(store.db, leased.id, 'alive', { status: 'completed' }), true);
    });

    test('log ids ascend, resume after a cursor, and the tail comes back oldest first', async () => {
      const task = await newTask('logs');
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await appendLog(store.db, task.id, 'exec', { type: 'assistant_text', text: `t${i}` })).id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
      assert.deepEqual((await logsAfter(store.db, task.id, ids[1]!)).map((e) => e.id), ids.slice(2));
      const tail = await logTail(store.db, task.id, 2);
      assert.deepEqual(tail.map((e) => (e.type === 'assistant_text' ? e.text : '')), ['t3', 't4']);
    });

    test('a permission request is keyed by tool call, and can be answered once', async () => {
      const input = { taskId: 't', executionId: 'e', toolUseId: 'call-1', tool: 'Write', input: { file_path: 'a' } };
      const first = await findOrCreateNotification(store.db, input);
      const second = await findOrCreateNotification(store.db, input);
      assert.equal(first.created, true);
      assert.equal(second.created, false);
      assert.equal(second.notification.id, first.notification.id);
      assert.equal(await answerNotification(store.db, first.notification.id, { decision: 'approve', message: null }), true);
      assert.equal(await answerNotification(store.db, first.notification.id, { decision: 'deny', message: null }), false);
    });
  });
}
