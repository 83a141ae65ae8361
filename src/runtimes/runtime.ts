import type { LogEvent, TokenUsage } from '../domain/log-event.js';
import type { Profile } from '../domain/profile.js';
import type { RuntimeId } from '../domain/runtime-id.js';
import type { ToolCall, ToolDecision } from '../domain/tool-call.js';

/** What a runtime can do; the engine checks these before dispatch. */
export interface RuntimeCapabilities {
  tools: boolean;
  /** Can continue a conversation after a restart (transcript or vendor session). */
  resume: boolean;
  streaming: boolean;
  costReporting: boolean;
}

/** How a runtime would connect right now. */
export type RuntimeConnection =
  | { mode: 'real'; endpoint: string }
  | { mode: 'simulated'; endpoint: string; reason: string }
  | { mode: 'unconfigured'; reason: string };

/** Everything an adapter needs to run one execution. */
export interface RuntimeRun {
  executionId: string;
  taskId: string;
  /** The user-facing task prompt (title, description, assembled context). */
  prompt: string;
  /** The profile's prompt plus project context; adapters append it to their own system prompt. */
  systemPrompt: string;
  profile: Profile;
  /** Absolute path of the task's workspace; tools never reach outside it. */
  workspace: string;
  model?: string;
  maxTurns: number;
  /** State the adapter saved with `io.saveState` in an earlier attempt of this execution, or null. */
  resumeState: unknown;
  /** A vendor session/thread id to continue (persistent sessions or resume after restart). */
  resumeSessionId?: string;
}

/** The adapter's only way to talk to the rest of Forge. */
export interface RuntimeIO {
  /** Persist and publish one event. Resolves once it is durable. */
  emit(event: LogEvent): Promise<void>;
  /** Ask the permission gate; may wait for a human for as long as it takes. */
  canUseTool(call: ToolCall): Promise<ToolDecision>;
  /** Persist adapter state (e.g. the transcript) so a later attempt can resume exactly here. */
  saveState(state: unknown): Promise<void>;
  /** Record the vendor's session/thread id as soon as it is known. */
  setSessionId(sessionId: string): Promise<void>;
  /** Aborted when the execution is cancelled or the server shuts down. */
  signal: AbortSignal;
}

export type RuntimeStopReason = 'completed' | 'max_turns' | 'failed';

export interface RuntimeOutcome {
  stopReason: RuntimeStopReason;
  output: string;
  /** Why it failed, when stopReason is 'failed' or 'max_turns'. */
  error?: string;
  usage: TokenUsage;
}

export interface RuntimeAdapter {
  readonly id: RuntimeId;
  readonly capabilities: RuntimeCapabilities;
  connection(): RuntimeConnection;
  run(run: RuntimeRun, io: RuntimeIO): Promise<RuntimeOutcome>;
}
