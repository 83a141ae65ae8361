/**
 * The closed union of events every runtime emits. The log store, SSE and UI never branch on vendor:
 * one shape, one `type` discriminator, persisted as one `agent_logs` row each.
 */
/** An execution a crash interrupts is requeued and resumed, so there is no "interrupted" end state. */
export const ACTIVE_STATUSES = ['queued', 'running', 'waiting_approval'] as const;
export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof ACTIVE_STATUSES)[number] | (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export type DecisionSource =
  | 'auto_approve'
  | 'auto_deny'
  | 'not_allowed'
  | 'outside_workspace'
  | 'always_allow'
  | 'human'
  | 'cancelled';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** Dollars, when the runtime reports or can price it; 0 for local models. */
  costUsd?: number;
  model?: string;
}

export type LogEvent =
  | { type: 'status'; status: ExecutionStatus; message?: string; simulated?: boolean }
  | { type: 'assistant_text'; text: string }
  | { type: 'tool_use'; toolUseId: string; tool: string; input: Record<string, unknown> }
  | { type: 'tool_result'; toolUseId: string; tool: string; output: string; isError: boolean }
  | {
      type: 'permission_request';
      notificationId: string;
      toolUseId: string;
      tool: string;
      input: Record<string, unknown>;
    }
  | {
      type: 'permission_decision';
      toolUseId: string;
      tool: string;
      decision: 'allow' | 'deny';
      source: DecisionSource;
      notificationId?: string;
      ruleId?: string;
      message?: string;
    }
  | ({ type: 'usage' } & TokenUsage)
  | { type: 'error'; message: string; code?: string }
  | { type: 'result'; output: string };

export type LogEventType = LogEvent['type'];

/** A persisted log entry: the event plus where and when it happened. `id` is also the SSE event id. */
export type LogEntry = LogEvent & {
  id: number;
  taskId: string;
  executionId: string;
  createdAt: string;
};
