import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXCERPT_CHARS, planDocumentPlacement } from '../../src/engine/context.js';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { ENGINES } from '../support/databases.js';
import { startTestForge, waitForTaskStatus, type TestForge } from '../support/forge-harness.js';
import { fixture, minimalPdf, upload } from './document-fixtures.js';

const BUDGET_CHARS = 20_000;

/** 250 000 characters whose last words can only reach the model through the workspace copy. */
const ARCHIVE = `${'The archive holds many words. '.repeat(9_000).slice(0, 250_000 - 16)}THE-FINAL-WORDS.`;

/** What the model was sent for this task: the system prompt and the first user message. */
function modelInput(forge: TestForge, taskId: string): { system: string; user: string } {
  const request = forge.sim.requests.find((r) => r.path.endsWith('/v1/messages') && JSON.stringify(r.body).includes(taskId));
  assert.ok(request, `the model received a request for task ${taskId}`);
  const system = typeof request.body.system === 'string' ? request.body.system : request.body.system.map((b: any) => b.text).join('\n');
  const first = request.body.messages[0].content;
  const user = typeof first === 'string' ? first : first.map((b: any) => b.text ?? '').join('\n');
  return { system, user };
}

async function projectFolder(forge: TestForge, projectId: string): Promise<string> {
  return (await forge.api('GET', '/api/projects')).body.find((p: any) => p.id === projectId).workingDirectory;
}

