import type { TokenUsage } from '../../domain/log-event.js';
import type { ToolCall, ToolOutput } from '../../domain/tool-call.js';
import { toolListIncludes } from '../../permissions/tool-names.js';
import { WORKSPACE_TOOLS, workspaceToolsFor, type WorkspaceTool } from '../../tools/index.js';
import type { RuntimeIO, RuntimeOutcome, RuntimeRun } from '../runtime.js';
import { callWithRetries, type RetryPolicy } from './model-retry.js';

/** One model response, already translated out of the vendor's format. */
export interface ModelTurn<Message> {
  /** The vendor-shaped message(s) to append to the transcript. */
  messages: Message[];
  text: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
}

/** What a direct runtime supplies: its transcript format and one model call. */
export interface ChatModel<Message> {
  /** Names the runtime in retry and failure messages, e.g. "openai". */
  readonly name: string;
  firstMessages(run: RuntimeRun): Message[];
  /**
   * Calls the model once and resolves when the whole response is in. It must have no visible effect
   * before then, so a failed call can be retried without repeating anything the user saw.
   */
  complete(request: { messages: Message[]; tools: WorkspaceTool[]; run: RuntimeRun }, signal: AbortSignal): Promise<ModelTurn<Message>>;
  toolResultMessages(results: Array<{ call: ToolCall; output: ToolOutput }>): Message[];
}

/** The persisted transcript: enough to resume exactly after a crash or while awaiting an approval. */
interface LoopState<Message> {
  version: 1;
  messages: Message[];
  turns: number;
  /** Tool calls of the last model turn that have not all been answered yet. */
  pending: { calls: ToolCall[]; results: Record<string, ToolOutput> } | null;
  usage: TokenUsage;
}

/**
 * The conversation loop the direct runtimes share: call the model, run the tools it asks for through
 * the permission gate, feed the results back, repeat. The state is saved after every step, so a
 * resumed run never repeats a tool that already ran nor re-sends a turn the model already answered.
 * A model call that hits a transient fault is retried on its own (model-retry.ts).
 */
export async function runToolLoop<Message>(
  model: ChatModel<Message>,
  run: RuntimeRun,
  io: RuntimeIO,
  retry: RetryPolicy,
): Promise<RuntimeOutcome> {
  const state: LoopState<Message> = isLoopState<Message>(run.resumeState)
    ? run.resumeState
    : { version: 1, messages: model.firstMessages(run), turns: 0, pending: null, usage: { inputTokens: 0, outputTokens: 0 } };
  const tools = workspaceToolsFor(run.profile.allowedTools).filter((t) => !toolListIncludes(run.profile.autoDeny, t.name));
  let lastText = '';

  for (;;) {
    if (state.pending) {
      for (const call of state.pending.calls) {
        if (state.pending.results[call.toolUseId]) continue;
        const output = await runOneTool(call, run, io);
        // Saved before it is logged: a crash in between must not run the tool a second time.
        state.pending.results[call.toolUseId] = output;
        await io.saveState(state);
        await io.emit({ type: 'tool_result', toolUseId: call.toolUseId, tool: call.tool, ...output });
      }
      const { calls, results } = state.pending;
      state.messages.push(...model.toolResultMessages(calls.map((call) => ({ call, output: results[call.toolUseId]! }))));
      state.pending = null;
      await io.saveState(state);
    }
    if (state.turns >= run.maxTurns) {
      return { stopReason: 'max_turns', output: lastText, usage: state.usage, error: `Stopped after ${state.turns} turns.` };
    }

    const turn = await callWithRetries(() => model.complete({ messages: state.messages, tools, run }, io.signal), {
      policy: retry,
      runtime: model.name,
      signal: io.signal,
      onRetry: (message) => io.emit({ type: 'error', code: 'retrying', message }),
    });
    state.turns += 1;
    if (turn.text) await io.emit({ type: 'assistant_text', text: turn.text });
    addUsage(state.usage, turn.usage);
    await io.emit({ type: 'usage', ...turn.usage });
    state.messages.push(...turn.messages);
    if (turn.text) lastText = turn.text;
    if (turn.toolCalls.length === 0) {
      await io.saveState(state);
      return { stopReason: 'completed', output: turn.text, usage: state.usage };
    }
    for (const call of turn.toolCalls) {
      await io.emit({ type: 'tool_use', toolUseId: call.toolUseId, tool: call.tool, input: call.input });
    }
    state.pending = { calls: turn.toolCalls, results: {} };
    await io.saveState(state);
  }
}

async function runOneTool(call: ToolCall, run: RuntimeRun, io: RuntimeIO): Promise<ToolOutput> {
  const decision = await io.canUseTool(call);
  if (decision.behavior === 'deny') return { output: decision.message, isError: true };
  const tool = (WORKSPACE_TOOLS as Record<string, WorkspaceTool | undefined>)[call.tool];
  if (!tool) return { output: `Unknown tool "${call.tool}". Available: ${Object.keys(WORKSPACE_TOOLS).join(', ')}.`, isError: true };
  return tool.run(call.input, { workspace: run.workspace, signal: io.signal });
}

function addUsage(total: TokenUsage, turn: TokenUsage): void {
  total.inputTokens += turn.inputTokens;
  total.outputTokens += turn.outputTokens;
  total.cacheReadTokens = (total.cacheReadTokens ?? 0) + (turn.cacheReadTokens ?? 0);
  total.cacheWriteTokens = (total.cacheWriteTokens ?? 0) + (turn.cacheWriteTokens ?? 0);
  if (turn.costUsd !== undefined) total.costUsd = (total.costUsd ?? 0) + turn.costUsd;
  if (turn.model) total.model = turn.model;
}

function isLoopState<Message>(value: unknown): value is LoopState<Message> {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1 && Array.isArray((value as { messages?: unknown }).messages);
}
