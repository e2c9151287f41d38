import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Dates are worded in the reader's locale and time zone (lib/okr/format.ts). Node reads both
// from the environment when a process starts, so they are fixed here, before vitest starts its
// workers: the tests read the same words on every machine.
process.env.LC_ALL = 'en_US.UTF-8';
process.env.TZ = 'UTC';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'lib/**/*.test.ts'],
    environment: 'node',
    // Some tests pay a one-time cost in their first case (ESLint's start, GitLab's 3 MB schema,
    // fast-check's runs); on a busy 2-core machine that alone passed vitest's 5 s default.
    // Speed is measured in `npm run bench`, not here.
    testTimeout: 20_000,
  },
});
