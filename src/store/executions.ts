import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ACTIVE_STATUSES, type ExecutionStatus } from '../domain/log-event.js';
import type { RuntimeId } from '../domain/runtime-id.js';
import type { Execution } from '../domain/task.js';
import { now, secondsFromNow } from './clock.js';
import type { Db, Engine } from './database.js';
import type { ExecutionRow } from './schema.js';

const RUNNING_STATUSES = ['running', 'waiting_approval'];

export async function insertExecution(
  db: Db,
  input: { taskId: string; runtime: RuntimeId; profileId: string; priority: number; simulated: boolean },
): Promise<ExecutionRow> {
  const row: ExecutionRow = {
    id: randomUUID(),
    task_id: input.taskId,
    runtime: input.runtime,
    profile_id: input.profileId,
    priority: input.priority,
    status: 'queued',
    attempt: 0,
    simulated: input.simulated ? 1 : 0,
    resume_state: null,
    runtime_session_id: null,
    result: null,
    error: null,
    lease_owner: null,
    lease_expires_at: null,
    created_at: now(),
    started_at: null,
    finished_at: null,
  };
  await db.insertInto('executions').values(row).execute();
  return row;
}

export async function findExecution(db: Db, id: string): Promise<ExecutionRow | undefined> {
  return db.selectFrom('executions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function latestExecutionForTask(db: Db, taskId: string): Promise<ExecutionRow | undefined> {
  return db
    .selectFrom('executions')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function activeExecutionForTask(db: Db, taskId: string): Promise<ExecutionRow | undefined> {
  return db
    .selectFrom('executions')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirst();
}

/**
 * Claims the most urgent queued execution for this worker. On PostgreSQL, SKIP LOCKED lets several
 * Forge processes lease from one queue without handing the same execution to two of them.
 */
export async function leaseNextExecution(
  db: Db,
  engine: Engine,
  options: { owner: string; leaseSeconds: number; skipRuntimes: readonly string[] },
): Promise<ExecutionRow | undefined> {
  let candidate = db
    .selectFrom('executions')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('priority')
    .orderBy('created_at')
    .limit(1);
  if (options.skipRuntimes.length > 0) candidate = candidate.where('runtime', 'not in', options.skipRuntimes);
  if (engine === 'postgres') candidate = candidate.forUpdate().skipLocked();
  const at = now();
  return db
    .updateTable('executions')
    .set({
      status: 'running',
      lease_owner: options.owner,
      lease_expires_at: secondsFromNow(options.leaseSeconds),
      started_at: sql<string>`coalesce(started_at, ${at})`,
      attempt: sql<number>`attempt + 1`,
    })
    .where('id', '=', candidate)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Extends the leases this worker still holds; returns the ids it no longer holds. */
export async function renewLeases(db: Db, owner: string, ids: string[], leaseSeconds: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const renewed = await db
    .updateTable('executions')
    .set({ lease_expires_at: secondsFromNow(leaseSeconds) })
    .where('id', 'in', ids)
    .where('lease_owner', '=', owner)
    .where('status', 'in', RUNNING_STATUSES)
    .returning('id')
    .execute();
  const held = new Set(renewed.map((r) => r.id));
  return ids.filter((id) => !held.has(id));
}

/** Moves a running execution between running and waiting_approval, only while this worker holds it. */
export async function setRunningStatus(
  db: Db,
  id: string,
  owner: string,
  status: 'running' | 'waiting_approval',
): Promise<boolean> {
  const result = await db
    .updateTable('executions')
    .set({ status })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', 'in', RUNNING_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Terminal write from the worker: ignored (false) if the execution was cancelled or taken over meanwhile. */
export async function finishExecution(
  db: Db,
  id: string,
  owner: string,
  outcome: { status: 'completed' | 'failed'; result?: string; error?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('executions')
    .set({
      status: outcome.status,
      result: outcome.result ?? null,
      error: outcome.error ?? null,
      finished_at: now(),
      lease_owner: null,
      lease_expires_at: null,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', 'in', RUNNING_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancel is terminal: it wins over any later write from the worker. */
export async function cancelExecution(db: Db, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('executions')
    .set({ status: 'cancelled', error: reason, finished_at: now(), lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Puts executions whose worker died back in the queue so they resume from their saved state.
 * `allRunning` is for a single-process engine at start-up, where every running row is an orphan.
 */
export async function requeueOrphanedExecutions(db: Db, options: { allRunning: boolean }): Promise<ExecutionRow[]> {
  let query = db
    .updateTable('executions')
    .set({ status: 'queued', lease_owner: null, lease_expires_at: null })
    .where('status', 'in', RUNNING_STATUSES);
  if (!options.allRunning) query = query.where('lease_expires_at', '<', now());
  return query.returningAll().execute();
}

/** A worker shutting down hands its executions back to the queue at once instead of letting leases expire. */
export async function releaseLeases(db: Db, owner: string): Promise<ExecutionRow[]> {
  return db
    .updateTable('executions')
    .set({ status: 'queued', lease_owner: null, lease_expires_at: null })
    .where('lease_owner', '=', owner)
    .where('status', 'in', RUNNING_STATUSES)
    .returningAll()
    .execute();
}

export async function saveResumeState(db: Db, id: string, owner: string, state: unknown): Promise<void> {
  await db
    .updateTable('executions')
    .set({ resume_state: JSON.stringify(state) })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function setRuntimeSessionId(db: Db, id: string, owner: string, sessionId: string): Promise<void> {
  await db
    .updateTable('executions')
    .set({ runtime_session_id: sessionId })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export function toExecution(row: ExecutionRow): Execution {
  return {
    id: row.id,
    taskId: row.task_id,
    runtime: row.runtime as RuntimeId,
    profileId: row.profile_id,
    priority: row.priority,
    status: row.status as ExecutionStatus,
    attempt: row.attempt,
    simulated: row.simulated === 1,
    runtimeSessionId: row.runtime_session_id,
    result: row.result,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
