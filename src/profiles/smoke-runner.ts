/**
 * Smoke tests run as ordinary tasks through the normal engine path, under the profile's own tool
 * policy: a smoke test that calls a tool needing approval waits for a human like any other task
 * (cancelling its task fails the test). The built-in smoke tests use no tools.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, UnprocessableError } from '../domain/errors.js';
import { isTerminalStatus } from '../domain/log-event.js';
import type { Profile, SmokeTest } from '../domain/profile.js';
import { RUNTIME_IDS, type RuntimeId } from '../domain/runtime-id.js';
import { PRIORITY_MAX } from '../domain/task.js';
import type { EventBus } from '../engine/event-bus.js';
import type { ExecutionManager } from '../engine/execution-manager.js';
import type { Db } from '../store/database.js';
import { latestExecutionForTask } from '../store/executions.js';
import { getSetting, putSetting } from '../store/settings.js';
import { insertTask } from '../store/tasks.js';

/** Smoke-test tasks carry this title prefix so the board can hide them. */
export const SMOKE_TITLE_PREFIX = '[smoke] ';
const EXCERPT_CHARS = 500;
/** The event bus only hears runs of this process; runs other workers finish are found by re-reading this often. */
const RECHECK_MS = 2000;

export type SmokeTestStatus = 'pending' | 'passed' | 'failed';

export interface SmokeTestResult extends SmokeTest {
  taskId: string;
  status: SmokeTestStatus;
  /** The start of the agent's final output, once there is one. */
  outputExcerpt: string | null;
  /** Why the test failed: missing texts, or how the run ended. */
  failureReason: string | null;
  finishedAt: string | null;
}

export interface SmokeRun {
  runId: string;
  profileId: string;
  runtime: RuntimeId;
  status: 'running' | 'passed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  tests: SmokeTestResult[];
}

export interface SmokeRunnerDeps {
  db: Db;
  bus: EventBus;
  manager: Pick<ExecutionManager, 'execute'>;
}

export function smokeResultsKey(profileId: string, runtime: RuntimeId): string {
  return `smoke:${profileId}:${runtime}`;
}

/**
 * Queues one task per smoke test and returns at once; the results are stored when every task has
 * ended. Runtime problems (not supported by the profile, not configured) surface as the execution
 * manager's 422 before anything is stored.
 */
export async function startSmokeRun(deps: SmokeRunnerDeps, profile: Profile, runtime: RuntimeId): Promise<SmokeRun> {
  if (profile.smokeTests.length === 0) {
    throw new UnprocessableError(`Profile "${profile.id}" has no smoke tests; add smokeTests to its profile.yaml.`);
  }
  const previous = await readSmokeRun(deps.db, profile.id, runtime);
  if (previous?.status === 'running') {
    throw new ConflictError(
      `Smoke run ${previous.runId} of "${profile.id}" on ${runtime} is still running; wait for it, or cancel its ${SMOKE_TITLE_PREFIX.trim()} tasks.`,
    );
  }
  const tests: SmokeTestResult[] = [];
  for (const smokeTest of profile.smokeTests) tests.push(await queueSmokeTest(deps, profile, runtime, smokeTest));
  const run: SmokeRun = {
    runId: randomUUID(),
    profileId: profile.id,
    runtime,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    tests,
  };
  await putSetting(deps.db, smokeResultsKey(profile.id, runtime), run);
  storeWhenDone(deps, run).catch((error: unknown) => {
    console.error(`[forge] smoke run ${run.runId} stopped waiting for its tasks:`, error);
  });
  return run;
}

/** The stored run of a profile on a runtime, with tests that have ended since judged from their executions. */
export async function readSmokeRun(db: Db, profileId: string, runtime: RuntimeId): Promise<SmokeRun | undefined> {
  const stored = await getSetting<SmokeRun>(db, smokeResultsKey(profileId, runtime));
  return stored && judgeRun(db, stored);
}

