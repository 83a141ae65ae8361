import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openUi, saveScreenshot, skipWithoutChromium, useServerAndBrowser } from './browser-fixture.js';

describe('the web UI: profiles and runtimes', { skip: skipWithoutChromium }, () => {
  const suite = useServerAndBrowser();

  test('a profile shows its prompt and tool policy, and its smoke tests run to a verdict', async () => {
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/profiles`);
    await page.getByRole('link', { name: /Code Reviewer/ }).click();
    const detail = page.locator('#profile-detail');
    await detail.getByRole('heading', { name: /Code Reviewer/ }).waitFor();
    const profile = (await suite.forge.api('GET', '/api/profiles/code-reviewer')).body;
    assert.equal(await detail.locator('pre.prompt').innerText(), profile.systemPrompt.trimEnd());
    const autoDeny = await detail.locator('dt', { hasText: 'Auto-deny' }).locator('xpath=following-sibling::dd').locator('.chip').allInnerTexts();
    assert.deepEqual(autoDeny, profile.autoDeny);

    await page.getByLabel('Runtime').selectOption('anthropic');
    await page.getByRole('button', { name: 'Run smoke tests' }).click();
    const verdict = page.locator('#smoke-outcome [data-run-status="passed"], #smoke-outcome [data-run-status="failed"]');
    await verdict.waitFor({ timeout: 60_000 });
    const stored = (await suite.forge.api('GET', '/api/profiles/code-reviewer/test-results?runtime=anthropic')).body.runs[0];
    assert.equal(await verdict.getAttribute('data-run-status'), stored.status, 'the page shows the stored verdict');
    assert.equal(await page.locator('#smoke-outcome [data-test-status]').count(), profile.smokeTests.length);
    await saveScreenshot(page, 'profiles');

    await page.getByRole('link', { name: 'Board' }).click();
    await page.locator('#board').waitFor();
    assert.equal(await page.locator('.card', { hasText: '[smoke]' }).count(), 0, 'smoke-test tasks stay off the board');
    await page.getByLabel('Show smoke tests').check();
    await page.locator('.card', { hasText: '[smoke] code-reviewer' }).first().waitFor();
    assert.deepEqual(errors, []);
  });

  test('the runtimes page says which runtime answers from the simulator and which are not configured', async () => {
    const { page, errors } = await openUi(suite.browser, `${suite.forge.url}/#/runtimes`);
    const runtimes = (await suite.forge.api('GET', '/api/runtimes')).body;
    for (const runtime of runtimes) {
      const row = page.locator(`tr[data-runtime="${runtime.id}"]`);
      const expected = { real: 'Configured', simulated: 'Simulator', unconfigured: 'Not configured' }[runtime.mode as string]!;
      await row.locator('.pill', { hasText: expected }).waitFor();
      if (runtime.reason) await row.getByText(runtime.reason).waitFor();
    }
    await saveScreenshot(page, 'runtimes');
    assert.deepEqual(errors, []);
  });
});
