import type { TokenUsage } from '../../domain/log-event.js';
import type { ToolCall, ToolDecision } from '../../domain/tool-call.js';
import type { RuntimeIO, RuntimeOutcome } from '../runtime.js';
import type { JsonObject, ServerRequest } from './codex-app-server.js';
import { sameCall, toolCallOfItem, toolOutputOfItem, unwrapShellCommand } from './codex-items.js';
import type { CarriedDecision, CodexRunState } from './codex-run-state.js';

const APPROVAL_METHODS = new Set(['item/commandExecution/requestApproval', 'item/fileChange/requestApproval']);
const TOOL_ITEM_TYPES = new Set(['commandExecution', 'fileChange']);

export interface TurnContext {
  io: RuntimeIO;
  state: CodexRunState;
  workspace: string;
  maxTurns: number;
  model: string;
  /** Decisions an earlier attempt obtained for calls the model is expected to issue again. */
  carried: CarriedDecision[];
  /** Asks app-server to stop the running turn. */
  interrupt(turnId: string): void;
  respond(id: ServerRequest['id'], result: JsonObject): void;
  respondError(id: ServerRequest['id'], message: string): void;
}

/**
 * Follows one Codex turn: translates its items into Forge events, routes its approval requests through
 * the permission gate, and settles with the outcome when the turn ends. Messages are handled one at a
 * time, in arrival order, so the log reads in the order Codex did things.
 */
