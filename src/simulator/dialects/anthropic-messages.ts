import { countModelRuns, userTextsOfMessages } from '../conversation.js';
import type { ScenarioToolCall } from '../scenario.js';
import { GARBAGE_JSON, simulatedId, splitIntoPieces, sseFrame } from '../wire-encoding.js';
import type { ModelReply, WireDialect } from './dialect.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** Anthropic tool inputs are objects; a custom tool's string input is wrapped. */
function toolInput(call: ScenarioToolCall): Record<string, unknown> {
  return typeof call.input === 'string' ? { input: call.input } : (call.input ?? {});
}

function stopReason(reply: ModelReply): string {
  return reply.toolCalls.length > 0 ? 'tool_use' : 'end_turn';
}

function contentBlocks(reply: ModelReply): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  if (reply.text) blocks.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls) {
    blocks.push({ type: 'tool_use', id: simulatedId('toolu_sim_'), name: call.name, input: toolInput(call) });
  }
  return blocks;
}

function usage(inputTokens: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

function blockFrames(block: Record<string, unknown>, index: number): string[] {
  if (block.type === 'text') {
    return [
      sseFrame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
      ...splitIntoPieces(block.text as string).map((text) =>
        sseFrame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }),
      ),
      sseFrame('content_block_stop', { type: 'content_block_stop', index }),
    ];
  }
  return [
    sseFrame('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
    }),
    ...splitIntoPieces(JSON.stringify(block.input)).map((partial_json) =>
      sseFrame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }),
    ),
    sseFrame('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

export const anthropicMessages: WireDialect = {
  // Claude Code puts `role: "system"` entries (its environment block) inside `messages`.
  countModelResponses: (body) =>
    countModelRuns(body?.messages, (message) => message?.role === 'assistant', (message) => message?.role === 'system'),

  userTexts: (body) => userTextsOfMessages(body?.messages),

  wantsStream: (body) => body?.stream === true,

  streamContentType: 'text/event-stream; charset=utf-8',

  renderStream(reply, body) {
    const message = {
      id: simulatedId('msg_sim_'),
      type: 'message',
      role: 'assistant',
      model: body?.model ?? 'simulator',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usage(reply.usage.inputTokens, 1),
    };
    return [
      sseFrame('message_start', { type: 'message_start', message }),
      sseFrame('ping', { type: 'ping' }),
      ...contentBlocks(reply).flatMap(blockFrames),
      sseFrame('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason(reply), stop_sequence: null },
        usage: usage(reply.usage.inputTokens, reply.usage.outputTokens),
      }),
      sseFrame('message_stop', { type: 'message_stop' }),
    ];
  },

  renderJson: (reply, body) => ({
    id: simulatedId('msg_sim_'),
    type: 'message',
    role: 'assistant',
    model: body?.model ?? 'simulator',
    content: contentBlocks(reply),
    stop_reason: stopReason(reply),
    stop_sequence: null,
    usage: usage(reply.usage.inputTokens, reply.usage.outputTokens),
  }),

  malformedFrame: sseFrame('content_block_delta', GARBAGE_JSON),

  streamErrorFrame: (message) => sseFrame('error', { type: 'error', error: { type: 'overloaded_error', message } }),

  errorBody: (status, message) => ({
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? 'api_error', message },
  }),
};
