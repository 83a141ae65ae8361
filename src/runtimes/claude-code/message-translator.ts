import type { SDKMessage, SDKResultMessage } from '@anthropic-ai/claude-agent-sdk';
import type { LogEvent, TokenUsage } from '../../domain/log-event.js';
import type { RuntimeOutcome } from '../runtime.js';
import type { ToolUseLedger } from './tool-use-ledger.js';

/** Turns the SDK's message stream into Forge's events; the outcome comes from the `result` message. */
export class MessageTranslator {
  private lastText = '';
  private model: string | undefined;

  constructor(private readonly ledger: ToolUseLedger) {}

  /** Events for one message, in order. Tool results also report which pending calls they settle. */
  translate(message: SDKMessage): { events: LogEvent[]; settled: string[] } {
    const events: LogEvent[] = [];
    const settled: string[] = [];
    if (message.type === 'system' && message.subtype === 'init') this.model = message.model;
    if (message.type === 'assistant') {
      // An API failure also arrives as a synthetic assistant text; it is reported once, as the outcome.
      if (message.error) return { events, settled };
      for (const block of message.message.content) {
        if (block.type === 'text' && block.text.trim()) {
          this.lastText = block.text;
          events.push({ type: 'assistant_text', text: block.text });
        }
        if (block.type === 'tool_use') {
          const entry = this.ledger.record(block.id, block.name, (block.input ?? {}) as Record<string, unknown>);
          // A repeated call was logged by the attempt before the restart.
          if (!entry.repeated) events.push({ type: 'tool_use', toolUseId: entry.forgeId, tool: entry.tool, input: entry.input });
        }
      }
    }
    if (message.type === 'user' && Array.isArray(message.message.content)) {
      for (const block of message.message.content) {
        if (block.type !== 'tool_result') continue;
        const id = block.tool_use_id;
        const entry = this.ledger.get(id);
        const forgeId = entry?.forgeId ?? id;
        settled.push(forgeId);
        events.push({
          type: 'tool_result',
          toolUseId: forgeId,
          tool: entry?.tool ?? 'unknown',
          output: resultText(block.content),
          isError: block.is_error === true,
        });
      }
    }
    return { events, settled };
  }

  /** The usage event and the outcome of a finished turn. */
  finish(result: SDKResultMessage): { usage: TokenUsage; outcome: RuntimeOutcome } {
    const usage: TokenUsage = {
      inputTokens: result.usage.input_tokens,
      outputTokens: result.usage.output_tokens,
      cacheReadTokens: result.usage.cache_read_input_tokens ?? 0,
      cacheWriteTokens: result.usage.cache_creation_input_tokens ?? 0,
      costUsd: result.total_cost_usd,
      ...(this.model ? { model: this.model } : {}),
    };
    if (result.subtype === 'success') {
      const outcome: RuntimeOutcome = result.is_error
        ? { stopReason: 'failed', output: '', error: `Claude Code failed: ${result.result || 'an API error ended the turn'}`, usage }
        : { stopReason: 'completed', output: result.result, usage };
      return { usage, outcome };
    }
    if (result.subtype === 'error_max_turns') {
      return { usage, outcome: { stopReason: 'max_turns', output: this.lastText, error: `Stopped after ${result.num_turns} turns.`, usage } };
    }
    const why = result.errors.length > 0 ? result.errors.join('; ') : result.subtype;
    return { usage, outcome: { stopReason: 'failed', output: this.lastText, error: `Claude Code stopped: ${why}`, usage } };
  }
}

function resultText(content: string | Array<{ type: string; text?: string }> | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' && part.text !== undefined ? part.text : `[${part.type}]`)).join('\n');
}
