import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const bash = WORKSPACE_TOOLS.Bash;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

/** Alive means it exists and is not a zombie waiting to be reaped (containers may lack a reaping init). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

function firstNumber(text: string): number {
  const pid = Number(/\d+/.exec(text)?.[0]);
  assert.ok(pid > 0, `expected a pid in ${JSON.stringify(text)}`);
  return pid;
}

/** SIGKILL is delivered asynchronously, so give the kernel a moment to finish the process off. */
async function isGoneSoon(pid: number): Promise<boolean> {
  for (const deadline = Date.now() + 2000; Date.now() < deadline; ) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

test('runs in the workspace and returns combined stdout and stderr with the exit code', async () => {
  const ok = await bash.run({ command: 'pwd; echo to-stderr >&2', description: 'Show folder' }, { workspace: ws.root });
  assert.deepEqual(ok, { output: `${ws.root}\nto-stderr\n[Exit code 0]`, isError: false });

  const failed = await bash.run({ command: 'echo partial; exit 3' }, { workspace: ws.root });
  assert.deepEqual(failed, { output: 'partial\n[Exit code 3]', isError: true });

  const silent = await bash.run({ command: 'true' }, { workspace: ws.root });
  assert.deepEqual(silent, { output: '(no output)\n[Exit code 0]', isError: false });
});

test('secrets in Forge’s environment are not visible to the command', async () => {
  const planted = { ANTHROPIC_API_KEY: 'sk-secret', GITHUB_TOKEN: 'ghp-secret', DB_PASSWORD: 'pw-secret', FORGE_AUTH: 'forge-secret' };
  Object.assign(process.env, planted);
  try {
    const result = await bash.run({ command: 'env' }, { workspace: ws.root });
    assert.equal(result.isError, false);
    assert.doesNotMatch(result.output, /secret|ANTHROPIC_API_KEY|GITHUB_TOKEN|FORGE_/);
    assert.match(result.output, /^PATH=/m);
    assert.match(result.output, /^HOME=/m);
  } finally {
    for (const name of Object.keys(planted)) delete process.env[name];
  }
});

test('a timeout kills the command and everything it started', async () => {
  const started = Date.now();
  const result = await bash.run({ command: 'sleep 30 & echo $!; wait', timeout: 500 }, { workspace: ws.root });
  assert.ok(Date.now() - started < 5000, 'returned promptly');
  assert.equal(result.isError, true);
  assert.match(result.output, /\[Command timed out after 500 ms and was killed\.\]$/);
  assert.ok(await isGoneSoon(firstNumber(result.output)), 'the background sleep was killed');
});

test('aborting the signal kills the command', async () => {
  const controller = new AbortController();
  const pending = bash.run({ command: 'sleep 30 & echo $!; wait' }, { workspace: ws.root, signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  const result = await pending;
  assert.equal(result.isError, true);
  assert.match(result.output, /\[Command was cancelled and killed\.\]$/);
  assert.ok(await isGoneSoon(firstNumber(result.output)), 'the background sleep was killed');
});

test('long output keeps its start and end, capped at 30000 characters with a note', async () => {
  const { output, isError } = await bash.run({ command: 'seq 1 20000' }, { workspace: ws.root });
  assert.equal(isError, false);
  assert.ok(output.length < 30_200, `output was ${output.length} characters`);
  assert.ok(output.startsWith('1\n2\n3\n'));
  assert.ok(output.endsWith('19999\n20000\n[Exit code 0]'));
  assert.match(output, /\[\.\.\. \d+ characters omitted; output was capped at 30000 characters \.\.\.\]/);
});

test('a background child that keeps the output open does not hang the call', async () => {
  const started = Date.now();
  const result = await bash.run({ command: '(sleep 20; echo late) & echo $$' }, { workspace: ws.root });
  const processGroup = firstNumber(result.output);
  try {
    assert.ok(Date.now() - started < 5000, 'returned promptly');
    assert.equal(result.isError, false);
  } finally {
    process.kill(-processGroup, 'SIGKILL'); // bash led the group; its background subshell and sleep are still in it
  }
});

test('a missing command is an error result', async () => {
  assert.deepEqual(await bash.run({}, { workspace: ws.root }), {
    output: 'Missing or invalid "command": expected a string, got nothing.',
    isError: true,
  });
});
