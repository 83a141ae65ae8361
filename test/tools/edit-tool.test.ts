import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const edit = WORKSPACE_TOOLS.Edit;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

const contentOf = (relativePath: string) => readFile(join(ws.root, relativePath), 'utf8');

test('replaces a unique occurrence exactly, keeping $ sequences in new_string literal', async () => {
  await ws.put('app.js', 'const price = 1;\nconst name = "x";\n');
  const result = await edit.run(
    { file_path: 'app.js', old_string: 'const price = 1;', new_string: 'const price = "$&$1";' },
    { workspace: ws.root },
  );
  assert.deepEqual(result, { output: 'Edited app.js: replaced 1 occurrence.', isError: false });
  assert.equal(await contentOf('app.js'), 'const price = "$&$1";\nconst name = "x";\n');
});

test('an ambiguous old_string is refused with its count unless replace_all is set', async () => {
  await ws.put('list.txt', 'todo\ndone\ntodo\ntodo\n');
  const ctx = { workspace: ws.root };
  assert.deepEqual(await edit.run({ file_path: 'list.txt', old_string: 'todo', new_string: 'done' }, ctx), {
    output: 'old_string occurs 3 times in list.txt. Include more surrounding text to make it unique, or set replace_all to true.',
    isError: true,
  });
  assert.equal(await contentOf('list.txt'), 'todo\ndone\ntodo\ntodo\n');

  const all = await edit.run({ file_path: 'list.txt', old_string: 'todo', new_string: 'done', replace_all: true }, ctx);
  assert.deepEqual(all, { output: 'Edited list.txt: replaced 3 occurrences.', isError: false });
  assert.equal(await contentOf('list.txt'), 'done\ndone\ndone\ndone\n');
});

test('explains a missing old_string, identical strings and a missing file', async () => {
  await ws.put('a.txt', 'hello world');
  const ctx = { workspace: ws.root };
  assert.deepEqual(await edit.run({ file_path: 'a.txt', old_string: 'Hello', new_string: 'Bye' }, ctx), {
    output: 'old_string was not found in a.txt. Read the file and copy the exact text, including whitespace.',
    isError: true,
  });
  assert.deepEqual(await edit.run({ file_path: 'a.txt', old_string: 'hello', new_string: 'hello' }, ctx), {
    output: 'old_string and new_string are identical, so there is nothing to change.',
    isError: true,
  });
  assert.deepEqual(await edit.run({ file_path: 'b.txt', old_string: 'x', new_string: 'y' }, ctx), {
    output: 'File does not exist: b.txt. Use Write to create it.',
    isError: true,
  });
  assert.equal(await contentOf('a.txt'), 'hello world');
});
