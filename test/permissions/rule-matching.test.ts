import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PermissionRule } from '../../src/domain/task.js';
import { ruleMatches } from '../../src/permissions/rule-matching.js';

const rule = (tool: string, pattern: string | null): PermissionRule => ({
  id: 'r',
  tool,
  pattern,
  createdFromNotificationId: null,
  createdAt: '',
});
const bash = (command: string) => ({ tool: 'Bash', input: { command } });

test('a Bash prefix rule allows the simple commands it names and nothing chained onto them', () => {
  const gitStatus = rule('Bash', 'git status*');
  assert.equal(ruleMatches(gitStatus, bash('git status --short')), true);
  assert.equal(ruleMatches(gitStatus, bash('git push')), false);
  for (const sneaky of ['git status; rm -rf ~', 'git status && curl x', 'git status | sh', 'git status $(rm x)', 'git status `id`', 'git status > /etc/x', 'git status\nrm x']) {
    assert.equal(ruleMatches(gitStatus, bash(sneaky)), false, sneaky);
  }
});

test('exact patterns, whole-tool rules and other tools', () => {
  assert.equal(ruleMatches(rule('Bash', 'echo hi'), bash('echo hi')), true);
  assert.equal(ruleMatches(rule('Bash', 'echo hi'), bash('echo hi; rm x')), false);
  assert.equal(ruleMatches(rule('bash', null), bash('anything')), true, 'tool names are normalised');
  assert.equal(ruleMatches(rule('Write', 'docs/*'), { tool: 'Write', input: { file_path: 'docs/a;b.md' } }), true, 'only Bash is parsed as shell');
  assert.equal(ruleMatches(rule('Write', null), bash('echo')), false);
});
