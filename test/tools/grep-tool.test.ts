import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

const grep = WORKSPACE_TOOLS.Grep;
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
  await ws.put('src/old.ts', 'export function oldThing() {}\n', 1_000_000);
  await ws.put('src/new.ts', 'import { oldThing } from "./old";\nTODO: remove\nconst x = oldThing();\n', 2_000_000);
  await ws.put('docs/notes.md', 'todo: write docs\n', 3_000_000);
});
afterEach(() => ws.dispose());

test('files_with_matches (the default) lists matching files newest first', async () => {
  const result = await grep.run({ pattern: 'oldThing\\(' }, { workspace: ws.root });
  assert.deepEqual(result, { output: 'src/new.ts\nsrc/old.ts', isError: false });
});

test('content mode shows path:line:text, and -n false drops the line numbers', async () => {
  const ctx = { workspace: ws.root };
  const numbered = await grep.run({ pattern: 'oldThing', output_mode: 'content', path: 'src/new.ts' }, ctx);
  assert.equal(numbered.output, 'src/new.ts:1:import { oldThing } from "./old";\nsrc/new.ts:3:const x = oldThing();');
  const plain = await grep.run({ pattern: '^TODO', output_mode: 'content', '-n': false }, ctx);
  assert.equal(plain.output, 'src/new.ts:TODO: remove');
});

test('count mode, -i, glob filter and head_limit', async () => {
  const ctx = { workspace: ws.root };
  assert.equal((await grep.run({ pattern: 'oldThing', output_mode: 'count', glob: '*.ts', path: 'src/new.ts' }, ctx)).output, 'src/new.ts:2');
  assert.equal((await grep.run({ pattern: 'todo', '-i': true }, ctx)).output, 'docs/notes.md\nsrc/new.ts');
  assert.equal((await grep.run({ pattern: 'todo', '-i': true, glob: '*.md' }, ctx)).output, 'docs/notes.md');
  assert.equal((await grep.run({ pattern: 'todo', '-i': true, glob: 'src/**/*.{ts,js}' }, ctx)).output, 'src/new.ts');
  assert.equal(
    (await grep.run({ pattern: 'o', output_mode: 'content', head_limit: 1 }, ctx)).output.split('\n').at(-1),
    '[Showing 1 of 5 results; raise head_limit to see more.]',
  );
});

test('skips binary files, huge files and node_modules', async () => {
  await ws.put('blob.bin', Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2])]));
  await ws.put('huge.log', `needle\n${'x'.repeat(6 * 1024 * 1024)}`);
  await ws.put('node_modules/dep/index.js', 'needle');
  await ws.put('found.txt', 'needle');
  assert.equal((await grep.run({ pattern: 'needle' }, { workspace: ws.root })).output, 'found.txt');
});

test('an invalid regular expression is an error that says how to fix it', async () => {
  const result = await grep.run({ pattern: 'foo(' }, { workspace: ws.root });
  assert.equal(result.isError, true);
  assert.equal(
    result.output,
    'Invalid regular expression: /foo(/: Unterminated group. Grep uses JavaScript RegExp syntax; escape literal characters such as ( [ { . * + ? with a backslash.',
  );
});

test('no matches and bad options are reported plainly', async () => {
  const ctx = { workspace: ws.root };
  assert.deepEqual(await grep.run({ pattern: 'zebra' }, ctx), { output: 'No matches found for "zebra".', isError: false });
  assert.deepEqual(await grep.run({ pattern: 'x', path: 'nowhere' }, ctx), { output: 'Path does not exist: nowhere.', isError: true });
  assert.deepEqual(await grep.run({ pattern: 'x', output_mode: 'lines' }, ctx), {
    output: 'Invalid "output_mode": expected one of files_with_matches, content, count, got "lines".',
    isError: true,
  });
});
