import { countModelRuns, textParts } from '../conversation.js';
import type { ScenarioToolCall } from '../scenario.js';
import { GARBAGE_JSON, simulatedId, splitIntoPieces, sseFrame, unixSeconds } from '../wire-encoding.js';
import type { ModelReply, WireDialect } from './dialect.js';
import { openAiErrorBody } from './openai-errors.js';

/** Input item types that the model produced in an earlier response and the client echoes back. */
const MODEL_ITEM_TYPES = new Set([
  'function_call',
  'custom_tool_call',
  'reasoning',
  'local_shell_call',
  'web_search_call',
  'file_search_call',
  'computer_call',
  'mcp_call',
]);

type Item = Record<string, unknown> & { id: string; type: string };

function isMessage(item: any, role: string): boolean {
  return (item?.type === 'message' || item?.type === undefined) && item?.role === role;
}

function outputItems(reply: ModelReply): Item[] {
  const items: Item[] = [];
  if (reply.text) {
    items.push({
      id: simulatedId('msg_sim_'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: reply.text }],
    });
  }
  for (const call of reply.toolCalls) items.push(toolCallItem(call));
  return items;
}

function toolCallItem(call: ScenarioToolCall): Item {
  const common = { status: 'completed', call_id: simulatedId('call_sim_'), name: call.name };
  if (call.custom) return { id: simulatedId('ctc_sim_'), type: 'custom_tool_call', ...common, input: String(call.input) };
  return { id: simulatedId('fc_sim_'), type: 'function_call', ...common, arguments: JSON.stringify(call.input ?? {}) };
}

function usage(reply: ModelReply) {
  return {
    input_tokens: reply.usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: reply.usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
  };
}

/** The response object as the real API shapes it, echoing the request's settings. */
function responseObject(id: string, createdAt: number, body: any, status: string, output: Item[], reply: ModelReply | null) {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions: body?.instructions ?? null,
    max_output_tokens: body?.max_output_tokens ?? null,
    model: body?.model ?? 'simulator',
    output,
    parallel_tool_calls: body?.parallel_tool_calls ?? true,
    previous_response_id: body?.previous_response_id ?? null,
    reasoning: { effort: body?.reasoning?.effort ?? null, summary: null },
    store: body?.store ?? true,
    temperature: body?.temperature ?? 1,
    text: body?.text ?? { format: { type: 'text' } },
    tool_choice: body?.tool_choice ?? 'auto',
    tools: body?.tools ?? [],
    top_p: body?.top_p ?? 1,
    truncation: 'disabled',
    usage: reply ? usage(reply) : null,
    user: null,
    metadata: body?.metadata ?? {},
  };
}

/** The events that stream one output item: added, its deltas, done. */
function itemEvents(item: Item, outputIndex: number): Array<Record<string, unknown>> {
  const where = { item_id: item.id, output_index: outputIndex };
  if (item.type === 'message') {
    const text = (item.content as Array<{ text: string }>)[0]!.text;
    const emptyPart = { type: 'output_text', annotations: [], logprobs: [], text: '' };
    return [
      { type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', ...where, content_index: 0, part: emptyPart },
      ...splitIntoPieces(text).map((delta) => ({
        type: 'response.output_text.delta',
        ...where,
        content_index: 0,
        delta,
        logprobs: [],
      })),
      { type: 'response.output_text.done', ...where, content_index: 0, text, logprobs: [] },
      { type: 'response.content_part.done', ...where, content_index: 0, part: { ...emptyPart, text } },
      { type: 'response.output_item.done', output_index: outputIndex, item },
    ];
  }
  const [field, eventPrefix] =
    item.type === 'custom_tool_call'
      ? ['input', 'response.custom_tool_call_input']
      : ['arguments', 'response.function_call_arguments'];
  const value = item[field] as string;
  return [
    { type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', [field]: '' } },
    ...splitIntoPieces(value).map((delta) => ({ type: `${eventPrefix}.delta`, ...where, delta })),
    { type: `${eventPrefix}.done`, ...where, [field]: value },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

export const openAiResponses: WireDialect = {
  countModelResponses: (body) =>
    countModelRuns(body?.input, (item) => isMessage(item, 'assistant') || MODEL_ITEM_TYPES.has(item?.type)),

  userTexts(body) {
    if (typeof body?.input === 'string') return [body.input];
    if (!Array.isArray(body?.input)) return [];
    return body.input
      .filter((item: unknown) => isMessage(item, 'user'))
      .flatMap((item: { content: unknown }) => textParts(item.content, ['input_text', 'text']));
  },

  wantsStream: (body) => body?.stream === true,

  streamContentType: 'text/event-stream; charset=utf-8',

  renderStream(reply, body) {
    const id = simulatedId('resp_sim_');
    const createdAt = unixSeconds();
    const output = outputItems(reply);
    const events = [
      { type: 'response.created', response: responseObject(id, createdAt, body, 'in_progress', [], null) },
      { type: 'response.in_progress', response: responseObject(id, createdAt, body, 'in_progress', [], null) },
      ...output.flatMap(itemEvents),
      { type: 'response.completed', response: responseObject(id, createdAt, body, 'completed', output, reply) },
    ];
    return events.map((event, sequenceNumber) =>
      sseFrame(event.type as string, { ...event, sequence_number: sequenceNumber }),
    );
  },

  renderJson: (reply, body) =>
    responseObject(simulatedId('resp_sim_'), unixSeconds(), body, 'completed', outputItems(reply), reply),

  malformedFrame: sseFrame('response.output_text.delta', GARBAGE_JSON),

  // The real API reports a failure inside a stream as `response.failed`; Codex treats it as retryable.
  streamErrorFrame: (message) =>
    sseFrame('response.failed', {
      type: 'response.failed',
      response: {
        ...responseObject(simulatedId('resp_sim_'), unixSeconds(), {}, 'failed', [], null),
        error: { code: 'server_error', message },
      },
    }),

  errorBody: openAiErrorBody,
};
