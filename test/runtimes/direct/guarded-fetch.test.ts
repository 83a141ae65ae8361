import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { guardedFetch, retryAfterMs } from '../../../src/runtimes/direct/guarded-fetch.js';
import {
  ConnectionLostError,
  HttpStatusError,
  MalformedStreamError,
  StreamStalledError,
} from '../../../src/runtimes/direct/model-faults.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../../src/simulator/index.js';

/** Generous, so a busy machine never turns a slow answer into a stall; the stall tests set their own. */
const IDLE_MS = 5_000;
const STALL_MS = 300;

describe('guardedFetch turns wire faults into named errors', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
  });
  after(() => sim.close());

  const post = (route: string, scenario: string, options: { signal?: AbortSignal; idleMs?: number } = {}) =>
    guardedFetch({ idleMs: IDLE_MS, ...options })(`${sim.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: `[[scenario:${scenario}]] ${Math.random()}` }] }),
    });
  const chat = (scenario: string) => post('/v1/chat/completions', scenario);
  const readAll = async (response: Response) => response.text();

  test('a healthy stream passes through byte for byte', async () => {
    const body = await readAll(await chat('hello'));
    assert.match(body, /"Hello from/);
    assert.match(body, /data: \[DONE\]/);
  });

  test('an error status becomes HttpStatusError with the body message and retry-after', async () => {
    await assert.rejects(chat('fault-rate-limited'), (error: unknown) => {
      assert.ok(error instanceof HttpStatusError);
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 1000);
      assert.equal(error.message, 'HTTP 429 rate limited: Simulated HTTP 429');
      return true;
    });
  });

  test('garbage in a server-sent event stream is a malformed stream naming the endpoint', async () => {
    const response = await chat('fault-malformed');
    await assert.rejects(readAll(response), (error: unknown) => {
      assert.ok(error instanceof MalformedStreamError);
      assert.match(error.message, new RegExp(`^malformed stream from ${sim.url}/v1/chat/completions: event data is not JSON: \\{"type": <<simulated garbage>>`));
      return true;
    });
  });

  test('garbage in an NDJSON stream is caught too (the ollama client would skip it silently)', async () => {
    const response = await post('/api/chat', 'fault-malformed');
    await assert.rejects(readAll(response), (error: unknown) => error instanceof MalformedStreamError && /line is not JSON/.test(error.message));
  });

  test('a stream that goes quiet fails after the idle limit', async () => {
    const started = Date.now();
    const response = await post('/v1/chat/completions', 'fault-stall', { idleMs: STALL_MS });
    await assert.rejects(readAll(response), (error: unknown) => {
      assert.ok(error instanceof StreamStalledError);
      assert.equal(error.message, 'stream stalled: no data for 0.3 s');
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= STALL_MS - 20 && elapsed < IDLE_MS, `gave up after ${elapsed} ms`);
  });

  test('a connection reset mid-stream is ConnectionLostError', async () => {
    const response = await chat('fault-reset');
    await assert.rejects(readAll(response), (error: unknown) => error instanceof ConnectionLostError && /^connection reset: /.test(error.message));
  });

  test('a server that never answers the headers counts as a stall too', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      await assert.rejects(guardedFetch({ idleMs: STALL_MS })(`http://127.0.0.1:${port}/v1/messages`), StreamStalledError);
    } finally {
      silent.close();
    }
  });

  test('a refused connection is ConnectionLostError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(guardedFetch({ idleMs: IDLE_MS })(`http://127.0.0.1:${port}/api/chat`), (error: unknown) => {
      assert.ok(error instanceof ConnectionLostError);
      assert.match(error.message, /^connection failed: .*ECONNREFUSED/);
      return true;
    });
  });

  test("the caller's abort stays an abort, not a fault", async () => {
    const cancel = new AbortController();
    const response = await post('/v1/chat/completions', 'fault-stall', { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 50);
    await assert.rejects(readAll(response), (error: unknown) => (error as Error).name === 'AbortError');
  });
});

describe('retryAfterMs', () => {
  test('reads retry-after-ms, retry-after in seconds and as an HTTP date', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250' })), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '1.5' })), 1500);
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const fromDate = retryAfterMs(new Headers({ 'retry-after': inTwoSeconds }))!;
    assert.ok(fromDate > 0 && fromDate <= 2_000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(new Headers()), undefined);
  });
});
