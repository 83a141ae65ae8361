import type OpenAI from 'openai';
import type { FunctionTool, Response, ResponseInputItem, ResponseUsage } from 'openai/resources/responses/responses';
import type { TokenUsage } from '../../domain/log-event.js';
import type { ToolCall } from '../../domain/tool-call.js';
import { normaliseToolName } from '../../permissions/tool-names.js';
import { ConnectionLostError } from '../direct/model-faults.js';
import { parseToolArguments, toolResultText } from '../direct/tool-call-text.js';
import type { ChatModel } from '../direct/tool-loop.js';

/**
 * The Responses API, streamed and stateless (`store: false`): Forge keeps the transcript itself, so
 * a resumed run never depends on a response the vendor may have forgotten.
 */
export function responsesModel(client: OpenAI, defaultModel: string): ChatModel<ResponseInputItem> {
  return {
    name: 'openai',
    firstMessages: (run) => [{ role: 'user', content: run.prompt }],

    async complete({ messages, tools, run }, signal) {
      const stream = await client.responses.create(
        {
          model: run.model ?? defaultModel,
          instructions: run.systemPrompt || null,
          input: messages,
          store: false,
          stream: true,
          tools: tools.map(
            (tool): FunctionTool => ({
              type: 'function',
              name: tool.name,
              description: tool.description,
              parameters: { ...tool.inputSchema },
              strict: false,
            }),
          ),
        },
        { signal },
      );
      let response: Response | undefined;
      for await (const event of stream) {
        if (event.type === 'response.completed' || event.type === 'response.incomplete') response = event.response;
        if (event.type === 'response.failed') throw new Error(`the response failed: ${event.response.error?.message ?? 'no reason given'}`);
        if (event.type === 'error') throw new Error(`error event in the stream: ${event.message}`);
      }
      // The client ends the iteration quietly when aborted.
      signal.throwIfAborted();
      if (!response) throw new ConnectionLostError('connection reset', 'the stream ended before response.completed');
      return turnOf(response);
    },

    toolResultMessages: (results) =>
      results.map(({ call, output }) => ({ type: 'function_call_output', call_id: call.toolUseId, output: toolResultText(output) })),
  };
}

/**
 * Output items become input items for the next call. Reasoning items are left out: without `store`
 * they could not be referred to again anyway.
 */
function turnOf(response: Response) {
  const messages: ResponseInputItem[] = [];
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of response.output) {
    if (item.type === 'message') {
      const text = item.content.map((part) => (part.type === 'output_text' ? part.text : '')).join('');
      if (text) {
        messages.push({ role: 'assistant', content: text });
        texts.push(text);
      }
    }
    if (item.type === 'function_call') {
      messages.push({ type: 'function_call', call_id: item.call_id, name: item.name, arguments: item.arguments });
      toolCalls.push({ toolUseId: item.call_id, tool: normaliseToolName(item.name), input: parseToolArguments(item.arguments) });
    }
  }
  return { messages, text: texts.join('\n').trim(), toolCalls, usage: usageOf(response.usage, response.model) };
}

/** OpenAI counts cached input tokens inside input_tokens; Forge counts them apart, as Anthropic does. */
function usageOf(usage: ResponseUsage | null | undefined, model: string): TokenUsage {
  const cached = usage?.input_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) - cached,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: cached,
    model,
  };
}
