import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type RecordedRequest, type Simulator } from '../../../src/simulator/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestForge, waitForTaskStatus, type TestForge } from '../../support/forge-harness.js';

/** How one direct runtime (and wire API) is configured and what its requests look like. */
export interface DirectRuntimeCase {
  /** Suite title, e.g. "openai runtime (Chat Completions)". */
  title: string;
  runtime: 'anthropic' | 'openai' | 'ollama';
  /** Credentials pointing the runtime at the simulator. */
  env(sim: Simulator): Record<string, string>;
  /** Path suffix of the model route the runtime calls. */
  route: string;
  /** The text of the last tool result the model received in a request body. */
  lastToolResult(body: any): string;
  /** Names of the tools a request offered the model. */
  offeredTools(body: any): string[];
}

export interface DirectRuntimeSuite {
  forge(): TestForge;
  /** Creates and executes a task whose description selects a scenario; titles are unique per call. */
  start(description: string, extra?: Record<string, unknown>): Promise<{ id: string; title: string; projectId: string }>;
  /** The model requests a task's conversation sent, in order. */
  requestsOf(task: { title: string }): RecordedRequest[];
}

/**
 * Retries are tuned down so fault tests take milliseconds. The idle limit stays at a second: a busy
 * machine can hold back a healthy first answer for a few hundred milliseconds.
 */
const FAST_FAULTS = { FORGE_MAX_RETRIES: '3', FORGE_RETRY_BASE_MS: '10', FORGE_STREAM_IDLE_MS: '1000' };

const TEST_SCENARIOS = [
  { name: 'direct-slow', turns: [{ text: 'Too late to matter.', delayMs: 3_000 }] },
  { name: 'direct-bad-request', turns: [{ fault: { kind: 'http' as const, status: 400, message: 'tools[0] is invalid' } }] },
  { name: 'direct-reset-once', turns: [{ text: 'Answered after a reconnect.', fault: { kind: 'reset' as const, times: 1 } }] },
  { name: 'direct-http-429-once', turns: [{ text: 'Answered after the rate limit.', fault: { kind: 'http' as const, status: 429, retryAfter: 0.2, times: 1 } }] },
  ...[500, 503, 529].map((status) => ({
    name: `direct-http-${status}-once`,
    turns: [{ text: `Answered after an HTTP ${status}.`, fault: { kind: 'http' as const, status, times: 1 } }],
  })),
];

/** A user profile that offers every tool but auto-denies Bash, so the gate's autoDeny (not allowedTools) refuses it. */
function writeNoShellProfile(dataDir: string): void {
  const folder = join(dataDir, 'profiles', 'no-shell');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'profile.yaml'),
    [
      'id: no-shell',
      'name: No Shell',
      'version: 1.0.0',
      'description: Works on files but never runs commands.',
      'domainTags: [files]',
      'supportedRuntimes: [anthropic, openai, ollama]',
      'preferredRuntime: anthropic',
      'allowedTools: [Read, Write, Edit, Glob, Grep, Bash]',
      'autoApprove: [Read, Glob, Grep]',
      'autoDeny: [Bash]',
      'maxTurns: 10',
      '',
    ].join('\n'),
  );
  writeFileSync(join(folder, 'SKILL.md'), '---\nname: no-shell\ndescription: Works on files but never runs commands.\n---\nNever run commands.\n');
}

/**
 * The behaviour every direct runtime must show through the full server, against the simulator and
 * with the real client library: approvals, denials, profile policy, Always Allow, usage, cancel and
 * each injected fault. One server per suite keeps it fast.
 */
