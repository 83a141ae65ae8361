import { randomUUID } from 'node:crypto';
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../../domain/log-event.js';
import { normaliseToolName } from '../../permissions/tool-names.js';
import { ConnectionLostError } from '../direct/model-faults.js';
import { parseToolArguments, toolResultText } from '../direct/tool-call-text.js';
import type { ChatModel } from '../direct/tool-loop.js';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Chat Completions, streamed. The chunks are accumulated by hand rather than with the client's
 * strict stream helper, because OpenAI-compatible servers often bend the format (no role in the
 * first delta, tool-call deltas without an index).
 */
export function chatCompletionsModel(client: OpenAI, defaultModel: string): ChatModel<ChatCompletionMessageParam> {
  return {
    name: 'openai',
    firstMessages: (run) => [
      ...(run.systemPrompt ? [{ role: 'system' as const, content: run.systemPrompt }] : []),
      { role: 'user', content: run.prompt },
    ],

    async complete({ messages, tools, run }, signal) {
      const stream = await client.chat.completions.create(
        {
          model: run.model ?? defaultModel,
          messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(tools.length > 0
            ? {
                tools: tools.map(
                  (tool): ChatCompletionTool => ({
                    type: 'function',
                    function: { name: tool.name, description: tool.description, parameters: { ...tool.inputSchema } },
                  }),
                ),
              }
            : {}),
        },
        { signal },
      );
      let text = '';
      let finished = false;
      let usage: CompletionUsage | undefined;
      let model = run.model ?? defaultModel;
      const calls = new Map<number, PartialToolCall>();
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        for (const choice of chunk.choices ?? []) {
          if (choice.delta?.content) text += choice.delta.content;
          for (const [position, part] of (choice.delta?.tool_calls ?? []).entries()) {
            const index = part.index ?? position;
            const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
            if (part.id) call.id = part.id;
            if (part.function?.name) call.name = part.function.name;
            if (part.function?.arguments) call.arguments += part.function.arguments;
            calls.set(index, call);
          }
          if (choice.finish_reason) finished = true;
        }
      }
      // The client ends the iteration quietly when aborted.
      signal.throwIfAborted();
      if (!finished) throw new ConnectionLostError('connection reset', 'the stream ended before the answer was finished');

      const toolCalls = [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, call]) => ({ ...call, id: call.id || `call_${randomUUID()}` }));
      return {
        messages: [
          {
            role: 'assistant',
            content: text || null,
            ...(toolCalls.length > 0
              ? {
                  tool_calls: toolCalls.map((call) => ({
                    id: call.id,
                    type: 'function' as const,
                    function: { name: call.name, arguments: call.arguments },
                  })),
                }
              : {}),
          },
        ],
        text: text.trim(),
        toolCalls: toolCalls.map((call) => ({
          toolUseId: call.id,
          tool: normaliseToolName(call.name),
          input: parseToolArguments(call.arguments),
        })),
        usage: usageOf(usage, model),
      };
    },

    toolResultMessages: (results) =>
      results.map(({ call, output }) => ({ role: 'tool', tool_call_id: call.toolUseId, content: toolResultText(output) })),
  };
}

/** OpenAI counts cached prompt tokens inside prompt_tokens; Forge counts them apart, as Anthropic does. */
function usageOf(usage: CompletionUsage | undefined, model: string): TokenUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: (usage?.prompt_tokens ?? 0) - cached,
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    model,
  };
}
