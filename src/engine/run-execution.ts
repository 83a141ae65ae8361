import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogEvent } from '../domain/log-event.js';
import type { RuntimeId } from '../domain/runtime-id.js';
import { describeOutputs, type DocumentLibrary } from '../documents/document-library.js';
import type { PermissionGate } from '../permissions/permission-gate.js';
import type { RuntimeAdapter, RuntimeOutcome } from '../runtimes/runtime.js';
import type { Db } from '../store/database.js';
import {
  finishExecution,
  latestExecutionForTask,
  saveResumeState,
  setRunningStatus,
  setRuntimeSessionId,
} from '../store/executions.js';
import { cancelPendingNotifications } from '../store/notifications.js';
import { findProject } from '../store/projects.js';
import type { ExecutionRow } from '../store/schema.js';
import { findTask, setTaskStatus } from '../store/tasks.js';
import { assembleContext } from './context.js';
import type { EventBus } from './event-bus.js';
import { LogWriter } from './log-writer.js';
import type { ProfileLookup } from './profile-lookup.js';

export interface RunDeps {
  db: Db;
  bus: EventBus;
  gate: PermissionGate;
  profiles: ProfileLookup;
  runtimes: ReadonlyMap<RuntimeId, RuntimeAdapter>;
  workspacesDir: string;
  workerId: string;
  documents: DocumentLibrary;
  /** Characters of document text a run's prompt may carry in total. */
  contextBudgetChars: number;
}

/** Why a run was aborted: a user cancel (already recorded) or this process going away (resume later). */
export type AbortReason = 'cancelled' | 'shutdown' | 'lease_lost';

/**
 * Runs one leased execution to its end. Every status write is fenced on this worker's lease, so a
 * cancel or a takeover by another worker always wins over a late write from here.
 */
export async function runExecution(deps: RunDeps, row: ExecutionRow, log: LogWriter, signal: AbortSignal): Promise<void> {
  const { db, workerId } = deps;
  const fail = async (message: string, code: string) => {
    if (await finishExecution(db, row.id, workerId, { status: 'failed', error: message })) {
      await setTaskStatus(db, row.task_id, 'failed');
      await cancelPendingNotifications(db, row.id); // a failed run will never act on an open request
      await log.write({ type: 'error', message, code });
      await log.writeFinal({ type: 'status', status: 'failed', message });
    }
  };

  const task = await findTask(db, row.task_id);
  const profile = deps.profiles.get(row.profile_id);
  const adapter = deps.runtimes.get(row.runtime as RuntimeId);
  if (!task) return fail(`Task ${row.task_id} no longer exists.`, 'task_missing');
  if (!profile) return fail(`Profile "${row.profile_id}" is no longer available.`, 'profile_missing');
  if (!adapter) return fail(`Runtime "${row.runtime}" is not available in this server.`, 'runtime_missing');

  // A cancel that landed between the lease and here wins: the run never starts.
  if (!(await setRunningStatus(db, row.id, workerId, 'running'))) return;
  await setTaskStatus(db, task.id, 'running');
  let prepared;
  try {
    const project = task.projectId ? await findProject(db, task.projectId) : undefined;
    const workspace = project?.workingDirectory ?? join(deps.workspacesDir, task.id);
    await mkdir(workspace, { recursive: true });
    const context = await assembleContext({
      task,
      project,
      profile,
      workspace,
      documents: await deps.documents.documentsForRun(task),
      documentBudgetChars: deps.contextBudgetChars,
    });
    prepared = { workspace, ...context };
  } catch (error) {
    return fail(`Could not prepare the run: ${errorMessage(error)}`, 'setup_failed');
  }
  const { workspace, systemPrompt, prompt, summary } = prepared;
  // One event says where the run starts and what context it got.
  const started = row.attempt > 1 ? `Resumed (attempt ${row.attempt}) on ${row.runtime}` : `Started on ${row.runtime}`;
  await log.write({ type: 'status', status: 'running', message: `${started}. ${summary}` });

  const resumeSessionId =
    row.runtime_session_id ??
    (task.continueFromTaskId ? (await latestExecutionForTask(db, task.continueFromTaskId))?.runtime_session_id : null) ??
    undefined;

  const setWaiting = async (waiting: boolean) => {
    const status = waiting ? 'waiting_approval' : 'running';
    if (await setRunningStatus(db, row.id, workerId, status)) {
      await setTaskStatus(db, task.id, status);
      await log.write({ type: 'status', status });
    }
  };

  const registerOutputs = async () => {
    const message = describeOutputs(await deps.documents.registerOutputs(task.id, workspace));
    if (message) await log.write({ type: 'status', status: 'running', message });
  };
  let outcome: RuntimeOutcome;
  try {
    outcome = await adapter.run(
      {
        executionId: row.id,
        taskId: task.id,
        prompt,
        systemPrompt,
        profile,
        workspace,
        model: profile.models[adapter.id],
        maxTurns: profile.maxTurns,
        resumeState: row.resume_state ? JSON.parse(row.resume_state) : null,
        resumeSessionId,
      },
      {
        emit: async (event: LogEvent) => void (await log.write(event)),
        canUseTool: (call) =>
          deps.gate.decide(
            { taskId: task.id, executionId: row.id, profile, workspace, log: async (e) => void (await log.write(e)), setWaiting, signal },
            call,
          ),
        saveState: (state) => saveResumeState(db, row.id, workerId, state),
        setSessionId: (sessionId) => setRuntimeSessionId(db, row.id, workerId, sessionId),
        signal,
      },
    );
  } catch (error) {
    if (signal.aborted) return; // cancel already recorded; shutdown/lease loss leave it for a resume
    await registerOutputs();
    return fail(`${adapter.id} runtime error: ${errorMessage(error)}`, 'runtime_error');
  }
  if (signal.aborted) return;
  await registerOutputs();

  if (outcome.stopReason === 'completed') {
    if (await finishExecution(db, row.id, workerId, { status: 'completed', result: outcome.output })) {
      await setTaskStatus(db, task.id, 'completed');
      await log.write({ type: 'result', output: outcome.output });
      await log.writeFinal({ type: 'status', status: 'completed' });
    }
    return;
  }
  const reason =
    outcome.stopReason === 'max_turns'
      ? `Reached the profile's limit of ${profile.maxTurns} turns before finishing.`
      : (outcome.error ?? 'The runtime reported a failure.');
  if (outcome.output) await log.write({ type: 'result', output: outcome.output });
  return fail(reason, outcome.stopReason);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
