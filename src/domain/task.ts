import { ACTIVE_STATUSES, TERMINAL_STATUSES, type ExecutionStatus, type TokenUsage } from './log-event.js';
import type { RuntimeId } from './runtime-id.js';

export const TASK_STATUSES = ['created', ...ACTIVE_STATUSES, ...TERMINAL_STATUSES] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 1 is the most urgent; the scheduler runs lower numbers first. */
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;
export const DEFAULT_PRIORITY = 3;

export interface Project {
  id: string;
  name: string;
  workingDirectory: string;
  createdAt: string;
}

export interface Task {
  id: string;
  projectId: string | null;
  title: string;
  description: string;
  assignedAgent: RuntimeId;
  agentProfile: string;
  priority: number;
  status: TaskStatus;
  /** Continue the session of this earlier task (persistent sessions). */
  continueFromTaskId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Execution {
  /** Also the `sessionId` returned by execute. */
  id: string;
  taskId: string;
  runtime: RuntimeId;
  profileId: string;
  priority: number;
  status: ExecutionStatus;
  attempt: number;
  simulated: boolean;
  runtimeSessionId: string | null;
  result: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  usage?: TokenUsage;
}

export type NotificationStatus = 'pending' | 'approved' | 'denied' | 'cancelled';
export type HumanDecision = 'approve' | 'deny' | 'always_allow';

/** A permission request waiting for (or answered by) a human. */
export interface Notification {
  id: string;
  taskId: string;
  executionId: string;
  toolUseId: string;
  tool: string;
  input: Record<string, unknown>;
  status: NotificationStatus;
  decision: HumanDecision | null;
  message: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface PermissionRule {
  id: string;
  tool: string;
  /** Null matches every call of the tool; `prefix*` matches by prefix; anything else matches exactly. */
  pattern: string | null;
  createdFromNotificationId: string | null;
  createdAt: string;
}
