import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const write = WORKSPACE_TOOLS.Write;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

test('creates the file and any missing parent folders', async () => {
  const result = await write.run({ file_path: 'deep/new/dir/notes.md', content: '# Title\nbody\n' }, { workspace: ws.root });
  assert.deepEqual(result, { output: 'Created deep/new/dir/notes.md (2 lines).', isError: false });
  assert.equal(await readFile(join(ws.root, 'deep/new/dir/notes.md'), 'utf8'), '# Title\nbody\n');
});

test('overwrites an existing file, by absolute path too', async () => {
  await ws.put('config.json', '{"old":true}');
  const result = await write.run({ file_path: join(ws.root, 'config.json'), content: '{}' }, { workspace: ws.root });
  assert.deepEqual(result, { output: `Overwrote ${join(ws.root, 'config.json')} (1 line).`, isError: false });
  assert.equal(await readFile(join(ws.root, 'config.json'), 'utf8'), '{}');
});

test('refuses to write over a folder and explains missing content', async () => {
  const ctx = { workspace: ws.root };
  await mkdir(join(ws.root, 'src'));
  assert.deepEqual(await write.run({ file_path: 'src', content: 'x' }, ctx), {
    output: 'src is a directory; give the path of a file inside it.',
    isError: true,
  });
  assert.deepEqual(await write.run({ file_path: 'a.txt' }, ctx), {
    output: 'Missing or invalid "content": expected a string, got nothing.',
    isError: true,
  });
});
