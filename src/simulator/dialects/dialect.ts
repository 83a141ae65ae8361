import type { ScenarioToolCall } from '../scenario.js';

/** What one model response says, before it is put into a vendor's wire format. */
export interface ModelReply {
  text: string;
  toolCalls: ScenarioToolCall[];
  usage: { inputTokens: number; outputTokens: number };
}

/** One vendor's request/response wire format: how to read a conversation and how to answer it. */
export interface WireDialect {
  /** Earlier model responses visible in the request, which is also the index of the turn to answer. */
  countModelResponses(body: any): number;
  /** Text blocks of user messages, oldest first. */
  userTexts(body: any): string[];
  wantsStream(body: any): boolean;
  streamContentType: string;
  /** Encoded stream frames (SSE events or NDJSON lines), each written as one chunk. */
  renderStream(reply: ModelReply, body: any): string[];
  renderJson(reply: ModelReply, body: any): unknown;
  /** A frame that looks like the vendor's but carries data that is not valid JSON. */
  malformedFrame: string;
  streamErrorFrame(message: string): string;
  /** The vendor's JSON error body for an HTTP error status. */
  errorBody(status: number, message: string): unknown;
}
