import type { RuntimeId } from '../domain/runtime-id.js';
import type { Engine } from '../store/database.js';
import { leaseNextExecution, releaseLeases, renewLeases, requeueOrphanedExecutions } from '../store/executions.js';
import type { ExecutionRow } from '../store/schema.js';
import { setTaskStatus } from '../store/tasks.js';
import { LogWriter } from './log-writer.js';
import { runExecution, type AbortReason, type RunDeps } from './run-execution.js';

export interface SchedulerOptions {
  engine: Engine;
  maxConcurrency: number;
  runtimeConcurrency: Partial<Record<RuntimeId, number>>;
  leaseSeconds: number;
}

interface ActiveRun {
  runtime: RuntimeId;
  controller: AbortController;
  log: LogWriter;
  done: Promise<void>;
}

/**
 * Leases queued executions up to the global cap and each runtime's cap, most urgent first, and runs
 * them. Every run passes through this one limiter, whoever queued it.
 */
export class Scheduler {
  private readonly active = new Map<string, ActiveRun>();
  private ticking = false;
  private tickAgain = false;
  private stopped = true;
  private heartbeat?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly deps: RunDeps,
    private readonly options: SchedulerOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    // SQLite serves one process, so at start-up every running row is an orphan of a crash.
    await this.recover(this.options.engine === 'sqlite');
    const periodMs = Math.max(1000, (this.options.leaseSeconds * 1000) / 3);
    this.heartbeat = setInterval(() => void this.beat(), periodMs);
    this.heartbeat.unref();
    // Work queued through another process sharing the database arrives as a relayed "queued" entry.
    this.unsubscribe = this.deps.bus.onLog('*', (entry) => {
      if (entry.type === 'status' && entry.status === 'queued') this.wake();
    });
    this.wake();
  }

  /** Aborts local runs without recording an outcome: they stay resumable and are requeued. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort('shutdown' satisfies AbortReason);
    await Promise.allSettled(runs.map((r) => r.done));
    for (const row of await releaseLeases(this.deps.db, this.deps.workerId)) {
      await this.requeued(row, 'This server is shutting down; the run resumes where it left off on the next start (or on another Forge process).');
    }
  }

  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    void this.fill()
      .catch((error) => console.error('[forge] scheduler error:', error))
      .finally(() => {
        this.ticking = false;
        if (this.tickAgain) {
          this.tickAgain = false;
          this.wake();
        }
      });
  }

  /** The in-process handle of a run, when this process runs it. */
  local(executionId: string): { controller: AbortController; log: LogWriter } | undefined {
    return this.active.get(executionId);
  }

  get runningCount(): number {
    return this.active.size;
  }

  private async fill(): Promise<void> {
    while (!this.stopped && this.active.size < this.options.maxConcurrency) {
      const row = await leaseNextExecution(this.deps.db, this.options.engine, {
        owner: this.deps.workerId,
        leaseSeconds: this.options.leaseSeconds,
        skipRuntimes: this.saturatedRuntimes(),
      });
      if (!row) return;
      const runtime = row.runtime as RuntimeId;
      const controller = new AbortController();
      const log = new LogWriter(this.deps, row.task_id, row.id, runtime);
      const done = runExecution(this.deps, row, log, controller.signal)
        .catch((error) => console.error(`[forge] execution ${row.id} crashed:`, error))
        .finally(() => {
          this.active.delete(row.id);
          this.wake();
        });
      this.active.set(row.id, { runtime, controller, log, done });
    }
  }

  private saturatedRuntimes(): RuntimeId[] {
    const counts = new Map<RuntimeId, number>();
    for (const run of this.active.values()) counts.set(run.runtime, (counts.get(run.runtime) ?? 0) + 1);
    return [...counts].filter(([runtime, n]) => n >= (this.options.runtimeConcurrency[runtime] ?? Infinity)).map(([r]) => r);
  }

  private async beat(): Promise<void> {
    try {
      const lost = await renewLeases(this.deps.db, this.deps.workerId, [...this.active.keys()], this.options.leaseSeconds);
      for (const id of lost) this.active.get(id)?.controller.abort('lease_lost' satisfies AbortReason);
      if (this.options.engine === 'postgres') await this.recover(false);
      this.wake(); // a safety net should a wake-up from another process have been missed

    } catch (error) {
      console.error('[forge] heartbeat failed:', error);
    }
  }

  /** Requeues executions whose worker died; they resume from their saved transcript or session. */
  private async recover(allRunning: boolean): Promise<void> {
    const orphans = await requeueOrphanedExecutions(this.deps.db, { allRunning });
    for (const row of orphans) await this.requeued(row, 'The server stopped during this run; it will resume where it left off.');
    if (orphans.length > 0) this.wake();
  }

  private async requeued(row: ExecutionRow, message: string): Promise<void> {
    await setTaskStatus(this.deps.db, row.task_id, 'queued');
    await new LogWriter(this.deps, row.task_id, row.id, row.runtime).write({ type: 'status', status: 'queued', message });
  }
}
