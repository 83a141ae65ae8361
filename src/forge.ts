import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { ForgeConfig } from './config.js';
import { DocumentLibrary } from './documents/document-library.js';
import type { RuntimeId } from './domain/runtime-id.js';
import { createEventBus, type EventBus } from './engine/event-bus.js';
import { ExecutionManager } from './engine/execution-manager.js';
import { relayBusThroughPostgres } from './engine/postgres-relay.js';
import { Scheduler } from './engine/scheduler.js';
import { createHttpApp } from './http/app.js';
import { createPermissionGate, type PermissionGate } from './permissions/permission-gate.js';
import { classifyTask, FALLBACK_PROFILE_ID } from './profiles/classifier.js';
import { BUILTIN_PROFILES_DIR, createProfileRegistry, type ProfileRegistry } from './profiles/registry.js';
import { createRuntimes } from './runtimes/index.js';
import type { RuntimeAdapter } from './runtimes/runtime.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from './simulator/index.js';
import { openStore, type Db, type Store } from './store/database.js';

/** Everything a route or the CLI may use; built once per server. */
export interface ForgeServices {
  config: ForgeConfig;
  store: Store;
  db: Db;
  bus: EventBus;
  gate: PermissionGate;
  profiles: ProfileRegistry;
  runtimes: ReadonlyMap<RuntimeId, RuntimeAdapter>;
  scheduler: Scheduler;
  manager: ExecutionManager;
  documents: DocumentLibrary;
  /** The local model simulator that runtimes without credentials use, when enabled. */
  simulator?: Simulator;
  /** The profile a task on `runtime` gets when it names none: the best suggestion that supports that runtime. */
  suggestProfile(text: { title: string; description?: string }, runtime: RuntimeId): string;
}

export interface Forge extends ForgeServices {
  app: Hono;
  /** Recovers interrupted executions and starts scheduling. */
  start(): Promise<void>;
  /** Stops scheduling; running executions stay resumable for the next start. */
  stop(): Promise<void>;
}

export async function createForge(config: ForgeConfig): Promise<Forge> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const simulator = config.simulator
    ? await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR, defaultScenario: 'demo' })
    : undefined;
  const db = store.db;
  // Several processes may share a PostgreSQL database: their buses are joined through LISTEN/NOTIFY.
  const relay =
    store.engine === 'postgres' && config.databaseUrl
      ? await relayBusThroughPostgres({ bus: createEventBus(), db, connectionString: config.databaseUrl })
      : undefined;
  const bus = relay?.bus ?? createEventBus();
  const gate = createPermissionGate({ db, bus });
  const profiles = createProfileRegistry({
    builtinDir: BUILTIN_PROFILES_DIR,
    userDir: join(config.dataDir, 'profiles'),
    skills: { enabled: config.promoteSkills, homeDir: config.skillsHome },
  });
  const documents = new DocumentLibrary(db, { dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes });
  const runtimes = createRuntimes({ env: config.env, simulatorUrl: simulator?.url, dataDir: config.dataDir });
  const scheduler = new Scheduler(
    {
      db,
      bus,
      gate,
      profiles,
      runtimes,
      workspacesDir: config.workspacesDir,
      documents,
      contextBudgetChars: config.contextBudgetChars,
      workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    },
    {
      engine: store.engine,
      maxConcurrency: config.maxConcurrency,
      runtimeConcurrency: config.runtimeConcurrency,
      leaseSeconds: config.leaseSeconds,
    },
  );
  const manager = new ExecutionManager({ db, bus, profiles, runtimes, scheduler });
  const services: ForgeServices = {
    config,
    store,
    db,
    bus,
    gate,
    profiles,
    runtimes,
    scheduler,
    manager,
    documents,
    simulator,
    suggestProfile: (text, runtime) =>
      classifyTask(profiles.list().filter((profile) => profile.supportedRuntimes.includes(runtime)), text).suggestions[0]?.profileId ??
      FALLBACK_PROFILE_ID,
  };
  const app = createHttpApp(services);
  return {
    ...services,
    app,
    async start() {
      await documents.resumePending();
      await scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await documents.close();
      profiles.close();
      await simulator?.close();
      await relay?.close();
      await store.close();
    },
  };
}