export class CodexTurn {
  readonly outcome: Promise<RuntimeOutcome>;
  private settle!: (outcome: RuntimeOutcome) => void;
  private fail!: (error: unknown) => void;
  private queue: Promise<void> = Promise.resolve();
  private turnId: string | undefined;
  private readonly calls = new Map<string, ToolCall>();
  private readonly decided = new Map<string, ToolDecision>();
  private readonly denials = new Map<string, string>();
  private readonly streamedOutput = new Map<string, string>();
  private readonly loggedResults = new Set<string>();
  private readonly usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 };
  private lastText = '';
  private lastError: string | undefined;
  private modelResponses = 0;
  private toolCallsSinceLastResponse = false;
  private stoppedForMaxTurns = false;

  constructor(private readonly context: TurnContext) {
    this.outcome = new Promise<RuntimeOutcome>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.outcome.catch(() => {}); // observed by the caller once the turn has started; never unhandled before
  }

  started(turnId: string): void {
    this.turnId = turnId;
  }

  /** Asks Codex to stop the turn (cancel or shutdown); the process is ended right after anyway. */
  interrupt(): void {
    if (this.turnId) this.context.interrupt(this.turnId);
  }

  notification(method: string, params: JsonObject): void {
    this.enqueue(() => this.handleNotification(method, params));
  }

  request(request: ServerRequest): void {
    this.enqueue(() => this.handleRequest(request));
  }

  /** The app-server went away mid-turn. */
  processExited(description: string): void {
    this.enqueue(async () => this.settle(this.failed(this.lastError ?? description)));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.fail(error));
  }

  private async handleNotification(method: string, params: JsonObject): Promise<void> {
    const { io } = this.context;
    switch (method) {
      case 'item/started': {
        const call = this.callOf(params.item);
        if (!call) return;
        this.toolCallsSinceLastResponse = true;
        if (!this.decided.has(params.item.id)) await io.emit({ type: 'tool_use', ...call });
        return;
      }
      case 'item/commandExecution/outputDelta': {
        const { itemId, delta } = params;
        this.streamedOutput.set(itemId, (this.streamedOutput.get(itemId) ?? '') + String(delta ?? ''));
        return;
      }
      case 'item/completed':
        return this.itemCompleted(params.item);
      case 'thread/tokenUsage/updated':
        return this.usageUpdated(params.tokenUsage?.last);
      case 'error':
        this.lastError = describeError(params.error) ?? this.lastError;
        return;
      case 'turn/completed':
        if (this.turnId && params.turn?.id && params.turn.id !== this.turnId) return;
        this.settle(this.outcomeOf(params.turn ?? {}));
        return;
      default:
        return;
    }
  }

  private async itemCompleted(item: JsonObject): Promise<void> {
    if (item?.type === 'agentMessage') {
      const text = String(item.text ?? '').trim();
      if (!text) return;
      this.lastText = text;
      await this.context.io.emit({ type: 'assistant_text', text });
      return;
    }
    const call = this.callOf(item);
    if (!call || this.loggedResults.has(call.toolUseId)) return;
    const denial = this.denials.get(item.id);
    const output = denial === undefined ? toolOutputOfItem(item, this.streamedOutput.get(item.id) ?? '') : { output: denial, isError: true };
    this.loggedResults.add(call.toolUseId);
    await this.context.io.emit({ type: 'tool_result', toolUseId: call.toolUseId, tool: call.tool, ...output });
  }

  private async usageUpdated(last: JsonObject | undefined): Promise<void> {
    if (!last) return;
    const cached = Number(last.cachedInputTokens ?? 0);
    const usage: TokenUsage = {
      inputTokens: Math.max(0, Number(last.inputTokens ?? 0) - cached),
      outputTokens: Number(last.outputTokens ?? 0),
      cacheReadTokens: cached,
      model: this.context.model,
    };
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
    this.usage.cacheReadTokens = (this.usage.cacheReadTokens ?? 0) + cached;
    await this.context.io.emit({ type: 'usage', ...usage });

    // A response that called tools means the model wants another one; past the profile's limit, stop here.
    this.modelResponses += 1;
    const wantsMore = this.toolCallsSinceLastResponse;
    this.toolCallsSinceLastResponse = false;
    if (wantsMore && this.modelResponses >= this.context.maxTurns && this.turnId && !this.stoppedForMaxTurns) {
      this.stoppedForMaxTurns = true;
      this.context.interrupt(this.turnId);
    }
  }

  private async handleRequest(request: ServerRequest): Promise<void> {
    if (!APPROVAL_METHODS.has(request.method)) {
      this.context.respondError(request.id, `Forge does not support ${request.method}.`);
      return;
    }
    const { params } = request;
    const call = this.calls.get(params.itemId) ?? fallbackCall(request);
    const decision = this.decided.get(params.itemId) ?? (await this.ask(call));
    if (decision.behavior === 'deny') this.denials.set(params.itemId, decision.message);
    this.context.respond(request.id, { decision: decision.behavior === 'allow' ? 'accept' : 'decline' });
  }

  /** The gate may wait for a human for hours; the call is saved first so a restart asks about it again. */
  private async ask(call: ToolCall): Promise<ToolDecision> {
    const { io, state } = this.context;
    state.pendingCalls.push(call);
    await io.saveState(state);
    const decision = await io.canUseTool(call);
    state.pendingCalls = state.pendingCalls.filter((pending) => pending.toolUseId !== call.toolUseId);
    await io.saveState(state);
    return decision;
  }

  /**
   * The Forge tool call of a command or patch item, remembered by item id. A call an earlier attempt
   * already asked about keeps that attempt's toolUseId and decision, so it is approved exactly once.
   */
  private callOf(item: JsonObject): ToolCall | undefined {
    if (!item || !TOOL_ITEM_TYPES.has(item.type)) return undefined;
    const known = this.calls.get(item.id);
    if (known) return known;
    const call = toolCallOfItem(item, this.context.workspace);
    if (!call) return undefined;
    const carried = this.context.carried.findIndex((entry) => sameCall(entry.call, call));
    if (carried !== -1) {
      const [{ call: earlier, decision }] = this.context.carried.splice(carried, 1) as [CarriedDecision];
      call.toolUseId = earlier.toolUseId;
      this.decided.set(item.id, decision);
      if (decision.behavior === 'deny') this.loggedResults.add(earlier.toolUseId);
    }
    this.calls.set(item.id, call);
    return call;
  }

  private outcomeOf(turn: JsonObject): RuntimeOutcome {
    const usage = { ...this.usage, model: this.context.model };
    if (this.stoppedForMaxTurns) {
      return { stopReason: 'max_turns', output: this.lastText, usage, error: `Stopped after ${this.modelResponses} model turns.` };
    }
    if (turn.status === 'completed') return { stopReason: 'completed', output: this.lastText, usage };
    const reason = describeError(turn.error) ?? this.lastError ?? `The Codex turn ended with status "${turn.status ?? 'unknown'}".`;
    return { ...this.failed(reason), usage };
  }

  private failed(reason: string): RuntimeOutcome {
    return { stopReason: 'failed', output: this.lastText, error: reason, usage: { ...this.usage, model: this.context.model } };
  }
}

/** Codex's message plus its error code ("internalServerError", {httpConnectionFailed: {httpStatusCode}}), in words. */
function describeError(error: JsonObject | null | undefined): string | undefined {
  if (!error?.message) return undefined;
  const info = error.codexErrorInfo;
  const [code, detail] = typeof info === 'string' ? [info, undefined] : info && typeof info === 'object' ? Object.entries(info)[0] ?? [] : [];
  const status = (detail as JsonObject | undefined)?.httpStatusCode;
  const kind = code ? `${String(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}${status ? `, HTTP ${status}` : ''}` : undefined;
  return [`Codex: ${error.message}`, kind && `(${kind})`, error.additionalDetails].filter(Boolean).join(' ');
}

/** An approval request whose item was not announced first: build the call from the request alone. */
function fallbackCall({ method, params }: ServerRequest): ToolCall {
  if (method === 'item/commandExecution/requestApproval') {
    return { toolUseId: params.itemId, tool: 'Bash', input: { command: unwrapShellCommand(String(params.command ?? '')) } };
  }
  return { toolUseId: params.itemId, tool: 'Edit', input: { file_path: String(params.grantRoot ?? '') } };
}