/** Every runtime's latest run of a profile, in runtime order. */
export async function listSmokeRuns(db: Db, profileId: string): Promise<SmokeRun[]> {
  const runs = await Promise.all(RUNTIME_IDS.map((runtime) => readSmokeRun(db, profileId, runtime)));
  return runs.filter((run): run is SmokeRun => run !== undefined);
}

async function queueSmokeTest(deps: SmokeRunnerDeps, profile: Profile, runtime: RuntimeId, smokeTest: SmokeTest): Promise<SmokeTestResult> {
  const task = await insertTask(deps.db, {
    title: `${SMOKE_TITLE_PREFIX}${profile.id}: ${smokeTest.name}`,
    description: smokeTest.task,
    projectId: null,
    assignedAgent: runtime,
    agentProfile: profile.id,
    // Checks wait behind real work.
    priority: PRIORITY_MAX,
    continueFromTaskId: null,
  });
  try {
    await deps.manager.execute(task.id);
  } catch (error) {
    // The manager refuses before it records anything, so the task has no execution and can go.
    await deps.db.deleteFrom('tasks').where('id', '=', task.id).execute();
    throw error;
  }
  return { ...smokeTest, taskId: task.id, status: 'pending', outputExcerpt: null, failureReason: null, finishedAt: null };
}

/** Waits (event bus first, database as the truth) until every test has ended, then stores the verdict. */
async function storeWhenDone(deps: SmokeRunnerDeps, run: SmokeRun): Promise<void> {
  const taskIds = new Set(run.tests.map((test) => test.taskId));
  let rang = false;
  let wake: (() => void) | undefined;
  const unsubscribe = deps.bus.onLog('*', (entry) => {
    if (entry.type !== 'status' || !isTerminalStatus(entry.status) || !taskIds.has(entry.taskId)) return;
    rang = true;
    wake?.();
  });
  try {
    for (;;) {
      rang = false;
      const judged = await judgeRun(deps.db, run);
      if (judged.status !== 'running') {
        await putSetting(deps.db, smokeResultsKey(run.profileId, run.runtime), judged);
        return;
      }
      if (!rang) await nextRingOrRecheck((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
  }
}

function nextRingOrRecheck(register: (resolve: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    // Unref'd: a run still waiting for a human must not keep a stopping process alive.
    const timer = setTimeout(resolve, RECHECK_MS);
    timer.unref();
    register(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function judgeRun(db: Db, run: SmokeRun): Promise<SmokeRun> {
  if (run.status !== 'running') return run;
  const tests = await Promise.all(run.tests.map((test) => (test.status === 'pending' ? judgeTest(db, test) : test)));
  if (tests.some((test) => test.status === 'pending')) return { ...run, tests };
  const finishedAt = tests.map((test) => test.finishedAt ?? '').sort().at(-1) || null;
  return { ...run, tests, status: tests.every((test) => test.status === 'passed') ? 'passed' : 'failed', finishedAt };
}

async function judgeTest(db: Db, test: SmokeTestResult): Promise<SmokeTestResult> {
  const execution = await latestExecutionForTask(db, test.taskId);
  if (!execution || !isTerminalStatus(execution.status)) return test;
  const output = execution.result ?? '';
  const ended = { ...test, outputExcerpt: output ? excerpt(output) : null, finishedAt: execution.finished_at };
  if (execution.status !== 'completed') {
    return { ...ended, status: 'failed', failureReason: `The run ended ${execution.status}: ${execution.error ?? 'no reason was recorded'}.` };
  }
  const lowerOutput = output.toLowerCase();
  const missing = test.expectIncludes.filter((expected) => !lowerOutput.includes(expected.toLowerCase()));
  if (missing.length === 0) return { ...ended, status: 'passed', failureReason: null };
  const list = missing.map((text) => JSON.stringify(text)).join(', ');
  return { ...ended, status: 'failed', failureReason: `The output does not include ${list} (compared case-insensitively).` };
}

function excerpt(output: string): string {
  return output.length > EXCERPT_CHARS ? `${output.slice(0, EXCERPT_CHARS)}…` : output;
}
