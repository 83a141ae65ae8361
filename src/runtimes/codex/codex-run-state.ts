import type { ToolCall, ToolDecision } from '../../domain/tool-call.js';

/** What the codex adapter saves with `io.saveState`, so a later attempt continues the same thread. */
export interface CodexRunState {
  version: 1;
  threadId: string;
  /** The task prompt has reached the thread; a later attempt must continue, never re-send it. */
  promptSent: boolean;
  /** Calls waiting for a decision right now; after a restart they are answered once, then re-issued. */
  pendingCalls: ToolCall[];
}

export function isCodexRunState(value: unknown): value is CodexRunState {
  const state = value as CodexRunState | null;
  return (
    !!state &&
    state.version === 1 &&
    typeof state.threadId === 'string' &&
    typeof state.promptSent === 'boolean' &&
    Array.isArray(state.pendingCalls)
  );
}

/** A decision taken for a call of an earlier attempt, to be applied when the model issues that call again. */
export interface CarriedDecision {
  call: ToolCall;
  decision: ToolDecision;
}

function describeCall(call: ToolCall): string {
  const command = call.input.command ?? call.input.file_path;
  return typeof command === 'string' && command ? `${call.tool} \`${command}\`` : call.tool;
}

/**
 * The user message that continues an interrupted thread. Codex marks the interrupted call "aborted", so
 * the model is told what became of it: approved calls are to be issued again, denied ones not.
 */
export function continuationMessage(carried: CarriedDecision[]): string {
  const lines = ['Your previous turn was interrupted because the agent server restarted. Continue the task from where you left off.'];
  for (const { call, decision } of carried) {
    lines.push(
      decision.behavior === 'allow'
        ? `The user has approved ${describeCall(call)}, which did not run: run it again now.`
        : `The user denied ${describeCall(call)}: ${decision.message} Do not run it.`,
    );
  }
  return lines.join('\n');
}
