import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestForge } from '../support/forge-harness.js';

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

/** A port nobody listens on right now, for a server that must come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
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
