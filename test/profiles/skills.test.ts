import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createProfileRegistry, type ProfileRegistry } from '../../src/profiles/registry.js';
import { skillIdFromFolderName } from '../../src/profiles/skills.js';
import { profileDocument, skillMarkdown, temporaryDir, writeProfile } from './profile-fixtures.js';

function addSkill(skillsRoot: string, folder: string, content: string): string {
  const dir = join(skillsRoot, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'SKILL.md'), content);
  return dir;
}

function setup(t: Parameters<typeof temporaryDir>[0]) {
  const root = temporaryDir(t);
  const builtinDir = join(root, 'builtin');
  writeProfile(builtinDir, 'general', profileDocument('general'));
  const home = join(root, 'home');
  const skillsRoot = join(home, '.claude', 'skills');
  mkdirSync(skillsRoot, { recursive: true });
  return { root, builtinDir, home, skillsRoot };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (check()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('valid skills are promoted with a conservative policy; bad ones are reported and skipped', (t) => {
  const { root, builtinDir, home, skillsRoot } = setup(t);
  addSkill(skillsRoot, 'pdf-tools', '---\nname: PDF Tools\ndescription: Fill and merge PDF forms.\nallowed-tools: Read\n---\n\nUse pdftk to merge forms.\n');
  addSkill(skillsRoot, 'My Notes', skillMarkdown('notes'));
  addSkill(skillsRoot, 'no-name', '---\ndescription: Missing a name.\n---\n\nBody.\n');
  addSkill(skillsRoot, 'broken-yaml', '---\nname: [oops\n---\n\nBody.\n');
  addSkill(skillsRoot, 'huge', skillMarkdown('huge', 'x'.repeat(300 * 1024)));
  addSkill(skillsRoot, '.hidden', skillMarkdown('hidden'));
  addSkill(skillsRoot, '日本語', skillMarkdown('unicode'));
  addSkill(skillsRoot, 'a..b', skillMarkdown('dots'));
  const outside = addSkill(join(root, 'elsewhere'), 'secret', skillMarkdown('secret'));
  symlinkSync(outside, join(skillsRoot, 'linked-folder'));
  mkdirSync(join(skillsRoot, 'linked-file'));
  symlinkSync(join(outside, 'SKILL.md'), join(skillsRoot, 'linked-file', 'SKILL.md'));
  symlinkSync(join(skillsRoot, 'pdf-tools'), join(skillsRoot, 'pdf-alias'));
  writeFileSync(join(skillsRoot, 'README.md'), 'not a skill');

  const registry = createProfileRegistry({ builtinDir, skills: { enabled: true, homeDir: home } });
  t.after(() => registry.close());

  const skills = registry.list().filter((profile) => profile.source === 'skill');
  assert.deepEqual(skills.map((profile) => profile.id), ['my-notes', 'pdf-alias', 'pdf-tools']);
  const pdf = registry.get('pdf-tools');
  assert.equal(pdf?.name, 'PDF Tools');
  assert.equal(pdf?.description, 'Fill and merge PDF forms.');
  assert.equal(pdf?.systemPrompt, 'Use pdftk to merge forms.');
  assert.deepEqual(pdf?.autoApprove, ['Read', 'Glob', 'Grep']);
  assert.deepEqual(pdf?.autoDeny, []);
  assert.deepEqual(pdf?.supportedRuntimes, ['claude-code', 'anthropic', 'openai', 'codex', 'ollama']);
  assert.equal(registry.get('secret'), undefined);

  const messages = registry.errors().map((error) => error.message).join('\n');
  const expected: Array<[string, RegExp]> = [
    ['no-name', /no-name: SKILL\.md: front matter name: is missing/],
    ['broken-yaml', /broken-yaml: SKILL\.md: \(front matter\): front matter is not valid YAML/],
    ['huge', /huge: SKILL\.md: is 301 KiB, over the 256 KiB limit/],
    ['.hidden', /\.hidden: \(folder name\): is hidden/],
    ['日本語', /日本語: \(folder name\): is not a plain name/],
    ['a..b', /a\.\.b: \(folder name\): is not a plain name/],
    ['linked-folder', /linked-folder: \(folder\): is a symlink pointing outside the skills folder; not followed/],
    ['linked-file', /linked-file: SKILL\.md: is a symlink pointing outside the skills folder; not followed/],
  ];
  for (const [name, pattern] of expected) assert.match(messages, pattern, name);
  assert.equal(registry.errors().length, expected.length, messages);
});

test('skills stay out of the registry unless promotion is enabled', (t) => {
  const { builtinDir, home, skillsRoot } = setup(t);
  addSkill(skillsRoot, 'pdf-tools', skillMarkdown('pdf-tools'));
  const registry = createProfileRegistry({ builtinDir, skills: { enabled: false, homeDir: home } });
  assert.equal(registry.get('pdf-tools'), undefined);
});

test("a project's .claude/skills are promoted too", (t) => {
  const { root, builtinDir, home } = setup(t);
  const project = join(root, 'project');
  addSkill(join(project, '.claude', 'skills'), 'deploy-checklist', skillMarkdown('deploy-checklist'));
  const registry = createProfileRegistry({ builtinDir, skills: { enabled: true, homeDir: home, projectDirs: [project] } });
  t.after(() => registry.close());
  assert.equal(registry.get('deploy-checklist')?.source, 'skill');
});

test('added, edited and removed skills show up without a restart', async (t) => {
  const { builtinDir, home, skillsRoot } = setup(t);
  const registry: ProfileRegistry = createProfileRegistry({ builtinDir, skills: { enabled: true, homeDir: home } });
  t.after(() => registry.close());
  assert.equal(registry.get('fresh-skill'), undefined);

  const dir = addSkill(skillsRoot, 'fresh-skill', skillMarkdown('fresh-skill'));
  await eventually(() => registry.get('fresh-skill') !== undefined, 'the new skill');

  writeFileSync(join(dir, 'SKILL.md'), '---\nname: fresh-skill\ndescription: Edited description.\n---\n\nEdited.\n');
  await eventually(() => registry.get('fresh-skill')?.description === 'Edited description.', 'the edit');

  rmSync(dir, { recursive: true });
  await eventually(() => registry.get('fresh-skill') === undefined, 'the removal');
});

test('a skills folder created after start-up is noticed, and reload() works on demand', async (t) => {
  const root = temporaryDir(t);
  const builtinDir = join(root, 'builtin');
  writeProfile(builtinDir, 'general', profileDocument('general'));
  const home = join(root, 'home');
  mkdirSync(join(home, '.claude'), { recursive: true });
  const registry = createProfileRegistry({ builtinDir, skills: { enabled: true, homeDir: home } });
  t.after(() => registry.close());
  addSkill(join(home, '.claude', 'skills'), 'late', skillMarkdown('late'));
  await eventually(() => registry.get('late') !== undefined, 'the late skills folder');

  registry.close();
  addSkill(join(home, '.claude', 'skills'), 'manual', skillMarkdown('manual'));
  await sleep(300);
  assert.equal(registry.get('manual'), undefined, 'no watching after close()');
  registry.reload();
  assert.ok(registry.get('manual'));
});

test('folder names become slugs; odd names do not', () => {
  assert.equal(skillIdFromFolderName('My Skill_v2'), 'my-skill-v2');
  assert.equal(skillIdFromFolderName('pdf'), 'pdf');
  for (const odd of ['.hidden', '..', 'a..b', '日本語', '-x', 'a/b', 'x', 'line\nbreak']) {
    assert.equal(skillIdFromFolderName(odd), undefined, odd);
  }
});
