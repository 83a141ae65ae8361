import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ollama, type ChatResponse } from 'ollama';
import { useSimulator } from './simulator-fixture.js';

describe('simulator with ollama', () => {
  const simulator = useSimulator();
  const client = () => new Ollama({ host: simulator().url });

  it('streams a tool call with object arguments, then answers the tool result', async () => {
    const messages = [{ role: 'user', content: 'Create hello.txt [[scenario:write-file]]' }];
    const parts: ChatResponse[] = [];
    for await (const part of await client().chat({ model: 'qwen-test', messages, stream: true })) parts.push(part);

    const last = parts.at(-1)!;
    assert.equal(last.done, true);
    assert.ok(last.eval_count > 0 && last.prompt_eval_count > 0);
    assert.equal(parts.map((part) => part.message.content).join(''), "I'll create the file.");
    const toolCalls = parts.flatMap((part) => part.message.tool_calls ?? []);
    assert.deepEqual(
      toolCalls.map((call) => call.function),
      [{ index: 0, name: 'Write', arguments: { file_path: 'hello.txt', content: 'hi\n' } }],
    );

    const finalTurn = await client().chat({
      model: 'qwen-test',
      messages: [...messages, { role: 'assistant', content: "I'll create the file.", tool_calls: toolCalls }, { role: 'tool', content: 'written' }],
      stream: false,
    });
    assert.equal(finalTurn.message.content, 'Done: created hello.txt');
    assert.equal(finalTurn.done_reason, 'stop');
  });

  it('throws on the in-stream error line', async () => {
    const stream = await client().chat({
      model: 'qwen-test',
      messages: [{ role: 'user', content: '[[scenario:fault-stream-error]]' }],
      stream: true,
    });
    await assert.rejects(async () => {
      for await (const part of stream) assert.equal(part.done, false);
    }, /Overloaded/);
  });

  it('throws a response error carrying the HTTP status', async () => {
    await assert.rejects(
      client().chat({ model: 'qwen-test', messages: [{ role: 'user', content: '[[scenario:fault-overloaded]]' }] }),
      (error: unknown) => {
        assert.equal((error as { status_code?: number }).status_code, 529);
        assert.match((error as Error).message, /Simulated HTTP 529/);
        return true;
      },
    );
  });

  it('answers the model listing and version probes', async () => {
    const { models } = await client().list();
    assert.equal(models[0]?.name, 'simulator:latest');
    assert.match((await client().version()).version, /^\d+\.\d+\.\d+$/);
  });
});
