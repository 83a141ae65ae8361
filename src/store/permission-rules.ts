import { randomUUID } from 'node:crypto';
import type { PermissionRule } from '../domain/task.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { PermissionRuleRow } from './schema.js';

export async function insertPermissionRule(
  db: Db,
  input: { tool: string; pattern: string | null; createdFromNotificationId: string | null },
): Promise<PermissionRule> {
  const row: PermissionRuleRow = {
    id: randomUUID(),
    tool: input.tool,
    pattern: input.pattern,
    created_from_notification_id: input.createdFromNotificationId,
    created_at: now(),
  };
  await db.insertInto('permission_rules').values(row).execute();
  return toRule(row);
}

export async function listPermissionRules(db: Db, tool?: string): Promise<PermissionRule[]> {
  let query = db.selectFrom('permission_rules').selectAll().orderBy('created_at');
  if (tool) query = query.where('tool', '=', tool);
  return (await query.execute()).map(toRule);
}

export async function deletePermissionRule(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('permission_rules').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

function toRule(row: PermissionRuleRow): PermissionRule {
  return {
    id: row.id,
    tool: row.tool,
    pattern: row.pattern,
    createdFromNotificationId: row.created_from_notification_id,
    createdAt: row.created_at,
  };
}
