import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestForge, waitForTaskStatus, type TestForge } from '../support/forge-harness.js';

/** Reads an SSE response as raw text until `done(text)` says enough. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return text;
}

function dataOf(text: string): any[] {
  return text
    .split('\n\n')
    .map((frame) => frame.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n'))
    .filter(Boolean)
    .map((data) => JSON.parse(data));
}

describe('GET /api/events', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startTestForge();
  });
  after(() => forge.close());

  test('carries every status change of every task and every notification change, with keep-alives between', async () => {
    const controller = new AbortController();
    const response = await fetch(`${forge.url}/api/events`, { signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/event-stream/);

    const task = await forge.createTask({ title: 'Create hello', description: '[[scenario:write-file]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    const pending = await forge.waitFor(async () => (await forge.api('GET', '/api/notifications?status=pending')).body[0]);
    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    await waitForTaskStatus(forge, task.id, ['completed']);

    const text = await readUntil(response, (sofar) => sofar.includes('"completed"') && sofar.includes(': keep-alive'));
    controller.abort();
    assert.match(text, /^retry: 1000\n\n/, 'tells EventSource to come back quickly');
    const events = dataOf(text);
    const statuses = events.filter((e) => e.kind === 'task').map((e) => [e.taskId, e.status]);
    assert.deepEqual(
      statuses.map(([, status]) => status).filter((status, i, all) => status !== all[i - 1]),
      ['queued', 'running', 'waiting_approval', 'running', 'completed'],
    );
    assert.ok(statuses.every(([taskId]) => taskId === task.id));
    const notifications = events.filter((e) => e.kind === 'notification').map((e) => [e.notification.id, e.notification.status]);
    assert.deepEqual(notifications, [
      [pending.id, 'pending'],
      [pending.id, 'approved'],
    ]);
  });

  test('a client that goes away is unsubscribed from the bus', async () => {
    const bus = forge.server.forge.bus;
    let subscriptions = 0;
    const counted = <T extends (...args: any[]) => () => void>(subscribe: T) =>
      ((...args: any[]) => {
        subscriptions += 1;
        const unsubscribe = subscribe(...args);
        return () => {
          subscriptions -= 1;
          unsubscribe();
        };
      }) as T;
    bus.onLog = counted(bus.onLog.bind(bus));
    bus.onNotification = counted(bus.onNotification.bind(bus));

    const controller = new AbortController();
    const response = await fetch(`${forge.url}/api/events`, { signal: controller.signal });
    await readUntil(response, (sofar) => sofar.includes('retry:'));
    assert.equal(subscriptions, 2, 'one subscription for logs, one for notifications');
    controller.abort();
    await forge.waitFor(async () => subscriptions === 0, 5000);
  });
});
