import { Hono } from 'hono';
import type { TaskStatus, Notification } from '../../domain/task.js';
import type { ForgeServices } from '../../forge.js';
import { sseComment, sseFrame, sseRetry, sseResponse } from '../sse-frame.js';

/** What the whole-UI stream carries: enough to know what to refetch, not a replay of the logs. */
export type UiEvent =
  | { kind: 'task'; taskId: string; status: TaskStatus }
  | { kind: 'notification'; notification: Notification };

/**
 * GET /api/events — one SSE stream for every open page: task status changes and notification changes.
 * It has no cursor: a client that reconnects refetches what it shows, so missed doorbells cost nothing.
 */
export function eventRoutes(services: ForgeServices): Hono {
  const app = new Hono();
  app.get('/', () => {
    const encoder = new TextEncoder();
    const subscriptions: Array<() => void> = [];
    let keepAlive: NodeJS.Timeout | undefined;
    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      for (const unsubscribe of subscriptions) unsubscribe();
    };

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup(); // the client went away between two events
          }
        };
        const send = (event: UiEvent) => write(sseFrame({ data: JSON.stringify(event) }));
        write(sseRetry(1000));
        subscriptions.push(
          services.bus.onLog('*', (entry) => {
            if (entry.type === 'status') send({ kind: 'task', taskId: entry.taskId, status: entry.status });
          }),
          services.bus.onNotification((notification) => send({ kind: 'notification', notification })),
        );
        keepAlive = setInterval(() => write(sseComment('keep-alive')), services.config.keepAliveMs);
      },
      cancel: cleanup,
    });

    return sseResponse(body);
  });
  return app;
}
