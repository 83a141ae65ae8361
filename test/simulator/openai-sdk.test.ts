import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI, { APIError, RateLimitError } from 'openai';
import { requestsFor, useSimulator } from './simulator-fixture.js';

describe('simulator with openai', () => {
  const simulator = useSimulator();
  const client = () => new OpenAI({ apiKey: 'test', baseURL: `${simulator().url}/v1`, maxRetries: 0 });

  describe('Chat Completions', () => {
    const writeFileTools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'Write', parameters: { type: 'object', properties: {} } } },
    ];

    it('streams a tool call with usage, then answers the tool result', async () => {
      const messages: OpenAI.ChatCompletionMessageParam[] = [
        { role: 'user', content: 'Create hello.txt [[scenario:write-file]]' },
      ];
      const stream = client().chat.completions.stream({
        model: 'gpt-test',
        messages,
        tools: writeFileTools,
        stream_options: { include_usage: true },
      });
      const toolTurn = await stream.finalChatCompletion();

      const choice = toolTurn.choices[0]!;
      assert.equal(choice.finish_reason, 'tool_calls');
      assert.equal(choice.message.content, "I'll create the file.");
      const call = choice.message.tool_calls?.[0];
      assert.ok(call?.type === 'function');
      assert.equal(call.function.name, 'Write');
      assert.deepEqual(JSON.parse(call.function.arguments), { file_path: 'hello.txt', content: 'hi\n' });
      assert.ok(toolTurn.usage && toolTurn.usage.completion_tokens > 0 && toolTurn.usage.prompt_tokens > 0);
      assert.equal(toolTurn.model, 'gpt-test');

      const finalTurn = await client().chat.completions.create({
        model: 'gpt-test',
        messages: [...messages, choice.message, { role: 'tool', tool_call_id: call.id, content: 'written' }],
      });
      assert.equal(finalTurn.choices[0]?.finish_reason, 'stop');
      assert.equal(finalTurn.choices[0]?.message.content, 'Done: created hello.txt');
      assert.deepEqual(
        requestsFor(simulator(), 'write-file').map((request) => request.turn),
        [0, 1],
      );
    });

    it('throws on the in-stream error chunk', async () => {
      const stream = await client().chat.completions.create({
        model: 'gpt-test',
        stream: true,
        messages: [{ role: 'user', content: '[[scenario:fault-stream-error]]' }],
      });
      await assert.rejects(async () => {
        for await (const chunk of stream) assert.ok(chunk.choices);
      }, APIError);
    });

    it('reports a rate limit with its retry-after header', async () => {
      await assert.rejects(
        client().chat.completions.create({
          model: 'gpt-test',
          messages: [{ role: 'user', content: '[[scenario:fault-rate-limited]]' }],
        }),
        (error: unknown) => {
          assert.ok(error instanceof RateLimitError);
          assert.equal(error.headers.get('retry-after'), '1');
          assert.equal(error.code, 'rate_limit_exceeded');
          return true;
        },
      );
    });
  });

  describe('Responses', () => {
    it('streams the event sequence of a function call, then answers the echoed conversation', async () => {
      const input: OpenAI.Responses.ResponseInputItem[] = [
        { role: 'user', content: [{ type: 'input_text', text: 'Create hello.txt [[scenario:write-file]]' }] },
      ];
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      for await (const event of await client().responses.create({ model: 'gpt-test', input, stream: true })) {
        events.push(event);
      }

      assert.equal(events[0]?.type, 'response.created');
      assert.deepEqual(
        events.map((event) => event.sequence_number),
        events.map((_, index) => index),
      );
      const completed = events.at(-1);
      assert.ok(completed?.type === 'response.completed');
      const { output, usage } = completed.response;
      assert.deepEqual(
        output.map((item) => item.type),
        ['message', 'function_call'],
      );
      const call = output[1];
      assert.ok(call?.type === 'function_call');
      assert.equal(call.name, 'Write');
      assert.deepEqual(JSON.parse(call.arguments), { file_path: 'hello.txt', content: 'hi\n' });
      assert.ok(usage && usage.total_tokens === usage.input_tokens + usage.output_tokens);
      assert.equal(usage.input_tokens_details.cached_tokens, 0);
      assert.equal(usage.output_tokens_details.reasoning_tokens, 0);
      const doneItems = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
      assert.deepEqual(doneItems, output);

      // The message and the function call are one model response echoed back as two items.
      const followUp = await client().responses.create({
        model: 'gpt-test',
        input: [...input, ...(output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: 'written' }],
      });
      assert.equal(followUp.output_text, 'Done: created hello.txt');
      assert.equal(simulator().requests.at(-1)?.turn, 1);
    });

    it('streams a custom tool call whose input is the raw patch text', async () => {
      const stream = client().responses.stream({ model: 'gpt-test', input: '[[scenario:codex-apply-patch]]' });
      const response = await stream.finalResponse();
      const call = response.output.find((item) => item.type === 'custom_tool_call');
      assert.ok(call?.type === 'custom_tool_call');
      assert.equal(call.name, 'apply_patch');
      assert.match(call.input, /^\*\*\* Begin Patch\n\*\*\* Add File: hello\.txt\n\+hi\n\*\*\* End Patch\n$/);
    });

    it('reports an in-stream failure as response.failed', async () => {
      const types: string[] = [];
      for await (const event of await client().responses.create({
        model: 'gpt-test',
        input: '[[scenario:fault-stream-error]]',
        stream: true,
      })) {
        types.push(event.type);
      }
      assert.equal(types.at(-1), 'response.failed');
      assert.ok(!types.includes('response.completed'));
    });
  });
});
