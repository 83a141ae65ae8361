import { readDirectSettings } from '../direct/direct-settings.js';
import { runToolLoop } from '../direct/tool-loop.js';
import type { RuntimeAdapter, RuntimeConnection } from '../runtime.js';
import { ollamaChatModel } from './ollama-chat-model.js';

const DEFAULT_MODEL = 'llama3.1';

export interface OllamaRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Base URL of Forge's simulator, used only when OLLAMA_HOST is not set. */
  simulatorUrl?: string;
}

/** A local Ollama server, direct: Forge owns the conversation loop and runs the tools itself. Costs nothing. */
export function createOllamaRuntime(options: OllamaRuntimeOptions): RuntimeAdapter {
  const { env } = options;
  const settings = readDirectSettings(env);

  const connection = (): RuntimeConnection => {
    if (env.OLLAMA_HOST) return { mode: 'real', endpoint: env.OLLAMA_HOST };
    if (options.simulatorUrl) {
      return { mode: 'simulated', endpoint: options.simulatorUrl, reason: 'OLLAMA_HOST is not set, so the local simulator answers' };
    }
    return { mode: 'unconfigured', reason: 'set OLLAMA_HOST to a running Ollama server (e.g. http://127.0.0.1:11434).' };
  };

  return {
    id: 'ollama',
    capabilities: { tools: true, resume: true, streaming: true, costReporting: true },
    connection,
    run(run, io) {
      const target = connection();
      if (target.mode === 'unconfigured') throw new Error(`ollama runtime is not configured: ${target.reason}`);
      const model = ollamaChatModel({ host: target.endpoint, defaultModel: env.OLLAMA_MODEL || DEFAULT_MODEL, idleMs: settings.streamIdleMs });
      return runToolLoop(model, run, io, settings.retry);
    },
  };
}
