// Launching Debian's Chromium with the built extension, shared by the e2e tests, the demo and
// the benchmark.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
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