for (const engine of ENGINES) {
  describe(`documents in a run's context (${engine})`, () => {
    let forge: TestForge;
    before(async () => {
      forge = await startTestForge({ engine, config: { contextBudgetChars: BUDGET_CHARS } });
    });
    after(() => forge.close());

    test('the model receives small documents whole and a large one as a marked excerpt with the full text in the workspace', async () => {
      const task = await forge.createTask({ title: 'Summarise the quarter', description: '[[scenario:hello]]' });
      const projectUpload = await upload(forge, `/api/projects/${task.projectId}/documents`, [
        { name: 'q3-report.pdf', bytes: minimalPdf(['Quarterly revenue grew 12 percent.']) },
      ]);
      const taskUpload = await upload(forge, `/api/tasks/${task.id}/documents`, [
        { name: 'meeting-notes.docx', bytes: fixture('meeting-notes.docx') },
        { name: 'archive.md', bytes: ARCHIVE },
        { name: 'scan.pdf', bytes: '%PDF-1.4 not really' },
      ]);
      assert.equal(projectUpload.status, 201);
      assert.equal(taskUpload.status, 201);

      // Executed at once: extraction still under way is waited for, not skipped.
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      const done = await waitForTaskStatus(forge, task.id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', 'an unreadable document does not stop the run');

      const { system, user } = modelInput(forge, task.id);
      assert.match(user, /^Summarise the quarter/);
      assert.match(user, /<document name="q3-report.pdf">\nQuarterly revenue grew 12 percent\.\n<\/document>/);
      assert.match(user, /<document name="meeting-notes.docx">\nMeeting notes: the launch moves to March\./);
      assert.match(user, /<document name="archive.md" excerpt="first [\d ]+ of 250 000 characters">\nThe archive holds many words\./);
      assert.match(user, /The whole text is in \.forge\/documents\/archive\.md\.txt in the working directory/);
      assert.doesNotMatch(user, /THE-FINAL-WORDS/, 'the tail of the large document is not inlined');
      assert.doesNotMatch(user, /scan\.pdf/, 'an unreadable document is not sent');
      assert.ok(user.length < BUDGET_CHARS + 2_000, `the prompt stays within the budget (${user.length} chars)`);
      assert.match(system, new RegExp(`Output folder: \\.forge/outputs/${task.id}/`));

      const workspace = await projectFolder(forge, task.projectId);
      const copy = readFileSync(join(workspace, '.forge/documents/archive.md.txt'), 'utf8');
      assert.equal(copy, ARCHIVE, 'the agent can read the whole text in its workspace');

      const entries = await forge.collectLogs(task.id);
      const contextEntries = entries.filter((e) => e.type === 'status' && e.message?.includes('Context:'));
      assert.equal(contextEntries.length, 1);
      assert.match(
        contextEntries[0].message,
        /^Started on anthropic\. Context: 2 documents inlined \(0\.1 kB\), 1 excerpted \(archive\.md: [\d ]+ of 250 000 chars, full text at \.forge\/documents\/archive\.md\.txt\), 0 skipped, 1 unreadable \(scan\.pdf: not a readable PDF .*\); document budget 20 000 chars\.$/,
      );
      const firstModelEvent = entries.findIndex((e) => e.type === 'assistant_text' || e.type === 'usage');
      assert.ok(entries.indexOf(contextEntries[0]) < firstModelEvent, 'reported before the run starts');
    });

    test('a project document reaches every task of the project; a task document only its own task', async () => {
      const first = await forge.createTask({ title: 'First', description: '[[scenario:hello]]' });
      const second = await forge.createTask({ title: 'Second', description: '[[scenario:hello]]', projectId: first.projectId });
      await upload(forge, `/api/projects/${first.projectId}/documents`, [{ name: 'glossary.md', bytes: 'ARR: annual recurring revenue' }]);
      await upload(forge, `/api/tasks/${first.id}/documents`, [{ name: 'private.txt', bytes: 'only for the first task' }]);

      for (const task of [first, second]) {
        await forge.api('POST', `/api/tasks/${task.id}/execute`);
        assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');
      }
      assert.match(modelInput(forge, first.id).user, /ARR: annual recurring revenue[\s\S]*only for the first task/, 'project documents first');
      assert.match(modelInput(forge, second.id).user, /ARR: annual recurring revenue/);
      assert.doesNotMatch(modelInput(forge, second.id).user, /only for the first task/);
    });
  });
}

describe('the same context on every runtime', () => {
  let sim: Simulator;
  let forge: TestForge;
  before(async () => {
    sim = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR });
    forge = await startTestForge({
      sim,
      config: { contextBudgetChars: BUDGET_CHARS },
      env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${sim.url}/v1`, OLLAMA_HOST: sim.url },
    });
  });
  after(async () => {
    await forge.close();
    await sim.close();
  });

  for (const runtime of ['anthropic', 'openai', 'ollama']) {
    test(`${runtime} receives the documents and the pointer to the full text`, async () => {
      const task = await forge.createTask({ title: 'Read the brief', description: '[[scenario:hello]]', assignedAgent: runtime });
      await upload(forge, `/api/tasks/${task.id}/documents`, [
        { name: 'brief.md', bytes: 'Codename BLUE-HERON ships in May.' },
        { name: 'archive.md', bytes: ARCHIVE },
      ]);
      await forge.api('POST', `/api/tasks/${task.id}/execute`);
      assert.equal((await waitForTaskStatus(forge, task.id, ['completed', 'failed'])).status, 'completed');
      const sent = forge.sim.requests.filter((r) => r.method === 'POST' && JSON.stringify(r.body).includes(task.id));
      assert.ok(sent.length > 0, `${runtime} called the model`);
      const body = JSON.stringify(sent[0]!.body);
      assert.match(body, /Codename BLUE-HERON ships in May\./);
      assert.match(body, /\.forge\/documents\/archive\.md\.txt/);
      assert.doesNotMatch(body, /THE-FINAL-WORDS/);
    });
  }
});

describe('document budget', () => {
  test('small documents go in whole; larger ones get excerpts while room lasts; then they are skipped', () => {
    assert.deepEqual(planDocumentPlacement([100, 9_000, 50_000], 10_000), [
      { mode: 'inline' },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
    ]);
    assert.deepEqual(planDocumentPlacement([2_000, 300, 2_000], 1_000), [
      { mode: 'excerpt', chars: 700 },
      { mode: 'inline' },
      { mode: 'skip' },
    ]);
  });

  test('a single document that fits the budget goes in whole, however large', () => {
    assert.deepEqual(planDocumentPlacement([15_000], 20_000), [{ mode: 'inline' }]);
    assert.deepEqual(planDocumentPlacement([20_001], 20_000), [{ mode: 'excerpt', chars: EXCERPT_CHARS }]);
  });

  test('room is kept for an excerpt of each larger document before a mid-sized one goes in whole', () => {
    assert.deepEqual(planDocumentPlacement([12_001, 100_000, 100_000], 20_000), [
      { mode: 'excerpt', chars: EXCERPT_CHARS },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
    ]);
    assert.deepEqual(planDocumentPlacement([12_000, 100_000, 100_000], 20_000), [
      { mode: 'inline' },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
      { mode: 'excerpt', chars: EXCERPT_CHARS },
    ]);
  });
});
