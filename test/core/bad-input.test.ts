import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestForge, waitForTaskStatus, type TestForge } from '../support/forge-harness.js';

/** Every answer to bad input is a 4xx JSON error whose message says what to fix — never a 500 or a stack. */
function assertClientError(response: { status: number; body: any }, status: number, pattern: RegExp): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(typeof response.body.error.message, 'string');
  assert.match(response.body.error.message, pattern);
  assert.doesNotMatch(response.body.error.message, /\n\s+at /, 'no stack trace');
}

describe('bad input gets a 4xx that says what to fix', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startTestForge();
  });
  after(() => forge.close());

  test('malformed JSON', async () => {
    assertClientError(await forge.api('POST', '/api/tasks', '{"title": "x",'), 400, /not valid JSON/);
  });

  test('missing title', async () => {
    assertClientError(await forge.api('POST', '/api/tasks', { assignedAgent: 'anthropic' }), 400, /title/);
  });

  test('unknown runtime names the valid ones', async () => {
    const response = await forge.api('POST', '/api/tasks', { title: 'x', assignedAgent: 'gpt-9' });
    assertClientError(response, 400, /assignedAgent: "gpt-9" is not a runtime; use one of claude-code, anthropic, openai, codex, ollama/);
  });

  test('a body that is not an object, and a value of the wrong type', async () => {
    assertClientError(await forge.api('POST', '/api/tasks', '[]'), 400, /must be a JSON object/);
    assertClientError(await forge.api('POST', '/api/tasks', 'null'), 400, /must be a JSON object/);
    assertClientError(await forge.api('POST', '/api/tasks', { title: 123, assignedAgent: 'anthropic' }), 400, /title: must be a string/);
    assertClientError(await forge.api('POST', '/api/notifications/x/respond', { decision: 'maybe' }), 400, /decision: "maybe" is not one of/);
  });

  test('NUL characters, which PostgreSQL cannot store, are refused with 400', async () => {
    assertClientError(await forge.api('POST', '/api/tasks', { title: 'x\u0000y', assignedAgent: 'anthropic' }), 400, /title: contains a NUL character/);
    assertClientError(await forge.api('GET', '/api/tasks/abc%00def'), 400, /NUL character/);
  });

  test('a bad query parameter is named', async () => {
    const task = await forge.createTask({ title: 'x' });
    assertClientError(await forge.api('GET', `/api/tasks/${task.id}/logs/tail?limit=abc`), 400, /limit: a whole number from 1 to 5000/);
  });

  test('unknown profile', async () => {
    const response = await forge.api('POST', '/api/tasks', { title: 'x', assignedAgent: 'anthropic', agentProfile: 'wizard' });
    assertClientError(response, 400, /agentProfile: "wizard" is not a known profile/);
  });

  test('priority out of range', async () => {
    const response = await forge.api('POST', '/api/tasks', { title: 'x', assignedAgent: 'anthropic', priority: 9 });
    assertClientError(response, 400, /priority: at most 5/);
  });

  test('unknown project', async () => {
    const response = await forge.api('POST', '/api/tasks', { title: 'x', assignedAgent: 'anthropic', projectId: 'nope' });
    assertClientError(response, 400, /projectId: no project with id "nope"/);
  });

  test('project whose folder does not exist', async () => {
    const response = await forge.api('POST', '/api/projects', { name: 'p', workingDirectory: '/definitely/not/here' });
    assertClientError(response, 400, /not an existing folder/);
    assertClientError(await forge.api('POST', '/api/projects', { name: 'p', workingDirectory: 'relative/path' }), 400, /absolute path/);
  });

  test('unknown task id', async () => {
    assertClientError(await forge.api('GET', '/api/tasks/no-such-task'), 404, /No task with id "no-such-task"/);
    assertClientError(await forge.api('POST', '/api/tasks/no-such-task/execute'), 404, /No task/);
    assertClientError(await forge.api('POST', '/api/tasks/no-such-task/cancel'), 404, /No task/);
    assertClientError(await forge.api('GET', '/api/tasks/no-such-task/logs'), 404, /No task/);
  });

  test('unknown notification and bad decision', async () => {
    assertClientError(await forge.api('POST', '/api/notifications/nope/respond', { decision: 'approve' }), 404, /No notification/);
    assertClientError(await forge.api('POST', '/api/notifications/nope/respond', { decision: 'maybe' }), 400, /decision/);
  });

  test('an oversized body is refused with 413', async () => {
    const response = await forge.api('POST', '/api/tasks', { title: 'x', assignedAgent: 'anthropic', description: 'y'.repeat(2_000_000) });
    assertClientError(response, 413, /larger than/);
  });

  test('a bad Last-Event-ID', async () => {
    const task = await forge.createTask({ title: 'x' });
    const response = await forge.api('GET', `/api/tasks/${task.id}/logs`, undefined, { 'last-event-id': 'banana' });
    assertClientError(response, 400, /Last-Event-ID/);
  });

  test('another web site cannot drive the API through a browser (CSRF, DNS rebinding)', async () => {
    const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' };
    assertClientError(await forge.api('POST', '/api/settings/permissions', '{"tool":"Bash"}', evil), 403, /Cross-site request refused/);
    assert.deepEqual((await forge.api('GET', '/api/settings/permissions')).body, [], 'no rule was created');
    // fetch always sends the real Host, so ask the way a rebound DNS name would arrive.
    const rebound = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const url = new URL('/api/tasks', forge.url);
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example' } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      })
        .on('error', reject)
        .end();
    });
    assertClientError(rebound, 403, /not this server's loopback address/);
    const sameSite = await forge.api('POST', '/api/tasks', { title: 'from the UI', assignedAgent: 'anthropic' }, { origin: forge.url });
    assert.equal(sameSite.status, 201);
  });

  test('unknown API route', async () => {
    assertClientError(await forge.api('GET', '/api/nothing-here'), 404, /No API route/);
  });

  test('executing twice is refused while the first run is active', async () => {
    const task = await forge.createTask({ title: 'twice', description: '[[scenario:write-file]]' });
    assert.equal((await forge.api('POST', `/api/tasks/${task.id}/execute`)).status, 202);
    const again = await forge.api('POST', `/api/tasks/${task.id}/execute`);
    assertClientError(again, 409, /already queued or running/);
    await forge.api('POST', `/api/tasks/${task.id}/cancel`);
    assertClientError(await forge.api('POST', `/api/tasks/${task.id}/cancel`), 409, /nothing to cancel/);
  });

  test('concurrent executes of one task: exactly one is accepted', async () => {
    const task = await forge.createTask({ title: 'race', description: '[[scenario:write-file]]' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => forge.api('POST', `/api/tasks/${task.id}/execute`)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [202, 409, 409, 409, 409]);
    await forge.api('POST', `/api/tasks/${task.id}/cancel`);
  });

  test('a Write outside the workspace is refused before anyone is asked, and nothing is written', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'forge-outside-')), 'escape.txt');
    forge.sim.addScenario({
      name: 'write-outside',
      turns: [
        { toolCalls: [{ name: 'Write', input: { file_path: outside, content: 'pwned' } }] },
        { toolCalls: [{ name: 'Write', input: { file_path: '../../escape-relative.txt', content: 'pwned' } }] },
        { text: 'Could not write there.' },
      ],
    });
    const task = await forge.createTask({ title: 'escape', description: '[[scenario:write-outside]]' });
    await forge.api('POST', `/api/tasks/${task.id}/execute`);
    await waitForTaskStatus(forge, task.id, ['completed']);
    assert.equal(existsSync(outside), false);
    const entries = await forge.collectLogs(task.id);
    assert.equal(entries.filter((e) => e.type === 'permission_request').length, 0, 'no human is asked about an impossible call');
    const decisions = entries.filter((e) => e.type === 'permission_decision');
    assert.deepEqual(decisions.map((d) => [d.decision, d.source]), [['deny', 'outside_workspace'], ['deny', 'outside_workspace']]);
    const results = entries.filter((e) => e.type === 'tool_result');
    assert.ok(results.every((r) => r.isError && /outside the task workspace/.test(r.output)));
  });
});
