// What the quarter map's e2e tests share (map.spec, report.spec, map-epics.spec): opening the map
// for a scope (and waiting for its items' notes), reading its rows and the map the background
// holds, asking the panel's view service about the same item, and moving the test build's clock.
import type { BrowserContext, Page } from '@playwright/test';
import type { QuarterMap } from '../../lib/okr/quarter/map-model';
import { workItemRefFromUrl } from '../../lib/page';
import { TEST_CLOCK_KEY } from '../../lib/test-clock';
import type { Sandbox } from '../sandbox/server';
import { expect } from './fixtures';
import { serviceWorker } from './hardening-support';

/** The few extension APIs the tests call inside the extension's pages (run there, not in Node). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { set(items: object): Promise<void> } };
};

export function mapUrl(extensionId: string, hash: string): string {
  return `chrome-extension://${extensionId}/map.html${hash}`;
}

/** The operation that reads the items' notes after the tree (lib/gitlab/item-history.ts). */
export const NOTES_OPERATION = 'ItemHistoryQuery';

/** Whether a logged request is one of the map's tree requests (not one reading notes). */
export function isTreeRequest(entry: { api: string; operationName: string | null }): boolean {
  return entry.api === 'graphql' && entry.operationName !== NOTES_OPERATION;
}

/** Waits until the background has read every item's notes and the rows were built with them. */
export async function historyRead(page: Page): Promise<void> {
  await expect(page.getByTestId('map-history-status')).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
}

/**
 * Opens the map of `scope` on the sandbox and waits for GitLab's answer (not the cache's), then
 * for its items' notes: the rows as they end up, every check run (the report reads them too).
 */
export async function openMap(
  page: Page,
  extensionId: string,
  sandbox: Sandbox,
  scope: string,
  extra = '',
): Promise<void> {
  await page.goto(
    mapUrl(extensionId, `#instance=${encodeURIComponent(sandbox.url)}&scope=${scope}${extra}`),
  );
  await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 20_000 });
  // The network answer is in: the line says how many requests it took.
  await expect(page.getByTestId('map-freshness')).toContainText('requests to GitLab');
  await historyRead(page);
}

/** The listed rows: references, a context row (an objective above a match) in parentheses. */
export async function listedRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('map-row')
    .evaluateAll((rows) =>
      rows.map((row) =>
        row.getAttribute('data-context')
          ? `(${row.dataset.reference})`
          : `${row.dataset.reference}`,
      ),
    );
}

/** The listed rows that match the view and filters (context rows left out). */
export async function matchingRows(page: Page): Promise<string[]> {
  return (await listedRows(page)).filter((row) => !row.startsWith('('));
}

/** The map the background holds for the page's current URL (the same data the page shows). */
export async function mapData(page: Page): Promise<QuarterMap> {
  return page.evaluate(async () => {
    const params = new URLSearchParams(location.hash.slice(1));
    const request = {
      baseUrl: params.get('instance'),
      scope: (params.get('scope') ?? '').split(','),
      quarter: params.get('quarter'),
    };
    const answer = (await chrome.runtime.sendMessage({ type: 'map:peek', request })) as {
      data: { map: QuarterMap };
    };
    return answer.data.map;
  });
}

/** What the panel shows for an item: the same background view service, asked for its page. */
export interface PanelFigures {
  score: number | null;
  gitlabProgress: number | null;
  /** The quarter's title, and whether a milestone, a label or dates gave it. */
  quarter: { title: string; source: string } | null;
}

