// Playwright fixtures: a GitLab sandbox per worker and a fresh Chromium per test with the built
// test extension loaded, configured through the options page as a user would. The sandbox plays
// the GitLab version of the `gitlabVersion` option (`test.use({ gitlabVersion: '17.0' })` at the
// top of a file; default SANDBOX_GITLAB_VERSION, else latest).
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { addInstance, launchWithExtension, SANDBOX_NOW } from '../support/extension-browser';
import { collectErrors } from './hardening-support';

type WorkerFixtures = {
  /** The GitLab version profile the worker's sandbox plays: "17.0" … "18.6", "latest". */
  gitlabVersion: string;
  sandbox: Sandbox;
};
type TestFixtures = {
  context: BrowserContext;
  extensionId: string;
  /** Uncaught errors from every page of the context; a test may assert it stays empty. */
  pageErrors: string[];
  /** A page with the sandbox instance added and its token checked. */
  configuredPage: Page;
  /**
   * Console errors, uncaught exceptions and unhandled rejections of the service worker and of
   * every page, collected for every test and asserted empty when it ends: whatever a test
   * does, OKR Lens must not throw.
   */
  extensionErrors: string[];
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  gitlabVersion: [
    process.env.SANDBOX_GITLAB_VERSION || 'latest',
    { scope: 'worker', option: true },
  ],
  sandbox: [
    async ({ gitlabVersion }, use) => {
      const sandbox = await startSandbox({ now: SANDBOX_NOW, gitlabVersion });
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ sandbox }, use) => {
    sandbox.reset();
    const { context, extensionId } = await launchWithExtension({ now: SANDBOX_NOW });
    (context as BrowserContext & { extensionId?: string }).extensionId = extensionId;
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use((context as BrowserContext & { extensionId: string }).extensionId);
  },
  pageErrors: async ({ context }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) => page.on('pageerror', (error) => errors.push(error.message));
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(errors);
  },
  extensionErrors: [
    async ({ context }, use) => {
      const errors = await collectErrors(context);
      await use(errors);
      expect(errors, 'errors in the extension or its pages').toEqual([]);
    },
    { auto: true },
  ],
  configuredPage: async ({ context, extensionId, sandbox }, use) => {
    const page = await context.newPage();
    await addInstance(page, extensionId, sandbox.url, sandbox.tokens.api);
    await expect(page.getByText('Token works')).toBeVisible();
    await use(page);
  },
});

export { expect };

/**
 * Tags a test as a main path: playwright.config.ts runs these once more against the sandbox
 * playing the oldest GitLab OKR Lens supports (17.0), besides the whole suite on the newest.
 */
export const MAIN_PATH = { tag: '@main-path' };
