import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitForTaskStatus } from '../support/forge-harness.js';
import { openUi, skipWithoutChromium, useServerAndBrowser, waitForTaskPageStatus } from './browser-fixture.js';

describe('the web UI: Always Allow', { skip: skipWithoutChromium }, () => {
  const suite = useServerAndBrowser();

  test('Always Allow in the inbox lets the next identical call run without a prompt, until the rule is revoked', async () => {
    const first = await suite.forge.createTask({ title: 'Echo once', description: '[[scenario:bash-echo]]' });
    await suite.forge.api('POST', `/api/tasks/${first.id}/execute`);
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/inbox`);
    const request = page.locator('.request', { hasText: 'Echo once' });
    await request.locator('.command', { hasText: '$ echo hello-from-bash' }).waitFor();
    await request.getByRole('button', { name: 'Always Allow' }).click();
    const rule = page.locator('#rules tr', { hasText: 'echo hello-from-bash' });
    await rule.waitFor();
    await waitForTaskStatus(suite.forge, first.id, ['completed']);

    const second = await suite.forge.createTask({ title: 'Echo twice', description: '[[scenario:bash-echo]]' });
    await page.getByRole('link', { name: 'Board' }).click();
    await page.getByRole('button', { name: 'Execute Echo twice' }).click();
    await page.locator('.column[data-status="completed"] .card', { hasText: 'Echo twice' }).waitFor();
    await page.goto(`${suite.forge.url}/#/tasks/${second.id}`);
    await waitForTaskPageStatus(page, 'Completed');
    await page.locator('#log .entry-permission_decision', { hasText: 'Allowed Bash — an Always Allow rule' }).waitFor();
    assert.equal(await page.locator('#log .entry-permission_request').count(), 0, 'nobody was asked');
    await page.locator('#log .entry-tool_result', { hasText: 'hello-from-bash' }).waitFor();

    await page.getByRole('link', { name: /^Inbox/ }).click();
    await page.getByRole('button', { name: 'Revoke the rule for Bash matching “echo hello-from-bash”' }).click();
    await page.locator('#rules', { hasText: 'No rules yet' }).waitFor();
    assert.deepEqual((await suite.forge.api('GET', '/api/settings/permissions')).body, []);

    const third = await suite.forge.createTask({ title: 'Echo thrice', description: '[[scenario:bash-echo]]' });
    await suite.forge.api('POST', `/api/tasks/${third.id}/execute`);
    await page.locator('.request', { hasText: 'Echo thrice' }).waitFor();
    await page.locator('#inbox-count', { hasText: '1' }).waitFor();
    await suite.forge.api('POST', `/api/tasks/${third.id}/cancel`);
    await page.locator('#inbox-count').waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
  });
});
