import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ForgeConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { followTaskLogs } from '../../src/cli/sse-client.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createTestDatabase, type TestDatabase, type TestEngine } from './databases.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestForge {
  url: string;
  server: RunningServer;
  sim: Simulator;
  database: TestDatabase;
  config: ForgeConfig;
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Creates a task (and a project with a fresh working directory unless told otherwise). */
  createTask(input: Record<string, unknown>): Promise<any>;
  /** Collects log entries until the stream ends. */
  collectLogs(taskId: string, options?: { lastEventId?: string; until?: (entry: any) => boolean }): Promise<any[]>;
  waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Stops the server only (the database and the simulator stay), like a process restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestForgeOptions {
  engine?: TestEngine;
  /** Extra environment for the runtimes (merged over the simulator's credentials). */
  env?: Record<string, string | undefined>;
  config?: Partial<ForgeConfig>;
  sim?: Simulator;
  database?: TestDatabase;
}

/**
 * A real Forge server on an ephemeral port with its own database, whose runtimes talk to a simulator
 * the test owns — through their normal credentials, exactly as they would talk to a vendor.
 */
export async function startTestForge(options: TestForgeOptions = {}): Promise<TestForge> {
  const sim = options.sim ?? (await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR }));
  const database = options.database ?? (await createTestDatabase(options.engine ?? 'sqlite'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: sim.url,
    ...options.env,
  };
  const config: ForgeConfig = {
    ...loadConfig({ FORGE_DATA_DIR: database.dataDir, FORGE_SIMULATOR: 'off', PORT: '0' }),
    databaseUrl: database.databaseUrl,
    keepAliveMs: 500,
    env,
    ...options.config,
  };
  let server = await startServer(config);

  const forge: TestForge = {
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    sim,
    database,
    config,
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep text
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async createTask(input) {
      let projectId = input.projectId;
      if (projectId === undefined) {
        const workingDirectory = mkdtempSync(join(tmpdir(), 'forge-ws-'));
        const project = await forge.api('POST', '/api/projects', { name: 'test project', workingDirectory });
        projectId = project.body.id;
      }
      const created = await forge.api('POST', '/api/tasks', { assignedAgent: 'anthropic', agentProfile: 'general', ...input, projectId });
      if (created.status !== 201) throw new Error(`task creation failed: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body;
    },
    async collectLogs(taskId, collectOptions = {}) {
      const entries: any[] = [];
      await followTaskLogs(`${server.url}/api/tasks/${taskId}/logs`, {
        lastEventId: collectOptions.lastEventId,
        reconnectDelayMs: 100,
        onEntry: (entry) => {
          entries.push(entry);
          return collectOptions.until?.(entry) ?? false;
        },
      });
      return entries;
    },
    async waitFor(probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('waitFor: timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async restart() {
      await server.close();
      server = await startServer(config);
    },
    async close() {
      await server.close();
      if (!options.sim) await sim.close();
      if (!options.database) await database.drop();
    },
  };
  return forge;
}

/** Waits until a task's latest execution reaches one of the statuses. */
export async function waitForTaskStatus(forge: TestForge, taskId: string, statuses: string[], timeoutMs?: number): Promise<any> {
  return forge.waitFor(async () => {
    const task = await forge.api('GET', `/api/tasks/${taskId}`);
    return statuses.includes(task.body.status) ? task.body : undefined;
  }, timeoutMs);
}

/** Waits until a task has a pending permission request, and returns it. */
export async function waitForPendingApproval(forge: TestForge, taskId: string, timeoutMs?: number): Promise<any> {
  return forge.waitFor(async () => {
    const list = await forge.api('GET', '/api/notifications?status=pending');
    return (list.body as any[]).find((n) => n.taskId === taskId);
  }, timeoutMs);
}
