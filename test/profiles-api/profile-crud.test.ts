import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestForge, type TestForge } from '../support/forge-harness.js';
import { profileDocument, writeProfile } from '../profiles/profile-fixtures.js';

const withPrompt = (id: string, overrides: Record<string, unknown> = {}) => ({
  ...profileDocument(id, overrides),
  systemPrompt: `You are ${id}. Answer briefly.`,
});

describe('profile API', () => {
  let database: TestDatabase;
  let forge: TestForge;
  before(async () => {
    database = await createTestDatabase('sqlite');
    // A broken user profile already on disk when the server starts.
    writeProfile(join(database.dataDir, 'profiles'), 'broken', { ...profileDocument('broken'), maxTurns: 'many' });
    forge = await startTestForge({ database });
  });
  after(async () => {
    await forge.close();
    await database.drop();
  });

  test('lists the 20 built-ins with their source and no override', async () => {
    const list = await forge.api('GET', '/api/profiles');
    assert.equal(list.status, 200);
    const builtins = list.body.filter((profile: any) => profile.source === 'builtin');
    assert.equal(builtins.length, 20);
    assert.ok(builtins.every((profile: any) => profile.overrides === null));
    const reviewer = (await forge.api('GET', '/api/profiles/code-reviewer')).body;
    assert.deepEqual(reviewer.autoDeny, ['Write', 'Edit', 'Bash']);
    assert.equal(reviewer.source, 'builtin');
    assert.equal((await forge.api('GET', '/api/profiles/no-such-profile')).status, 404);
  });

  test('a profile that fails to load is reported by /errors, not silently missing', async () => {
    const errors = await forge.api('GET', '/api/profiles/errors');
    assert.equal(errors.status, 200);
    const broken = errors.body.find((error: any) => error.path.includes('broken'));
    assert.ok(broken, JSON.stringify(errors.body));
    assert.match(broken.message, /maxTurns/);
    assert.equal((await forge.api('GET', '/api/profiles/broken')).status, 404);
  });

  test('creates, updates and deletes a user profile', async () => {
    const created = await forge.api('POST', '/api/profiles', withPrompt('menu-planner', { domainTags: ['menu', 'recipes'] }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.source, 'user');
    assert.equal(created.body.systemPrompt.trim(), 'You are menu-planner. Answer briefly.');
    assert.ok((await forge.api('GET', '/api/profiles')).body.some((profile: any) => profile.id === 'menu-planner'));

    const again = await forge.api('POST', '/api/profiles', withPrompt('menu-planner'));
    assert.equal(again.status, 409, 'POST does not overwrite');
    assert.match(again.body.error.message, /PUT \/api\/profiles\/menu-planner/);

    // A profile sent back as it was fetched (with source, path, overrides) is accepted.
    const fetched = (await forge.api('GET', '/api/profiles/menu-planner')).body;
    const updated = await forge.api('PUT', '/api/profiles/menu-planner', { ...fetched, maxTurns: 7, systemPrompt: 'Plan menus.' });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.maxTurns, 7);
    assert.equal((await forge.api('GET', '/api/profiles/menu-planner')).body.systemPrompt.trim(), 'Plan menus.');

    const renamed = await forge.api('PUT', '/api/profiles/menu-planner', { ...fetched, id: 'other-id' });
    assert.equal(renamed.status, 400);
    assert.match(renamed.body.error.message, /ids cannot change/);

    assert.equal((await forge.api('DELETE', '/api/profiles/menu-planner')).status, 204);
    assert.equal((await forge.api('GET', '/api/profiles/menu-planner')).status, 404);
    assert.equal((await forge.api('DELETE', '/api/profiles/menu-planner')).status, 404);
    assert.equal((await forge.api('PUT', '/api/profiles/menu-planner', withPrompt('menu-planner'))).status, 404);
  });

  test('an invalid profile is refused with every problem listed, and nothing is saved', async () => {
    const response = await forge.api('POST', '/api/profiles', {
      ...profileDocument('half-done', { supportedRuntimes: ['anthropic', 'gpt5'], maxTurns: 0, colour: 'blue' }),
    });
    assert.equal(response.status, 400);
    const problems: string[] = response.body.error.problems;
    assert.ok(problems.some((p) => p.includes('supportedRuntimes') && p.includes('gpt5')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('maxTurns')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('colour')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('systemPrompt')), problems.join('\n'));
    assert.equal((await forge.api('GET', '/api/profiles/half-done')).status, 404);

    const notAnObject = await forge.api('POST', '/api/profiles', [1, 2]);
    assert.equal(notAnObject.status, 400);
  });

  test('built-in profiles are read-only: no update, no delete, no new profile under their id', async () => {
    const reviewer = (await forge.api('GET', '/api/profiles/code-reviewer')).body;
    const put = await forge.api('PUT', '/api/profiles/code-reviewer', { ...reviewer, maxTurns: 5 });
    assert.equal(put.status, 400);
    assert.match(put.body.error.message, /built-in profiles are read-only; copy it under a new id/);
    const del = await forge.api('DELETE', '/api/profiles/code-reviewer');
    assert.equal(del.status, 400);
    assert.match(del.body.error.message, /read-only/);
    const shadow = await forge.api('POST', '/api/profiles', withPrompt('code-reviewer'));
    assert.equal(shadow.status, 400);
    assert.ok(shadow.body.error.problems.some((p: string) => p.includes('code-reviewer-custom')));
    assert.equal((await forge.api('GET', '/api/profiles/code-reviewer')).body.maxTurns, reviewer.maxTurns);

    // The way out the message names: a copy under a new id.
    const copy = await forge.api('POST', '/api/profiles', { ...reviewer, id: 'strict-reviewer', maxTurns: 5 });
    assert.equal(copy.status, 201, JSON.stringify(copy.body));
    assert.equal(copy.body.maxTurns, 5);
  });
});
