import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenarioFile, SHIPPED_SCENARIO_DIR, startSimulator } from '../../src/simulator/index.js';
import { loadScenarioDirectory } from '../../src/simulator/scenario-directory.js';

function streamRequest(url: string, scenario: string, signal?: AbortSignal) {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    body: JSON.stringify({ model: 'm', max_tokens: 10, stream: true, messages: [{ role: 'user', content: `[[scenario:${scenario}]]` }] }),
    signal,
  });
}

describe('simulator lifecycle', () => {
  it('closes promptly while a stalled stream is still open', async () => {
    const simulator = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    const response = await streamRequest(simulator.url, 'fault-stall');
    const reader = response.body!.getReader();
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /event: message_start/);

    const startedAt = Date.now();
    await simulator.close();
    assert.ok(Date.now() - startedAt < 500, 'close() should not wait for the stalled stream');
    await assert.rejects(reader.read(), 'the client sees the stalled stream end');
  });

  it('delays headers and spaces chunks as the turn asks', async () => {
    const simulator = await startSimulator({
      scenarios: [{ name: 'slow', turns: [{ text: 'abcdefgh', delayMs: 150, chunkDelayMs: 40 }] }],
    });
    try {
      const startedAt = Date.now();
      const response = await streamRequest(simulator.url, 'slow');
      assert.ok(Date.now() - startedAt >= 140, 'headers arrive after delayMs');
      const body = await response.text();
      assert.ok(Date.now() - startedAt >= 140 + 40 * 5, 'the frames are spaced by chunkDelayMs');
      assert.match(body, /message_stop/);
    } finally {
      await simulator.close();
    }
  });

  it('lets a test replace a scenario by name while running', async () => {
    const simulator = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    try {
      simulator.addScenario({ name: 'hello', turns: [{ text: 'Replaced.' }] });
      const response = await fetch(`${simulator.url}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', stream: false, messages: [{ role: 'user', content: '[[scenario:hello]]' }] }),
      });
      assert.equal(((await response.json()) as any).message.content, 'Replaced.');
    } finally {
      await simulator.close();
    }
  });

  it('refuses to start with an unknown default scenario', async () => {
    await assert.rejects(startSimulator({ defaultScenario: 'missing' }), /Default scenario "missing" is unknown/);
  });
});

describe('scenario files', () => {
  it('ships the scenarios Forge and its tests rely on', () => {
    const names = loadScenarioDirectory(SHIPPED_SCENARIO_DIR).map((scenario) => scenario.name);
    for (const name of ['demo', 'hello', 'write-file', 'bash-echo', 'fault-overloaded', 'fault-stall']) {
      assert.ok(names.includes(name), `missing shipped scenario ${name}`);
    }
  });

  it('names the file and the field of an invalid scenario', () => {
    const directory = mkdtempSync(join(tmpdir(), 'forge-scenarios-'));
    try {
      const path = join(directory, 'broken.yaml');
      writeFileSync(path, 'turns:\n  - text: hi\n    toolCalls:\n      - { input: { a: 1 } }\n');
      assert.throws(() => loadScenarioFile(path), (error: Error) => {
        assert.ok(error.message.includes(path));
        assert.match(error.message, /turns\[0\]\.toolCalls\[0\]\.name/);
        return true;
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reads JSON files and takes the name from the file when it is missing', () => {
    const directory = mkdtempSync(join(tmpdir(), 'forge-scenarios-'));
    try {
      const path = join(directory, 'patch.json');
      writeFileSync(path, JSON.stringify({ turns: [{ toolCalls: [{ name: 'apply_patch', custom: true, input: '*** Begin Patch' }] }] }));
      const scenario = loadScenarioFile(path);
      assert.equal(scenario.name, 'patch');
      assert.equal(scenario.turns[0]?.toolCalls?.[0]?.input, '*** Begin Patch');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('rejects a string tool input that is not marked custom', async () => {
    await assert.rejects(
      () => startSimulator({ scenarios: [{ name: 'bad', turns: [{ toolCalls: [{ name: 'Bash', input: 'ls' }] }] }] }),
      /turns\[0\]\.toolCalls\[0\]\.input: a string input needs `custom: true`/,
    );
  });
});
