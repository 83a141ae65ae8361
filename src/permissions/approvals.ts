import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { HumanDecision, Notification, PermissionRule } from '../domain/task.js';
import type { EventBus } from '../engine/event-bus.js';
import type { Db } from '../store/database.js';
import { answerNotification, findNotification, listNotifications } from '../store/notifications.js';
import { insertPermissionRule } from '../store/permission-rules.js';
import { defaultPatternFor, ruleMatches } from './rule-matching.js';

export interface Answer {
  decision: HumanDecision;
  message?: string;
  /** For always_allow: the rule's argument pattern; defaults to the exact command for Bash, the whole tool otherwise. */
  pattern?: string | null;
}

/** A human answers a permission request; the waiting run (in this or another process) wakes up. */
export async function respondToNotification(
  deps: { db: Db; bus: EventBus },
  id: string,
  answer: Answer,
): Promise<{ notification: Notification; rule?: PermissionRule }> {
  const existing = await findNotification(deps.db, id);
  if (!existing) throw new NotFoundError(`No notification with id "${id}". List pending ones with GET /api/notifications?status=pending.`);
  if (existing.status !== 'pending') {
    throw new ConflictError(`Notification ${id} was already answered (status: ${existing.status}); nothing changed.`);
  }
  let rule: PermissionRule | undefined;
  const answered = await deps.db.transaction().execute(async (trx) => {
    const ok = await answerNotification(trx, id, { decision: answer.decision, message: answer.message ?? null });
    if (!ok) return false;
    if (answer.decision === 'always_allow') {
      const pattern = answer.pattern !== undefined ? answer.pattern : defaultPatternFor(existing);
      rule = await insertPermissionRule(trx, { tool: existing.tool, pattern, createdFromNotificationId: id });
    }
    return true;
  });
  if (!answered) throw new ConflictError(`Notification ${id} was already answered; nothing changed.`);
  const notification = (await findNotification(deps.db, id))!;
  deps.bus.publishNotification(notification);
  if (rule) await releaseRequestsCoveredBy(deps, rule);
  return { notification, rule };
}

/** Other requests waiting on a call the new rule allows need no answer any more: approve them now. */
async function releaseRequestsCoveredBy(deps: { db: Db; bus: EventBus }, rule: PermissionRule): Promise<void> {
  for (const pending of await listNotifications(deps.db, { status: 'pending' })) {
    if (!ruleMatches(rule, pending)) continue;
    const message = `Allowed by the Always Allow rule created from request ${rule.createdFromNotificationId}.`;
    if (await answerNotification(deps.db, pending.id, { decision: 'approve', message })) {
      deps.bus.publishNotification((await findNotification(deps.db, pending.id))!);
    }
  }
}
