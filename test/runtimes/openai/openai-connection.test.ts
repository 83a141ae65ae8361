import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOpenAiRuntime } from '../../../src/runtimes/openai/openai-runtime.js';

describe('how the openai runtime connects', () => {
  test('a key means the real API, at OPENAI_BASE_URL when set', () => {
    assert.deepEqual(createOpenAiRuntime({ env: { OPENAI_API_KEY: 'k' } }).connection(), { mode: 'real', endpoint: 'https://api.openai.com/v1' });
    assert.deepEqual(createOpenAiRuntime({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' }, simulatorUrl: 'http://sim' }).connection(), {
      mode: 'real',
      endpoint: 'http://127.0.0.1:8000/v1',
    });
  });

  test('without a key the simulator answers, and says why', () => {
    const connection = createOpenAiRuntime({ env: {}, simulatorUrl: 'http://127.0.0.1:7000' }).connection();
    assert.equal(connection.mode, 'simulated');
    assert.ok(connection.mode === 'simulated' && connection.endpoint === 'http://127.0.0.1:7000/v1' && /OPENAI_API_KEY/.test(connection.reason));
  });

  test('without a key or a simulator it is unconfigured, naming what to set', () => {
    const connection = createOpenAiRuntime({ env: {} }).connection();
    assert.ok(connection.mode === 'unconfigured' && /OPENAI_API_KEY/.test(connection.reason) && /FORGE_OPENAI_API=chat/.test(connection.reason));
  });

  test('an unknown FORGE_OPENAI_API is unconfigured, naming the choices', () => {
    const connection = createOpenAiRuntime({ env: { OPENAI_API_KEY: 'k', FORGE_OPENAI_API: 'completions' } }).connection();
    assert.deepEqual(connection, { mode: 'unconfigured', reason: 'FORGE_OPENAI_API must be "responses" or "chat", not "completions".' });
  });

  test('a retry setting that is not a whole number stops start-up with its name', () => {
    assert.throws(() => createOpenAiRuntime({ env: { FORGE_MAX_RETRIES: 'lots' } }), /FORGE_MAX_RETRIES must be a whole number ≥ 0, got "lots"/);
    assert.throws(() => createOpenAiRuntime({ env: { FORGE_STREAM_IDLE_MS: '0' } }), /FORGE_STREAM_IDLE_MS/);
  });
});
