import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionLostError, HttpStatusError, findWireFault, formatSeconds, type WireFault } from './model-faults.js';

/** Forge's one retry policy for model calls; the client libraries' own retries are switched off. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** First backoff step; each further retry doubles it (with jitter). */
  baseDelayMs: number;
}

export interface RetryContext {
  policy: RetryPolicy;
  /** Names the runtime in messages, e.g. "anthropic". */
  runtime: string;
  signal: AbortSignal;
  /** Told before each wait, e.g. "anthropic: HTTP 529 overloaded; retry 1/3 in 0.6 s". */
  onRetry(message: string): Promise<void>;
  /** For tests: the jitter source, in [0, 1). */
  random?: () => number;
}

/** No wait is longer than this, whatever a retry-after header says. */
const MAX_DELAY_MS = 60_000;
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504, 529]);

/** Rate limits, overload, server errors and dropped connections pass; stalls and garbage do not. */
export function isTransient(fault: WireFault): boolean {
  if (fault instanceof HttpStatusError) return TRANSIENT_STATUSES.has(fault.status);
  return fault instanceof ConnectionLostError;
}

/** The server's retry-after when it gave one, else exponential backoff with equal jitter. */
export function retryDelayMs(fault: WireFault, retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  if (fault instanceof HttpStatusError && fault.retryAfterMs !== undefined) return Math.min(fault.retryAfterMs, MAX_DELAY_MS);
  const step = Math.min(policy.baseDelayMs * 2 ** (retry - 1), MAX_DELAY_MS);
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Runs one model call, retrying it on transient faults. Safe because a call has no visible effect
 * until it returns: the tool loop emits text and runs tools only after a call has finished.
 * A fault that is not retried, or outlives the retries, is thrown with a message that names it.
 */
export async function callWithRetries<T>(call: () => Promise<T>, context: RetryContext): Promise<T> {
  const { policy, signal } = context;
  for (let retry = 1; ; retry++) {
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) throw error;
      const fault = findWireFault(error);
      if (!fault) throw error;
      if (!isTransient(fault)) throw fault;
      if (retry > policy.maxRetries) {
        const tries = policy.maxRetries === 1 ? '1 retry' : `${policy.maxRetries} retries`;
        throw new Error(`${fault.message} (gave up after ${tries})`, { cause: error });
      }
      const delay = retryDelayMs(fault, retry, policy, context.random);
      await context.onRetry(`${context.runtime}: ${fault.message}; retry ${retry}/${policy.maxRetries} in ${formatSeconds(delay)}`);
      await sleep(delay, undefined, { signal });
    }
  }
}
