import { describeDirectRuntime } from './direct-runtime-suite.js';

describeDirectRuntime({
  title: 'anthropic runtime',
  runtime: 'anthropic',
  env: (sim) => ({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: sim.url }),
  route: '/v1/messages',
  lastToolResult: (body) => body.messages.at(-1).content.filter((block: any) => block.type === 'tool_result').at(-1).content,
  offeredTools: (body) => (body.tools ?? []).map((tool: any) => tool.name),
});
