/**
 * Claude Code runtime costs, measured with the real binary against the local simulator:
 * cold start (run() called → first event), one tool round trip (permission granted → tool result,
 * and tool result → the model's next text), and memory per agent process while it waits for an
 * approval (VmRSS and PSS of each `claude` child, several waiting at once).
 *
 *   node --import tsx bench/claude-code-memory.ts        (BENCH_CLAUDE_RUNS, BENCH_CLAUDE_WAITING)
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LogEvent } from '../src/domain/log-event.js';
import type { Profile } from '../src/domain/profile.js';
import type { ToolDecision } from '../src/domain/tool-call.js';
import { locateClaudeBinary } from '../src/runtimes/claude-code/claude-binary.js';
import { createClaudeCodeRuntime } from '../src/runtimes/claude-code/claude-code-runtime.js';
import type { RuntimeIO, RuntimeRun } from '../src/runtimes/runtime.js';
import { SHIPPED_SCENARIO_DIR, startSimulator } from '../src/simulator/index.js';

const RUNS = Number(process.env.BENCH_CLAUDE_RUNS ?? 5);
const WAITING = Number(process.env.BENCH_CLAUDE_WAITING ?? 4);
const BINARY = locateClaudeBinary();

const profile: Profile = {
  id: 'bench',
  name: 'Bench',
  version: '1',
  description: 'bench',
  domainTags: [],
  supportedRuntimes: ['claude-code'],
  preferredRuntime: 'claude-code',
  allowedTools: ['Read', 'Write', 'Bash'],
  autoApprove: [],
  autoDeny: [],
  maxTurns: 5,
  models: {},
  smokeTests: [],
  systemPrompt: 'You are a benchmark agent.',
  source: 'builtin',
};

function newRun(workspace: string, index: number): RuntimeRun {
  return {
    executionId: `bench-${index}`,
    taskId: `bench-${index}`,
    prompt: `Create hello (run ${index})\n\n[[scenario:write-file]]`,
    systemPrompt: profile.systemPrompt,
    profile,
    workspace,
    maxTurns: profile.maxTurns,
    resumeState: null,
  };
}

/** An IO that timestamps what the adapter reports and lets the caller decide when to approve. */
function timedIo(approve: () => Promise<void>) {
  const marks: Record<string, number> = {};
  const mark = (name: string) => (marks[name] ??= performance.now());
  const io: RuntimeIO = {
    async emit(event: LogEvent) {
      mark('firstEvent');
      if (event.type === 'tool_result') mark('toolResult');
      if (event.type === 'assistant_text' && marks.toolResult) mark('textAfterTool');
    },
    async canUseTool(): Promise<ToolDecision> {
      mark('permissionAsked');
      await approve();
      mark('permissionGranted');
      return { behavior: 'allow' };
    },
    saveState: async () => undefined,
    setSessionId: async () => undefined,
    signal: new AbortController().signal,
  };
  return { io, marks };
}

function claudeProcessIn(workspace: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(BINARY) && readlinkSync(`/proc/${name}/cwd`) === workspace) return Number(name);
    } catch {
      // gone while we looked
    }
  }
  return undefined;
}

/** VmRSS counts the binary's shared file pages in every process; PSS splits them among the sharers. */
function memoryOf(pid: number): { rssMb: number; pssMb: number } {
  const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return { rssMb: kb(status, 'VmRSS') / 1024, pssMb: kb(rollup, 'Pss') / 1024 };
}

function summary(values: number[], unit: string, digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(digits)} ${unit}, min ${sorted[0]!.toFixed(digits)}, max ${sorted.at(-1)!.toFixed(digits)} (n=${values.length})`;
}

const sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
const dataDir = mkdtempSync(join(tmpdir(), 'forge-bench-claude-'));
const runtime = createClaudeCodeRuntime({
  env: { PATH: process.env.PATH, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: sim.url, CLAUDE_CODE_MAX_RETRIES: '0' },
  dataDir,
});

try {
  const coldStart: number[] = [];
  const toolExecution: number[] = [];
  const modelAfterTool: number[] = [];
  const wholeRun: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const workspace = mkdtempSync(join(dataDir, 'ws-'));
    const { io, marks } = timedIo(async () => undefined);
    const started = performance.now();
    const outcome = await runtime.run(newRun(workspace, i), io);
    if (outcome.stopReason !== 'completed') throw new Error(`run ${i} ended ${outcome.stopReason}: ${outcome.error}`);
    wholeRun.push(performance.now() - started);
    coldStart.push(marks.firstEvent! - started);
    toolExecution.push(marks.toolResult! - marks.permissionGranted!);
    modelAfterTool.push(marks.textAfterTool! - marks.toolResult!);
  }

  let release!: () => void;
  const approvals = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  const waiting = Array.from({ length: WAITING }, (_, i) => {
    const workspace = mkdtempSync(join(dataDir, 'wait-'));
    const { io } = timedIo(() => {
      asked += 1;
      return approvals;
    });
    return { workspace, done: runtime.run(newRun(workspace, RUNS + i), io) };
  });
  while (asked < WAITING) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500)); // let start-up allocations settle
  const memory = waiting.map(({ workspace }) => memoryOf(claudeProcessIn(workspace)!));
  release();
  await Promise.all(waiting.map((w) => w.done));

  console.log(`claude-code runtime (Claude Code binary ${BINARY.split('/node_modules/')[1]}), simulator with no model latency`);
  console.log(`  cold start, run() → first event:             ${summary(coldStart, 'ms')}`);
  console.log(`  whole run with one approved Write:            ${summary(wholeRun, 'ms')}`);
  console.log(`  tool round trip, approval → tool result:      ${summary(toolExecution, 'ms', 1)}`);
  console.log(`  tool result → model's next text:              ${summary(modelAfterTool, 'ms', 1)}`);
  console.log(`  memory per agent waiting for an approval, ${WAITING} waiting at once:`);
  console.log(`    VmRSS: ${summary(memory.map((m) => m.rssMb), 'MB')}`);
  console.log(`    PSS:   ${summary(memory.map((m) => m.pssMb), 'MB')}; total PSS ${memory.reduce((sum, m) => sum + m.pssMb, 0).toFixed(0)} MB`);
} finally {
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
}
