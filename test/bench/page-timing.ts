// What the benchmark watches inside a GitLab page: an init script (plain JavaScript, added to
// every page of the context) records, relative to navigation start, when GitLab's app mounted and
// the frame that showed it, when the panel's host appeared, when `okr-score-value` first showed a
// value and the frame that painted it, and whether the cache hint was on at that moment. The
// panel lives in an open shadow root, observed too.
import type { Page } from '@playwright/test';

export interface PageMarks {
  /** GitLab's (simulated) work item app rendered into `#js-work-items`. */
  app?: number;
  /** The frame that showed it (the animation frame's timestamp). */
  appFrame?: number;
  /** The `okr-lens-panel` host element was inserted. */
  host?: number;
  /** `okr-score-value` had text. */
  score?: number;
  /**
   * The next animation frame after that: painted. Both frames are the animation frame's own
   * timestamp, the same number for everything painted in one frame.
   */
  scoreFrame?: number;
  scoreText?: string;
  /** The cache hint was shown with the first score. */
  fromCache?: boolean;
  /** The page's load event ended. */
  load?: number;
}

/** Kept as a string: tsx would wrap a function's inner helpers in calls the page lacks. */
export const PAGE_TIMING_SCRIPT = String.raw`(() => {
  const marks = {};
  window.__okrLensBench = marks;
  const mark = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  const markFrame = (name) => requestAnimationFrame((frame) => { if (marks[name] === undefined) marks[name] = frame; });
  let observedRoot = null;
  const check = () => {
    if (marks.app === undefined && document.querySelector('#js-work-items > *')) {
      mark('app');
      markFrame('appFrame');
    }
    const host = document.querySelector('okr-lens-panel');
    if (!host) return;
    mark('host');
    const root = host.shadowRoot;
    if (!root) return;
    if (root !== observedRoot) {
      observedRoot = root;
      new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true });
    }
    if (marks.score !== undefined) return;
    const value = root.querySelector('[data-testid="okr-score-value"]');
    if (!value || !value.textContent) return;
    mark('score');
    marks.scoreText = value.textContent.trim();
    marks.fromCache = Boolean(root.querySelector('[data-testid="okr-cache-hint"]'));
    markFrame('scoreFrame');
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export async function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate(() => {
    const marks = (window as unknown as { __okrLensBench?: PageMarks }).__okrLensBench ?? {};
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return { ...marks, load: navigation?.loadEventEnd };
  });
}

/**
 * The page's navigation start on Node's clock (epoch ms), so the sandbox's request log can be
 * placed on the page's timeline. The page's clock is read between two Node readings.
 */
export async function navigationStartOnNodeClock(page: Page): Promise<number> {
  let best = { spread: Infinity, start: 0 };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = Date.now();
    const { origin, now } = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      now: performance.now(),
    }));
    const after = Date.now();
    const spread = after - before;
    // The page read `origin + now` somewhere between before and after: take the middle.
    const offset = (before + after) / 2 - (origin + now);
    if (spread < best.spread) best = { spread, start: origin + offset };
  }
  return best.start;
}
