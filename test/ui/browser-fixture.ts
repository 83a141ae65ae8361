import { existsSync, mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestForge, type TestForge, type TestForgeOptions } from '../support/forge-harness.js';
export { freePort } from '../support/server-process.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** node:test `skip` value: false when Chromium is there, otherwise the reason shown in the report. */
export const skipWithoutChromium: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" to run the browser tests.`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface UiPage {
  page: Page;
  /** Uncaught script errors on the page; a working UI has none. */
  errors: string[];
}

export async function openUi(browser: Browser, url: string): Promise<UiPage> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

/** The log entry ids the task page shows, in page order. */
export function renderedEntryIds(page: Page): Promise<number[]> {
  return page.locator('#log > li').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-entry-id'))));
}

/** The task's log as the database has it. */
export async function storedEntryIds(forge: TestForge, taskId: string): Promise<number[]> {
  const tail = await forge.api('GET', `/api/tasks/${taskId}/logs/tail?limit=5000`);
  return tail.body.map((entry: { id: number }) => entry.id);
}

/** Waits until the task page shows the status pill with this label. */
export async function waitForTaskPageStatus(page: Page, label: string): Promise<void> {
  await page.locator('#task-status', { hasText: label }).waitFor();
}

/** One Forge server and one browser for a suite, closed after it; read them inside tests. */
export function useServerAndBrowser(options: () => Promise<TestForgeOptions> | TestForgeOptions = () => ({})): { forge: TestForge; browser: Browser } {
  const suite = {} as { forge: TestForge; browser: Browser };
  before(async () => {
    suite.forge = await startTestForge(await options());
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.forge?.close();
  });
  return suite;
}
