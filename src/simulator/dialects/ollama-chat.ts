import { countModelRuns, userTextsOfMessages } from '../conversation.js';
import { GARBAGE_JSON, ndjsonLine, simulatedId, splitIntoPieces } from '../wire-encoding.js';
import type { ModelReply, WireDialect } from './dialect.js';

/** Ollama passes tool arguments as an object; a custom tool's string input is wrapped. */
function toolCalls(reply: ModelReply) {
  return reply.toolCalls.map((call, index) => ({
    id: simulatedId('call_sim_'),
    function: {
      index,
      name: call.name,
      arguments: typeof call.input === 'string' ? { input: call.input } : (call.input ?? {}),
    },
  }));
}

/** The statistics Ollama appends to its final (`done: true`) object; durations are nanoseconds. */
function doneFields(reply: ModelReply) {
  return {
    done: true,
    done_reason: 'stop',
    total_duration: 2_000_000,
    load_duration: 100_000,
    prompt_eval_count: reply.usage.inputTokens,
    prompt_eval_duration: 500_000,
    eval_count: reply.usage.outputTokens,
    eval_duration: 1_000_000,
  };
}

export const ollamaChat: WireDialect = {
  countModelResponses: (body) => countModelRuns(body?.messages, (message) => message?.role === 'assistant'),

  userTexts: (body) => userTextsOfMessages(body?.messages),

  // Ollama streams unless told otherwise.
  wantsStream: (body) => body?.stream !== false,

  streamContentType: 'application/x-ndjson',

  renderStream(reply, body) {
    const line = (message: Record<string, unknown>, extra: Record<string, unknown> = { done: false }) =>
      ndjsonLine({
        model: body?.model ?? 'simulator',
        created_at: new Date().toISOString(),
        message: { role: 'assistant', content: '', ...message },
        ...extra,
      });
    return [
      ...splitIntoPieces(reply.text).map((content) => line({ content })),
      ...(reply.toolCalls.length > 0 ? [line({ tool_calls: toolCalls(reply) })] : []),
      line({}, doneFields(reply)),
    ];
  },

  renderJson: (reply, body) => ({
    model: body?.model ?? 'simulator',
    created_at: new Date().toISOString(),
    message: {
      role: 'assistant',
      content: reply.text,
      ...(reply.toolCalls.length > 0 ? { tool_calls: toolCalls(reply) } : {}),
    },
    ...doneFields(reply),
  }),

  malformedFrame: `${GARBAGE_JSON}\n`,

  streamErrorFrame: (message) => ndjsonLine({ error: message }),

  errorBody: (_status, message) => ({ error: message }),
};
