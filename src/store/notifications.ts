import { randomUUID } from 'node:crypto';
import type { HumanDecision, Notification, NotificationStatus } from '../domain/task.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { NotificationRow } from './schema.js';

/**
 * Returns the permission request for this tool call, creating it if it is new. Keyed by
 * (execution, tool call) so a resumed run finds the request it was waiting on instead of asking twice.
 */
export async function findOrCreateNotification(
  db: Db,
  input: { taskId: string; executionId: string; toolUseId: string; tool: string; input: Record<string, unknown> },
): Promise<{ notification: Notification; created: boolean }> {
  const existing = await findNotificationForToolCall(db, input.executionId, input.toolUseId);
  if (existing) return { notification: existing, created: false };
  const row: NotificationRow = {
    id: randomUUID(),
    task_id: input.taskId,
    execution_id: input.executionId,
    tool_use_id: input.toolUseId,
    tool: input.tool,
    input: JSON.stringify(input.input),
    status: 'pending',
    decision: null,
    message: null,
    created_at: now(),
    responded_at: null,
  };
  const inserted = await db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['execution_id', 'tool_use_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const raced = await findNotificationForToolCall(db, input.executionId, input.toolUseId);
    if (raced) return { notification: raced, created: false };
  }
  return { notification: toNotification(row), created: true };
}

export async function findNotificationForToolCall(db: Db, executionId: string, toolUseId: string): Promise<Notification | undefined> {
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('execution_id', '=', executionId)
    .where('tool_use_id', '=', toolUseId)
    .executeTakeFirst();
  return row && toNotification(row);
}

export async function findNotification(db: Db, id: string): Promise<Notification | undefined> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toNotification(row);
}

export async function listNotifications(
  db: Db,
  filter: { status?: NotificationStatus; taskId?: string } = {},
): Promise<Notification[]> {
  let query = db.selectFrom('notifications').selectAll().orderBy('created_at').orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.taskId) query = query.where('task_id', '=', filter.taskId);
  const rows = await query.limit(1000).execute();
  return rows.map(toNotification);
}

/** Records a human answer; only a pending request can be answered, so answering twice is detected. */
export async function answerNotification(
  db: Db,
  id: string,
  answer: { decision: HumanDecision; message: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({
      status: answer.decision === 'deny' ? 'denied' : 'approved',
      decision: answer.decision,
      message: answer.message,
      responded_at: now(),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A cancelled execution's open requests are withdrawn so the inbox never shows dead questions. */
export async function cancelPendingNotifications(db: Db, executionId: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'cancelled', responded_at: now() })
    .where('execution_id', '=', executionId)
    .where('status', '=', 'pending')
    .execute();
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    taskId: row.task_id,
    executionId: row.execution_id,
    toolUseId: row.tool_use_id,
    tool: row.tool,
    input: JSON.parse(row.input) as Record<string, unknown>,
    status: row.status as NotificationStatus,
    decision: row.decision as HumanDecision | null,
    message: row.message,
    createdAt: row.created_at,
    respondedAt: row.responded_at,
  };
}