/** The panel's figures for a seeded item, asked as its own page (epic, issue or work item) asks. */
export async function panelFigures(
  page: Page,
  sandbox: Sandbox,
  key: string,
): Promise<PanelFigures> {
  const ref = workItemRefFromUrl(sandbox.urlOf(key));
  if (!ref) throw new Error(`${sandbox.urlOf(key)} names no item page`);
  return page.evaluate(async (ref) => {
    const answer = (await chrome.runtime.sendMessage({ type: 'view:load', ref })) as
      | { ok: true; view: { item: Record<string, unknown> } }
      | { ok: false; problem: { message: string } };
    if (!answer.ok) throw new Error(`view:load refused: ${answer.problem.message}`);
    const item = answer.view.item as {
      score: { value: number | null };
      gitlabProgress: number | null;
      quarter: { title: string; source: string } | null;
    };
    return {
      score: item.score.value,
      gitlabProgress: item.gitlabProgress,
      quarter: item.quarter && { title: item.quarter.title, source: item.quarter.source },
    };
  }, ref);
}

/** The panel's warnings (rule ids, sorted) and stale verdict for a seeded item. */
export async function panelVerdicts(
  page: Page,
  sandbox: Sandbox,
  key: string,
): Promise<{ warnings: string[]; stale: boolean }> {
  const ref = workItemRefFromUrl(sandbox.urlOf(key));
  if (!ref) throw new Error(`${sandbox.urlOf(key)} names no item page`);
  return page.evaluate(async (ref) => {
    const answer = (await chrome.runtime.sendMessage({ type: 'view:load', ref })) as
      | {
          ok: true;
          view: { item: { stale: { stale: boolean } }; warnings: { rule: string }[] };
        }
      | { ok: false; problem: { message: string } };
    if (!answer.ok) throw new Error(`view:load refused: ${answer.problem.message}`);
    return {
      warnings: answer.view.warnings.map((warning) => warning.rule).sort(),
      stale: answer.view.item.stale.stale,
    };
  }, ref);
}

/** `group/project#iid` as the map's rows name a seeded item. */
export function referenceOf(sandbox: Sandbox, key: string): string {
  const item = sandbox.item(key);
  return `${item.fullPath}#${item.iid}`;
}

/** A seeded item's row on the map. */
export function rowOf(page: Page, sandbox: Sandbox, key: string) {
  return page.locator(`[data-testid="map-row"][data-reference="${referenceOf(sandbox, key)}"]`);
}

/** The score a row shows (null for "no data"). */
export async function shownScore(
  page: Page,
  sandbox: Sandbox,
  key: string,
): Promise<number | null> {
  const shown = await rowOf(page, sandbox, key).getByTestId('map-score').getAttribute('data-score');
  return shown === '' || shown === null ? null : Number(shown);
}

/**
 * Sets the test build's clock (lib/background/clock.ts) to `now`, the way launchWithExtension
 * does: the background and every open extension page follow the stored value at once.
 */
export async function setExtensionClock(context: BrowserContext, now: string): Promise<void> {
  await serviceWorker(context).evaluate(
    ([key, at]) => chrome.storage.local.set({ [key]: { now: at } }),
    [TEST_CLOCK_KEY, now] as const,
  );
}

/** Noon (UTC) of the day after `isoDate`: past the end of a quarter that ends on `isoDate`. */
export function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + 86_400_000).toISOString();
}

/**
 * Records three more updates of cto-kr-1-3 on three days before the sandbox's today (one of them
 * two notes of one save): with the one seeded 27 days ago (25% and on track together), four.
 */
export function recordFourUpdatesOfCtoKr13(sandbox: Sandbox): void {
  const item = sandbox.store.workItemBySeedKey('cto-kr-1-3')!;
  const casey = sandbox.store.userByUsername('casey')!.id;
  const day = (offset: number) =>
    new Date(Date.parse(sandbox.store.nowIso()) - offset * 86_400_000).toISOString();
  sandbox.store.setProgress(item, { currentValue: 35 }, casey, day(14));
  sandbox.store.setHealthStatus(item, 'needsAttention', casey, day(7));
  sandbox.store.setProgress(item, { currentValue: 45 }, casey, day(2));
  sandbox.store.setHealthStatus(item, 'onTrack', casey, day(2));
}
