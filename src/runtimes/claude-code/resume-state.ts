import type { RuntimeOutcome } from '../runtime.js';

/** A tool call that reached the permission gate and has no result yet. */
export interface PendingCall {
  /** The id Forge knows the call by (its notification is keyed on it). */
  toolUseId: string;
  tool: string;
  /** The input as the model sent it, to recognise the same call when a resumed turn repeats it. */
  input: Record<string, unknown>;
}

/**
 * What an attempt saves through `io.saveState`: the Claude Code session it runs in (the session itself,
 * transcript included, persists in Forge's Claude config dir), the calls waiting for a decision, and
 * the outcome once the binary reported it, so a restart after that point does not run the turn again.
 */
export interface ClaudeCodeState {
  version: 1;
  sessionId: string;
  pending: PendingCall[];
  outcome?: RuntimeOutcome;
}

export function readClaudeCodeState(value: unknown): ClaudeCodeState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<ClaudeCodeState>;
  if (state.version !== 1 || typeof state.sessionId !== 'string' || !state.sessionId || !Array.isArray(state.pending)) return undefined;
  return state as ClaudeCodeState;
}
