import type { LogEntry, LogEvent } from '../domain/log-event.js';
import type { Db } from '../store/database.js';
import { appendLog } from '../store/agent-logs.js';
import { recordUsage } from '../store/usage.js';
import type { EventBus } from './event-bus.js';

/**
 * Writes one execution's events in order: each is committed before it is published, so a client
 * never sees an entry a crash could take back. Once closed (terminal status written), late events
 * from a run that is still unwinding are dropped instead of trailing the final status.
 */
export class LogWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly deps: { db: Db; bus: EventBus },
    readonly taskId: string,
    readonly executionId: string,
    private readonly runtime: string,
  ) {}

  write(event: LogEvent): Promise<LogEntry | undefined> {
    const next = this.tail.then(() => this.append(event));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Writes a last event (usually the terminal status) and refuses anything after it. */
  async writeFinal(event: LogEvent): Promise<void> {
    await this.write(event);
    this.closed = true;
  }

  private async append(event: LogEvent): Promise<LogEntry | undefined> {
    if (this.closed) return undefined;
    const entry = await appendLog(this.deps.db, this.taskId, this.executionId, event);
    if (event.type === 'usage') {
      await recordUsage(this.deps.db, {
        executionId: this.executionId,
        taskId: this.taskId,
        runtime: this.runtime,
        usage: event,
      });
    }
    this.deps.bus.publishLog(entry);
    return entry;
  }
}
