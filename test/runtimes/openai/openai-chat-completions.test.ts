import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForPendingApproval } from '../../support/forge-harness.js';
import { describeDirectRuntime } from '../direct/direct-runtime-suite.js';

describeDirectRuntime(
  {
    title: 'openai runtime (Chat Completions)',
    runtime: 'openai',
    env: (sim) => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${sim.url}/v1`, FORGE_OPENAI_API: 'chat' }),
    route: '/v1/chat/completions',
    lastToolResult: (body) => body.messages.filter((message: any) => message.role === 'tool').at(-1).content,
    offeredTools: (body) => (body.tools ?? []).map((tool: any) => tool.function.name),
  },
  ({ start, requestsOf, forge }) => {
    test('sends the key, a system message, asks for usage, and answers each tool call by its id', async () => {
      const task = await start('Hello [[scenario:write-file]]');
      const pending = await waitForPendingApproval(forge(), task.id);
      await forge().api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      await forge().waitFor(async () => (await forge().api('GET', `/api/tasks/${task.id}`)).body.status === 'completed');
      const [first, second] = requestsOf(task);
      assert.equal(first!.headers.authorization, 'Bearer test-key');
      assert.deepEqual(first!.body.stream_options, { include_usage: true });
      assert.deepEqual(first!.body.messages.map((m: any) => m.role), ['system', 'user']);
      const assistant = second!.body.messages.find((m: any) => m.role === 'assistant');
      const tool = second!.body.messages.find((m: any) => m.role === 'tool');
      assert.equal(assistant.tool_calls[0].function.name, 'Write');
      assert.deepEqual(JSON.parse(assistant.tool_calls[0].function.arguments), { file_path: 'hello.txt', content: 'hi\n' });
      assert.equal(tool.tool_call_id, assistant.tool_calls[0].id);
    });
  },
);
