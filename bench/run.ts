/**
 * `npm run bench`: prints, from one run, dispatch throughput (execute → completed on the simulator with
 * no model latency), SSE delivery latency from log commit to client with many concurrent streams, and
 * memory per task waiting for an approval. Each figure is measured on this machine, on both engines.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { readSse } from '../src/cli/sse-client.js';
import { LogWriter } from '../src/engine/log-writer.js';
import { startServer, type RunningServer } from '../src/server.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../src/simulator/index.js';
import { createTestDatabase, type TestEngine } from '../test/support/databases.js';
import { printJobQueueComparison } from './job-queue-comparison.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 400);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const STREAM_TASKS = 20;
const ENTRIES_PER_TASK = 50;
const WAITING_TASKS = Number(process.env.BENCH_WAITING ?? 200);

async function withServer<T>(engine: TestEngine, sim: Simulator, body: (server: RunningServer) => Promise<T>, maxConcurrency = 32): Promise<T> {
  const database = await createTestDatabase(engine);
  const server = await startServer({
    ...loadConfig({ FORGE_DATA_DIR: database.dataDir, FORGE_SIMULATOR: 'off', PORT: '0' }),
    databaseUrl: database.databaseUrl,
    maxConcurrency,
    env: { PATH: process.env.PATH, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: sim.url },
  });
  try {
    return await body(server);
  } finally {
    await server.close();
    await database.drop();
  }
}

async function post(url: string, body?: unknown): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function createTasks(server: RunningServer, count: number, description: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = await post(`${server.url}/api/tasks`, { title: `bench ${i}`, description, assignedAgent: 'anthropic', agentProfile: 'general' });
    ids.push(task.id);
  }
  return ids;
}

async function dispatchThroughput(server: RunningServer): Promise<{ tasksPerSecond: number; seconds: number; logRowsPerTask: number }> {
  const ids = await createTasks(server, TASKS, '[[scenario:hello]]');
  const pending = new Set(ids);
  const allDone = new Promise<void>((resolve) => {
    const stop = server.forge.bus.onLog('*', (entry) => {
      if (entry.type === 'status' && (entry.status === 'completed' || entry.status === 'failed') && pending.delete(entry.taskId) && pending.size === 0) {
        stop();
        resolve();
      }
    });
  });
  const started = performance.now();
  await Promise.all(ids.map((id) => post(`${server.url}/api/tasks/${id}/execute`)));
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  const logRows = (await (await fetch(`${server.url}/api/tasks/${ids[0]}/logs/tail?limit=100`)).json()) as unknown[];
  return { tasksPerSecond: TASKS / seconds, seconds, logRowsPerTask: logRows.length };
}

async function sseLatency(server: RunningServer): Promise<{ p50: number; p99: number; max: number; deliveries: number }> {
  const ids = await createTasks(server, STREAM_TASKS, '');
  const committedAt = new Map<number, number>();
  const stopTiming = server.forge.bus.onLog('*', (entry) => committedAt.set(entry.id, performance.now()));
  const latencies: number[] = [];
  const controller = new AbortController();
  let connected = 0;
  const clients = Array.from({ length: STREAMS }, async (_, i) => {
    const response = await fetch(`${server.url}/api/tasks/${ids[i % STREAM_TASKS]}/logs`, { signal: controller.signal });
    connected++;
    try {
      for await (const message of readSse(response.body!)) {
        const at = committedAt.get(Number(message.id));
        if (at !== undefined) latencies.push(performance.now() - at);
      }
    } catch {
      // aborted at the end
    }
  });
  while (connected < STREAMS) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 200));
  const writers = ids.map((id) => new LogWriter({ db: server.forge.db, bus: server.forge.bus }, id, `bench-${id}`, 'anthropic'));
  for (let n = 0; n < ENTRIES_PER_TASK; n++) {
    await Promise.all(writers.map((w) => w.write({ type: 'assistant_text', text: `entry ${n}` })));
    await new Promise((r) => setTimeout(r, 5));
  }
  const expected = STREAMS * ENTRIES_PER_TASK;
  const deadline = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await Promise.allSettled(clients);
  stopTiming();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1)!, deliveries: latencies.length };
}

async function memoryPerWaitingTask(server: RunningServer): Promise<{ kibPerTask: number; waiting: number }> {
  const ids = await createTasks(server, WAITING_TASKS, '[[scenario:write-file]]');
  const expected = WAITING_TASKS; // the server runs them all at once: each ends up waiting for a human
  const waiting = new Set<string>();
  const allWaiting = new Promise<void>((resolve) => {
    const stop = server.forge.bus.onLog('*', (entry) => {
      if (entry.type === 'permission_request') waiting.add(entry.taskId);
      if (waiting.size === expected) {
        stop();
        resolve();
      }
    });
  });
  const settledHeap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = settledHeap();
  await Promise.all(ids.map((id) => post(`${server.url}/api/tasks/${id}/execute`)));
  await allWaiting;
  const after = settledHeap();
  return { kibPerTask: (after - before) / 1024 / waiting.size, waiting: waiting.size };
}

const sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
let forgeLogRowsPerTask = 0;
try {
  console.log(`Forge benchmark — ${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  for (const engine of ['sqlite', 'postgres'] as const) {
    await withServer(engine, sim, async (server) => {
      const dispatch = await dispatchThroughput(server);
      forgeLogRowsPerTask = dispatch.logRowsPerTask;
      console.log(`[${engine}] dispatch: ${TASKS} tasks execute→completed in ${dispatch.seconds.toFixed(2)} s = ${dispatch.tasksPerSecond.toFixed(1)} tasks/s (concurrency 32, simulator with no latency)`);
    });
    await withServer(engine, sim, async (server) => {
      const sse = await sseLatency(server);
      console.log(`[${engine}] SSE commit→client: p50 ${sse.p50.toFixed(2)} ms, p99 ${sse.p99.toFixed(2)} ms, max ${sse.max.toFixed(2)} ms over ${sse.deliveries} deliveries (${STREAMS} concurrent streams on ${STREAM_TASKS} tasks)`);
    });
    await withServer(engine, sim, async (server) => {
      const memory = await memoryPerWaitingTask(server);
      console.log(`[${engine}] memory: ${memory.kibPerTask.toFixed(1)} KiB of heap per execution waiting for an approval (${memory.waiting} waiting at once, direct runtime)`);
    }, WAITING_TASKS);
  }
  await printJobQueueComparison({ simulatorUrl: sim.url, jobs: TASKS, logRowsPerJob: forgeLogRowsPerTask });
} finally {
  await sim.close();
}
