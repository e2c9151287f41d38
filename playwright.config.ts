// End-to-end tests: the built test extension in Debian's Chromium against the local GitLab sandbox.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Each test launches its own browser with the extension; two cores allow little parallelism.
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
