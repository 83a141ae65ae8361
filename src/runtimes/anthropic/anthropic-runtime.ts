import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { TokenUsage } from '../../domain/log-event.js';
import type { ToolCall } from '../../domain/tool-call.js';
import { normaliseToolName } from '../../permissions/tool-names.js';
import { readDirectSettings } from '../direct/direct-settings.js';
import { guardedFetch } from '../direct/guarded-fetch.js';
import { runToolLoop, type ChatModel } from '../direct/tool-loop.js';
import type { RuntimeAdapter, RuntimeConnection } from '../runtime.js';

const DEFAULT_MODEL = 'claude-sonnet-4-5';
const MAX_OUTPUT_TOKENS = 8192;

export interface AnthropicRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Base URL of Forge's simulator, used only when no ANTHROPIC_API_KEY is set. */
  simulatorUrl?: string;
}

/** The Anthropic Messages API, direct: Forge owns the conversation loop and runs the tools itself. */
export function createAnthropicRuntime(options: AnthropicRuntimeOptions): RuntimeAdapter {
  const { env } = options;
  const settings = readDirectSettings(env);

  const connection = (): RuntimeConnection => {
    if (env.ANTHROPIC_API_KEY) return { mode: 'real', endpoint: env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com' };
    if (options.simulatorUrl) {
      return { mode: 'simulated', endpoint: options.simulatorUrl, reason: 'ANTHROPIC_API_KEY is not set, so the local simulator answers' };
    }
    return { mode: 'unconfigured', reason: 'set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a non-default endpoint).' };
  };

  const client = () => {
    const target = connection();
    if (target.mode === 'unconfigured') throw new Error(`anthropic runtime is not configured: ${target.reason}`);
    return new Anthropic({
      apiKey: env.ANTHROPIC_API_KEY || 'forge-simulator',
      baseURL: target.endpoint,
      maxRetries: 0, // Forge retries itself (direct/model-retry.ts)
      fetch: guardedFetch({ idleMs: settings.streamIdleMs }),
    });
  };

  return {
    id: 'anthropic',
    capabilities: { tools: true, resume: true, streaming: true, costReporting: false },
    connection,
    run: (run, io) => runToolLoop(messagesModel(client(), env.ANTHROPIC_MODEL), run, io, settings.retry),
  };
}

function messagesModel(client: Anthropic, envModel: string | undefined): ChatModel<MessageParam> {
  return {
    name: 'anthropic',
    firstMessages: (run) => [{ role: 'user', content: run.prompt }],

    async complete({ messages, tools, run }, signal) {
      const model = run.model ?? envModel ?? DEFAULT_MODEL;
      const stream = client.messages.stream(
        {
          model,
          max_tokens: MAX_OUTPUT_TOKENS,
          system: run.systemPrompt,
          messages,
          tools: tools.map((t): Tool => ({ name: t.name, description: t.description, input_schema: t.inputSchema as unknown as Tool["input_schema"] })),
        },
        { signal },
      );
      const message = await stream.finalMessage();

      const toolCalls: ToolCall[] = [];
      const text: string[] = [];
      for (const block of message.content) {
        if (block.type === 'text') text.push(block.text);
        if (block.type === 'tool_use') {
          toolCalls.push({ toolUseId: block.id, tool: normaliseToolName(block.name), input: (block.input ?? {}) as Record<string, unknown> });
        }
      }
      const usage: TokenUsage = {
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
        cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
        model: message.model,
      };
      return {
        messages: [{ role: 'assistant', content: message.content as MessageParam['content'] }],
        text: text.join('\n').trim(),
        toolCalls,
        usage,
      };
    },

    toolResultMessages: (results) => [
      {
        role: 'user',
        content: results.map(({ call, output }) => ({
          type: 'tool_result' as const,
          tool_use_id: call.toolUseId,
          content: output.output,
          is_error: output.isError,
        })),
      },
    ],
  };
}
