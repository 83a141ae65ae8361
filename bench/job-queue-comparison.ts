/**
 * The comparison DESIGN.md asks for: the same work per job as a Forge dispatch task, run on BullMQ over
 * the local Redis. Each job makes one streaming call with the official Anthropic SDK against the same
 * simulator and commits as many log rows to SQLite (WAL) as Forge does per task, so the difference
 * between the two figures is queue and engine overhead. No-op jobs show the bare queue for scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Anthropic from '@anthropic-ai/sdk';
import BetterSqlite3 from 'better-sqlite3';
import { Queue, Worker, type Job } from 'bullmq';

const CONCURRENCY = 32;
const REDIS = new URL(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
const NOOP_JOBS = Number(process.env.BENCH_NOOP_JOBS ?? 2000);
const SETTLE_LIMIT_MS = 120_000;

export interface JobQueueComparisonOptions {
  simulatorUrl: string;
  jobs: number;
  /** Log rows Forge committed for one task of the dispatch run. */
  logRowsPerJob: number;
}

interface Timing {
  jobsPerSecond: number;
  seconds: number;
  failed: number;
}

export async function printJobQueueComparison(options: JobQueueComparisonOptions): Promise<void> {
  const unreachable = await redisUnreachableReason();
  if (unreachable) {
    console.log(`[bullmq] comparison skipped: Redis at ${REDIS.host} is unreachable (${unreachable})`);
    return;
  }
  try {
    const bare = await timeJobs('noop', NOOP_JOBS, async () => {});
    console.log(`[bullmq] bare queue: ${NOOP_JOBS} no-op jobs add→completed in ${bare.seconds.toFixed(2)} s = ${bare.jobsPerSecond.toFixed(1)} jobs/s${failures(bare)} (concurrency ${CONCURRENCY}, Redis ${REDIS.host})`);
    const sameWork = await withLogDatabase((writeLogRow) =>
      timeJobs('same-work', options.jobs, async (job) => {
        writeLogRow(job.id!, 'status', { status: 'running' });
        const message = await new Anthropic({ apiKey: 'bench', baseURL: options.simulatorUrl, maxRetries: 0 }).messages
          .stream({ model: 'claude-sonnet-4-5', max_tokens: 8192, messages: [{ role: 'user', content: '[[scenario:hello]]' }] })
          .finalMessage();
        // The rest of Forge's rows for a task (text, usage, result, final status) each carry the reply.
        for (let row = 1; row < options.logRowsPerJob; row++) writeLogRow(job.id!, 'reply', { content: message.content, usage: message.usage });
      }),
    );
    console.log(`[bullmq] same work: ${options.jobs} jobs add→completed in ${sameWork.seconds.toFixed(2)} s = ${sameWork.jobsPerSecond.toFixed(1)} jobs/s${failures(sameWork)} (concurrency ${CONCURRENCY}, one streaming SDK call to the simulator + ${options.logRowsPerJob} SQLite WAL log rows per job, as Forge writes per task)`);
  } catch (error) {
    console.log(`[bullmq] comparison skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function failures(timing: Timing): string {
  return timing.failed > 0 ? ` (${timing.failed} failed)` : '';
}

/** Runs `count` jobs on a fresh queue with a worker of CONCURRENCY, timing from the first add to the last completion. */
async function timeJobs(label: string, count: number, work: (job: Job) => Promise<void>): Promise<Timing> {
  const connection = { host: REDIS.hostname, port: Number(REDIS.port || 6379), maxRetriesPerRequest: null };
  const name = `forge-bench-${label}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const queue = new Queue(name, { connection });
  const worker = new Worker(name, work, { connection, concurrency: CONCURRENCY });
  let workerError: Error | undefined;
  worker.on('error', (error) => (workerError = error));
  try {
    await worker.waitUntilReady();
    let settled = 0;
    let failed = 0;
    const allSettled = new Promise<void>((resolve, reject) => {
      // A worker that lost Redis would otherwise wait forever.
      const deadline = setTimeout(() => reject(new Error(`only ${settled} of ${count} ${label} jobs settled within ${SETTLE_LIMIT_MS / 1000} s${workerError ? ` (${workerError.message})` : ''}`)), SETTLE_LIMIT_MS);
      const settle = () => {
        if (++settled < count) return;
        clearTimeout(deadline);
        resolve();
      };
      worker.on('completed', settle);
      worker.on('failed', () => {
        failed++;
        settle();
      });
    });
    const started = performance.now();
    // One add per job, all at once, as Forge's dispatch run posts one execute per task.
    await Promise.all(Array.from({ length: count }, (_, i) => queue.add('bench', { i })));
    await allSettled;
    const seconds = (performance.now() - started) / 1000;
    if (workerError) throw workerError;
    return { jobsPerSecond: count / seconds, seconds, failed };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

type WriteLogRow = (jobId: string, type: string, payload: unknown) => void;

/** A throwaway SQLite database shaped and tuned like Forge's agent_logs; each row is its own commit, as in Forge. */
async function withLogDatabase<T>(body: (writeLogRow: WriteLogRow) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'forge-bench-bullmq-'));
  const sqlite = new BetterSqlite3(join(dir, 'logs.db'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec(`CREATE TABLE job_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE INDEX job_logs_job ON job_logs (job_id, id);`);
    const insert = sqlite.prepare('INSERT INTO job_logs (job_id, type, payload, created_at) VALUES (?, ?, ?, ?)');
    return await body((jobId, type, payload) => insert.run(jobId, type, JSON.stringify(payload), new Date().toISOString()));
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Undefined when Redis answers PING; otherwise why not, without letting a client retry forever. */
function redisUnreachableReason(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    const finish = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(2000, () => finish('no answer within 2 s'));
    socket.once('error', (error) => finish(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => {
      const answer = reply.toString().trim();
      finish(answer === '+PONG' ? undefined : `PING answered with "${answer}"`);
    });
  });
}
