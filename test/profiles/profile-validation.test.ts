import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createProfileRegistry } from '../../src/profiles/registry.js';
import { profileDocument, temporaryDir, writeProfile } from './profile-fixtures.js';

function loadBroken(t: Parameters<typeof temporaryDir>[0], folder: string, document: Record<string, unknown> | string) {
  const builtinDir = temporaryDir(t);
  writeProfile(builtinDir, 'healthy', profileDocument('healthy'));
  writeProfile(builtinDir, folder, document);
  const registry = createProfileRegistry({ builtinDir });
  return { registry, file: join(builtinDir, folder, 'profile.yaml') };
}

test('an unknown runtime is reported with file, field index and the valid choices, and the profile is skipped', (t) => {
  const { registry, file } = loadBroken(t, 'broken', profileDocument('broken', { supportedRuntimes: ['claude-code', 'gpt'] }));
  assert.equal(registry.get('broken'), undefined);
  assert.ok(registry.get('healthy'), 'healthy profiles still load');
  assert.deepEqual(registry.errors(), [{
    path: file,
    message: `${file}: supportedRuntimes[1]: "gpt" is not a runtime; use one of claude-code, anthropic, openai, codex, ollama`,
  }]);
});

test('invalid YAML is reported, not thrown', (t) => {
  const { registry, file } = loadBroken(t, 'bad-yaml', 'id: bad-yaml\nname: [unclosed\n');
  assert.equal(registry.get('bad-yaml'), undefined);
  const [error] = registry.errors();
  assert.equal(error?.path, file);
  assert.match(error?.message ?? '', /profile\.yaml: \(document\): is not valid YAML .*; fix the syntax/);
});

test('an id that differs from the folder name is reported on the id field', (t) => {
  const { registry, file } = loadBroken(t, 'folder-name', profileDocument('other-name'));
  assert.equal(registry.get('other-name'), undefined);
  assert.equal(registry.get('folder-name'), undefined);
  assert.match(registry.errors()[0]?.message ?? '', new RegExp(`^${file}: id: "other-name" does not match the folder name "folder-name"; rename the folder or change the id$`));
});

test('a tool in both autoApprove and autoDeny is refused', (t) => {
  const { registry } = loadBroken(t, 'both-lists', profileDocument('both-lists', { autoDeny: ['Read'] }));
  assert.equal(registry.get('both-lists'), undefined);
  assert.match(registry.errors()[0]?.message ?? '', /autoApprove\[0\]: "Read" is in both autoApprove and autoDeny; keep it in only one of them/);
});

test('policy and range rules name the field and the fix', (t) => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ preferredRuntime: 'ollama' }, /preferredRuntime: "ollama" is not in supportedRuntimes; add it there or pick one of claude-code, anthropic/],
    [{ autoApprove: ['Read', 'Bash'] }, /autoApprove\[1\]: "Bash" is auto-approved but not in allowedTools/],
    [{ maxTurns: 500 }, /maxTurns: 500 is too large; use a whole number from 1 to 200/],
    [{ maxTurns: 0 }, /maxTurns: 0 is too small; use a whole number from 1 to 200/],
    [{ version: 1.5 }, /version: expected text, got a number \(1\.5\); quote the version/],
    [{ autoDney: ['Bash'] }, /autoDney: is not a known field; remove it or fix the spelling/],
    [{ description: undefined }, /description: is missing; describe/],
    [{ smokeTests: [{ name: 'x', task: 'y', expectIncludes: [] }] }, /smokeTests\[0\]\.expectIncludes: has 0 entries, needs at least 1/],
  ];
  for (const [overrides, expected] of cases) {
    const builtinDir = temporaryDir(t);
    writeProfile(builtinDir, 'case', profileDocument('case', overrides));
    const registry = createProfileRegistry({ builtinDir });
    assert.equal(registry.get('case'), undefined, JSON.stringify(overrides));
    assert.match(registry.errors().map((error) => error.message).join('\n'), expected);
  }
});

test('an id that breaks the naming rule is reported', (t) => {
  const { registry } = loadBroken(t, 'Bad_Id', profileDocument('Bad_Id'));
  assert.match(registry.errors()[0]?.message ?? '', /id: "Bad_Id" is not a valid id; use 2-64 lowercase letters/);
});

test('a SKILL.md whose front matter name differs from the id is reported', (t) => {
  const builtinDir = temporaryDir(t);
  const dir = writeProfile(builtinDir, 'mismatch', profileDocument('mismatch'));
  writeFileSync(join(dir, 'SKILL.md'), '---\nname: something-else\ndescription: x\n---\n\nPrompt.\n');
  const registry = createProfileRegistry({ builtinDir });
  assert.equal(registry.get('mismatch'), undefined);
  assert.match(registry.errors()[0]?.message ?? '', /SKILL\.md: front matter name: "something-else" differs from the profile id; set it to "mismatch"/);
});
