import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendLog } from '../../src/store/agent-logs.js';
import { waitForTaskStatus } from '../support/forge-harness.js';
import { openUi, renderedEntryIds, skipWithoutChromium, storedEntryIds, useServerAndBrowser, waitForTaskPageStatus } from './browser-fixture.js';

describe('the web UI: a long log', { skip: skipWithoutChromium }, () => {
  const suite = useServerAndBrowser();

  test('shows the newest 200 entries first and loads the earlier ones on request', async () => {
    const task = await suite.forge.createTask({ title: 'Chatty task', description: '[[scenario:hello]]' });
    await suite.forge.api('POST', `/api/tasks/${task.id}/execute`);
    const done = await waitForTaskStatus(suite.forge, task.id, ['completed']);
    // A long history: written straight to the store, as a long earlier run would have.
    const db = suite.forge.server.forge.db;
    for (let i = 0; i < 250; i += 1) await appendLog(db, task.id, done.execution.id, { type: 'assistant_text', text: `line ${i}` });
    const stored = await storedEntryIds(suite.forge, task.id);

    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/tasks/${task.id}`);
    await waitForTaskPageStatus(page, 'Completed');
    await page.locator('#log .entry-assistant_text', { hasText: 'line 249' }).waitFor();
    assert.deepEqual(await renderedEntryIds(page), stored.slice(-200), 'the tail first');

    await page.getByRole('button', { name: 'Load earlier entries' }).click();
    await page.getByRole('button', { name: 'Load earlier entries' }).waitFor({ state: 'hidden' });
    assert.deepEqual(await renderedEntryIds(page), stored, 'then everything, once, in order');
    assert.deepEqual(errors, []);
  });
});
