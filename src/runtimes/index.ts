import type { RuntimeId } from '../domain/runtime-id.js';
import { createAnthropicRuntime } from './anthropic/anthropic-runtime.js';
import { createClaudeCodeRuntime } from './claude-code/claude-code-runtime.js';
import { createCodexRuntime } from './codex/codex-runtime.js';
import { createOllamaRuntime } from './ollama/ollama-runtime.js';
import { createOpenAiRuntime } from './openai/openai-runtime.js';
import type { RuntimeAdapter } from './runtime.js';

export interface RuntimeOptions {
  env: Record<string, string | undefined>;
  /** When set, runtimes without credentials talk to this local simulator (demo mode). */
  simulatorUrl?: string;
  /** Forge's data directory, for runtimes that keep files of their own (Codex's home and thread rollouts). */
  dataDir?: string;
}

/** Every runtime this server offers, by id. Nothing outside runtimes/ knows a vendor's wire format. */
export function createRuntimes(options: RuntimeOptions): Map<RuntimeId, RuntimeAdapter> {
  const adapters: RuntimeAdapter[] = [createAnthropicRuntime(options), createClaudeCodeRuntime(options), createCodexRuntime(options)];
  adapters.push(createOpenAiRuntime(options), createOllamaRuntime(options));
  return new Map(adapters.map((a) => [a.id, a]));
}
