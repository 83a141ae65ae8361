import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_PROFILES_DIR, createProfileRegistry } from '../../src/profiles/registry.js';

const EXPECTED_IDS = [
  'general', 'code-reviewer', 'software-engineer', 'test-engineer', 'debugger', 'devops-engineer',
  'upgrade-assistant', 'data-analyst', 'document-writer', 'researcher', 'marketing-strategist', 'content-creator',
  'sales-researcher', 'customer-support-agent', 'financial-analyst', 'project-manager', 'product-manager',
  'operations-coordinator', 'legal-reviewer', 'hr-recruiter',
];
const READ_ONLY = ['Read', 'Glob', 'Grep'];
const MUTATING = ['Write', 'Edit', 'Bash'];
const READ_ONLY_PROFILES = ['researcher', 'code-reviewer', 'legal-reviewer', 'financial-analyst', 'sales-researcher'];

const registry = createProfileRegistry({ builtinDir: BUILTIN_PROFILES_DIR });
const sorted = (values: string[]) => [...values].sort();

test('exactly the 20 built-in profiles load without errors', () => {
  assert.deepEqual(registry.errors(), []);
  assert.deepEqual(registry.list().map((profile) => profile.id), sorted(EXPECTED_IDS));
  for (const profile of registry.list()) assert.equal(profile.source, 'builtin');
});

test('every built-in has a real prompt, at least two checkable smoke tests and read-only tools auto-approved', () => {
  for (const profile of registry.list()) {
    assert.ok(profile.systemPrompt.length > 600, `${profile.id} prompt is too thin`);
    assert.ok(profile.smokeTests.length >= 2, `${profile.id} needs two smoke tests`);
    for (const smoke of profile.smokeTests) assert.ok(smoke.expectIncludes.length > 0);
    for (const tool of READ_ONLY) assert.ok(profile.autoApprove.includes(tool), `${profile.id} should auto-approve ${tool}`);
    assert.ok(profile.supportedRuntimes.includes(profile.preferredRuntime));
  }
});

test('each built-in folder is also a valid Claude Code skill (front matter name is the id)', () => {
  for (const id of EXPECTED_IDS) {
    const skill = readFileSync(join(BUILTIN_PROFILES_DIR, id, 'SKILL.md'), 'utf8');
    assert.match(skill, new RegExp(`^---\\nname: ${id}\\ndescription: .+\\n---\\n`));
    assert.ok(existsSync(join(BUILTIN_PROFILES_DIR, id, 'profile.yaml')));
  }
});

test('general auto-approves only read-only tools, leaves mutations to a human and runs everywhere', () => {
  const general = registry.get('general');
  assert.ok(general);
  assert.deepEqual(sorted(general.autoApprove), sorted(READ_ONLY));
  assert.deepEqual(general.autoDeny, []);
  for (const tool of MUTATING) assert.ok(general.allowedTools.includes(tool), `general may ask for ${tool}`);
  assert.deepEqual(sorted(general.supportedRuntimes), sorted(['claude-code', 'anthropic', 'openai', 'codex', 'ollama']));
});

test('read-only profiles auto-deny Write, Edit and Bash and never auto-approve them', () => {
  for (const id of READ_ONLY_PROFILES) {
    const profile = registry.get(id);
    assert.ok(profile, id);
    for (const tool of MUTATING) {
      assert.ok(profile.autoDeny.includes(tool), `${id} should deny ${tool}`);
      assert.ok(!profile.allowedTools.includes(tool), `${id} should not be offered ${tool}`);
    }
  }
});

test('no built-in profile auto-approves a mutating tool', () => {
  for (const profile of registry.list()) {
    for (const tool of MUTATING) assert.ok(!profile.autoApprove.includes(tool), `${profile.id} auto-approves ${tool}`);
  }
});

test('profiles that need a shell do not claim the ollama runtime', () => {
  for (const profile of registry.list()) {
    if (profile.id === 'general') continue;
    if (profile.allowedTools.includes('Bash')) assert.ok(!profile.supportedRuntimes.includes('ollama'), profile.id);
  }
});
