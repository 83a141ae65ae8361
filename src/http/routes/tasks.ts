import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { RUNTIME_IDS, isRuntimeId, type RuntimeId } from '../../domain/runtime-id.js';
import { DEFAULT_PRIORITY, PRIORITY_MAX, PRIORITY_MIN, TASK_STATUSES, type Task, type TaskStatus } from '../../domain/task.js';
import type { ForgeServices } from '../../forge.js';
import { logTail } from '../../store/agent-logs.js';
import { latestExecutionForTask, toExecution } from '../../store/executions.js';
import { findProject } from '../../store/projects.js';
import { findTask, insertTask, listTasks, type NewTaskInput } from '../../store/tasks.js';
import { usageForExecutions } from '../../store/usage.js';
import { openLogStream } from '../log-stream.js';
import { readJson, requiredString, validate } from '../request-body.js';


export const NewTask = z.object({
  title: requiredString('give the task a title').trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
  description: z.string().max(50_000, 'at most 50000 characters').optional(),
  projectId: z.string().min(1).optional().nullable(),
  assignedAgent: requiredString(`one of ${RUNTIME_IDS.join(', ')}`).refine(isRuntimeId, {
    error: (issue) => `"${String(issue.input)}" is not a runtime; use one of ${RUNTIME_IDS.join(', ')}`,
  }),
  agentProfile: z.string().min(1).optional(),
  priority: z
    .number({ error: `a number from ${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}` })
    .int(`a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`)
    .min(PRIORITY_MIN, `at least ${PRIORITY_MIN}`)
    .max(PRIORITY_MAX, `at most ${PRIORITY_MAX}`)
    .optional(),
  continueFromTaskId: z.string().min(1).optional().nullable(),
});

const AfterCursor = z.coerce.number().int().min(0);

const MAX_BATCH_TASKS = 200;
const NewTaskBatch = z.object({
  tasks: z
    .array(z.unknown(), { error: 'required: a list of tasks, each like the body of POST /api/tasks' })
    .min(1, 'send at least one task')
    .max(MAX_BATCH_TASKS, `at most ${MAX_BATCH_TASKS} tasks per batch; split the list`),
});

/** A checked task ready to insert, and whether its profile came from the classifier. */
interface ResolvedTask {
  row: NewTaskInput;
  profileSuggested: boolean;
}

/** Checks every reference a new task makes and fills a missing profile from the classifier. */
async function resolveNewTask(services: ForgeServices, input: z.infer<typeof NewTask>): Promise<ResolvedTask> {
  const { db, profiles } = services;
  if (input.projectId && !(await findProject(db, input.projectId))) {
    throw new ValidationError(`projectId: no project with id "${input.projectId}"; create it with POST /api/projects or omit projectId.`);
  }
  if (input.continueFromTaskId && !(await findTask(db, input.continueFromTaskId))) {
    throw new ValidationError(`continueFromTaskId: no task with id "${input.continueFromTaskId}".`);
  }
  const assignedAgent = input.assignedAgent as RuntimeId;
  const agentProfile = input.agentProfile ?? services.suggestProfile({ title: input.title, description: input.description }, assignedAgent);
  if (!profiles.get(agentProfile)) {
    const known = profiles.list().map((p) => p.id).join(', ');
    throw new ValidationError(`agentProfile: "${agentProfile}" is not a known profile; use one of ${known}.`);
  }
  return {
    row: {
      title: input.title,
      description: input.description ?? '',
      projectId: input.projectId ?? null,
      assignedAgent,
      agentProfile,
      priority: input.priority ?? DEFAULT_PRIORITY,
      continueFromTaskId: input.continueFromTaskId ?? null,
    },
    profileSuggested: input.agentProfile === undefined,
  };
}

/** Creates a task after checking every reference it makes. */
export async function createTask(services: ForgeServices, input: z.infer<typeof NewTask>): Promise<Task> {
  return insertTask(services.db, (await resolveNewTask(services, input)).row);
}

/**
 * Checks every entry before creating any, so a batch is all or nothing; each problem names its entry,
 * e.g. `tasks[3].assignedAgent: ...`.
 */
async function createTaskBatch(services: ForgeServices, entries: unknown[]): Promise<Array<Task & { profileSuggested: boolean }>> {
  const problems: string[] = [];
  const resolved: ResolvedTask[] = [];
  for (const [index, entry] of entries.entries()) {
    const at = `tasks[${index}]`;
    const parsed = NewTask.safeParse(entry);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `${[at, ...issue.path].join('.')}: ${issue.message}`));
      continue;
    }
    try {
      resolved.push(await resolveNewTask(services, parsed.data));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(`${at}.${error.message}`);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(`No task was created; fix these entries and send the batch again: ${problems.join('; ')}`);
  }
  return services.db.transaction().execute(async (trx) => {
    const created: Array<Task & { profileSuggested: boolean }> = [];
    for (const { row, profileSuggested } of resolved) created.push({ ...(await insertTask(trx, row)), profileSuggested });
    return created;
  });
}

export function taskRoutes(services: ForgeServices): Hono {
  const { db } = services;
  const app = new Hono();

  const mustFindTask = async (id: string) => {
    const task = await findTask(db, id);
    if (!task) throw new NotFoundError(`No task with id "${id}".`);
    return task;
  };

  app.post('/', async (c) => c.json(await createTask(services, await readJson(c, NewTask)), 201));

  app.post('/batch', async (c) => {
    const { tasks } = await readJson(c, NewTaskBatch);
    return c.json({ tasks: await createTaskBatch(services, tasks) }, 201);
  });

  app.get('/', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !(TASK_STATUSES as readonly string[]).includes(status)) {
      throw new ValidationError(`status: "${status}" is not a task status; use one of ${TASK_STATUSES.join(', ')}.`);
    }
    return c.json(await listTasks(db, { status: status as TaskStatus | undefined }));
  });

  app.get('/:id', async (c) => {
    const task = await mustFindTask(c.req.param('id'));
    const row = await latestExecutionForTask(db, task.id);
    const execution = row ? { ...toExecution(row), usage: (await usageForExecutions(db, [row.id])).get(row.id) } : null;
    return c.json({ ...task, execution });
  });

  app.post('/:id/execute', async (c) => c.json(await services.manager.execute(c.req.param('id')), 202));

  app.post('/:id/cancel', async (c) => c.json(await services.manager.cancel(c.req.param('id'))));

  /** The last entries as JSON, for views that show the tail of a long log first. */
  app.get('/:id/logs/tail', async (c) => {
    const task = await mustFindTask(c.req.param('id'));
    const limit = validate(z.coerce.number({ error: 'a whole number from 1 to 5000' }).int('a whole number from 1 to 5000').min(1, 'at least 1').max(5000, 'at most 5000'), c.req.query('limit') ?? '200', 'limit');
    return c.json(await logTail(db, task.id, limit));
  });

  app.get('/:id/logs', async (c) => {
    const task = await mustFindTask(c.req.param('id'));
    const header = c.req.header('last-event-id');
    const query = c.req.query('after');
    const cursor = header ?? query;
    let afterId = 0;
    if (cursor !== undefined && cursor !== '') {
      const parsed = AfterCursor.safeParse(cursor);
      if (!parsed.success) throw new ValidationError(`Last-Event-ID / after: "${cursor}" is not a log entry id (a whole number ≥ 0).`);
      afterId = parsed.data;
    }
    return openLogStream({
      db,
      bus: services.bus,
      taskId: task.id,
      afterId,
      keepAliveMs: services.config.keepAliveMs,
      resuming: cursor !== undefined && cursor !== '',
    });
  });

  return app;
}
