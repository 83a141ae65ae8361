import { isTerminalStatus, type LogEntry } from '../domain/log-event.js';
import type { EventBus } from '../engine/event-bus.js';
import { logsAfter } from '../store/agent-logs.js';
import type { Db } from '../store/database.js';
import { latestExecutionForTask } from '../store/executions.js';
import { sseComment, sseFrame, sseRetry, sseResponse } from './sse-frame.js';

export interface LogStreamOptions {
  db: Db;
  bus: EventBus;
  taskId: string;
  /** The last entry id the client has (Last-Event-ID); 0 for everything. */
  afterId: number;
  keepAliveMs: number;
  /** The client asked to resume: with nothing left to send for a finished task, answer 204 so EventSource stops. */
  resuming: boolean;
}

/**
 * A task's log as an SSE response: subscribe first, then replay the backlog after the cursor, then
 * the live entries held back meanwhile, skipping anything already sent — no gap, no duplicate.
 * Ends after the terminal status of the task's latest execution.
 */
export async function openLogStream(options: LogStreamOptions): Promise<Response> {
  const { db, bus, taskId } = options;
  const live: LogEntry[] = [];
  let push: ((entry: LogEntry) => void) | undefined;
  const unsubscribe = bus.onLog(taskId, (entry) => (push ? push(entry) : live.push(entry)));

  let backlog = await logsAfter(db, taskId, options.afterId);
  const latest = await latestExecutionForTask(db, taskId);
  const finishedBefore = latest && isTerminalStatus(latest.status) && backlog.length === 0 && live.length === 0;
  if (finishedBefore && options.resuming) {
    unsubscribe();
    return new Response(null, { status: 204 });
  }

  const encoder = new TextEncoder();
  let lastSentId = options.afterId;
  let closed = false;
  let keepAlive: NodeJS.Timeout | undefined;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(keepAlive);
  };

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const finish = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      /** Sends one entry unless already sent; true when it was the terminal status of the latest execution. */
      const send = async (entry: LogEntry): Promise<boolean> => {
        if (closed || entry.id <= lastSentId) return false;
        lastSentId = entry.id;
        const { taskId: _taskId, ...data } = entry;
        controller.enqueue(encoder.encode(sseFrame({ id: entry.id, data: JSON.stringify(data) })));
        if (entry.type !== 'status' || !isTerminalStatus(entry.status)) return false;
        // An older execution's end is not the end of the stream when a newer one exists.
        return (await latestExecutionForTask(db, taskId))?.id === entry.executionId;
      };

      controller.enqueue(encoder.encode(sseRetry(1000)));
      while (backlog.length > 0) {
        for (const entry of backlog) if (await send(entry)) return finish();
        backlog = await logsAfter(db, taskId, lastSentId);
      }
      // Entries published while we replayed; the switch to direct push below happens synchronously after
      // this queue is empty, so nothing falls between the two.
      for (let entry = live.shift(); entry; entry = live.shift()) if (await send(entry)) return finish();
      if (finishedBefore) return finish();
      let chain = Promise.resolve();
      push = (entry) => {
        chain = chain
          .then(async () => {
            if (await send(entry)) finish();
          })
          .catch(finish); // a failed read or a client already gone ends this stream, never the process
      };
      keepAlive = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(sseComment('keep-alive')));
      }, options.keepAliveMs);
    },
    cancel: cleanup,
  });

  return sseResponse(body);
}
