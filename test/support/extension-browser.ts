// Launching Debian's Chromium with the built extension, shared by the e2e tests, the demo and
// the benchmark.
import { chromium, type BrowserContext, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import fs from 'node:fs';
import { TEST_CLOCK_KEY } from '../../lib/test-clock';

export const extensionPath = path.resolve('.output/test/chrome-mv3');
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The fixed clock the e2e sandbox runs on, so scores and staleness are reproducible. */
export const SANDBOX_NOW = '2026-11-21T10:00:00.000Z';

export async function launchWithExtension(
  options: { headless?: boolean; extensionDir?: string; now?: string } = {},
): Promise<{ context: BrowserContext; extensionId: string }> {
  const extensionDir = options.extensionDir ?? extensionPath;
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No test build at ${extensionDir}: run "npm run build:test" first.`);
  }
  const context = await chromium.launchPersistentContext('', {
    headless: options.headless ?? true,
    executablePath: chromiumPath,
    viewport: { width: 1400, height: 1000 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Dates are worded in the browser's locale: one locale, so tests and screenshots agree.
      '--lang=en-US',
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  if (options.now) {
    // The test build's clock (lib/background/clock.ts) follows the sandbox's fixed time.
    await worker.evaluate(
      ([key, now]) =>
        (
          globalThis as unknown as {
            chrome: { storage: { local: { set(items: object): Promise<void> } } };
          }
        ).chrome.storage.local.set({ [key]: { now } }),
      [TEST_CLOCK_KEY, options.now] as const,
    );
  }
  return { context, extensionId };
}

/** Adds a GitLab instance with a token on the options page, the way a user does it. */
export async function addInstance(
  page: Page,
  extensionId: string,
  baseUrl: string,
  token: string,
): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('GitLab URL').fill(baseUrl);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Save and check' }).click();
}

/**
 * Opens the toolbar popup in a tab of the popup's size, as if clicked on `pageUrl` (the popup
 * reads the tab's URL from `?url=`); without one, as if clicked on no GitLab page.
 */
export async function openPopup(
  context: BrowserContext,
  extensionId: string,
  pageUrl?: string,
): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 900 });
  const query = pageUrl === undefined ? '' : `?url=${encodeURIComponent(pageUrl)}`;
  await popup.goto(`chrome-extension://${extensionId}/popup.html${query}`);
  return popup;
}

/** The in-page panel OKR Lens adds to a GitLab page (or to its drawer). */
export function panelOf(scope: Page | Locator): Locator {
  return scope.getByRole('region', { name: /OKR Lens/ });
}
