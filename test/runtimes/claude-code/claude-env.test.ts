import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateClaudeBinary } from '../../../src/runtimes/claude-code/claude-binary.js';
import { buildClaudeEnv, claudeConnection } from '../../../src/runtimes/claude-code/claude-env.js';

const HOST_ENV = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/someone',
  ANTHROPIC_API_KEY: 'sk-ant-api-key',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
  AWS_SECRET_ACCESS_KEY: 'unrelated-secret',
  FORGE_API_TOKEN: 'forge-secret',
};

test('the child gets an explicit environment: PATH, its own HOME and config dir under the data dir, the API key and quiet defaults', () => {
  const env = buildClaudeEnv({ env: HOST_ENV, dataDir: '/data/forge' });
  assert.deepEqual(env, {
    PATH: '/usr/bin:/bin',
    HOME: '/data/forge/claude-code',
    CLAUDE_CONFIG_DIR: '/data/forge/claude-code/.claude',
    CLAUDE_AGENT_SDK_CLIENT_APP: 'forge',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_MAX_RETRIES: '2',
    ANTHROPIC_API_KEY: 'sk-ant-api-key',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
  });
});

test('retries and non-essential traffic follow the configuration when it says otherwise', () => {
  const env = buildClaudeEnv({
    env: { ...HOST_ENV, CLAUDE_CODE_MAX_RETRIES: '0', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '0' },
    dataDir: '/data/forge',
  });
  assert.equal(env.CLAUDE_CODE_MAX_RETRIES, '0');
  assert.equal(env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC, '0');
});

test('OAuth mode passes the subscription token and never the API key', () => {
  const env = buildClaudeEnv({
    env: { ...HOST_ENV, FORGE_CLAUDE_AUTH: 'oauth', CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat-token' },
    dataDir: '/data/forge',
  });
  assert.equal(env.CLAUDE_CODE_OAUTH_TOKEN, 'sk-ant-oat-token');
  assert.equal('ANTHROPIC_API_KEY' in env, false);
  assert.ok(!Object.values(env).includes('sk-ant-api-key'), 'the key is not smuggled in under another name');
  assert.equal(env.ANTHROPIC_BASE_URL, 'http://127.0.0.1:9999');
});

test('OAuth mode without a token is reported as not configured, instead of falling back to the API key', () => {
  const connection = claudeConnection({ ...HOST_ENV, FORGE_CLAUDE_AUTH: 'oauth' });
  assert.equal(connection.mode, 'unconfigured');
  assert.match((connection as { reason: string }).reason, /CLAUDE_CODE_OAUTH_TOKEN/);
  assert.throws(() => buildClaudeEnv({ env: { ...HOST_ENV, FORGE_CLAUDE_AUTH: 'oauth' }, dataDir: '/d' }), /CLAUDE_CODE_OAUTH_TOKEN/);
});

test('without a key the simulator answers (demo mode), and without either the runtime says what to set', () => {
  const simulated = buildClaudeEnv({ env: { PATH: '/bin' }, dataDir: '/d', simulatorUrl: 'http://127.0.0.1:1234' });
  assert.equal(simulated.ANTHROPIC_BASE_URL, 'http://127.0.0.1:1234');
  assert.equal(claudeConnection({ PATH: '/bin' }, 'http://127.0.0.1:1234').mode, 'simulated');
  assert.equal(claudeConnection(HOST_ENV, 'http://127.0.0.1:1234').mode, 'real', 'a configured key wins over the simulator');
  assert.throws(() => buildClaudeEnv({ env: { PATH: '/bin' }, dataDir: '/d' }), /ANTHROPIC_API_KEY/);
});

test('a missing native binary (install with --omit=optional) fails with the fix in the message', () => {
  assert.throws(
    () =>
      locateClaudeBinary({
        platform: 'linux',
        arch: 'x64',
        resolve: () => {
          throw new Error('Cannot find module');
        },
      }),
    (error: Error) =>
      error.message.includes('@anthropic-ai/claude-agent-sdk-linux-x64') &&
      error.message.includes('without --omit=optional') &&
      error.message.includes('npm install'),
  );
  assert.match(locateClaudeBinary(), /claude-agent-sdk-linux-x64\/claude$/, 'the installed binary is found');
});
