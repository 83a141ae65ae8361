import type { RetryPolicy } from './model-retry.js';

/** Settings every direct runtime (anthropic, openai, ollama) shares. */
export interface DirectSettings {
  retry: RetryPolicy;
  /** A model stream silent for longer than this fails the execution. */
  streamIdleMs: number;
}

/** Reads FORGE_MAX_RETRIES (default 3), FORGE_RETRY_BASE_MS (500) and FORGE_STREAM_IDLE_MS (60000). */
export function readDirectSettings(env: Record<string, string | undefined>): DirectSettings {
  return {
    retry: {
      maxRetries: wholeNumber(env, 'FORGE_MAX_RETRIES', 3, 0),
      baseDelayMs: wholeNumber(env, 'FORGE_RETRY_BASE_MS', 500, 1),
    },
    streamIdleMs: wholeNumber(env, 'FORGE_STREAM_IDLE_MS', 60_000, 1),
  };
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, minimum: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be a whole number ≥ ${minimum}, got "${raw}"`);
  return value;
}
