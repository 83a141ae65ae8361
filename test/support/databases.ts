import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestEngine = 'sqlite' | 'postgres';
export const ENGINES: TestEngine[] = ['sqlite', 'postgres'];

const ADMIN_URL = process.env.FORGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  engine: TestEngine;
  dataDir: string;
  /** Undefined for SQLite (Forge then uses <dataDir>/forge.db). */
  databaseUrl?: string;
  drop(): Promise<void>;
}

/** A fresh database for one test: a temp data dir, plus a uniquely named PostgreSQL database when asked. */
export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-test-'));
  if (engine === 'sqlite') {
    return { engine, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `forge_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${name}`;
  return {
    engine,
    dataDir,
    databaseUrl: databaseUrl.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
