import type { LogEvent } from '../domain/log-event.js';
import type { Profile } from '../domain/profile.js';
import type { Notification } from '../domain/task.js';
import type { ToolCall, ToolDecision } from '../domain/tool-call.js';
import type { EventBus } from '../engine/event-bus.js';
import type { Db } from '../store/database.js';
import {
  answerNotification,
  findNotification,
  findNotificationForToolCall,
  findOrCreateNotification,
} from '../store/notifications.js';
import { listPermissionRules } from '../store/permission-rules.js';
import { ruleMatches } from './rule-matching.js';
import { normaliseToolName, toolListIncludes } from './tool-names.js';
import { outsideWorkspaceReason } from './workspace-confinement.js';

export interface GateContext {
  taskId: string;
  executionId: string;
  profile: Profile;
  /** Absolute path of the task's workspace; file tools may not reach outside it. */
  workspace: string;
  log(event: LogEvent): Promise<void>;
  /** Called when the run starts and stops waiting for a human, so its status shows it. */
  setWaiting(waiting: boolean): Promise<void>;
  signal: AbortSignal;
}

export interface PermissionGate {
  decide(context: GateContext, call: ToolCall): Promise<ToolDecision>;
}

/**
 * Every tool call of every runtime passes here. Order: a path outside the workspace → deny; not in
 * the profile's allowed tools → deny;
 * autoDeny → deny; autoApprove → allow; a stored Always Allow rule → allow; else a human decides.
 * The human wait is durable: the request is a database row, and there is no time-out that denies.
 */
export function createPermissionGate(deps: { db: Db; bus: EventBus; pollMs?: number }): PermissionGate {
  const pollMs = deps.pollMs ?? 2000;

  return {
    async decide(context, rawCall) {
      const call: ToolCall = { ...rawCall, tool: normaliseToolName(rawCall.tool) };
      const { profile } = context;
      const decided = async (
        decision: 'allow' | 'deny',
        source: Extract<LogEvent, { type: 'permission_decision' }>['source'],
        extra: { message?: string; ruleId?: string; notificationId?: string } = {},
      ): Promise<ToolDecision> => {
        if (source !== 'human' && source !== 'cancelled') await withdrawStaleRequest(deps, context.executionId, call, decision, source);
        await context.log({ type: 'permission_decision', toolUseId: call.toolUseId, tool: call.tool, decision, source, ...extra });
        return decision === 'allow' ? { behavior: 'allow' } : { behavior: 'deny', message: extra.message ?? 'Denied.' };
      };

      const outside = outsideWorkspaceReason(call, context.workspace);
      if (outside) return decided('deny', 'outside_workspace', { message: outside });
      if (profile.allowedTools.length > 0 && !toolListIncludes(profile.allowedTools, call.tool)) {
        return decided('deny', 'not_allowed', {
          message: `${call.tool} is not among the tools profile "${profile.id}" allows (${profile.allowedTools.join(', ')}).`,
        });
      }
      if (toolListIncludes(profile.autoDeny, call.tool)) {
        return decided('deny', 'auto_deny', { message: `${call.tool} is denied by profile "${profile.id}".` });
      }
      if (toolListIncludes(profile.autoApprove, call.tool)) return decided('allow', 'auto_approve');

      const rule = (await listPermissionRules(deps.db, call.tool)).find((r) => ruleMatches(r, call));
      if (rule) return decided('allow', 'always_allow', { ruleId: rule.id });

      // The run shows as waiting before its request appears, so whoever sees the request sees the wait.
      const earlier = await findNotificationForToolCall(deps.db, context.executionId, call.toolUseId);
      const mustWait = !earlier || earlier.status === 'pending';
      if (mustWait) await context.setWaiting(true);
      const { notification, created } = await findOrCreateNotification(deps.db, {
        taskId: context.taskId,
        executionId: context.executionId,
        toolUseId: call.toolUseId,
        tool: call.tool,
        input: call.input,
      });
      if (created) {
        await context.log({
          type: 'permission_request',
          notificationId: notification.id,
          toolUseId: call.toolUseId,
          tool: call.tool,
          input: call.input,
        });
        deps.bus.publishNotification(notification);
      }
      const answered = notification.status === 'pending' ? await waitForAnswer(deps, notification.id, pollMs, context.signal) : notification;
      if (mustWait) await context.setWaiting(false);
      const allow = answered.status === 'approved';
      const message = allow
        ? answered.message ?? undefined
        : answered.message ?? `The user denied ${call.tool}. Do not retry it; continue without it or explain what you need.`;
      return decided(allow ? 'allow' : 'deny', answered.status === 'cancelled' ? 'cancelled' : 'human', {
        notificationId: answered.id,
        message,
      });
    },
  };
}

/**
 * A resumed run may meet a call whose request from before the restart is still pending, while a rule
 * or the profile now decides it: close that request so the inbox never shows a question already settled.
 */
async function withdrawStaleRequest(
  deps: { db: Db; bus: EventBus },
  executionId: string,
  call: ToolCall,
  decision: 'allow' | 'deny',
  source: string,
): Promise<void> {
  const stale = await findNotificationForToolCall(deps.db, executionId, call.toolUseId);
  if (stale?.status !== 'pending') return;
  const message = `Settled without you (${source.replace('_', ' ')}).`;
  if (await answerNotification(deps.db, stale.id, { decision: decision === 'allow' ? 'approve' : 'deny', message })) {
    deps.bus.publishNotification((await findNotification(deps.db, stale.id))!);
  }
}

/** Wakes on the in-process bus; the slow poll covers answers given through another Forge process. */
function waitForAnswer(
  deps: { db: Db; bus: EventBus },
  notificationId: string,
  pollMs: number,
  signal: AbortSignal,
): Promise<Notification> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, value?: Notification) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearInterval(poll);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(value!);
    };
    const check = async () => {
      const current = await findNotification(deps.db, notificationId).catch(() => undefined);
      if (current && current.status !== 'pending') finish(null, current);
    };
    const unsubscribe = deps.bus.onNotification((n) => {
      if (n.id === notificationId && n.status !== 'pending') finish(null, n);
    });
    const poll = setInterval(check, pollMs);
    const onAbort = () => finish(signal.reason ?? new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    void check();
  });
}
