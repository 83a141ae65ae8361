import { randomUUID } from 'node:crypto';
import { Ollama, type ChatResponse, type Message, type Tool, type ToolCall as OllamaToolCall } from 'ollama';
import { normaliseToolName } from '../../permissions/tool-names.js';
import { guardedFetch } from '../direct/guarded-fetch.js';
import { parseToolArguments, toolResultText } from '../direct/tool-call-text.js';
import type { ChatModel } from '../direct/tool-loop.js';

export interface OllamaChatSettings {
  host: string;
  defaultModel: string;
  idleMs: number;
}

/** Newer Ollama servers give tool calls an id; older ones do not. */
type IdentifiedToolCall = OllamaToolCall & { id?: string };

/** Ollama's /api/chat, streamed as NDJSON. Tool arguments arrive as objects, not JSON text. */
export function ollamaChatModel(settings: OllamaChatSettings): ChatModel<Message> {
  return {
    name: 'ollama',
    firstMessages: (run) => [
      ...(run.systemPrompt ? [{ role: 'system', content: run.systemPrompt }] : []),
      { role: 'user', content: run.prompt },
    ],

    async complete({ messages, tools, run }, signal) {
      // The client takes no signal per call, so the cancel travels through its fetch.
      const client = new Ollama({ host: settings.host, fetch: guardedFetch({ idleMs: settings.idleMs, signal }) });
      const stream = await client.chat({
        model: run.model ?? settings.defaultModel,
        messages,
        stream: true,
        tools: tools.map(
          (tool): Tool => ({
            type: 'function',
            function: { name: tool.name, description: tool.description, parameters: tool.inputSchema as Tool['function']['parameters'] },
          }),
        ),
      });
      let text = '';
      let final: ChatResponse | undefined;
      const received: IdentifiedToolCall[] = [];
      for await (const part of stream) {
        text += part.message?.content ?? '';
        received.push(...(part.message?.tool_calls ?? []));
        if (part.done) final = part;
      }
      signal.throwIfAborted();

      const calls = received.map((call) => ({ ...call, id: call.id || `call_${randomUUID()}` }));
      return {
        messages: [{ role: 'assistant', content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }],
        text: text.trim(),
        toolCalls: calls.map((call) => ({
          toolUseId: call.id,
          tool: normaliseToolName(call.function.name),
          input: argumentsOf(call),
        })),
        usage: {
          inputTokens: final?.prompt_eval_count ?? 0,
          outputTokens: final?.eval_count ?? 0,
          costUsd: 0,
          model: final?.model ?? run.model ?? settings.defaultModel,
        },
      };
    },

    toolResultMessages: (results) =>
      results.map(({ call, output }) => ({ role: 'tool', tool_name: call.tool, content: toolResultText(output) })),
  };
}

/** Arguments are an object; some model templates still hand over JSON text. */
function argumentsOf(call: OllamaToolCall): Record<string, unknown> {
  const value: unknown = call.function.arguments;
  if (typeof value === 'string') return parseToolArguments(value);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
