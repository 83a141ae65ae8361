import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestsFor, useSimulator } from './simulator-fixture.js';

/** Posts a non-streaming Anthropic Messages request and returns the status and parsed body. */
async function postMessages(baseUrl: string, messages: unknown[]): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude-test', max_tokens: 100, messages }),
  });
  return { status: response.status, body: await response.json() };
}

const textOf = (message: any): string => message.content.find((block: any) => block.type === 'text')?.text ?? '';

describe('scenario selection', () => {
  const simulator = useSimulator({ defaultScenario: 'hello' });

  it('uses the default scenario when the request names none', async () => {
    const { body } = await postMessages(simulator().url, [{ role: 'user', content: 'Hi there' }]);
    assert.equal(textOf(body), 'Hello from the simulator.');
    assert.equal(simulator().requests.at(-1)?.scenario, 'hello');
  });

  it('follows a [[scenario:NAME]] tag anywhere in the request', async () => {
    const { body } = await postMessages(simulator().url, [
      { role: 'user', content: [{ type: 'text', text: 'Please run a command. [[scenario:bash-echo]]' }] },
    ]);
    assert.equal(body.content[1].name, 'Bash');
    assert.deepEqual(body.content[1].input, { command: 'echo hello-from-bash', description: 'Print a greeting' });
  });

  it('answers an unknown scenario with a 400 naming it, in the vendor error format', async () => {
    const { status, body } = await postMessages(simulator().url, [{ role: 'user', content: '[[scenario:no-such]]' }]);
    assert.equal(status, 400);
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /no-such/);
  });

  it('ignores Claude Code system entries inside messages when counting turns', async () => {
    const { body } = await postMessages(simulator().url, [
      { role: 'user', content: 'Create it [[scenario:write-file]]' },
      { role: 'system', content: 'cwd: /tmp/x' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Write', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
    ]);
    assert.equal(textOf(body), 'Done: created hello.txt');
    assert.equal(simulator().requests.at(-1)?.turn, 1);
  });

  it('repeats the last turn as text only once the scenario has run out of turns', async () => {
    const conversation = [
      { role: 'user', content: '[[scenario:bash-echo]]' },
      { role: 'assistant', content: 'one' },
      { role: 'user', content: 'more' },
      { role: 'assistant', content: 'two' },
      { role: 'user', content: 'more' },
      { role: 'assistant', content: 'three' },
      { role: 'user', content: 'more' },
    ];
    const { body } = await postMessages(simulator().url, conversation);
    assert.equal(body.stop_reason, 'end_turn');
    assert.deepEqual(body.content, [{ type: 'text', text: 'The command printed hello-from-bash.' }]);
  });

  it('fills the demo note with the task text', async () => {
    const task = 'Summarise the quarterly report';
    const { body } = await postMessages(simulator().url, [
      { role: 'user', content: `${task} [[scenario:demo]]` },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Glob', input: { pattern: '**/*' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'README.md' }] },
    ]);
    const write = body.content.find((block: any) => block.type === 'tool_use');
    assert.equal(write.name, 'Write');
    assert.equal(write.input.file_path, 'FORGE_DEMO.md');
    assert.ok(write.input.content.includes(task));
    assert.ok(!write.input.content.includes('[[scenario'), 'the tag is not part of the task text');
  });

  it('counts fault attempts per conversation, so parallel conversations each see the fault once', async () => {
    const [first, second] = await Promise.all(
      ['conversation A', 'conversation B'].map((text) =>
        postMessages(simulator().url, [{ role: 'user', content: `${text} [[scenario:fault-overloaded-once]]` }]),
      ),
    );
    assert.deepEqual([first?.status, second?.status], [529, 529]);
    assert.equal(first?.body.error.type, 'overloaded_error');
    const retry = await postMessages(simulator().url, [
      { role: 'user', content: 'conversation A [[scenario:fault-overloaded-once]]' },
    ]);
    assert.equal(retry.status, 200);
    assert.equal(requestsFor(simulator(), 'fault-overloaded-once').length, 3);
  });

  it('works behind a base URL with a path prefix', async () => {
    const { body } = await postMessages(`${simulator().url}/anthropic`, [{ role: 'user', content: 'hi' }]);
    assert.equal(textOf(body), 'Hello from the simulator.');
    assert.equal(simulator().requests.at(-1)?.path, '/anthropic/v1/messages');
  });

  it('counts tokens and answers unknown routes with a JSON 404', async () => {
    const counted = await fetch(`${simulator().url}/v1/messages/count_tokens`, {
      method: 'POST',
      body: JSON.stringify({ model: 'claude-test', messages: [{ role: 'user', content: 'x'.repeat(400) }] }),
    });
    assert.ok(((await counted.json()) as { input_tokens: number }).input_tokens >= 100);
    const missing = await fetch(`${simulator().url}/v2/unknown`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as any).error.message, /GET \/v2\/unknown/);
  });
});

describe('built-in echo scenario', () => {
  const simulator = useSimulator({ scenarioDir: undefined });

  it('answers with the last user text when no scenario is chosen', async () => {
    const { body } = await postMessages(simulator().url, [{ role: 'user', content: 'What is 2 + 2?' }]);
    assert.equal(textOf(body), 'You said: What is 2 + 2?');
  });
});

describe('scenario variants', () => {
  const simulator = useSimulator({ defaultScenario: 'demo' });

  it('answers a client that offers apply_patch with the demo variant that uses it, others with the plain demo', async () => {
    const ask = async (tools: unknown[]) => {
      const response = await fetch(`${simulator().url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', max_tokens: 100, tools, messages: [{ role: 'user', content: 'Demo please' }] }),
      });
      return (await response.json()) as any;
    };
    const plain = await ask([{ name: 'Glob', input_schema: { type: 'object' } }]);
    assert.equal(plain.content.find((b: any) => b.type === 'tool_use').name, 'Glob');
    assert.equal(simulator().requests.at(-1)?.scenario, 'demo');
    const codexLike = await ask([{ name: 'apply_patch', input_schema: { type: 'object' } }, { name: 'exec_command', input_schema: { type: 'object' } }]);
    assert.equal(codexLike.content.find((b: any) => b.type === 'tool_use').name, 'exec_command');
    assert.equal(simulator().requests.at(-1)?.scenario, 'demo-codex');
  });
});
