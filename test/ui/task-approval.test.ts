import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  openUi,
  renderedEntryIds,
  saveScreenshot,
  skipWithoutChromium,
  storedEntryIds,
  useServerAndBrowser,
  waitForTaskPageStatus,
} from './browser-fixture.js';

describe('the web UI: create, execute, approve in the inbox', { skip: skipWithoutChromium }, () => {
  const suite = useServerAndBrowser();

  test('a task created on the board waits for its Write, is approved in the inbox and completes', async () => {
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/board`);

    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title').fill('Create hello');
    await page.getByLabel('Description').fill('Write a greeting file. [[scenario:write-file]]');
    await page.getByLabel('Priority').selectOption('2');
    await page.getByRole('button', { name: 'Create task' }).click();
    const card = page.locator('.column[data-status="created"] .card', { hasText: 'Create hello' });
    await card.waitFor();
    const [task] = (await suite.forge.api('GET', '/api/tasks')).body;
    assert.equal(task.title, 'Create hello');
    assert.equal(task.priority, 2);
    assert.equal(task.assignedAgent, 'anthropic', 'the only runtime is preselected');

    await card.getByRole('button', { name: 'Execute Create hello' }).click();
    // Moves by itself: the board follows /api/events.
    await page.locator('.column[data-status="waiting_approval"] .card', { hasText: 'Create hello' }).waitFor();
    await page.locator('#inbox-count', { hasText: '1' }).waitFor();
    await saveScreenshot(page, 'board');

    await page.getByRole('link', { name: 'Create hello' }).click();
    await waitForTaskPageStatus(page, 'Waiting for approval');
    const writeCall = page.locator('#log .entry-tool_use', { hasText: 'Write' });
    assert.equal(await writeCall.locator('.file-path').innerText(), 'hello.txt');
    assert.equal(await writeCall.locator('.diff .add').innerText(), '+hi', 'the file content shows as an added line');
    await page.locator('#log .entry-permission_request').getByRole('button', { name: 'Approve' }).waitFor();
    await saveScreenshot(page, 'task-waiting');

    await page.getByRole('link', { name: /^Inbox/ }).click();
    const request = page.locator('.request', { hasText: 'Create hello' });
    await request.locator('.diff .add', { hasText: '+hi' }).waitFor();
    await saveScreenshot(page, 'inbox');
    await request.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#requests', { hasText: 'No requests are waiting' }).waitFor();
    await page.locator('#inbox-count').waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: 'Board' }).click();
    await page.locator('.column[data-status="completed"] .card', { hasText: 'Create hello' }).waitFor();
    await page.getByRole('link', { name: 'Create hello' }).click();
    await waitForTaskPageStatus(page, 'Completed');
    await page.locator('#log .entry-result', { hasText: 'Done: created hello.txt' }).waitFor();
    await page.locator('#log .entry-permission_decision', { hasText: 'Allowed Write — a person' }).waitFor();
    await page.locator('.stream-state', { hasText: 'Finished' }).waitFor();
    assert.equal(await page.locator('#log .approval-buttons').count(), 0, 'no buttons left on an answered request');
    assert.deepEqual(await renderedEntryIds(page), await storedEntryIds(suite.forge, task.id), 'the page shows the whole log once');
    await saveScreenshot(page, 'task-completed');
    assert.deepEqual(errors, []);
  });

  test('denying with a message tells the agent, and the task page shows it', async () => {
    const task = await suite.forge.createTask({ title: 'Create hello again', description: '[[scenario:write-file]]' });
    await suite.forge.api('POST', `/api/tasks/${task.id}/execute`);
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/inbox`);
    const request = page.locator('.request', { hasText: 'Create hello again' });
    await request.getByRole('button', { name: 'Deny…' }).click();
    await page.getByLabel('Message to the agent (optional)').fill('Not in this folder, please.');
    await page.getByRole('button', { name: 'Deny Write' }).click();
    await request.waitFor({ state: 'detached' });

    await page.goto(`${suite.forge.url}/#/tasks/${task.id}`);
    await waitForTaskPageStatus(page, 'Completed');
    await page.locator('#log .entry-permission_decision', { hasText: 'Not in this folder, please.' }).waitFor();
    await page.locator('#log .entry-tool_result .is-error', { hasText: 'Not in this folder, please.' }).waitFor();
    assert.deepEqual(errors, []);
  });

  test('the new-task form suggests a profile from the title until the user picks one', async () => {
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/board`);
    const title = 'Review authentication changes for security issues';
    const classified = await suite.forge.api('POST', '/api/profiles/classify', { title });
    const expected = classified.status === 200 ? classified.body.suggestions[0].profileId : 'general';
    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title').fill(title);
    await page.locator('#task-profile-suggestion', { hasText: `Suggested from the title: ${expected}` }).waitFor();
    assert.equal(await page.getByLabel('Profile').inputValue(), expected);
    await page.getByLabel('Profile').selectOption('researcher');
    await page.getByLabel('Title').fill(`${title} today`);
    await page.waitForTimeout(600);
    assert.equal(await page.getByLabel('Profile').inputValue(), 'researcher', 'a choice the user made stays');
    assert.deepEqual(errors, []);
  });

  test('many tasks from a list of titles land on the board at once; Esc closes the dialog', async () => {
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/board`);
    await page.getByRole('button', { name: 'Create many…' }).click();
    await page.getByLabel('Task titles').fill('Review the login change\n\nResearch competitor pricing\nWrite API docs for payments\n');
    await page.getByRole('button', { name: 'Create tasks' }).click();
    for (const title of ['Review the login change', 'Research competitor pricing', 'Write API docs for payments']) {
      await page.locator('.column[data-status="created"] .card', { hasText: title }).waitFor();
    }
    const titles = (await suite.forge.api('GET', '/api/tasks')).body.map((task: any) => task.title);
    assert.equal(titles.filter((title: string) => title.startsWith('Research competitor')).length, 1, 'each line once, blank lines skipped');
    await saveScreenshot(page, 'board-with-tasks');

    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });
});
