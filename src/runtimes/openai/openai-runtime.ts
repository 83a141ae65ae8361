import OpenAI from 'openai';
import { readDirectSettings } from '../direct/direct-settings.js';
import { guardedFetch } from '../direct/guarded-fetch.js';
import { runToolLoop } from '../direct/tool-loop.js';
import type { RuntimeAdapter, RuntimeConnection } from '../runtime.js';
import { chatCompletionsModel } from './chat-completions-model.js';
import { responsesModel } from './responses-model.js';

const OPENAI_APIS = ['responses', 'chat'];
const DEFAULT_MODEL = 'gpt-4.1';

export interface OpenAiRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Base URL of Forge's simulator, used only when no OPENAI_API_KEY is set. */
  simulatorUrl?: string;
}

/**
 * OpenAI, direct: Forge owns the conversation loop and runs the tools itself. FORGE_OPENAI_API picks
 * the Responses API (default) or Chat Completions, which many OpenAI-compatible servers speak alone.
 */
export function createOpenAiRuntime(options: OpenAiRuntimeOptions): RuntimeAdapter {
  const { env } = options;
  const settings = readDirectSettings(env);
  const api = env.FORGE_OPENAI_API || 'responses';

  const connection = (): RuntimeConnection => {
    if (!OPENAI_APIS.includes(api)) {
      return { mode: 'unconfigured', reason: `FORGE_OPENAI_API must be "responses" or "chat", not "${api}".` };
    }
    if (env.OPENAI_API_KEY) return { mode: 'real', endpoint: env.OPENAI_BASE_URL || 'https://api.openai.com/v1' };
    if (options.simulatorUrl) {
      return { mode: 'simulated', endpoint: `${options.simulatorUrl}/v1`, reason: 'OPENAI_API_KEY is not set, so the local simulator answers' };
    }
    return {
      mode: 'unconfigured',
      reason:
        'set OPENAI_API_KEY (and OPENAI_BASE_URL for an OpenAI-compatible server; FORGE_OPENAI_API=chat if it speaks only Chat Completions).',
    };
  };

  const client = () => {
    const target = connection();
    if (target.mode === 'unconfigured') throw new Error(`openai runtime is not configured: ${target.reason}`);
    return new OpenAI({
      apiKey: env.OPENAI_API_KEY || 'forge-simulator',
      baseURL: target.endpoint,
      // Only Forge's environment counts, never the server process's own.
      organization: env.OPENAI_ORG_ID ?? null,
      project: env.OPENAI_PROJECT_ID ?? null,
      maxRetries: 0, // Forge retries itself (direct/model-retry.ts)
      fetch: guardedFetch({ idleMs: settings.streamIdleMs }),
    });
  };

  return {
    id: 'openai',
    capabilities: { tools: true, resume: true, streaming: true, costReporting: false },
    connection,
    run(run, io) {
      const defaultModel = env.OPENAI_MODEL || DEFAULT_MODEL;
      return api === 'chat'
        ? runToolLoop(chatCompletionsModel(client(), defaultModel), run, io, settings.retry)
        : runToolLoop(responsesModel(client(), defaultModel), run, io, settings.retry);
    },
  };
}
