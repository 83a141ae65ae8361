import { ConflictError, NotFoundError, UnprocessableError } from '../domain/errors.js';
import type { Execution } from '../domain/task.js';
import type { Db } from '../store/database.js';
import {
  activeExecutionForTask,
  cancelExecution,
  findExecution,
  insertExecution,
  toExecution,
} from '../store/executions.js';
import { cancelPendingNotifications } from '../store/notifications.js';
import { findProject } from '../store/projects.js';
import { findTask, setTaskStatus } from '../store/tasks.js';
import type { RuntimeAdapter } from '../runtimes/runtime.js';
import type { RuntimeId } from '../domain/runtime-id.js';
import { existsSync } from 'node:fs';
import { LogWriter } from './log-writer.js';
import type { ProfileLookup } from './profile-lookup.js';
import type { AbortReason } from './run-execution.js';
import type { Scheduler } from './scheduler.js';
import type { EventBus } from './event-bus.js';

export interface ExecutionManagerDeps {
  db: Db;
  bus: EventBus;
  profiles: ProfileLookup;
  runtimes: ReadonlyMap<RuntimeId, RuntimeAdapter>;
  scheduler: Scheduler;
}

/** The front door of the engine: validates a run before it is queued, and cancels. */
export class ExecutionManager {
  constructor(private readonly deps: ExecutionManagerDeps) {}

  async execute(taskId: string): Promise<{ taskId: string; sessionId: string; status: 'queued'; simulated: boolean }> {
    const { db } = this.deps;
    const task = await findTask(db, taskId);
    if (!task) throw new NotFoundError(`No task with id "${taskId}".`);
    const runtime = this.deps.runtimes.get(task.assignedAgent);
    if (!runtime) throw new UnprocessableError(`Runtime "${task.assignedAgent}" is not available in this server.`);
    const profile = this.deps.profiles.get(task.agentProfile);
    if (!profile) {
      throw new UnprocessableError(
        `Task ${task.id} names profile "${task.agentProfile}", which does not exist. Pick one of GET /api/profiles.`,
      );
    }
    if (!profile.supportedRuntimes.includes(task.assignedAgent)) {
      throw new UnprocessableError(
        `Profile "${profile.id}" does not support runtime "${task.assignedAgent}" (it supports ${profile.supportedRuntimes.join(', ')}). ` +
          `Assign the task to one of those runtimes or choose another profile.`,
      );
    }
    const connection = runtime.connection();
    if (connection.mode === 'unconfigured') {
      throw new UnprocessableError(
        `Task ${task.id} (profile "${profile.id}") can't run: runtime "${runtime.id}" is not configured: ${connection.reason} ` +
          `Or assign the task to a configured runtime (GET /api/runtimes).`,
      );
    }
    if (task.projectId) {
      const project = await findProject(db, task.projectId);
      if (project && !existsSync(project.workingDirectory)) {
        throw new UnprocessableError(
          `Project "${project.name}" has working directory ${project.workingDirectory}, which does not exist. Create it or fix the project.`,
        );
      }
    }
    if (await activeExecutionForTask(db, task.id)) throw alreadyActive(task.id);

    const simulated = connection.mode === 'simulated';
    let row;
    try {
      row = await insertExecution(db, {
        taskId: task.id,
        runtime: task.assignedAgent,
        profileId: profile.id,
        priority: task.priority,
        simulated,
      });
    } catch (error) {
      // The partial unique index lets only one of two concurrent executes through.
      if (await activeExecutionForTask(db, task.id)) throw alreadyActive(task.id);
      throw error;
    }
    await setTaskStatus(db, task.id, 'queued');
    const log = new LogWriter(this.deps, task.id, row.id, row.runtime);
    await log.write({
      type: 'status',
      status: 'queued',
      simulated,
      message: simulated
        ? `Queued on ${runtime.id} (SIMULATED: ${connection.reason})`
        : `Queued on ${runtime.id} with profile ${profile.id}`,
    });
    this.deps.scheduler.wake();
    return { taskId: task.id, sessionId: row.id, status: 'queued', simulated };
  }

  async cancel(taskId: string): Promise<Execution> {
    const { db } = this.deps;
    const task = await findTask(db, taskId);
    if (!task) throw new NotFoundError(`No task with id "${taskId}".`);
    const row = await activeExecutionForTask(db, taskId);
    if (!row) throw new ConflictError(`Task ${taskId} is not queued or running (status: ${task.status}); nothing to cancel.`);
    const reason = 'Cancelled by the user.';
    if (!(await cancelExecution(db, row.id, reason))) {
      throw new ConflictError(`Task ${taskId} finished before it could be cancelled.`);
    }
    await setTaskStatus(db, taskId, 'cancelled');
    await cancelPendingNotifications(db, row.id);
    const local = this.deps.scheduler.local(row.id);
    const log = local?.log ?? new LogWriter(this.deps, taskId, row.id, row.runtime);
    await log.writeFinal({ type: 'status', status: 'cancelled', message: reason });
    local?.controller.abort('cancelled' satisfies AbortReason);
    return toExecution((await findExecution(db, row.id)) ?? row);
  }
}

function alreadyActive(taskId: string): ConflictError {
  return new ConflictError(`Task ${taskId} is already queued or running; cancel it first or wait for it to finish.`);
}
