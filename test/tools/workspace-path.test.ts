import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutsideWorkspaceError, resolveInWorkspace, WORKSPACE_TOOLS } from '../../src/tools/index.js';
import { createWorkspace, type TestWorkspace } from './workspace-fixture.js';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.dispose());

test('relative and absolute paths inside the workspace resolve to absolute paths', () => {
  assert.equal(resolveInWorkspace(ws.root, 'src/new/file.ts'), join(ws.root, 'src/new/file.ts'));
  assert.equal(resolveInWorkspace(ws.root, join(ws.root, 'a.txt')), join(ws.root, 'a.txt'));
  assert.equal(resolveInWorkspace(ws.root, 'src/../a.txt'), join(ws.root, 'a.txt'));
  assert.equal(resolveInWorkspace(ws.root, '.'), ws.root);
});

test('paths outside the workspace throw OutsideWorkspaceError with a message that says what to do', () => {
  assert.throws(() => resolveInWorkspace(ws.root, '/etc/passwd'), (error: unknown) => {
    assert.ok(error instanceof OutsideWorkspaceError);
    assert.equal(
      error.message,
      `Refused: /etc/passwd is outside the task workspace ${ws.root}. Use a path inside the workspace.`,
    );
    return true;
  });
  assert.throws(() => resolveInWorkspace(ws.root, '../outside/x'), OutsideWorkspaceError);
  // A sibling whose name merely starts with the workspace's name is still outside.
  assert.throws(() => resolveInWorkspace(ws.root, `${ws.root}-evil/x`), OutsideWorkspaceError);
});

test('symlinks that point outside cannot be used to escape, even when their target does not exist yet', async () => {
  await symlink(ws.outside, join(ws.root, 'linked-dir'));
  await symlink(join(ws.outside, 'not-yet.txt'), join(ws.root, 'dangling'));
  await symlink(join(ws.root, 'real.txt'), join(ws.root, 'inner-link'));
  assert.throws(() => resolveInWorkspace(ws.root, 'linked-dir/file.txt'), OutsideWorkspaceError);
  assert.throws(() => resolveInWorkspace(ws.root, 'dangling'), OutsideWorkspaceError);
  assert.equal(resolveInWorkspace(ws.root, 'inner-link'), join(ws.root, 'real.txt'));
});

for (const [label, path] of [
  ['an absolute path', () => join(ws.outside, 'secret.txt')],
  ['a ../ path', () => '../outside/secret.txt'],
  ['a symlinked folder', () => 'escape/secret.txt'],
] as const) {
  test(`Write, Edit and Read refuse ${label} outside the workspace and change nothing`, async () => {
    await symlink(ws.outside, join(ws.root, 'escape'));
    const ctx = { workspace: ws.root };

    const written = await WORKSPACE_TOOLS.Write.run({ file_path: path(), content: 'pwned' }, ctx);
    assert.equal(written.isError, true);
    assert.match(written.output, /^Refused: .* is outside the task workspace/);
    assert.equal(existsSync(join(ws.outside, 'secret.txt')), false);

    await writeFile(join(ws.outside, 'secret.txt'), 'top secret');
    const edited = await WORKSPACE_TOOLS.Edit.run({ file_path: path(), old_string: 'top', new_string: 'no' }, ctx);
    assert.equal(edited.isError, true);
    assert.match(edited.output, /^Refused:/);
    assert.equal(await readFile(join(ws.outside, 'secret.txt'), 'utf8'), 'top secret');

    const read = await WORKSPACE_TOOLS.Read.run({ file_path: path() }, ctx);
    assert.equal(read.isError, true);
    assert.doesNotMatch(read.output, /top secret/);
  });
}

test('Write through a dangling symlink that points outside is refused and creates nothing', async () => {
  await symlink(join(ws.outside, 'planted.txt'), join(ws.root, 'notes.txt'));
  const result = await WORKSPACE_TOOLS.Write.run({ file_path: 'notes.txt', content: 'x' }, { workspace: ws.root });
  assert.equal(result.isError, true);
  assert.equal(existsSync(join(ws.outside, 'planted.txt')), false);
});

test('Glob and Grep refuse a search folder outside the workspace', async () => {
  const ctx = { workspace: ws.root };
  const globbed = await WORKSPACE_TOOLS.Glob.run({ pattern: '*', path: '/etc' }, ctx);
  const grepped = await WORKSPACE_TOOLS.Grep.run({ pattern: 'root', path: '/etc' }, ctx);
  assert.match(globbed.output, /^Refused: \/etc is outside/);
  assert.match(grepped.output, /^Refused: \/etc is outside/);
});
