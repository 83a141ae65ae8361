import type { RuntimeId } from '../domain/runtime-id.js';
import { createAnthropicRuntime } from './anthropic/anthropic-runtime.js';
import type { RuntimeAdapter } from './runtime.js';

export interface RuntimeOptions {
  env: Record<string, string | undefined>;
  /** When set, runtimes without credentials talk to this local simulator (demo mode). */
  simulatorUrl?: string;
}

/** Every runtime this server offers, by id. Nothing outside runtimes/ knows a vendor's wire format. */
export function createRuntimes(options: RuntimeOptions): Map<RuntimeId, RuntimeAdapter> {
  const adapters: RuntimeAdapter[] = [createAnthropicRuntime(options)];
  return new Map(adapters.map((a) => [a.id, a]));
}
