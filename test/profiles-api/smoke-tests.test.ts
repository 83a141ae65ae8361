import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startTestForge, type TestForge, waitForPendingApproval } from '../support/forge-harness.js';
import { profileDocument } from '../profiles/profile-fixtures.js';

describe('profile smoke tests on the simulator', () => {
  let sim: Simulator;
  let forge: TestForge;
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR, defaultScenario: 'smoke-answers' });
    forge = await startTestForge({ sim, env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${sim.url}/v1`, OLLAMA_HOST: sim.url } });
  });
  after(async () => {
    await forge.close();
    await sim.close();
  });

  const builtinIds = async (runtime: string): Promise<string[]> =>
    (await forge.api('GET', '/api/profiles')).body
      .filter((profile: any) => profile.source === 'builtin' && profile.supportedRuntimes.includes(runtime))
      .map((profile: any) => profile.id);

  const latestRun = async (profileId: string, runtime: string) =>
    (await forge.api('GET', `/api/profiles/${profileId}/test-results?runtime=${runtime}`)).body.runs[0];

  async function startRun(profileId: string, runtime: string) {
    const started = await forge.api('POST', `/api/profiles/${profileId}/test`, { runtime });
    assert.equal(started.status, 202, `${profileId} on ${runtime}: ${JSON.stringify(started.body)}`);
    assert.ok(started.body.runId);
    return started.body;
  }

  const finishedRun = (profileId: string, runtime: string, timeoutMs = 30_000) =>
    forge.waitFor(async () => {
      const run = await latestRun(profileId, runtime);
      return run?.status !== 'running' && run;
    }, timeoutMs);

  /** Runs every listed profile's smoke tests at once and returns the finished runs. */
  async function runAll(profileIds: string[], runtime: string) {
    const started = await Promise.all(profileIds.map((id) => startRun(id, runtime)));
    const runs = await Promise.all(profileIds.map((id) => finishedRun(id, runtime)));
    runs.forEach((run, index) => assert.equal(run.runId, started[index].runId));
    return runs;
  }

  function assertAllPassed(runs: any[], runtime: string) {
    for (const run of runs) {
      const failures = run.tests.filter((t: any) => t.status !== 'passed').map((t: any) => `${t.name}: ${t.failureReason}`);
      assert.deepEqual(failures, [], `${run.profileId} on ${runtime}`);
      assert.equal(run.status, 'passed');
      assert.equal(run.runtime, runtime);
      assert.ok(run.finishedAt);
      assert.ok(run.tests.length >= 2);
      for (const smokeTest of run.tests) assert.ok(smokeTest.outputExcerpt, `${run.profileId}/${smokeTest.name} shows its evidence`);
    }
  }

  test('every built-in profile passes its smoke tests on anthropic, as ordinary tasks of that profile and runtime', async () => {
    const ids = await builtinIds('anthropic');
    assert.equal(ids.length, 20);
    const runs = await runAll(ids, 'anthropic');
    assertAllPassed(runs, 'anthropic');

    const reviewer = runs.find((run) => run.profileId === 'code-reviewer');
    const injection = reviewer.tests.find((t: any) => t.name === 'spots SQL injection');
    assert.equal(injection.outputExcerpt, 'SQL injection');
    const task = (await forge.api('GET', `/api/tasks/${injection.taskId}`)).body;
    assert.equal(task.title, '[smoke] code-reviewer: spots SQL injection');
    assert.equal(task.agentProfile, 'code-reviewer');
    assert.equal(task.assignedAgent, 'anthropic');
    assert.equal(task.status, 'completed');
    assert.equal(task.execution.result, 'SQL injection');
    const request = sim.requests.find((r) => JSON.stringify(r.body?.messages ?? '').includes('Name the vulnerability'));
    assert.ok(request, 'the smoke task reached the model');
    assert.ok(request.path.endsWith('/v1/messages'), 'the model call went over the Anthropic wire');
    assert.match(JSON.stringify(request.body.system), /review/i, "the profile's prompt was in force");
  });

  test('results are stored: a restarted server still reports them', async () => {
    await forge.restart();
    const results = await forge.api('GET', '/api/profiles/general/test-results');
    assert.equal(results.status, 200);
    const run = results.body.runs.find((r: any) => r.runtime === 'anthropic');
    assert.equal(run.status, 'passed');
    assert.deepEqual(
      run.tests.map((t: any) => [t.name, t.status]),
      [
        ['responds', 'passed'],
        ['follows a simple instruction', 'passed'],
      ],
    );
  });

  test('every built-in profile that supports openai passes on openai', async () => {
    const ids = await builtinIds('openai');
    assert.equal(ids.length, 20);
    assertAllPassed(await runAll(ids, 'openai'), 'openai');
    assert.ok(sim.requests.some((r) => r.path.endsWith('/responses') || r.path.endsWith('/chat/completions')));
  });

  test('the built-in profiles that support ollama pass on ollama; the others are refused with 422', async () => {
    const ids = await builtinIds('ollama');
    assert.deepEqual(ids, ['content-creator', 'customer-support-agent', 'general', 'hr-recruiter']);
    assertAllPassed(await runAll(ids, 'ollama'), 'ollama');

    const taskCount = (await forge.api('GET', '/api/tasks')).body.length;
    const refused = await forge.api('POST', '/api/profiles/code-reviewer/test', { runtime: 'ollama' });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error.message, /Profile "code-reviewer" does not support runtime "ollama"/);
    assert.equal((await forge.api('GET', '/api/tasks')).body.length, taskCount, 'a refused run leaves no task behind');
    assert.deepEqual((await forge.api('GET', '/api/profiles/code-reviewer/test-results?runtime=ollama')).body.runs, []);
  });

  test('a smoke test whose answer lacks an expected text fails, naming what is missing and showing the output', async () => {
    const created = await forge.api('POST', '/api/profiles', {
      ...profileDocument('banana-bot', {
        supportedRuntimes: ['anthropic'],
        preferredRuntime: 'anthropic',
        smokeTests: [
          { name: 'says banana', task: 'Reply with the word BANANA.', expectIncludes: ['banana'] },
          { name: 'is ready', task: 'Reply with the single word READY if you can peel fruit.', expectIncludes: ['ready'] },
        ],
      }),
      systemPrompt: 'You like bananas.',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // No runtime given: the profile's preferred runtime runs it.
    const started = await forge.api('POST', '/api/profiles/banana-bot/test', {});
    assert.equal(started.status, 202);
    assert.equal(started.body.runtime, 'anthropic');
    const run = await finishedRun('banana-bot', 'anthropic');
    assert.equal(run.status, 'failed');
    const [banana, ready] = run.tests;
    assert.equal(banana.status, 'failed');
    assert.match(banana.failureReason, /does not include "banana"/);
    assert.match(banana.outputExcerpt, /no scripted answer/);
    assert.equal(ready.status, 'passed', 'expectations compare case-insensitively');
  });

  test('a smoke test that needs a tool approval waits for a human; a second run is refused meanwhile, cancelling fails it', async () => {
    const created = await forge.api('POST', '/api/profiles', {
      ...profileDocument('note-taker', {
        supportedRuntimes: ['anthropic'],
        preferredRuntime: 'anthropic',
        smokeTests: [{ name: 'writes a note', task: 'Write hello.txt [[scenario:write-file]]', expectIncludes: ['hello.txt'] }],
      }),
      systemPrompt: 'You take notes.',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const started = await startRun('note-taker', 'anthropic');
    const taskId = started.tests[0].taskId;
    const pending = await waitForPendingApproval(forge, taskId);
    assert.equal(pending.tool, 'Write');

    const second = await forge.api('POST', '/api/profiles/note-taker/test', { runtime: 'anthropic' });
    assert.equal(second.status, 409);
    assert.match(second.body.error.message, /still running/);
    const running = await latestRun('note-taker', 'anthropic');
    assert.equal(running.status, 'running');
    assert.equal(running.tests[0].status, 'pending');

    assert.equal((await forge.api('POST', `/api/tasks/${taskId}/cancel`)).status, 200);
    const run = await finishedRun('note-taker', 'anthropic');
    assert.equal(run.status, 'failed');
    assert.match(run.tests[0].failureReason, /ended cancelled: Cancelled by the user/);
  });

  test('bad requests: unknown profile 404, unknown runtime 400, profile without smoke tests 422', async () => {
    assert.equal((await forge.api('POST', '/api/profiles/no-such/test', { runtime: 'anthropic' })).status, 404);
    assert.equal((await forge.api('GET', '/api/profiles/no-such/test-results')).status, 404);
    const badRuntime = await forge.api('POST', '/api/profiles/general/test', { runtime: 'gpt' });
    assert.equal(badRuntime.status, 400);
    assert.match(badRuntime.body.error.message, /^runtime: /);
    assert.equal((await forge.api('GET', '/api/profiles/general/test-results?runtime=gpt')).status, 400);

    const silent = await forge.api('POST', '/api/profiles', {
      ...profileDocument('silent', { smokeTests: [] }),
      systemPrompt: 'Say nothing.',
    });
    assert.equal(silent.status, 201);
    const refused = await forge.api('POST', '/api/profiles/silent/test', { runtime: 'anthropic' });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error.message, /no smoke tests/);
  });
});

describe('smoke tests on a runtime without credentials', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startTestForge({ env: { ANTHROPIC_API_KEY: undefined } });
  });
  after(() => forge.close());

  test('are refused with 422 saying how to configure it, leaving no task behind', async () => {
    const refused = await forge.api('POST', '/api/profiles/general/test', { runtime: 'anthropic' });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error.message, /runtime "anthropic" is not configured: set ANTHROPIC_API_KEY/);
    assert.deepEqual((await forge.api('GET', '/api/tasks')).body, []);
  });
});
