import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  engine: Engine;
  /** Where the database lives, without credentials (for logs and the API). */
  location: string;
  close(): Promise<void>;
}

// COUNT(*) and bigserial ids come back as int8 strings by default; our ids stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** Opens PostgreSQL when the URL says so, SQLite in the data dir otherwise; runs migrations. */
export async function openStore(options: { databaseUrl?: string; dataDir: string }): Promise<Store> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db, 'postgres');
    return { db, engine: 'postgres', location: redactUrl(url), close: () => db.destroy() };
  }
  const file = url && url !== '' ? url.replace(/^sqlite:(\/\/)?/, '') : join(options.dataDir, 'forge.db');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite');
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

async function migrate(db: Db, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}
