import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startTestForge } from '../support/forge-harness.js';

test('with skills promotion switched on, a skill in ~/.claude/skills becomes a profile tasks can use', async () => {
  const home = mkdtempSync(join(tmpdir(), 'forge-home-'));
  mkdirSync(join(home, '.claude', 'skills', 'release-notes'), { recursive: true });
  writeFileSync(
    join(home, '.claude', 'skills', 'release-notes', 'SKILL.md'),
    '---\nname: release-notes\ndescription: Writes release notes from a changelog.\n---\nYou write crisp release notes.\n',
  );
  const off = await startTestForge();
  try {
    assert.equal((await off.api('GET', '/api/profiles/release-notes')).status, 404, 'off by default');
  } finally {
    await off.close();
  }
  const on = await startTestForge({ config: { promoteSkills: true, skillsHome: home } });
  try {
    const profile = await on.api('GET', '/api/profiles/release-notes');
    assert.equal(profile.status, 200);
    assert.equal(profile.body.source, 'skill');
    assert.match(profile.body.systemPrompt, /crisp release notes/);
    const task = await on.createTask({ title: 'notes', agentProfile: 'release-notes' });
    assert.equal(task.agentProfile, 'release-notes');
  } finally {
    await on.close();
  }
});
