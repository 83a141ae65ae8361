import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Anthropic, { APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { requestsFor, useSimulator } from './simulator-fixture.js';

describe('simulator with @anthropic-ai/sdk', () => {
  const simulator = useSimulator();
  const client = (options: { maxRetries?: number } = {}) =>
    new Anthropic({ apiKey: 'test', baseURL: simulator().url, maxRetries: options.maxRetries ?? 0 });
  const ask = (text: string) => ({
    model: 'claude-test',
    max_tokens: 1024,
    messages: [{ role: 'user' as const, content: text }],
  });

  it('streams a tool call, then answers the follow-up turn chosen from the conversation alone', async () => {
    const firstRequest = ask('Create hello.txt [[scenario:write-file]]');
    const stream = client().messages.stream(firstRequest);
    const eventTypes: string[] = [];
    stream.on('streamEvent', (event) => {
      eventTypes.push(event.type === 'content_block_delta' ? event.delta.type : event.type);
    });
    const toolTurn = await stream.finalMessage();

    assert.equal(toolTurn.stop_reason, 'tool_use');
    assert.equal(toolTurn.model, 'claude-test');
    assert.equal(toolTurn.content[0]?.type === 'text' && toolTurn.content[0].text, "I'll create the file.");
    const toolUse = toolTurn.content[1];
    assert.equal(toolUse?.type, 'tool_use');
    assert.ok(toolUse.type === 'tool_use' && toolUse.id.startsWith('toolu_'));
    assert.equal(toolUse.name, 'Write');
    assert.deepEqual(toolUse.input, { file_path: 'hello.txt', content: 'hi\n' });
    assert.ok(eventTypes.filter((type) => type === 'input_json_delta').length >= 2);
    assert.ok(toolTurn.usage.output_tokens > 1);

    const finalTurn = await client().messages.create({
      ...firstRequest,
      messages: [
        ...firstRequest.messages,
        { role: 'assistant', content: toolTurn.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'written' }] },
      ],
    });
    assert.equal(finalTurn.stop_reason, 'end_turn');
    assert.deepEqual(finalTurn.content, [{ type: 'text', text: 'Done: created hello.txt' }]);
    assert.deepEqual(
      requestsFor(simulator(), 'write-file').map((request) => [request.path, request.turn, request.body.stream]),
      [
        ['/v1/messages', 0, true],
        ['/v1/messages', 1, undefined],
      ],
    );
  });

  it('surfaces an HTTP 529 fault as the SDK overloaded error', async () => {
    await assert.rejects(client().messages.create(ask('[[scenario:fault-overloaded]]')), (error: unknown) => {
      assert.ok(error instanceof APIError);
      assert.equal(error.status, 529);
      assert.equal((error.error as { error: { type: string } }).error.type, 'overloaded_error');
      return true;
    });
  });

  it('lets the SDK retry past a fault that fails only the first attempt', async () => {
    const answer = await client({ maxRetries: 1 }).messages.create(ask('Retry me [[scenario:fault-overloaded-once]]'));
    assert.deepEqual(answer.content, [{ type: 'text', text: 'Answered after one retry.' }]);
    assert.equal(requestsFor(simulator(), 'fault-overloaded-once').length, 2);
  });

  it('rejects a stream that turns into garbage', async () => {
    await assert.rejects(client().messages.stream(ask('[[scenario:fault-malformed]]')).finalMessage(), /not valid JSON/);
  });

  it('rejects a stream whose connection is reset', async () => {
    await assert.rejects(client().messages.stream(ask('[[scenario:fault-reset]]')).finalMessage(), /terminated/);
  });

  it('rejects with the in-stream overloaded error event', async () => {
    await assert.rejects(
      client().messages.stream(ask('[[scenario:fault-stream-error]]')).finalMessage(),
      (error: unknown) => error instanceof APIError && /overloaded/i.test(error.message),
    );
  });

  it('keeps a stalled stream open until the client gives up', async () => {
    const stream = client().messages.stream(ask('[[scenario:fault-stall]]'), { signal: AbortSignal.timeout(300) });
    let started = false;
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_start') started = true;
    });
    const startedAt = Date.now();
    await assert.rejects(stream.finalMessage(), APIUserAbortError);
    assert.ok(started, 'the stream should have started before stalling');
    assert.ok(Date.now() - startedAt >= 250, 'it should fail because of the client timeout');
  });
});
