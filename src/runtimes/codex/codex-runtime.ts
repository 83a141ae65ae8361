import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeAdapter, RuntimeConnection, RuntimeIO, RuntimeOutcome, RuntimeRun } from '../runtime.js';
import { CodexAppServer, type JsonObject } from './codex-app-server.js';
import { findCodexBinary } from './codex-binary.js';
import { codexEnvironment, prepareCodexHome, type CodexEndpoint } from './codex-home.js';
import { continuationMessage, isCodexRunState, type CarriedDecision, type CodexRunState } from './codex-run-state.js';
import { CodexTurn } from './codex-turn.js';

/** A slug Codex knows: an unknown one changes its tool list (no apply_patch) and adds a warning. */
const DEFAULT_MODEL = 'gpt-5.5';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Without a data dir, Codex's home lives in one temp dir per Forge process: threads resume within it, not after a restart. */
let processHomeDir: string | undefined;

export interface CodexRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Base URL of Forge's simulator, used only when no OPENAI_API_KEY is set. */
  simulatorUrl?: string;
  /** Forge's data directory; Codex's home (config and thread rollouts) lives under it, so threads survive restarts. */
  dataDir?: string;
}

/** The Codex app-server over JSON-RPC: Codex runs the tools, and every approval it asks for goes through Forge's gate. */
export function createCodexRuntime(options: CodexRuntimeOptions): RuntimeAdapter {
  const { env } = options;
  const binary = findCodexBinary();
  const homeDir = options.dataDir ? join(options.dataDir, 'codex') : undefined;

  const connection = (): RuntimeConnection => {
    if ('error' in binary) return { mode: 'unconfigured', reason: `the Codex CLI is unavailable: ${binary.error}` };
    if (env.OPENAI_API_KEY) return { mode: 'real', endpoint: env.OPENAI_BASE_URL || OPENAI_BASE_URL };
    if (options.simulatorUrl) {
      return { mode: 'simulated', endpoint: `${options.simulatorUrl}/v1`, reason: 'OPENAI_API_KEY is not set, so the local simulator answers' };
    }
    return { mode: 'unconfigured', reason: 'set OPENAI_API_KEY (and OPENAI_BASE_URL for a non-default endpoint).' };
  };

  const launch = (run: RuntimeRun, model: string, turn: () => CodexTurn | undefined): CodexAppServer => {
    const target = connection();
    if (target.mode === 'unconfigured') throw new Error(`codex runtime is not configured: ${target.reason}`);
    if ('error' in binary) throw new Error(`codex runtime is not configured: ${binary.error}`);
    const endpoint: CodexEndpoint = { baseUrl: target.endpoint, apiKey: env.OPENAI_API_KEY || 'forge-simulator', model };
    const dir = homeDir ?? (processHomeDir ??= mkdtempSync(join(tmpdir(), 'forge-codex-')));
    const home = prepareCodexHome(dir, endpoint);
    return new CodexAppServer(
      binary.path,
      { cwd: run.workspace, env: codexEnvironment(home, endpoint, env, binary.helperPath) },
      {
        onNotification: (method, params) => turn()?.notification(method, params),
        onRequest: (request) => turn()?.request(request),
        onExit: (description) => turn()?.processExited(description),
      },
    );
  };

  return {
    id: 'codex',
    capabilities: { tools: true, resume: true, streaming: true, costReporting: false },
    connection,
    async run(run, io) {
      const model = run.model ?? env.CODEX_MODEL ?? DEFAULT_MODEL;
      const earlier = isCodexRunState(run.resumeState) ? run.resumeState : undefined;
      const carried = await answerCarriedCalls(earlier, io);
      io.signal.throwIfAborted();

      let turn: CodexTurn | undefined;
      const server = launch(run, model, () => turn);
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          turn?.interrupt();
          reject(io.signal.reason ?? new Error('aborted'));
        };
        io.signal.addEventListener('abort', onAbort, { once: true });
      });
      const conversation = converse(server, run, io, model, earlier, carried, (t) => (turn = t));
      // Whichever loses the race settles later (an abort rejects the server's open requests): never unhandled.
      for (const settling of [aborted, conversation]) settling.catch(() => {});
      try {
        return await Promise.race([aborted, conversation]);
      } finally {
        io.signal.removeEventListener('abort', onAbort);
        await server.stop();
      }
    },
  };
}

/**
 * Calls that waited for a decision when the last attempt ended are decided first (the gate finds their
 * pending notification, so nobody is asked twice); the model then learns the answer and re-issues them.
 */
async function answerCarriedCalls(earlier: CodexRunState | undefined, io: RuntimeIO): Promise<CarriedDecision[]> {
  const carried: CarriedDecision[] = [];
  for (const call of earlier?.pendingCalls ?? []) {
    const decision = await io.canUseTool(call);
    carried.push({ call, decision });
    if (decision.behavior === 'deny') {
      await io.emit({ type: 'tool_result', toolUseId: call.toolUseId, tool: call.tool, output: decision.message, isError: true });
    }
  }
  return carried;
}

async function converse(
  server: CodexAppServer,
  run: RuntimeRun,
  io: RuntimeIO,
  model: string,
  earlier: CodexRunState | undefined,
  carried: CarriedDecision[],
  setTurn: (turn: CodexTurn) => void,
): Promise<RuntimeOutcome> {
  await server.request('initialize', {
    clientInfo: { name: 'forge', title: 'Forge', version: '1.0.0' },
    capabilities: { experimentalApi: false },
  });
  server.notify('initialized');

  const threadSettings = { cwd: run.workspace, approvalPolicy: 'untrusted', sandbox: 'workspace-write', model };
  const resumeId = earlier?.threadId ?? run.resumeSessionId;
  let threadId: string;
  if (resumeId) {
    const resumed = await server
      .request<JsonObject>('thread/resume', { threadId: resumeId, ...threadSettings, excludeTurns: true })
      .catch((error: Error) => {
        throw new Error(`Codex thread ${resumeId} could not be resumed: ${error.message}`);
      });
    threadId = resumed.thread.id;
  } else {
    const started = await server.request<JsonObject>('thread/start', { ...threadSettings, developerInstructions: run.systemPrompt || null });
    threadId = started.thread.id;
  }

  const state: CodexRunState = { version: 1, threadId, promptSent: earlier?.promptSent ?? false, pendingCalls: [] };
  // State before the session id: a crash in between then starts afresh instead of resuming without state.
  await io.saveState(state);
  await io.setSessionId(threadId);

  const turn = new CodexTurn({
    io,
    state,
    workspace: run.workspace,
    maxTurns: run.maxTurns,
    model,
    carried,
    interrupt: (turnId) => void server.request('turn/interrupt', { threadId, turnId }).catch(() => {}),
    respond: (id, result) => server.respond(id, result),
    respondError: (id, message) => server.respondError(id, message),
  });
  setTurn(turn);

  const text = state.promptSent ? continuationMessage(carried) : run.prompt;
  const started = await server.request<JsonObject>('turn/start', { threadId, input: [{ type: 'text', text, text_elements: [] }] });
  turn.started(started.turn.id);
  if (!state.promptSent) {
    state.promptSent = true;
    await io.saveState(state);
  }
  return turn.outcome;
}
