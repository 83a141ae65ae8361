import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { query, type CanUseTool, type Options } from '@anthropic-ai/claude-agent-sdk';
import { normaliseToolName } from '../../permissions/tool-names.js';
import type { RuntimeAdapter, RuntimeConnection, RuntimeIO, RuntimeOutcome, RuntimeRun } from '../runtime.js';
import { locateClaudeBinary } from './claude-binary.js';
import { buildClaudeEnv, claudeConnection, claudeDirs } from './claude-env.js';
import { findParentDeathGuard, spawnClaudeProcess } from './claude-process.js';
import { MessageTranslator } from './message-translator.js';
import { readClaudeCodeState, type ClaudeCodeState } from './resume-state.js';
import { ToolUseLedger } from './tool-use-ledger.js';
import { TurnInput } from './turn-input.js';

const DEFAULT_MODEL = 'claude-sonnet-4-5';
/** How long a permission request may wait for its tool_use message to be logged first. */
const TOOL_USE_WAIT_MS = 5_000;
/** A resumed session with no interrupted turn stays silent; after this long there is nothing to re-run. */
const RESUME_SILENCE_MS = 15_000;
const STDERR_TAIL_CHARS = 2_000;

export interface ClaudeCodeRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Forge's data dir: Claude Code's HOME, config and session transcripts live under it. */
  dataDir?: string;
  /** Base URL of Forge's simulator, used only when no credentials are set. */
  simulatorUrl?: string;
}

/**
 * Claude Code through the Agent SDK: the real binary runs the agent loop and the tools in the task's
 * workspace, and asks Forge's permission gate before any tool that needs a permission.
 */
export function createClaudeCodeRuntime(options: ClaudeCodeRuntimeOptions): RuntimeAdapter {
  // Same default as the server's own data dir, for callers that do not pass it.
  const dataDir = options.dataDir ?? resolve(options.env.FORGE_DATA_DIR ?? join(homedir(), '.forge'));
  const parentDeathGuard = findParentDeathGuard(options.env.PATH);
  const binary = () => locateClaudeBinary({ explicitPath: options.env.FORGE_CLAUDE_CODE_EXECUTABLE || undefined });

  const connection = (): RuntimeConnection => {
    try {
      binary();
    } catch (error) {
      return { mode: 'unconfigured', reason: (error as Error).message };
    }
    return claudeConnection(options.env, options.simulatorUrl);
  };

  return {
    id: 'claude-code',
    capabilities: { tools: true, resume: true, streaming: true, costReporting: true },
    connection,
    run: async (run, io) => runClaudeCode(run, io, { ...options, dataDir, binary: binary(), parentDeathGuard }),
  };
}

