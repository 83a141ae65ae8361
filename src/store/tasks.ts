import { randomUUID } from 'node:crypto';
import type { RuntimeId } from '../domain/runtime-id.js';
import type { Task, TaskStatus } from '../domain/task.js';
import { now } from './clock.js';
import type { Db } from './database.js';
import type { TaskRow } from './schema.js';

export interface NewTaskInput {
  title: string;
  description: string;
  projectId: string | null;
  assignedAgent: RuntimeId;
  agentProfile: string;
  priority: number;
  continueFromTaskId: string | null;
}

export async function insertTask(db: Db, input: NewTaskInput): Promise<Task> {
  const at = now();
  const row: TaskRow = {
    id: randomUUID(),
    project_id: input.projectId,
    title: input.title,
    description: input.description,
    assigned_agent: input.assignedAgent,
    agent_profile: input.agentProfile,
    priority: input.priority,
    status: 'created',
    continue_from_task_id: input.continueFromTaskId,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('tasks').values(row).execute();
  return toTask(row);
}

export async function findTask(db: Db, id: string): Promise<Task | undefined> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTask(row);
}

export async function listTasks(db: Db, filter: { status?: TaskStatus; limit?: number } = {}): Promise<Task[]> {
  let query = db.selectFrom('tasks').selectAll().orderBy('created_at', 'desc').orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.limit(filter.limit ?? 500).execute();
  return rows.map(toTask);
}

export async function setTaskStatus(db: Db, id: string, status: TaskStatus): Promise<void> {
  await db.updateTable('tasks').set({ status, updated_at: now() }).where('id', '=', id).execute();
}

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    description: row.description,
    assignedAgent: row.assigned_agent as RuntimeId,
    agentProfile: row.agent_profile,
    priority: row.priority,
    status: row.status as TaskStatus,
    continueFromTaskId: row.continue_from_task_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
