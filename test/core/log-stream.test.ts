import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readSse } from '../../src/cli/sse-client.js';
import { sseFrame } from '../../src/http/sse-frame.js';
import { startTestForge, waitForTaskStatus, type TestForge } from '../support/forge-harness.js';

async function readRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

describe('the SSE log stream', () => {
  let forge: TestForge;
  let taskId: string;
  before(async () => {
    forge = await startTestForge();
    const task = await forge.createTask({ title: 'hello', description: '[[scenario:hello]]' });
    taskId = task.id;
    await forge.api('POST', `/api/tasks/${taskId}/execute`);
    await waitForTaskStatus(forge, taskId, ['completed']);
  });
  after(() => forge.close());

  test('one event per log row, id: is the row id, data: a JSON entry; ends after the terminal status', async () => {
    const raw = await readRaw(`${forge.url}/api/tasks/${taskId}/logs`);
    assert.equal(raw.status, 200);
    assert.match(raw.contentType!, /^text\/event-stream/);
    assert.match(raw.text, /^retry: 1000\n\n/);
    const frames = raw.text.split('\n\n').filter((f) => f.startsWith('id: '));
    const entries = frames.map((f) => ({ id: Number(/^id: (\d+)$/m.exec(f)![1]), data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) }));
    assert.ok(entries.length >= 5);
    for (const e of entries) assert.equal(e.data.id, e.id);
    assert.deepEqual(entries.map((e) => e.data.type).slice(-2), ['result', 'status']);
    assert.equal(entries.at(-1)!.data.status, 'completed');
  });

  test('Last-Event-ID resumes with exactly the entries after it', async () => {
    const all: any[] = [];
    for await (const m of readSse((await fetch(`${forge.url}/api/tasks/${taskId}/logs`)).body!)) all.push(JSON.parse(m.data));
    const cut = all[2].id;
    const rest: any[] = [];
    const response = await fetch(`${forge.url}/api/tasks/${taskId}/logs`, { headers: { 'last-event-id': String(cut) } });
    for await (const m of readSse(response.body!)) rest.push(JSON.parse(m.data));
    assert.deepEqual(rest.map((e) => e.id), all.slice(3).map((e) => e.id));
  });

  test('resuming a finished stream with nothing new answers 204, so EventSource stops reconnecting', async () => {
    const all: any[] = [];
    for await (const m of readSse((await fetch(`${forge.url}/api/tasks/${taskId}/logs`)).body!)) all.push(JSON.parse(m.data));
    const raw = await readRaw(`${forge.url}/api/tasks/${taskId}/logs`, { 'last-event-id': String(all.at(-1).id) });
    assert.equal(raw.status, 204);
  });

  test('live entries are pushed as they are committed, and idle streams get keep-alive comments', async () => {
    const task = await forge.createTask({ title: 'approval', description: '[[scenario:write-file]]' });
    const response = await fetch(`${forge.url}/api/tasks/${task.id}/logs`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value);
      }
    };
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await readUntil(/permission_request/);
    const keepAlivesBefore = (text.match(/^: keep-alive$/gm) ?? []).length;
    await readUntil(new RegExp(`(: keep-alive\\n\\n[^]*){${keepAlivesBefore + 1}}`)); // the harness sets 500 ms
    const pending = (await forge.api('GET', '/api/notifications?status=pending')).body.find((n: any) => n.taskId === task.id);
    const answeredAt = Date.now();
    await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    await readUntil(/"permission_decision"/);
    assert.ok(Date.now() - answeredAt < 400, 'pushed, not polled');
    await readUntil(/"status":"completed"/);
    const { done } = await reader.read();
    assert.equal(done, true, 'the server closed the stream after the terminal status');
  });

  test('a frame never lets data inject another frame', () => {
    assert.equal(sseFrame({ id: 7, data: 'a\nid: 99\n\ndata: evil' }), 'id: 7\ndata: a\ndata: id: 99\ndata: \ndata: data: evil\n\n');
    assert.throws(() => sseFrame({ id: '1\n2', data: 'x' }), /line breaks/);
  });
});