export function describeDirectRuntime(runtimeCase: DirectRuntimeCase, extraTests?: (suite: DirectRuntimeSuite) => void): void {
  describe(runtimeCase.title, () => {
    let sim: Simulator;
    let database: TestDatabase;
    let forge: TestForge;
    let counter = 0;
    before(async () => {
      sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR, scenarios: TEST_SCENARIOS });
      database = await createTestDatabase('sqlite');
      writeNoShellProfile(database.dataDir);
      forge = await startTestForge({ sim, database, env: { ...FAST_FAULTS, ...runtimeCase.env(sim) } });
    });
    after(async () => {
      await forge.close();
      await sim.close();
      await database.drop();
    });

    const suite: DirectRuntimeSuite = {
      forge: () => forge,
      async start(description, extra = {}) {
        const title = `${runtimeCase.runtime} task ${++counter}`;
        const task = await forge.createTask({ title, description, assignedAgent: runtimeCase.runtime, ...extra });
        const accepted = await forge.api('POST', `/api/tasks/${task.id}/execute`);
        assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
        return { ...task, title };
      },
      requestsOf: (task) =>
        sim.requests.filter((r) => r.path.split('?')[0]!.endsWith(runtimeCase.route) && JSON.stringify(r.body).includes(task.title)),
    };
    const { start, requestsOf } = suite;
    const pendingApproval = (taskId: string) =>
      forge.waitFor(async () => (await forge.api('GET', '/api/notifications?status=pending')).body.find((n: any) => n.taskId === taskId));
    const finished = (taskId: string) => waitForTaskStatus(forge, taskId, ['completed', 'failed', 'cancelled']);
    const workspaceOf = async (task: { projectId: string }) =>
      (await forge.api('GET', '/api/projects')).body.find((p: any) => p.id === task.projectId).workingDirectory as string;
    const retryMessages = (entries: any[]) => entries.filter((e) => e.type === 'error' && e.code === 'retrying').map((e) => e.message);

    test('an approved Write runs, the model sees its result, and the run completes with usage', async () => {
      const task = await start('Create hello [[scenario:write-file]]');
      const pending = await pendingApproval(task.id);
      assert.equal(pending.tool, 'Write');
      assert.deepEqual(pending.input, { file_path: 'hello.txt', content: 'hi\n' });
      const workspace = await workspaceOf(task);
      assert.equal(existsSync(join(workspace, 'hello.txt')), false, 'nothing written before approval');

      await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      const done = await finished(task.id);
      assert.equal(done.status, 'completed', done.execution?.error);
      assert.equal(readFileSync(join(workspace, 'hello.txt'), 'utf8'), 'hi\n');
      assert.equal(done.execution.result, 'Done: created hello.txt');
      assert.ok(done.execution.usage.inputTokens > 0 && done.execution.usage.outputTokens > 0, 'tokens recorded');

      const requests = requestsOf(task);
      assert.equal(requests.length, 2, 'one model call per turn');
      assert.ok(requests.every((r) => r.body.stream === true), 'streamed');
      assert.deepEqual(runtimeCase.offeredTools(requests[0]!.body).sort(), ['Bash', 'Edit', 'Glob', 'Grep', 'Read', 'Write']);
      assert.match(runtimeCase.lastToolResult(requests[1]!.body), /hello\.txt/);

      const entries = await forge.collectLogs(task.id);
      const types = entries.map((e) => e.type);
      for (const type of ['assistant_text', 'tool_use', 'permission_request', 'permission_decision', 'tool_result', 'usage', 'result']) {
        assert.ok(types.includes(type), `log has a ${type} entry`);
      }
      assert.deepEqual(
        entries.filter((e) => e.type === 'assistant_text').map((e) => e.text),
        ["I'll create the file.", 'Done: created hello.txt'],
      );
      assert.equal(entries.filter((e) => e.type === 'usage').length, 2);
      assert.equal(entries.at(-1).status, 'completed');
    });

    test('a denied Write is not run; the model is told why and finishes', async () => {
      const task = await start('Create hello [[scenario:write-file]]');
      const pending = await pendingApproval(task.id);
      await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'deny', message: 'not in this folder' });
      const done = await finished(task.id);
      assert.equal(done.status, 'completed', done.execution?.error);
      assert.equal(existsSync(join(await workspaceOf(task), 'hello.txt')), false);
      const result = (await forge.collectLogs(task.id)).find((e) => e.type === 'tool_result');
      assert.deepEqual([result.isError, result.output], [true, 'not in this folder']);
      assert.match(runtimeCase.lastToolResult(requestsOf(task).at(-1)!.body), /not in this folder/);
    });

    test("the profile's autoDeny refuses Bash without asking anyone", async () => {
      const task = await start('Run a command [[scenario:bash-echo]]', { agentProfile: 'no-shell' });
      const done = await finished(task.id);
      assert.equal(done.status, 'completed', done.execution?.error);
      const entries = await forge.collectLogs(task.id);
      assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
      const decision = entries.find((e) => e.type === 'permission_decision');
      assert.deepEqual([decision.tool, decision.decision, decision.source], ['Bash', 'deny', 'auto_deny']);
      const result = entries.find((e) => e.type === 'tool_result');
      assert.equal(result.isError, true);
      assert.doesNotMatch(result.output, /hello-from-bash/, 'the command never ran');
      const requests = requestsOf(task);
      assert.ok(!runtimeCase.offeredTools(requests[0]!.body).includes('Bash'), 'Bash is not even offered');
      assert.equal(runtimeCase.lastToolResult(requests.at(-1)!.body).includes(result.output), true, 'the model was told');
    });

    test('Always Allow lets the next identical Bash call run without asking', async () => {
      const first = await start('echo [[scenario:bash-echo]]');
      const pending = await pendingApproval(first.id);
      const answer = await forge.api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'always_allow' });
      assert.equal(answer.body.rule.tool, 'Bash');
      assert.equal((await finished(first.id)).status, 'completed');

      const second = await start('echo again [[scenario:bash-echo]]');
      const done = await finished(second.id);
      assert.equal(done.status, 'completed', done.execution?.error);
      const entries = await forge.collectLogs(second.id);
      assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0);
      assert.equal(entries.find((e) => e.type === 'permission_decision').ruleId, answer.body.rule.id);
      assert.match(entries.find((e) => e.type === 'tool_result').output, /hello-from-bash/);
      assert.match(runtimeCase.lastToolResult(requestsOf(second).at(-1)!.body), /hello-from-bash/);
      await forge.api('DELETE', `/api/settings/permissions/${answer.body.rule.id}`);
    });

    test('cancel during a model call ends the run as cancelled, with no late result', async () => {
      const task = await start('Take your time [[scenario:direct-slow]]');
      await forge.waitFor(async () => requestsOf(task).length > 0);
      const cancelled = await forge.api('POST', `/api/tasks/${task.id}/cancel`);
      assert.equal(cancelled.status, 200);
      assert.equal((await finished(task.id)).status, 'cancelled');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await forge.api('GET', `/api/tasks/${task.id}`)).body.status, 'cancelled', 'stays cancelled');
      const entries = await forge.collectLogs(task.id);
      assert.equal(entries.at(-1).status, 'cancelled');
      assert.ok(!entries.some((e) => e.type === 'result' || e.type === 'assistant_text' || e.type === 'error'));
      assert.equal(requestsOf(task).length, 1, 'not retried');
    });

    for (const [status, label] of [
      [429, 'rate limited'],
      [500, 'server error'],
      [503, 'unavailable'],
      [529, 'overloaded'],
    ] as const) {
      test(`HTTP ${status} once: retried once, visibly, then completes`, async () => {
        const task = await start(`Answer [[scenario:direct-http-${status}-once]]`);
        const done = await finished(task.id);
        assert.equal(done.status, 'completed', done.execution?.error);
        assert.equal(done.execution.result, status === 429 ? 'Answered after the rate limit.' : `Answered after an HTTP ${status}.`);
        const retries = retryMessages(await forge.collectLogs(task.id));
        assert.equal(retries.length, 1);
        assert.match(retries[0], new RegExp(`^${runtimeCase.runtime}: HTTP ${status} ${label}: .*; retry 1/3 in `));
        if (status === 429) assert.match(retries[0], /in 0\.2 s$/, "the server's retry-after is honoured");
        assert.equal(requestsOf(task).length, 2);
      });
    }

    test('HTTP 529 on every attempt: fails after the retry limit, naming the fault', async () => {
      const task = await start('Answer [[scenario:fault-overloaded]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'failed');
      assert.match(done.execution.error, new RegExp(`^${runtimeCase.runtime} runtime error: HTTP 529 overloaded: .*\\(gave up after 3 retries\\)$`));
      assert.equal(retryMessages(await forge.collectLogs(task.id)).length, 3);
      assert.equal(requestsOf(task).length, 4);
    });

    test('a client error (HTTP 400) fails at once without retrying', async () => {
      const task = await start('Answer [[scenario:direct-bad-request]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'failed');
      assert.equal(done.execution.error, `${runtimeCase.runtime} runtime error: HTTP 400 bad request: tools[0] is invalid`);
      assert.equal(retryMessages(await forge.collectLogs(task.id)).length, 0);
      assert.equal(requestsOf(task).length, 1);
    });

    test('a connection reset mid-stream is retried; the retry completes and no text is shown twice', async () => {
      const task = await start('Answer [[scenario:direct-reset-once]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'completed', done.execution?.error);
      const entries = await forge.collectLogs(task.id);
      assert.match(retryMessages(entries)[0], new RegExp(`^${runtimeCase.runtime}: connection reset: `));
      assert.deepEqual(
        entries.filter((e) => e.type === 'assistant_text').map((e) => e.text),
        ['Answered after a reconnect.'],
      );
    });

    test('a connection reset on every attempt fails after the retry limit', async () => {
      const task = await start('Answer [[scenario:fault-reset]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'failed');
      assert.match(done.execution.error, /connection reset: .*\(gave up after 3 retries\)$/);
      assert.equal(requestsOf(task).length, 4);
    });

    test('a malformed stream fails the execution, naming the fault and where it came from', async () => {
      const task = await start('Answer [[scenario:fault-malformed]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'failed');
      assert.match(done.execution.error, new RegExp(`malformed stream from http://127\\.0\\.0\\.1:\\d+\\S*${runtimeCase.route}: .*not JSON`));
      assert.equal(requestsOf(task).length, 1, 'not retried');
      const entries = await forge.collectLogs(task.id);
      assert.ok(!entries.some((e) => e.type === 'assistant_text'), 'no half answer shown');
    });

    test('a stalled stream fails after the idle limit', async () => {
      const started = Date.now();
      const task = await start('Answer [[scenario:fault-stall]]');
      const done = await finished(task.id);
      assert.equal(done.status, 'failed');
      assert.equal(done.execution.error, `${runtimeCase.runtime} runtime error: stream stalled: no data for 1 s`);
      assert.ok(Date.now() - started < 5_000);
      assert.equal(requestsOf(task).length, 1, 'not retried');
    });

    extraTests?.(suite);
  });
}
