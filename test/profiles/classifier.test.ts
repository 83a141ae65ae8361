import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Profile } from '../../src/domain/profile.js';
import { classifyTask } from '../../src/profiles/classifier.js';
import { BUILTIN_PROFILES_DIR, createProfileRegistry } from '../../src/profiles/registry.js';

const profiles = createProfileRegistry({ builtinDir: BUILTIN_PROFILES_DIR }).list();
const top = (title: string, description?: string) => classifyTask(profiles, { title, description }).suggestions[0]?.profileId;

test("the chapter's three examples route to the named profiles", () => {
  assert.equal(top('Review authentication changes for security issues'), 'code-reviewer');
  assert.equal(top('Research competitor pricing models'), 'researcher');
  assert.equal(top('Write API documentation for the payments module'), 'document-writer');
});

test('suggestions are ranked, scored 0..1 and explain which words matched', () => {
  const { suggestions, fallback } = classifyTask(profiles, { title: 'Review authentication changes for security issues' });
  assert.equal(fallback, false);
  assert.ok(suggestions.length > 1);
  for (const [index, suggestion] of suggestions.entries()) {
    assert.ok(suggestion.score > 0 && suggestion.score <= 1, String(suggestion.score));
    if (index > 0) assert.ok(suggestion.score <= (suggestions[index - 1]?.score ?? 1));
  }
  const reason = suggestions[0]?.reason ?? '';
  assert.match(reason, /^matched: /);
  for (const word of ['review', 'security', 'authentication']) assert.ok(reason.includes(word), reason);
});

test('a task with no recognisable domain falls back to general and says so', () => {
  const result = classifyTask(profiles, { title: 'Make it nicer' });
  assert.equal(result.fallback, true);
  assert.equal(result.suggestions[0]?.profileId, 'general');
  assert.match(result.suggestions[0]?.reason ?? '', /low confidence.*falling back to general/);
});

test('a weak hint still falls back, but keeps the weak guess as an alternative', () => {
  const result = classifyTask(profiles, { title: 'Look at the feedback' });
  assert.equal(result.fallback, true);
  assert.equal(result.suggestions[0]?.profileId, 'general');
  assert.ok(result.suggestions.some((suggestion) => suggestion.profileId === 'code-reviewer'));
});

test('the description informs the choice, but the title outweighs it', () => {
  assert.equal(top('Look into issue 4411', 'The export button crashes with a stack trace'), 'debugger');
  assert.equal(
    top('Write unit tests for the parser', 'The parser docs and the README are out of date too'),
    'test-engineer',
  );
});

test('word forms are normalised (plurals, -ing, -ed)', () => {
  assert.equal(top('Reviewing pull requests'), 'code-reviewer');
  assert.equal(top('Upgraded dependencies broke nothing, bump the rest'), 'upgrade-assistant');
});

test('profiles without a curated lexicon are routed by their domain tags and description', () => {
  const custom: Profile = {
    ...profiles.find((profile) => profile.id === 'general')!,
    id: 'kitchen-planner',
    name: 'Kitchen Planner',
    description: 'Plans weekly menus and grocery lists.',
    domainTags: ['recipes', 'menu', 'groceries'],
    source: 'user',
  };
  const result = classifyTask([...profiles, custom], { title: 'Draft next week menu with recipes and groceries' });
  assert.equal(result.suggestions[0]?.profileId, 'kitchen-planner');
  assert.equal(result.fallback, false);
});

test('classification is fast enough for batches', () => {
  const started = performance.now();
  for (let index = 0; index < 1000; index++) classifyTask(profiles, { title: `Write unit tests for module ${index}` });
  assert.ok(performance.now() - started < 2000);
});
