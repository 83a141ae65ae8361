import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { toLogEntry } from '../store/agent-logs.js';
import type { Db } from '../store/database.js';
import { findNotification } from '../store/notifications.js';
import type { EventBus } from './event-bus.js';

const CHANNEL = 'forge_events';

type RelayMessage = { origin: string; kind: 'log'; id: number } | { origin: string; kind: 'notification'; id: string };

/**
 * Carries the event bus across Forge processes that share one PostgreSQL database: every local
 * publish is also announced with NOTIFY (ids only — the rows are already committed), and entries
 * announced by other processes are read back and published on the local bus. SSE clients and
 * waiting permission gates in any process are then woken at once, whichever process did the work.
 */
export async function relayBusThroughPostgres(options: { bus: EventBus; db: Db; connectionString: string }): Promise<{ bus: EventBus; close(): Promise<void> }> {
  const { bus: local, db } = options;
  const origin = randomUUID();
  const listener = new pg.Client({ connectionString: options.connectionString });
  await listener.connect();
  listener.on('error', (error) => console.error('[forge] PostgreSQL event relay lost its connection:', error.message));
  await listener.query(`LISTEN ${CHANNEL}`);

  // Remote rows are read back in arrival order so a stream never sees them out of commit order.
  let reading = Promise.resolve();
  listener.on('notification', (message) => {
    if (!message.payload) return;
    const event = JSON.parse(message.payload) as RelayMessage;
    if (event.origin === origin) return;
    reading = reading
      .then(async () => {
        if (event.kind === 'log') {
          const row = await db.selectFrom('agent_logs').selectAll().where('id', '=', event.id).executeTakeFirst();
          if (row) local.publishLog(toLogEntry(row));
        } else {
          const notification = await findNotification(db, event.id);
          if (notification) local.publishNotification(notification);
        }
      })
      .catch((error) => console.error('[forge] relay read failed:', error));
  });

  // NOTIFY goes through the pool, not the listening connection, so announcements of different tasks
  // don't queue behind one another; a task's own announcements are chained so other processes learn
  // of its entries in commit order (their SSE streams skip ids at or below the last one sent).
  const chains = new Map<string, Promise<unknown>>();
  const announce = (key: string, payload: Omit<RelayMessage, 'origin'>) => {
    const sent = (chains.get(key) ?? Promise.resolve())
      .then(() => sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ ...payload, origin })})`.execute(db))
      .catch((error: Error) => console.error('[forge] NOTIFY failed:', error.message));
    chains.set(key, sent);
    void sent.finally(() => {
      if (chains.get(key) === sent) chains.delete(key);
    });
  };

  const bus: EventBus = {
    publishLog(entry) {
      local.publishLog(entry);
      announce(entry.taskId, { kind: 'log', id: entry.id });
    },
    publishNotification(notification) {
      local.publishNotification(notification);
      announce(`notification:${notification.id}`, { kind: 'notification', id: notification.id });
    },
    onLog: local.onLog,
    onNotification: local.onNotification,
  };
  return {
    bus,
    async close() {
      await Promise.all(chains.values());
      await reading;
      await listener.end();
    },
  };
}
