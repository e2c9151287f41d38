// The background's clock. Release builds read the system clock. Test and demo builds (and only
// those: the branch is compiled out elsewhere) can be set to the GitLab sandbox's fixed time, so
// that staleness and expected progress in end-to-end tests do not depend on the day CI runs.
import { browser } from 'wxt/browser';

declare const __OKR_LENS_TEST_BUILD__: boolean;

import { TEST_CLOCK_KEY } from '../test-clock';

export type Clock = (() => Date) & {
  /** Resolves once a test clock, if any, has been read from storage. */
  ready: Promise<void>;
};

export function createClock(): Clock {
  if (!__OKR_LENS_TEST_BUILD__)
    return Object.assign(() => new Date(), { ready: Promise.resolve() });
  let offsetMs = 0;
  const apply = (value: unknown) => {
    const at =
      value && typeof value === 'object' && 'now' in value ? Date.parse(String(value.now)) : NaN;
    offsetMs = Number.isFinite(at) ? at - Date.now() : 0;
  };
  const ready = browser.storage.local
    .get(TEST_CLOCK_KEY)
    .then((stored) => apply(stored[TEST_CLOCK_KEY]))
    .catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[TEST_CLOCK_KEY]) apply(changes[TEST_CLOCK_KEY].newValue);
  });
  return Object.assign(() => new Date(Date.now() + offsetMs), { ready });
}
