import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForPendingApproval } from '../../support/forge-harness.js';
import { describeDirectRuntime } from '../direct/direct-runtime-suite.js';

describeDirectRuntime(
  {
    title: 'ollama runtime',
    runtime: 'ollama',
    env: (sim) => ({ OLLAMA_HOST: sim.url }),
    route: '/api/chat',
    lastToolResult: (body) => body.messages.filter((message: any) => message.role === 'tool').at(-1).content,
    offeredTools: (body) => (body.tools ?? []).map((tool: any) => tool.function.name),
  },
  ({ start, requestsOf, forge }) => {
    test('records the tokens Ollama counts, at zero cost, and sends tool arguments back as objects', async () => {
      const task = await start('Hello [[scenario:write-file]]');
      const pending = await waitForPendingApproval(forge(), task.id);
      await forge().api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      const done = await forge().waitFor(async () => {
        const current = (await forge().api('GET', `/api/tasks/${task.id}`)).body;
        return current.status === 'completed' && current;
      });
      const usageEntries = (await forge().collectLogs(task.id)).filter((e) => e.type === 'usage');
      assert.equal(usageEntries.length, 2);
      assert.ok(usageEntries.every((e) => e.costUsd === 0 && e.inputTokens > 0 && e.outputTokens > 0));
      assert.equal(done.execution.usage.costUsd, 0);
      assert.equal(
        done.execution.usage.inputTokens,
        usageEntries.reduce((sum, e) => sum + e.inputTokens, 0),
        'prompt_eval_count summed over the turns',
      );

      const [first, second] = requestsOf(task);
      assert.deepEqual(first!.body.messages.map((m: any) => m.role), ['system', 'user']);
      const assistant = second!.body.messages.find((m: any) => m.role === 'assistant');
      assert.deepEqual(assistant.tool_calls[0].function.arguments, { file_path: 'hello.txt', content: 'hi\n' });
      assert.equal(second!.body.messages.at(-1).tool_name, 'Write');
    });
  },
);
