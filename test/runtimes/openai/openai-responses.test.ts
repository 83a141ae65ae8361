import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForPendingApproval } from '../../support/forge-harness.js';
import { describeDirectRuntime } from '../direct/direct-runtime-suite.js';

describeDirectRuntime(
  {
    title: 'openai runtime (Responses API)',
    runtime: 'openai',
    env: (sim) => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${sim.url}/v1`, FORGE_OPENAI_API: 'responses' }),
    route: '/v1/responses',
    lastToolResult: (body) => body.input.filter((item: any) => item.type === 'function_call_output').at(-1).output,
    offeredTools: (body) => (body.tools ?? []).map((tool: any) => tool.name),
  },
  ({ start, requestsOf, forge }) => {
    test('sends the key, the profile prompt as instructions, and keeps the transcript itself (store: false)', async () => {
      const task = await start('Hello [[scenario:write-file]]');
      const pending = await waitForPendingApproval(forge(), task.id);
      await forge().api('POST', `/api/notifications/${pending.id}/respond`, { decision: 'approve' });
      await forge().waitFor(async () => (await forge().api('GET', `/api/tasks/${task.id}`)).body.status === 'completed');
      const [first, second] = requestsOf(task);
      assert.equal(first!.headers.authorization, 'Bearer test-key');
      assert.equal(first!.body.store, false);
      assert.match(first!.body.instructions, /\S/);
      assert.equal(first!.body.input[0].role, 'user');
      const call = second!.body.input.find((item: any) => item.type === 'function_call');
      const output = second!.body.input.find((item: any) => item.type === 'function_call_output');
      assert.equal(call.name, 'Write');
      assert.equal(output.call_id, call.call_id, 'the result answers the call');
    });
  },
);
