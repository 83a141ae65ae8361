import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const glob = WORKSPACE_TOOLS.Glob;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

test('lists matching files as workspace-relative paths, newest first', async () => {
  await ws.put('src/old.ts', '', 1_000_000);
  await ws.put('src/lib/newest.ts', '', 3_000_000);
  await ws.put('middle.ts', '', 2_000_000);
  await ws.put('readme.md', '', 4_000_000);
  const result = await glob.run({ pattern: '**/*.ts' }, { workspace: ws.root });
  assert.deepEqual(result, { output: 'src/lib/newest.ts\nmiddle.ts\nsrc/old.ts', isError: false });
});

test('path narrows the search; results stay relative to the workspace', async () => {
  await ws.put('src/a.ts', '');
  await ws.put('test/b.ts', '');
  const relative = await glob.run({ pattern: '*.ts', path: 'src' }, { workspace: ws.root });
  const absolute = await glob.run({ pattern: '*.ts', path: join(ws.root, 'src') }, { workspace: ws.root });
  assert.equal(relative.output, 'src/a.ts');
  assert.equal(absolute.output, 'src/a.ts');
});

test('skips node_modules and .git unless the pattern names them', async () => {
  await ws.put('index.js', '');
  await ws.put('node_modules/dep/index.js', '');
  await ws.put('.git/hooks/pre-commit.js', '');
  assert.equal((await glob.run({ pattern: '**/*.js' }, { workspace: ws.root })).output, 'index.js');
  assert.equal(
    (await glob.run({ pattern: 'node_modules/**/*.js' }, { workspace: ws.root })).output,
    'node_modules/dep/index.js',
  );
});

test('does not list files reached through a symlink to outside the workspace', async () => {
  await ws.put('own.txt', '');
  await symlink(ws.outside, join(ws.root, 'escape'));
  await writeFile(join(ws.outside, 'secret.txt'), 'x');
  assert.equal((await glob.run({ pattern: '**/*.txt' }, { workspace: ws.root })).output, 'own.txt');
});

test('accepts an absolute pattern inside the workspace', async () => {
  await ws.put('src/a.ts', '');
  const result = await glob.run({ pattern: join(ws.root, 'src/*.ts') }, { workspace: ws.root });
  assert.equal(result.output, 'src/a.ts');
});

test('reports no matches plainly and explains bad input', async () => {
  const ctx = { workspace: ws.root };
  await ws.put('file.txt', '');
  assert.deepEqual(await glob.run({ pattern: '*.rs' }, ctx), { output: 'No files found matching *.rs.', isError: false });
  assert.deepEqual(await glob.run({ pattern: '*', path: 'missing' }, ctx), {
    output: 'Folder does not exist: missing.',
    isError: true,
  });
  assert.deepEqual(await glob.run({ pattern: '*', path: 'file.txt' }, ctx), {
    output: 'file.txt is a file, not a folder. Give a folder as path.',
    isError: true,
  });
  assert.deepEqual(await glob.run({ pattern: '{a,b' }, ctx), {
    output: 'Invalid glob "{a,b": a "{" is never closed.',
    isError: true,
  });
});

test('caps the listing at 100 files and says how many there were', async () => {
  await Promise.all(Array.from({ length: 105 }, (_, i) => ws.put(`many/f${i}.txt`, '')));
  const { output } = await glob.run({ pattern: 'many/*.txt' }, { workspace: ws.root });
  const lines = output.split('\n');
  assert.equal(lines.length, 101);
  assert.equal(lines[100], '[Showing 100 of 105 files. Use a narrower pattern or path.]');
});
