import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createProfileRegistry, ProfileValidationError } from '../../src/profiles/registry.js';
import { profileDocument, skillMarkdown, temporaryDir, writeProfile } from './profile-fixtures.js';

function layeredDirs(t: Parameters<typeof temporaryDir>[0]) {
  const root = temporaryDir(t);
  const dirs = {
    builtinDir: join(root, 'builtin'),
    userDir: join(root, 'data', 'profiles'),
    project: join(root, 'project'),
    home: join(root, 'home'),
  };
  for (const id of ['shared', 'user-vs-builtin', 'skill-vs-builtin', 'only-builtin']) {
    writeProfile(dirs.builtinDir, id, profileDocument(id, { name: `builtin ${id}` }));
  }
  writeProfile(dirs.userDir, 'shared', profileDocument('shared', { name: 'user shared' }));
  writeProfile(dirs.userDir, 'user-vs-builtin', profileDocument('user-vs-builtin', { name: 'user override', autoApprove: ['Read', 'Glob', 'Grep', 'Write'] }));
  writeProfile(join(dirs.project, '.forge', 'profiles'), 'shared', profileDocument('shared', { name: 'project shared' }));
  const skillDir = join(dirs.home, '.claude', 'skills', 'skill-vs-builtin');
  mkdirSync(skillDir, { recursive: true });
  writeFileSync(join(skillDir, 'SKILL.md'), skillMarkdown('skill version'));
  return dirs;
}

test('project profiles override user profiles, which override skills, which override built-ins', (t) => {
  const dirs = layeredDirs(t);
  const registry = createProfileRegistry({
    builtinDir: dirs.builtinDir,
    userDir: dirs.userDir,
    projectDirs: [dirs.project],
    skills: { enabled: true, homeDir: dirs.home },
  });
  t.after(() => registry.close());
  assert.deepEqual(registry.errors(), []);
  assert.equal(registry.get('shared')?.name, 'project shared');
  assert.equal(registry.get('shared')?.source, 'project');
  assert.equal(registry.get('user-vs-builtin')?.source, 'user');
  assert.equal(registry.get('skill-vs-builtin')?.source, 'skill');
  assert.equal(registry.get('only-builtin')?.source, 'builtin');
  assert.deepEqual(registry.list().map((profile) => profile.id), ['only-builtin', 'shared', 'skill-vs-builtin', 'user-vs-builtin']);
});

test('an override of a built-in is kept but recorded, so a weakened policy is visible', (t) => {
  const dirs = layeredDirs(t);
  const registry = createProfileRegistry({ builtinDir: dirs.builtinDir, userDir: dirs.userDir, projectDirs: [dirs.project] });
  const weakened = registry.get('user-vs-builtin');
  assert.ok(weakened?.autoApprove.includes('Write'));
  const overrides = registry.overrides();
  assert.deepEqual(
    overrides.map(({ id, source, overrides: replaced }) => ({ id, source, replaced })).sort((a, b) => a.id.localeCompare(b.id)),
    [
      { id: 'shared', source: 'project', replaced: 'builtin' },
      { id: 'user-vs-builtin', source: 'user', replaced: 'builtin' },
    ],
  );
});

test('saveUserProfile writes a loadable profile folder and deleteUserProfile removes it', (t) => {
  const dirs = layeredDirs(t);
  const registry = createProfileRegistry({ builtinDir: dirs.builtinDir, userDir: dirs.userDir });
  const saved = registry.saveUserProfile({
    ...profileDocument('release-helper', { description: 'Prepares releases.' }),
    systemPrompt: 'You prepare releases carefully.',
    source: 'builtin',
  });
  assert.equal(saved.source, 'user');
  assert.equal(saved.systemPrompt, 'You prepare releases carefully.');
  assert.equal(registry.get('release-helper')?.description, 'Prepares releases.');
  const skill = readFileSync(join(dirs.userDir, 'release-helper', 'SKILL.md'), 'utf8');
  assert.match(skill, /^---\nname: release-helper\ndescription: Prepares releases.\n---\n\nYou prepare releases carefully.\n$/);

  const fresh = createProfileRegistry({ builtinDir: dirs.builtinDir, userDir: dirs.userDir });
  assert.deepEqual(fresh.get('release-helper'), saved, 'a new registry reads back exactly what was saved');

  assert.equal(registry.deleteUserProfile('release-helper'), true);
  assert.equal(registry.get('release-helper'), undefined);
  assert.equal(existsSync(join(dirs.userDir, 'release-helper')), false);
  assert.equal(registry.deleteUserProfile('release-helper'), false);
});

test('saveUserProfile rejects invalid input with field-level messages and refuses built-in ids', (t) => {
  const dirs = layeredDirs(t);
  const registry = createProfileRegistry({ builtinDir: dirs.builtinDir, userDir: dirs.userDir });
  assert.throws(
    () => registry.saveUserProfile({ ...profileDocument('new-one', { supportedRuntimes: ['gpt'] }), systemPrompt: 'x' }),
    (error: unknown) => error instanceof ProfileValidationError
      && error.name === 'ProfileValidationError'
      && error.message.includes('profile: supportedRuntimes[0]: "gpt" is not a runtime; use one of claude-code'),
  );
  assert.throws(
    () => registry.saveUserProfile(profileDocument('no-prompt')),
    /profile: systemPrompt: is missing or empty/,
  );
  assert.throws(
    () => registry.saveUserProfile({ ...profileDocument('only-builtin'), systemPrompt: 'x' }),
    /profile: id: "only-builtin" is a built-in profile; choose another id/,
  );
  assert.throws(() => registry.saveUserProfile('not an object'), ProfileValidationError);
  assert.equal(existsSync(join(dirs.userDir, 'new-one')), false);
  assert.equal(existsSync(join(dirs.userDir, 'only-builtin')), false);
});

test('deleteUserProfile only deletes user profiles and rejects path tricks', (t) => {
  const dirs = layeredDirs(t);
  const registry = createProfileRegistry({ builtinDir: dirs.builtinDir, userDir: dirs.userDir, projectDirs: [dirs.project] });
  assert.equal(registry.deleteUserProfile('only-builtin'), false);
  assert.ok(registry.get('only-builtin'));
  assert.equal(registry.deleteUserProfile('../builtin/only-builtin'), false);
  assert.ok(existsSync(join(dirs.builtinDir, 'only-builtin', 'profile.yaml')));
  assert.equal(registry.deleteUserProfile('user-vs-builtin'), true);
  assert.equal(registry.get('user-vs-builtin')?.source, 'builtin', 'the built-in shows again once the override is gone');
});

test('a missing built-in folder is an error, not an exception', (t) => {
  const root = temporaryDir(t);
  const registry = createProfileRegistry({ builtinDir: join(root, 'nowhere') });
  assert.deepEqual(registry.list(), []);
  assert.match(registry.errors()[0]?.message ?? '', /nowhere: \(folder\): is missing/);
});
