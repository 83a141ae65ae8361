import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { claudeProcessesIn } from './claude-fixture.js';

const FORGE_BIN = new URL('../../../bin/forge.js', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Forge server in a child process, so the test can kill it the hard way. */
class ForgeProcess {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(private readonly env: Record<string, string>, port: number) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [FORGE_BIN, 'serve'], { env: this.env, stdio: ['ignore', 'ignore', 'inherit'] });
    await until(async () => (await fetch(`${this.url}/api/health`).catch(() => undefined))?.ok, 'the server to listen');
  }

  killHard(): Promise<void> {
    const child = this.child!;
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async api(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child!.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
  }
}

describe('claude-code runtime: kill -9 while an approval is pending (real binary, server in a child process)', () => {
  let sim: Simulator;
  let dataDir: string;
  let workspace: string;
  let server: ForgeProcess;
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    dataDir = mkdtempSync(join(tmpdir(), 'forge-claude-restart-'));
    workspace = mkdtempSync(join(tmpdir(), 'forge-claude-ws-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      FORGE_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      FORGE_SIMULATOR: 'off',
      ANTHROPIC_BASE_URL: sim.url,
      ANTHROPIC_API_KEY: 'test-key',
      CLAUDE_CODE_MAX_RETRIES: '0',
    };
    server = new ForgeProcess(env, Number(env.PORT));
  });
  after(async () => {
    await server.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  test('after a restart the same session continues, the one pending approval is reused, and approving it finishes the work', async () => {
    await server.start();
    const project = await server.api('POST', '/api/projects', { name: 'restart', workingDirectory: workspace });
    const task = await server.api('POST', '/api/tasks', {
      title: 'Create hello',
      description: '[[scenario:write-file]]',
      assignedAgent: 'claude-code',
      agentProfile: 'general',
      projectId: project.id,
    });
    await server.api('POST', `/api/tasks/${task.id}/execute`);
    const pendingNow = async () =>
      ((await server.api('GET', '/api/notifications?status=pending')) as any[]).filter((n) => n.taskId === task.id);
    const [pending] = await until(async () => (await pendingNow()).length > 0 && pendingNow(), 'the approval request');
    const sessionId = (await server.api('GET', `/api/tasks/${task.id}`)).execution.runtimeSessionId;
    assert.ok(sessionId, 'the session id is stored before the crash');
    assert.equal(claudeProcessesIn(workspace).length > 0, true);

    await server.killHard();
    await until(() => claudeProcessesIn(workspace).length === 0, 'the orphaned Claude Code process to exit', 10_000);
    assert.equal(existsSync(join(workspace, 'hello.txt')), false);
    const requestsBeforeRestart = sim.requests.length;

    await server.start();
    // The resumed run asks the model again and reaches the gate, which finds the request already waiting.
    await until(async () => sim.requests.length > requestsBeforeRestart && claudeProcessesIn(workspace).length > 0, 'the resumed turn');
    await until(async () => (await server.api('GET', `/api/tasks/${task.id}`)).status === 'waiting_approval', 'the resumed run to wait');
    const all = ((await server.api('GET', '/api/notifications')) as any[]).filter((n) => n.taskId === task.id);
    assert.deepEqual(all.map((n) => [n.id, n.status]), [[pending.id, 'pending']], 'exactly one approval is asked');

    await server.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
    const done = await until(async () => {
      const current = await server.api('GET', `/api/tasks/${task.id}`);
      return ['completed', 'failed'].includes(current.status) && current;
    }, 'the run to finish');
    assert.equal(done.status, 'completed', JSON.stringify(done.execution));
    assert.equal(readFileSync(join(workspace, 'hello.txt'), 'utf8'), 'hi\n');
    assert.equal(done.execution.runtimeSessionId, sessionId, 'the same session');
    const resumed = sim.requests.slice(requestsBeforeRestart);
    assert.ok(resumed.length > 0);
    for (const request of resumed) assert.equal(request.headers['x-claude-code-session-id'], sessionId);

    const logs = (await server.api('GET', `/api/tasks/${task.id}/logs/tail?limit=500`)) as any[];
    assert.equal(logs.filter((e) => e.type === 'permission_request').length, 1);
    assert.equal(logs.filter((e) => e.type === 'tool_use').length, 1, 'the repeated call is not logged twice');
  });
});
