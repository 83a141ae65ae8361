import type { LogEntry, LogEvent } from '../domain/log-event.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { AgentLogRow } from './schema.js';

export async function appendLog(db: Db, taskId: string, executionId: string, event: LogEvent): Promise<LogEntry> {
  const { type, ...payload } = event;
  const createdAt = now();
  const inserted = await db
    .insertInto('agent_logs')
    .values({ task_id: taskId, execution_id: executionId, type, payload: JSON.stringify(payload), created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...event, id: Number(inserted.id), taskId, executionId, createdAt } as LogEntry;
}

/** Entries of a task after a cursor (the SSE `Last-Event-ID`), oldest first. */
export async function logsAfter(db: Db, taskId: string, afterId: number, limit = 1000): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom('agent_logs')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toLogEntry);
}

/** The newest `limit` entries of a task, oldest first (long logs show their tail first). */
export async function logTail(db: Db, taskId: string, limit: number): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom('agent_logs')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map(toLogEntry);
}

export function toLogEntry(row: AgentLogRow): LogEntry {
  return {
    ...(JSON.parse(row.payload) as object),
    type: row.type,
    id: Number(row.id),
    taskId: row.task_id,
    executionId: row.execution_id,
    createdAt: row.created_at,
  } as LogEntry;
}
