import { countModelRuns, userTextsOfMessages } from '../conversation.js';
import type { ScenarioToolCall } from '../scenario.js';
import { GARBAGE_JSON, simulatedId, splitIntoPieces, sseFrame, unixSeconds } from '../wire-encoding.js';
import type { ModelReply, WireDialect } from './dialect.js';
import { openAiErrorBody } from './openai-errors.js';

/** Function arguments travel as a JSON string; a custom tool's string input is wrapped first. */
function argumentsOf(call: ScenarioToolCall): string {
  return JSON.stringify(typeof call.input === 'string' ? { input: call.input } : (call.input ?? {}));
}

function finishReason(reply: ModelReply): string {
  return reply.toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

function usage(reply: ModelReply) {
  return {
    prompt_tokens: reply.usage.inputTokens,
    completion_tokens: reply.usage.outputTokens,
    total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

export const openAiChatCompletions: WireDialect = {
  countModelResponses: (body) => countModelRuns(body?.messages, (message) => message?.role === 'assistant'),

  userTexts: (body) => userTextsOfMessages(body?.messages),

  wantsStream: (body) => body?.stream === true,

  streamContentType: 'text/event-stream; charset=utf-8',

  renderStream(reply, body) {
    const includeUsage = body?.stream_options?.include_usage === true;
    const envelope = {
      id: simulatedId('chatcmpl-sim'),
      object: 'chat.completion.chunk',
      created: unixSeconds(),
      model: body?.model ?? 'simulator',
      system_fingerprint: null,
    };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      sseFrame(undefined, {
        ...envelope,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
      });

    const toolCallChunks = reply.toolCalls.flatMap((call, index) => [
      chunk({
        tool_calls: [{ index, id: simulatedId('call_sim_'), type: 'function', function: { name: call.name, arguments: '' } }],
      }),
      ...splitIntoPieces(argumentsOf(call)).map((fragment) =>
        chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }),
      ),
    ]);
    return [
      chunk({ role: 'assistant', content: '', refusal: null }),
      ...splitIntoPieces(reply.text).map((content) => chunk({ content })),
      ...toolCallChunks,
      chunk({}, finishReason(reply)),
      ...(includeUsage ? [sseFrame(undefined, { ...envelope, choices: [], usage: usage(reply) })] : []),
      sseFrame(undefined, '[DONE]'),
    ];
  },

  renderJson: (reply, body) => ({
    id: simulatedId('chatcmpl-sim'),
    object: 'chat.completion',
    created: unixSeconds(),
    model: body?.model ?? 'simulator',
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text || null,
          refusal: null,
          ...(reply.toolCalls.length > 0
            ? {
                tool_calls: reply.toolCalls.map((call) => ({
                  id: simulatedId('call_sim_'),
                  type: 'function',
                  function: { name: call.name, arguments: argumentsOf(call) },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: finishReason(reply),
      },
    ],
    usage: usage(reply),
  }),

  malformedFrame: sseFrame(undefined, GARBAGE_JSON),

  streamErrorFrame: (message) => sseFrame(undefined, openAiErrorBody(500, message)),

  errorBody: openAiErrorBody,
};
