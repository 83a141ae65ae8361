import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOllamaRuntime } from '../../../src/runtimes/ollama/ollama-runtime.js';

describe('how the ollama runtime connects', () => {
  test('OLLAMA_HOST means a real server, even when a simulator is available', () => {
    assert.deepEqual(createOllamaRuntime({ env: { OLLAMA_HOST: 'http://gpu-box:11434' }, simulatorUrl: 'http://sim' }).connection(), {
      mode: 'real',
      endpoint: 'http://gpu-box:11434',
    });
  });

  test('without OLLAMA_HOST the simulator answers, and says why', () => {
    const connection = createOllamaRuntime({ env: {}, simulatorUrl: 'http://127.0.0.1:7000' }).connection();
    assert.ok(connection.mode === 'simulated' && connection.endpoint === 'http://127.0.0.1:7000' && /OLLAMA_HOST/.test(connection.reason));
  });

  test('without either it is unconfigured, naming OLLAMA_HOST', () => {
    const connection = createOllamaRuntime({ env: {} }).connection();
    assert.ok(connection.mode === 'unconfigured' && /set OLLAMA_HOST/.test(connection.reason));
  });
});
