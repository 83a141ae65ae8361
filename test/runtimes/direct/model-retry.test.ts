import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ConnectionLostError,
  HttpStatusError,
  MalformedStreamError,
  StreamStalledError,
} from '../../../src/runtimes/direct/model-faults.js';
import { callWithRetries, isTransient, retryDelayMs, type RetryPolicy } from '../../../src/runtimes/direct/model-retry.js';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 5 };

/** A call that fails with the given errors in turn, then answers. */
function failingCall(errors: unknown[]) {
  let calls = 0;
  const call = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'answer';
  };
  return { call, calls: () => calls };
}

/** How the client libraries hand the fault over: wrapped, with the fault as the cause. */
function wrapped(fault: Error): Error {
  return new Error('Connection error.', { cause: fault });
}

interface RetryOutcome {
  value?: string;
  error?: Error;
  messages: string[];
  calls: number;
}

async function retrying(errors: unknown[], options: { signal?: AbortSignal; policy?: RetryPolicy } = {}): Promise<RetryOutcome> {
  const messages: string[] = [];
  const { call, calls } = failingCall(errors);
  const outcome = await callWithRetries(call, {
    policy: options.policy ?? policy,
    runtime: 'anthropic',
    signal: options.signal ?? new AbortController().signal,
    onRetry: async (message) => void messages.push(message),
    random: () => 0.5,
  }).then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
  return { ...outcome, messages, calls: calls() };
}

describe('which model-call faults are retried', () => {
  for (const status of [429, 500, 502, 503, 529]) {
    test(`HTTP ${status} is retried`, () => assert.equal(isTransient(new HttpStatusError(status, '', undefined)), true));
  }
  for (const status of [400, 401, 403, 404, 413]) {
    test(`HTTP ${status} is not`, () => assert.equal(isTransient(new HttpStatusError(status, '', undefined)), false));
  }
  test('a reset or refused connection is retried; a stall or garbage is not', () => {
    assert.equal(isTransient(new ConnectionLostError('connection reset', 'other side closed')), true);
    assert.equal(isTransient(new ConnectionLostError('connection failed', 'connect ECONNREFUSED')), true);
    assert.equal(isTransient(new StreamStalledError(300)), false);
    assert.equal(isTransient(new MalformedStreamError('http://x/v1/messages', 'event data is not JSON')), false);
  });
});

describe('the delay before a retry', () => {
  test('honours retry-after, capped at a minute', () => {
    assert.equal(retryDelayMs(new HttpStatusError(429, '', 1500), 1, policy), 1500);
    assert.equal(retryDelayMs(new HttpStatusError(429, '', 3_600_000), 1, policy), 60_000);
  });
  test('otherwise doubles per retry, with jitter between half and all of the step', () => {
    const fault = new HttpStatusError(503, '', undefined);
    const slow: RetryPolicy = { maxRetries: 5, baseDelayMs: 400 };
    assert.equal(retryDelayMs(fault, 1, slow, () => 0), 200);
    assert.equal(retryDelayMs(fault, 1, slow, () => 0.999), 400);
    assert.equal(retryDelayMs(fault, 3, slow, () => 0), 800);
    assert.equal(retryDelayMs(fault, 20, slow, () => 0), 30_000, 'never beyond a minute');
  });
});

describe('callWithRetries', () => {
  test('retries a transient fault and reports each retry in words', async () => {
    const outcome = await retrying([wrapped(new HttpStatusError(529, 'Overloaded', undefined)), wrapped(new ConnectionLostError('connection reset', 'other side closed'))]);
    assert.equal(outcome.value, 'answer');
    assert.equal(outcome.calls, 3);
    assert.deepEqual(outcome.messages, [
      'anthropic: HTTP 529 overloaded: Overloaded; retry 1/3 in 4 ms',
      'anthropic: connection reset: other side closed; retry 2/3 in 8 ms',
    ]);
  });

  test('waits as long as retry-after says', async () => {
    const started = Date.now();
    const outcome = await retrying([wrapped(new HttpStatusError(429, 'slow down', 200))]);
    assert.equal(outcome.value, 'answer');
    assert.ok(Date.now() - started >= 190, 'waited for the retry-after');
    assert.deepEqual(outcome.messages, ['anthropic: HTTP 429 rate limited: slow down; retry 1/3 in 0.2 s']);
  });

  test('gives up after the limit with a message naming the fault', async () => {
    const fault = new HttpStatusError(503, 'down for maintenance', undefined);
    const outcome = await retrying([fault, fault, fault, fault, fault]);
    assert.equal(outcome.calls, 4, 'one attempt and three retries');
    assert.equal(outcome.messages.length, 3);
    assert.equal(outcome.error?.message, 'HTTP 503 unavailable: down for maintenance (gave up after 3 retries)');
  });

  test('a limit of 0 means one attempt', async () => {
    const outcome = await retrying([new HttpStatusError(500, '', undefined)], { policy: { maxRetries: 0, baseDelayMs: 5 } });
    assert.equal(outcome.calls, 1);
    assert.match(outcome.error!.message, /HTTP 500 server error \(gave up after 0 retries\)/);
  });

  test('a stall fails at once, as the fault itself rather than the client wrapper', async () => {
    const outcome = await retrying([wrapped(new StreamStalledError(300))]);
    assert.equal(outcome.calls, 1);
    assert.deepEqual(outcome.messages, []);
    assert.equal(outcome.error?.message, 'stream stalled: no data for 0.3 s');
  });

  test('an error that is no wire fault passes through untouched', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const outcome = await retrying([bug]);
    assert.equal(outcome.error, bug);
    assert.equal(outcome.calls, 1);
  });

  test('a cancel during the backoff stops retrying', async () => {
    const cancel = new AbortController();
    const pending = retrying([new HttpStatusError(429, '', 5_000), new HttpStatusError(429, '', 5_000)], { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 20);
    const started = Date.now();
    const outcome = await pending;
    assert.ok(Date.now() - started < 1_000);
    assert.equal(outcome.calls, 1);
    assert.equal(outcome.error?.name, 'AbortError');
  });
});
