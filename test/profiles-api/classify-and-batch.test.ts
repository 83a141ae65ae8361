import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestForge, type TestForge } from '../support/forge-harness.js';

describe('classifier endpoint and batch task creation', () => {
  let forge: TestForge;
  before(async () => {
    forge = await startTestForge();
  });
  after(() => forge.close());

  const taskCount = async () => (await forge.api('GET', '/api/tasks')).body.length as number;

  test('the chapter examples route to code-reviewer, researcher and document-writer', async () => {
    const examples: Array<[string, string]> = [
      ['Review authentication changes for security issues', 'code-reviewer'],
      ['Research competitor pricing models', 'researcher'],
      ['Write API documentation for the payments module', 'document-writer'],
    ];
    for (const [title, expected] of examples) {
      const response = await forge.api('POST', '/api/profiles/classify', { title });
      assert.equal(response.status, 200);
      assert.equal(response.body.fallback, false, title);
      const [best] = response.body.suggestions;
      assert.equal(best.profileId, expected, title);
      assert.ok(best.score > 0 && best.score <= 1);
      assert.match(best.reason, /^matched: /);
    }
  });

  test('a task nothing matches falls back to general; a missing title is a 400', async () => {
    const vague = await forge.api('POST', '/api/profiles/classify', { title: 'Make it nicer', description: 'you know what I mean' });
    assert.equal(vague.body.fallback, true);
    assert.equal(vague.body.suggestions[0].profileId, 'general');
    const missing = await forge.api('POST', '/api/profiles/classify', { description: 'no title' });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /^title: /);
  });

  test('a batch fills missing profiles from the classifier, keeps the ones given, and says which were suggested', async () => {
    const response = await forge.api('POST', '/api/tasks/batch', {
      tasks: [
        { title: 'Research competitor pricing models', assignedAgent: 'anthropic' },
        { title: 'Review authentication changes for security issues', assignedAgent: 'anthropic', agentProfile: 'general' },
        { title: 'Write API documentation for the payments module', assignedAgent: 'anthropic', priority: 1 },
      ],
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const [research, review, docs] = response.body.tasks;
    assert.equal(research.agentProfile, 'researcher');
    assert.equal(research.profileSuggested, true);
    assert.equal(review.agentProfile, 'general', "the user's choice wins");
    assert.equal(review.profileSuggested, false);
    assert.equal(docs.agentProfile, 'document-writer');
    assert.equal(docs.priority, 1);
    for (const task of response.body.tasks) {
      const stored = await forge.api('GET', `/api/tasks/${task.id}`);
      assert.equal(stored.body.agentProfile, task.agentProfile);
      assert.equal(stored.body.status, 'created');
    }
  });

  test("a suggested profile supports the task's runtime", async () => {
    // code-reviewer would be the best match, but it does not run on ollama.
    const title = 'Review authentication changes for security issues';
    const onOllama = await forge.api('POST', '/api/tasks/batch', { tasks: [{ title, assignedAgent: 'ollama' }] });
    assert.equal(onOllama.status, 201, JSON.stringify(onOllama.body));
    const profile = (await forge.api('GET', `/api/profiles/${onOllama.body.tasks[0].agentProfile}`)).body;
    assert.notEqual(profile.id, 'code-reviewer');
    assert.ok(profile.supportedRuntimes.includes('ollama'), `${profile.id} supports ollama`);

    const single = await forge.api('POST', '/api/tasks', { title, assignedAgent: 'ollama' });
    assert.equal(single.status, 201);
    assert.equal(single.body.agentProfile, profile.id, 'single creation suggests the same way');
    const onCodex = await forge.api('POST', '/api/tasks', { title, assignedAgent: 'codex' });
    assert.equal(onCodex.body.agentProfile, 'code-reviewer');
  });

  test('one bad entry refuses the whole batch, naming the index and field of every problem', async () => {
    const before = await taskCount();
    const response = await forge.api('POST', '/api/tasks/batch', {
      tasks: [
        { title: 'Fine task', assignedAgent: 'anthropic' },
        { title: 'Wrong runtime', assignedAgent: 'gpt-9' },
        { title: 'Fine too', assignedAgent: 'anthropic', agentProfile: 'researcher' },
        { title: 'Unknown project', assignedAgent: 'anthropic', projectId: 'no-such-project' },
        { title: '', assignedAgent: 'anthropic', agentProfile: 'no-such-profile' },
      ],
    });
    assert.equal(response.status, 400);
    const message: string = response.body.error.message;
    assert.match(message, /tasks\[1\]\.assignedAgent: "gpt-9" is not a runtime/);
    assert.match(message, /tasks\[3\]\.projectId: no project with id "no-such-project"/);
    assert.match(message, /tasks\[4\]\.title: /);
    assert.doesNotMatch(message, /tasks\[0\]|tasks\[2\]/);
    assert.equal(await taskCount(), before, 'none was created');

    const unknownProfile = await forge.api('POST', '/api/tasks/batch', {
      tasks: [{ title: 'ok', assignedAgent: 'anthropic' }, { title: 'Typo', assignedAgent: 'anthropic', agentProfile: 'reseacher' }],
    });
    assert.equal(unknownProfile.status, 400);
    assert.match(unknownProfile.body.error.message, /tasks\[1\]\.agentProfile: "reseacher" is not a known profile/);
    assert.equal(await taskCount(), before);
  });

  test('a batch holds 1 to 200 tasks', async () => {
    const empty = await forge.api('POST', '/api/tasks/batch', { tasks: [] });
    assert.equal(empty.status, 400);
    const tooMany = Array.from({ length: 201 }, (_, index) => ({ title: `Task ${index}`, assignedAgent: 'anthropic' }));
    const refused = await forge.api('POST', '/api/tasks/batch', { tasks: tooMany });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /at most 200/);
    const missing = await forge.api('POST', '/api/tasks/batch', {});
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /^tasks: /);

    const before = await taskCount();
    const full = await forge.api('POST', '/api/tasks/batch', { tasks: tooMany.slice(0, 200) });
    assert.equal(full.status, 201);
    assert.equal(full.body.tasks.length, 200);
    assert.equal(await taskCount(), before + 200);
  });
});
