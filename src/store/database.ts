import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // An idle connection dropped by the server (a PostgreSQL restart, an admin) must not crash Forge:
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`[forge] PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db, 'postgres');
    return { db, engine: 'postgres', location: redactUrl(url), close: () => db.destroy() };
  }
  const file = url && url !== '' ? url.replace(/^sqlite:(\/\/)?/, '') : join(options.dataDir, 'forge.db');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = file === ':memory:' ? () => {} : lockDataDir(options.dataDir);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
  } catch (error) {
    releaseLock();
    throw error;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite');
  return {
    db,
    engine: 'sqlite',
    location: file,
    async close() {
      await db.destroy();
      releaseLock();
    },
  };
}

async function migrate(db: Db, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}

/**
 * SQLite serves one Forge process: a second one on the same data dir would treat the first one's
 * runs as orphans of a crash. A lock file with the owner's pid refuses it; a dead owner's lock is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'forge.lock');
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `Another Forge process (pid ${owner}) is using the data dir ${dataDir}. Stop it, or set FORGE_DATA_DIR to another folder ` +
          `(or FORGE_DATABASE_URL to a PostgreSQL database, which several processes may share).`,
      );
    }
    rmSync(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}
