// End-to-end tests: the built test extension in Debian's Chromium against the local GitLab sandbox.
// The whole suite runs against the sandbox playing the newest GitLab; the main paths (tests tagged
// MAIN_PATH in test/e2e/fixtures.ts) run again against it playing GitLab 17.0, the oldest
// version OKR Lens supports, where the extension sends its older documents.
import { defineConfig } from '@playwright/test';

/** The worker option test/e2e/fixtures.ts declares: the GitLab version the sandbox plays. */
type VersionOption = { gitlabVersion: string };

export default defineConfig<object, VersionOption>({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Each test launches its own browser with the extension; two cores allow little parallelism.
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    // SANDBOX_GITLAB_VERSION, or the newest GitLab.
    { name: 'gitlab' },
    { name: 'gitlab-17.0', use: { gitlabVersion: '17.0' }, grep: /@main-path/ },
  ],
});
