import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const read = WORKSPACE_TOOLS.Read;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

test('shows the file with line numbers like cat -n, by relative or absolute path', async () => {
  await ws.put('src/app.ts', 'first\nsecond\n');
  const expected = { output: '     1\tfirst\n     2\tsecond', isError: false };
  assert.deepEqual(await read.run({ file_path: 'src/app.ts' }, { workspace: ws.root }), expected);
  assert.deepEqual(await read.run({ file_path: join(ws.root, 'src/app.ts') }, { workspace: ws.root }), expected);
});

test('offset and limit select a window and say how to read the rest', async () => {
  await ws.put('long.txt', Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n'));
  const result = await read.run({ file_path: 'long.txt', offset: 4, limit: 2 }, { workspace: ws.root });
  assert.equal(result.isError, false);
  assert.equal(result.output, '     4\tline 4\n     5\tline 5\n\n[Showing lines 4-5 of 10. Use offset and limit to read more.]');
});

test('reads at most 2000 lines by default and truncates very long lines', async () => {
  await ws.put('big.txt', Array.from({ length: 2500 }, (_, i) => (i === 0 ? 'x'.repeat(5000) : `row ${i + 1}`)).join('\n'));
  const { output } = await read.run({ file_path: 'big.txt' }, { workspace: ws.root });
  assert.match(output, /^ {5}1\tx{2000}… \[line truncated\]\n/);
  assert.match(output, /2000\trow 2000\n/);
  assert.doesNotMatch(output, /row 2001/);
  assert.match(output, /\[Showing lines 1-2000 of 2500\./);
});

test('explains missing files, folders, binary files, empty files and an offset past the end', async () => {
  const ctx = { workspace: ws.root };
  await mkdir(join(ws.root, 'folder'));
  await ws.put('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  await ws.put('empty.txt', '');
  await ws.put('short.txt', 'one\ntwo\n');

  assert.deepEqual(await read.run({ file_path: 'nope.txt' }, ctx), {
    output: 'File does not exist: nope.txt. Use Glob to find the right path.',
    isError: true,
  });
  assert.match((await read.run({ file_path: 'folder' }, ctx)).output, /folder is a directory/);
  assert.deepEqual(await read.run({ file_path: 'image.png' }, ctx), {
    output: 'image.png looks like a binary file (7 bytes); Read only shows text files.',
    isError: true,
  });
  assert.deepEqual(await read.run({ file_path: 'empty.txt' }, ctx), { output: 'empty.txt is empty.', isError: false });
  assert.deepEqual(await read.run({ file_path: 'short.txt', offset: 5 }, ctx), {
    output: 'offset 5 is past the end of short.txt, which has 2 lines.',
    isError: true,
  });
});

test('bad input becomes an error result, never an exception', async () => {
  const ctx = { workspace: ws.root };
  assert.deepEqual(await read.run({}, ctx), {
    output: 'Missing or invalid "file_path": expected a string, got nothing.',
    isError: true,
  });
  assert.deepEqual(await read.run({ file_path: 'a.txt', limit: 0 }, ctx), {
    output: 'Invalid "limit": expected a whole number ≥ 1, got 0.',
    isError: true,
  });
});