async function runClaudeCode(
  run: RuntimeRun,
  io: RuntimeIO,
  options: ClaudeCodeRuntimeOptions & { dataDir: string; binary: string; parentDeathGuard: string | undefined },
): Promise<RuntimeOutcome> {
  const saved = readClaudeCodeState(run.resumeState);
  if (saved?.outcome) return saved.outcome;

  const env = buildClaudeEnv({ env: options.env, dataDir: options.dataDir, simulatorUrl: options.simulatorUrl });
  mkdirSync(claudeDirs(options.dataDir).configDir, { recursive: true });

  // Our own session after a restart: re-run its interrupted turn. Another task's session: fork it, so
  // that task's transcript stays as it was and this execution gets a session of its own.
  const resumeSession = saved?.sessionId ?? run.resumeSessionId;
  const state: ClaudeCodeState = { version: 1, sessionId: saved?.sessionId ?? '', pending: [...(saved?.pending ?? [])] };
  const ledger = new ToolUseLedger(saved?.pending);
  const translator = new MessageTranslator(ledger);
  const input = new TurnInput(saved ? undefined : run.prompt);
  const abortController = new AbortController();
  const abort = () => abortController.abort(io.signal.reason);
  if (io.signal.aborted) abort();
  io.signal.addEventListener('abort', abort, { once: true });
  let stderrTail = '';

  const canUseTool: CanUseTool = async (toolName, toolInput, { toolUseID }) => {
    const recorded = toolUseID ? await ledger.whenRecorded(toolUseID, TOOL_USE_WAIT_MS) : undefined;
    const toolUseId = recorded?.forgeId ?? toolUseID ?? `claude-code-${randomUUID()}`;
    const tool = normaliseToolName(toolName);
    if (!state.pending.some((call) => call.toolUseId === toolUseId)) {
      state.pending.push({ toolUseId, tool, input: recorded?.input ?? toolInput });
      await io.saveState(state);
    }
    const decision = await io.canUseTool({ toolUseId, tool, input: toolInput });
    return decision.behavior === 'allow'
      ? { behavior: 'allow', updatedInput: toolInput }
      : { behavior: 'deny', message: decision.message };
  };

  const sdkOptions: Options = {
    pathToClaudeCodeExecutable: options.binary,
    cwd: run.workspace,
    env: saved ? { ...env, CLAUDE_CODE_RESUME_INTERRUPTED_TURN: '1' } : env,
    model: run.model ?? options.env.ANTHROPIC_MODEL ?? DEFAULT_MODEL,
    maxTurns: run.maxTurns,
    systemPrompt: { type: 'preset', preset: 'claude_code', append: run.systemPrompt },
    // `tools` limits what the model is offered; the SDK's `allowedTools` would skip the gate instead.
    tools: run.profile.allowedTools.length > 0 ? run.profile.allowedTools : { type: 'preset', preset: 'claude_code' },
    // Auto-denied tools are removed outright: the binary runs read-only tools without asking anyone.
    disallowedTools: run.profile.autoDeny,
    settingSources: [],
    permissionMode: 'default',
    persistSession: true,
    ...(resumeSession ? { resume: resumeSession, forkSession: !saved } : {}),
    abortController,
    canUseTool,
    spawnClaudeCodeProcess: (request) =>
      spawnClaudeProcess(request, {
        parentDeathGuard: options.parentDeathGuard,
        hardStop: abortController.signal,
        onStderr: (text) => {
          stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
        },
      }),
  };

  let outcome: RuntimeOutcome | undefined;
  let heardFromBinary = false;
  const silence = saved ? setTimeout(() => heardFromBinary || input.close(), RESUME_SILENCE_MS) : undefined;
  try {
    for await (const message of query({ prompt: input.messages(), options: sdkOptions })) {
      heardFromBinary = true;
      if (message.type === 'system' && message.subtype === 'init' && message.session_id !== state.sessionId) {
        state.sessionId = message.session_id;
        await io.saveState(state);
        await io.setSessionId(message.session_id);
      }
      const { events, settled } = translator.translate(message);
      for (const event of events) await io.emit(event);
      if (settled.length > 0) {
        state.pending = state.pending.filter((call) => !settled.includes(call.toolUseId));
        await io.saveState(state);
      }
      if (message.type === 'result') {
        const finished = translator.finish(message);
        await io.emit({ type: 'usage', ...finished.usage });
        outcome = finished.outcome;
        state.outcome = outcome;
        await io.saveState(state);
        input.close();
      }
    }
  } catch (error) {
    // After a result the SDK also throws for error results; the outcome already says it.
    if (!outcome && !io.signal.aborted) throw new Error(`Claude Code stopped without a result: ${describe(error, stderrTail)}`);
  } finally {
    clearTimeout(silence);
    input.close();
    io.signal.removeEventListener('abort', abort);
  }
  if (io.signal.aborted) throw io.signal.reason ?? new Error('aborted');
  if (outcome) return outcome;
  if (saved) {
    throw new Error(`Claude Code session ${saved.sessionId} had no interrupted turn to resume; its last turn ended before the restart.`);
  }
  throw new Error(`Claude Code exited without a result.${stderrTail ? ` Its last output: ${stderrTail.trim()}` : ''}`);
}

function describe(error: unknown, stderrTail: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return stderrTail.trim() && !message.includes(stderrTail.trim()) ? `${message} (stderr: ${stderrTail.trim()})` : message;
}
