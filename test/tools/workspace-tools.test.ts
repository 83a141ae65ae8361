import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_TOOL_NAMES } from '../../src/domain/tool-call.js';
import { WORKSPACE_TOOLS, workspaceToolsFor } from '../../src/tools/index.js';
import { createWorkspace } from './workspace-fixture.js';

const names = (tools: { name: string }[]) => tools.map((tool) => tool.name);

test('an empty allow-list offers all six tools', () => {
  assert.deepEqual(names(workspaceToolsFor([])), ['Read', 'Write', 'Edit', 'Glob', 'Grep', 'Bash']);
});

test('an allow-list offers only the built-in tools it names, bare or as a rule', () => {
  assert.deepEqual(names(workspaceToolsFor(['Grep', 'Read', 'Bash(git status:*)', 'mcp__github__create_issue', 'WebFetch'])), [
    'Read',
    'Grep',
    'Bash',
  ]);
  assert.deepEqual(names(workspaceToolsFor(['WebSearch'])), []);
});

test('every tool advertises a closed object schema whose required fields it describes', () => {
  for (const name of BUILTIN_TOOL_NAMES) {
    const tool = WORKSPACE_TOOLS[name];
    assert.equal(tool.name, name);
    assert.ok(tool.description.length > 40, `${name} needs a real description`);
    assert.equal(tool.inputSchema.type, 'object');
    assert.equal(tool.inputSchema.additionalProperties, false);
    for (const field of tool.inputSchema.required) assert.ok(field in tool.inputSchema.properties, `${name}.${field}`);
  }
});

test('no tool throws, whatever the model sends', async () => {
  const ws = await createWorkspace();
  try {
    const garbage: unknown[] = [null, {}, { file_path: 42, pattern: [], command: { x: 1 } }, { file_path: '', pattern: '', command: '  ' }];
    for (const name of BUILTIN_TOOL_NAMES) {
      for (const input of garbage) {
        const result = await WORKSPACE_TOOLS[name].run(input as Record<string, unknown>, { workspace: ws.root });
        assert.equal(result.isError, true, `${name} with ${JSON.stringify(input)}`);
        assert.ok(result.output.length > 0);
      }
    }
  } finally {
    await ws.dispose();
  }
});

test('a tool called with an already-aborted signal does nothing', async () => {
  const ws = await createWorkspace();
  try {
    const result = await WORKSPACE_TOOLS.Write.run({ file_path: 'a.txt', content: 'x' }, { workspace: ws.root, signal: AbortSignal.abort() });
    assert.deepEqual(result, { output: 'Write was cancelled before it started.', isError: true });
    assert.equal(existsSync(join(ws.root, 'a.txt')), false);
  } finally {
    await ws.dispose();
  }
});
