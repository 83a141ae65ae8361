import { EventEmitter } from 'node:events';
import type { LogEntry } from '../domain/log-event.js';
import type { Notification } from '../domain/task.js';

/**
 * In-process push after commit: log writers publish each entry once it is durable, SSE streams and
 * waiting permission gates subscribe. The database stays the source of truth; this is only the doorbell.
 */
export interface EventBus {
  publishLog(entry: LogEntry): void;
  onLog(taskId: string | '*', listener: (entry: LogEntry) => void): () => void;
  publishNotification(notification: Notification): void;
  onNotification(listener: (notification: Notification) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const subscribe = <T>(channel: string, listener: (value: T) => void) => {
    emitter.on(channel, listener);
    return () => void emitter.off(channel, listener);
  };
  return {
    publishLog(entry) {
      emitter.emit(`log:${entry.taskId}`, entry);
      emitter.emit('log:*', entry);
    },
    onLog: (taskId, listener) => subscribe(`log:${taskId}`, listener),
    publishNotification: (notification) => emitter.emit('notification', notification),
    onNotification: (listener) => subscribe('notification', listener),
  };
}
