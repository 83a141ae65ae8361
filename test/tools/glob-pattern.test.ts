import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp } from '../../src/tools/glob-pattern.js';

function assertMatches(glob: string, matching: string[], notMatching: string[]) {
  const regexp = globToRegExp(glob);
  for (const path of matching) assert.ok(regexp.test(path), `${glob} should match ${path}`);
  for (const path of notMatching) assert.ok(!regexp.test(path), `${glob} should not match ${path}`);
}

test('* and ? stay within one path segment', () => {
  assertMatches('*.ts', ['a.ts', '.hidden.ts'], ['src/a.ts', 'a.tsx', 'a.ts.bak']);
  assertMatches('src/?.js', ['src/a.js'], ['src/ab.js', 'src//.js', 'src/a/b.js']);
});

test('** spans any number of folders, including none', () => {
  assertMatches('**/*.ts', ['a.ts', 'src/a.ts', 'src/deep/er/a.ts'], ['a.js', 'src/a.tsx']);
  assertMatches('src/**/test/*.ts', ['src/test/a.ts', 'src/x/y/test/a.ts'], ['test/a.ts', 'src/xtest/a.ts']);
  assertMatches('docs/**', ['docs/a.md', 'docs/x/y.md'], ['docs', 'other/docs/a.md']);
  assertMatches('a**b', ['ab', 'axxb'], ['a/b']);
});

test('braces list alternatives, and can nest', () => {
  assertMatches('src/*.{js,jsx}', ['src/a.js', 'src/a.jsx'], ['src/a.ts', 'src/a.j']);
  assertMatches('{lib,src/{a,b}}/*.c', ['lib/x.c', 'src/a/x.c', 'src/b/x.c'], ['src/c/x.c', 'src/x.c']);
});

test('character classes, negation and escapes', () => {
  assertMatches('file[0-9].txt', ['file1.txt'], ['filea.txt', 'file10.txt']);
  assertMatches('file[!0-9].txt', ['filea.txt'], ['file1.txt', 'file/.txt']);
  assertMatches('[]x].md', ['].md', 'x.md'], ['y.md']);
  assertMatches('what\\?.txt', ['what?.txt'], ['whatx.txt']);
  assertMatches('a.b(c)+', ['a.b(c)+'], ['axb(c)+', 'a.bcc']);
  assertMatches('[unclosed', ['[unclosed'], ['u']);
});

test('an unclosed brace is reported, not silently mismatched', () => {
  assert.throws(() => globToRegExp('src/{a,b'), /a "\{" is never closed/);
});
