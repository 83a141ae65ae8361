import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { codexEnvironment, prepareCodexHome } from '../../../src/runtimes/codex/codex-home.js';
import { toolCallOfItem, unwrapShellCommand } from '../../../src/runtimes/codex/codex-items.js';
import { createCodexRuntime } from '../../../src/runtimes/codex/codex-runtime.js';

test('connection: real with OPENAI_API_KEY, simulated without it, otherwise unconfigured with the reason', () => {
  const real = createCodexRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } }).connection();
  assert.deepEqual(real, { mode: 'real', endpoint: 'http://127.0.0.1:9/v1' });
  const simulated = createCodexRuntime({ env: {}, simulatorUrl: 'http://127.0.0.1:8' }).connection();
  assert.equal(simulated.mode, 'simulated');
  assert.equal(simulated.mode === 'simulated' && simulated.endpoint, 'http://127.0.0.1:8/v1');
  const none = createCodexRuntime({ env: {} }).connection();
  assert.equal(none.mode, 'unconfigured');
  assert.match(none.mode === 'unconfigured' ? none.reason : '', /OPENAI_API_KEY/);
});

test('Codex gets a custom provider on the configured endpoint, no plugin sync or analytics, and no unrelated secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forge-codex-home-'));
  try {
    const endpoint = { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'the-key', model: 'gpt-5.5' };
    const home = prepareCodexHome(dir, endpoint);
    const config = readFileSync(join(home.codexHome, 'config.toml'), 'utf8');
    assert.match(config, /^model_provider = "forge"$/m);
    assert.match(config, /^base_url = "http:\/\/127\.0\.0\.1:9\/v1"$/m);
    assert.match(config, /^wire_api = "responses"$/m);
    assert.doesNotMatch(config, /openai_base_url/, 'the built-in provider would try WebSockets first');
    assert.match(config, /\[features\]\nplugins = false/);
    assert.match(config, /\[analytics\]\nenabled = false/);

    const env = codexEnvironment(home, endpoint, { PATH: '/usr/bin', ANTHROPIC_API_KEY: 'secret', DATABASE_URL: 'postgres://x', HOME: '/root' });
    assert.equal(env.OPENAI_API_KEY, 'the-key');
    assert.equal(env.CODEX_HOME, home.codexHome);
    assert.equal(env.HOME, dir);
    assert.equal(env.ANTHROPIC_API_KEY, undefined);
    assert.equal(env.DATABASE_URL, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("commands lose Codex's shell wrapper, so rules and approvals show what the model asked for", () => {
  assert.equal(unwrapShellCommand("/bin/bash -lc 'echo hi > out.txt'"), 'echo hi > out.txt');
  assert.equal(unwrapShellCommand(`/bin/bash -lc 'echo '"'"'quoted'"'"''`), "echo 'quoted'");
  assert.equal(unwrapShellCommand('bash -c "ls \\"a b\\""'), 'ls "a b"');
  assert.equal(unwrapShellCommand('git status'), 'git status', 'anything else stays as it is');
});

test('patches become Write when they only add files, Edit otherwise, with workspace-relative paths', () => {
  const add = toolCallOfItem({ type: 'fileChange', id: 'c1', changes: [{ path: '/ws/a.txt', kind: { type: 'add' }, diff: 'hi\n' }] }, '/ws');
  assert.deepEqual(add, { toolUseId: 'c1', tool: 'Write', input: { file_path: 'a.txt', diff: 'hi\n' } });
  const update = toolCallOfItem(
    {
      type: 'fileChange',
      id: 'c2',
      changes: [
        { path: '/ws/a.txt', kind: { type: 'add' }, diff: '+x' },
        { path: '/elsewhere/b.txt', kind: { type: 'update', move_path: null }, diff: '-y' },
      ],
    },
    '/ws',
  );
  assert.equal(update?.tool, 'Edit');
  assert.deepEqual(update?.input.files, ['a.txt', '/elsewhere/b.txt']);
});
