import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { RUNTIME_IDS, type RuntimeId } from './domain/runtime-id.js';

/** Everything Forge reads from its environment, read once at start-up and passed down explicitly. */
export interface ForgeConfig {
  host: string;
  port: number;
  dataDir: string;
  /** A postgres:// URL selects PostgreSQL; otherwise SQLite at <dataDir>/forge.db. */
  databaseUrl?: string;
  /** Required when binding beyond loopback. */
  apiToken?: string;
  maxConcurrency: number;
  runtimeConcurrency: Partial<Record<RuntimeId, number>>;
  /** Seconds a worker's lease on an execution lasts without a heartbeat. */
  leaseSeconds: number;
  keepAliveMs: number;
  maxBodyBytes: number;
  /** Largest document upload, per file (FORGE_MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** Characters of document text a run's prompt may carry in total (FORGE_CONTEXT_BUDGET_CHARS). */
  contextBudgetChars: number;
  /** Start a local model simulator for runtimes without credentials (demo mode). */
  simulator: boolean;
  /** Opt-in: promote Claude Code skills (each ~/.claude/skills/NAME/SKILL.md) to profiles, refreshed on change. */
  promoteSkills: boolean;
  /** The home folder whose .claude/skills are promoted. */
  skillsHome: string;
  /** Where workspaces of tasks without a project go. */
  workspacesDir: string;
  /** The process environment the runtimes read their credentials from (ANTHROPIC_API_KEY, …). */
  env: Record<string, string | undefined>;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ForgeConfig {
  const dataDir = resolve(env.FORGE_DATA_DIR ?? join(homedir(), '.forge'));
  const runtimeConcurrency: Partial<Record<RuntimeId, number>> = {};
  for (const runtime of RUNTIME_IDS) {
    const name = `FORGE_CONCURRENCY_${runtime.toUpperCase().replace('-', '_')}`;
    const value = env[name];
    if (value !== undefined) runtimeConcurrency[runtime] = positiveInt(value, name);
  }
  if (runtimeConcurrency['claude-code'] === undefined) runtimeConcurrency['claude-code'] = 4;
  if (runtimeConcurrency.codex === undefined) runtimeConcurrency.codex = 4;
  return {
    host: env.HOST ?? env.FORGE_HOST ?? '127.0.0.1',
    port: env.PORT ? portNumber(env.PORT) : 4100,
    dataDir,
    databaseUrl: env.FORGE_DATABASE_URL || undefined,
    apiToken: env.FORGE_API_TOKEN || undefined,
    maxConcurrency: env.FORGE_MAX_CONCURRENCY ? positiveInt(env.FORGE_MAX_CONCURRENCY, 'FORGE_MAX_CONCURRENCY') : 16,
    runtimeConcurrency,
    leaseSeconds: env.FORGE_LEASE_SECONDS ? positiveInt(env.FORGE_LEASE_SECONDS, 'FORGE_LEASE_SECONDS') : 30,
    keepAliveMs: env.FORGE_SSE_KEEPALIVE_MS ? positiveInt(env.FORGE_SSE_KEEPALIVE_MS, 'FORGE_SSE_KEEPALIVE_MS') : 15000,
    maxBodyBytes: 1024 * 1024,
    maxUploadBytes: env.FORGE_MAX_UPLOAD_BYTES ? positiveInt(env.FORGE_MAX_UPLOAD_BYTES, 'FORGE_MAX_UPLOAD_BYTES') : 25 * 1024 * 1024,
    contextBudgetChars: env.FORGE_CONTEXT_BUDGET_CHARS
      ? positiveInt(env.FORGE_CONTEXT_BUDGET_CHARS, 'FORGE_CONTEXT_BUDGET_CHARS')
      : 60_000,
    simulator: env.FORGE_SIMULATOR !== 'off',
    promoteSkills: env.FORGE_PROMOTE_SKILLS === '1' || env.FORGE_PROMOTE_SKILLS === 'true',
    skillsHome: env.FORGE_SKILLS_HOME ?? homedir(),
    workspacesDir: join(dataDir, 'workspaces'),
    env,
  };
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be 0-65535, got "${value}"`);
  return n;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
