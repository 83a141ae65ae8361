import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  freePort,
  openUi,
  renderedEntryIds,
  saveScreenshot,
  skipWithoutChromium,
  storedEntryIds,
  useServerAndBrowser,
  waitForTaskPageStatus,
} from './browser-fixture.js';

describe('the web UI across a server restart', { skip: skipWithoutChromium }, () => {
  // restart() starts a new server; a fixed port lets the open page find it again.
  const suite = useServerAndBrowser(async () => ({ config: { port: await freePort() } }));

  test('the task page keeps streaming after a restart mid-run, without losing or repeating an entry', async () => {
    const task = await suite.forge.createTask({ title: 'Demo across a restart', description: '[[scenario:demo]]' });
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/tasks/${task.id}`);
    // Last-Event-ID of every request for the log stream (EventSource sets it when it reconnects).
    const streamRequests: Array<Promise<string | undefined>> = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/tasks/${task.id}/logs?`)) streamRequests.push(request.allHeaders().then((headers) => headers['last-event-id']));
    });
    await page.locator('.stream-state', { hasText: 'Live' }).waitFor();
    await page.getByRole('button', { name: 'Execute Demo across a restart' }).click();
    await page.locator('#log .entry-permission_request').getByRole('button', { name: 'Approve' }).waitFor();
    const before = await renderedEntryIds(page);

    await suite.forge.restart();
    // The open stream was cut; the page reconnects on its own (Last-Event-ID) once the server is back.
    await page.locator('.stream-state', { hasText: 'Live' }).waitFor();
    await page.locator('#log .entry-permission_request').getByRole('button', { name: 'Approve' }).click();
    await waitForTaskPageStatus(page, 'Completed');
    await page.locator('#log .entry-result', { hasText: 'wrote FORGE_DEMO.md' }).waitFor();
    await saveScreenshot(page, 'task-after-restart');

    const shown = await renderedEntryIds(page);
    const lastEventIds = await Promise.all(streamRequests);
    assert.ok(lastEventIds.length >= 2, 'the stream was reopened');
    const resumedFrom = Number(lastEventIds.at(-1));
    assert.ok(resumedFrom >= before.at(-1)! && shown.includes(resumedFrom), `resumed from a shown entry (Last-Event-ID ${resumedFrom})`);
    assert.equal(new Set(shown).size, shown.length, 'no entry shown twice');
    assert.deepEqual(shown.slice(0, before.length), before, 'what was shown before the restart stays');
    assert.deepEqual(shown, await storedEntryIds(suite.forge, task.id), 'exactly the stored log, in order: no gap');
    assert.deepEqual(errors, []);
  });
});
