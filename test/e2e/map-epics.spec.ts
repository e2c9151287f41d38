// The quarter map on OKRs kept as epics and labelled issues (issue 12's carrier), in real Chromium
// against the sandbox's `acme` group set up for the epics carrier as the options page offers it:
// every objective epic and key result issue of the quarter (taken from the `okrq:` label) with the
// score and GitLab's number the panel's view service gives the same item, in a few batched
// requests; the views and filters; a key result issue's history from custom-field and health
// changes; the Key Review report equal to the file `okr-lens report` prints
// (test/unit/services/report-fixture.test.ts); and the final scoring once the quarter has ended
// (the test build's clock moved past it), for acme and for the native seed. Screenshots (light
// and dark) go to docs/screenshots for the README.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_EPIC_SETTINGS } from '../../lib/gitlab/carriers/conventions';
import { percent } from '../../lib/okr/format';
import type { QuarterMap } from '../../lib/okr/quarter/map-model';
import { EPIC_WORK_ITEMS_FROM } from '../sandbox/graphql';
import type { Sandbox } from '../sandbox/server';
import { compareVersions } from '../sandbox/versions/profiles';
import { MAIN_PATH, test, expect } from './fixtures';
import {
  dayAfter,
  listedRows,
  mapData,
  matchingRows,
  isTreeRequest,
  openMap,
  panelFigures,
  referenceOf,
  rowOf,
  setExtensionClock,
  shownScore,
} from './map-support';
import { chooseCarriers } from './stale-oracle';

const DOCS = path.resolve('docs/screenshots');
const SCOPE = 'acme';
const EXPECTED_REPORT = path.resolve('test/fixtures/report/key-review-acme.md');
/** The fixed date the expected report's changes are counted from (as the CLI test's). */
const REPORT_SINCE = '2026-11-01';
/** The quarter the seed's `okrq:` label names for "now" (SANDBOX_NOW). */
const QUARTER = 'FY27-Q4';

/**
 * The seed's OKRs of acme's current quarter: objective epics and key result issues (and the key
 * result epic), not the key result epic's plain child issues nor last quarter's objective.
 */
function acmeQuarterKeys(sandbox: Sandbox): string[] {
  return sandbox
    .seedKeys()
    .filter((key) => /^acme-(objective|kr)-/.test(key) && !/-issue-|-previous$/.test(key));
}

/** Whether the GitLab the sandbox plays serves epics as work items (17.2), which the map reads. */
function hasEpicWorkItems(sandbox: Sandbox): boolean {
  return compareVersions(sandbox.gitlab.version, EPIC_WORK_ITEMS_FROM) >= 0;
}

/** The ids of an item and every item below it, at any depth. */
function subtreeOf(map: QuarterMap, url: string): Set<string> {
  const urls = new Set([url]);
  for (let grew = true; grew;) {
    grew = false;
    for (const item of map.items) {
      if (item.parentUrl && urls.has(item.parentUrl) && !urls.has(item.url)) {
        urls.add(item.url);
        grew = true;
      }
    }
  }
  return urls;
}

/** Downloads the Markdown Key Review report the page writes (since `since`, if given). */
async function downloadReport(page: Page, since?: string): Promise<string> {
  await page.getByText('Key Review report', { exact: true }).click();
  if (since) await page.getByTestId('report-since').fill(since);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-download-md').click(),
  ]);
  return readFile((await download.path())!, 'utf8');
}

/** The final scoring section of a report, up to its end (or the next section). */
function finalScoringOf(report: string): string | null {
  const start = report.indexOf('## Final scoring');
  if (start < 0) return null;
  const next = report.indexOf('\n## ', start + 1);
  return report.slice(start, next < 0 ? undefined : next);
}

/**
 * What the final scoring must hold for the map: a row for every key result with its final
 * score (or "not scored"), and exactly the unscored ones listed below the table.
 */
function expectFinalScoring(section: string, map: QuarterMap): void {
  const keyResults = map.items.filter((item) => item.type === 'keyResult');
  expect(keyResults.length).toBeGreaterThan(0);
  const rows = section.split('\n').filter((line) => /^\| \d+\.\d+ \|/.test(line));
  expect(rows).toHaveLength(keyResults.length);
  for (const item of keyResults) {
    const row = rows.find((line) => line.includes(`](${item.url})`));
    expect(row, item.reference).toBeDefined();
    expect(row, item.reference).toContain(
      `| ${item.score === null ? 'not scored' : percent(item.score)} |`,
    );
  }
  const unscored = keyResults.filter((item) => item.score === null);
  if (unscored.length === 0) {
    expect(section).toContain('Every key result has a final score.');
  } else {
    expect(section).toContain(`Still unscored (${unscored.length}):`);
    const listed = section.split('\n').filter((line) => line.startsWith('- '));
    expect(
      listed.map((line) => unscored.find((item) => line.includes(`](${item.url})`))?.url),
    ).toEqual(unscored.map((item) => item.url));
  }
}

test.describe('the quarter map on epics and labelled issues', () => {
  // A whole quarter's tree, and the panel's view of each item to compare: slower than one panel.
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ configuredPage: _configured, context }) => {
    // acme set up for the epics carrier with the convention the options page offers (quarter
    // source: milestone): acme keeps its quarters as labels, which the map must still find.
    await chooseCarriers(context, { acme: DEFAULT_EPIC_SETTINGS });
  });

  test(
    'shows every acme objective and key result with the panel’s scores and GitLab’s epic progress, in a few batched requests',
    MAIN_PATH,
    async ({ configuredPage: page, extensionId, sandbox }) => {
      if (!hasEpicWorkItems(sandbox)) {
        // Before GitLab 17.2 epics are no work items: the map has nothing to list and says why
        // (the version), not that acme keeps no quarters; no rows, no half a map.
        await page.goto(
          `chrome-extension://${extensionId}/map.html#instance=${encodeURIComponent(sandbox.url)}&scope=${SCOPE}`,
        );
        await expect(page.getByText('No OKRs to map here')).toBeVisible({ timeout: 20_000 });
        await expect(
          page.getByText(
            `GitLab ${sandbox.gitlab.version.major}.${sandbox.gitlab.version.minor} does not serve epics as work items`,
          ),
        ).toBeVisible();
        await expect(page.getByTestId('map-row')).toHaveCount(0);
        return;
      }
      const before = sandbox.requests().length;
      await openMap(page, extensionId, sandbox, SCOPE);
      // The tree's requests (the items' notes are read after it).
      const mapRequests = sandbox.requests().slice(before).filter(isTreeRequest);
      // The quarter is the label's (acme has no milestones), with the fiscal quarter's dates.
      expect(page.url()).toContain(`quarter=${QUARTER}`);
      await page.getByRole('button', { name: 'Expand all' }).click();

      const keys = acmeQuarterKeys(sandbox);
      expect(keys.length).toBeGreaterThan(20);
      const data = await mapData(page);
      expect(data.quarter).toEqual({ title: QUARTER, start: '2026-11-01', end: '2027-01-31' });
      // Exactly the quarter's OKRs: not last quarter's objective, not the plain child issues.
      expect([...(await listedRows(page))].sort()).toEqual(
        keys.map((key) => referenceOf(sandbox, key)).sort(),
      );
      expect(data.items.every((item) => item.carrier === 'epics')).toBe(true);

      let withGitlabNumber = 0;
      for (const key of keys) {
        const panel = await panelFigures(page, sandbox, key);
        expect(panel.quarter, key).toEqual({ title: QUARTER, source: 'label' });
        expect(await shownScore(page, sandbox, key), key).toBe(panel.score);
        const item = data.items.find((row) => row.reference === referenceOf(sandbox, key))!;
        expect(item.gitlabProgress, key).toBe(panel.gitlabProgress);
        // GitLab's number where the panel has one: an epic's progress bar.
        if (panel.gitlabProgress === null) continue;
        withGitlabNumber += 1;
        await expect(rowOf(page, sandbox, key).getByTestId('map-gitlab'), key).toContainText(
          `${panel.gitlabProgress}%`,
        );
      }
      expect(withGitlabNumber).toBeGreaterThan(3);

      // Never one request per item: a list page per quarter source and one request per level.
      expect(mapRequests.length).toBeLessThanOrEqual(8);
      expect(mapRequests.length).toBeLessThan(keys.length);

      await page.getByRole('button', { name: 'Collapse all' }).click();
      await page
        .getByRole('button', { name: `Expand ${sandbox.item('acme-objective-1').title}` })
        .click();
      await page
        .getByRole('button', { name: `Expand ${sandbox.item('acme-objective-1-ai').title}` })
        .click();
      await page.screenshot({ path: path.join(DOCS, 'quarter-map-epics-light.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: path.join(DOCS, 'quarter-map-epics-dark.png') });
    },
  );

  test('the views and filters list what they should on acme', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    await openMap(page, extensionId, sandbox, SCOPE);
    const data = await mapData(page);
    const matching = (keep: (item: QuarterMap['items'][number]) => boolean) => {
      const expected = data.items.filter(keep).map((item) => item.reference);
      // Every view and filter below lists something: an empty list would prove little.
      expect(expected.length).toBeGreaterThan(0);
      return expected;
    };
    const matches = () => matchingRows(page);

    // Collapsed: the top objective epics only.
    expect(await listedRows(page)).toEqual(
      data.items.filter((item) => item.parentUrl === null).map((item) => item.reference),
    );

    await page.getByRole('button', { name: 'Mine' }).click();
    await expect(page.getByTestId('map-view-note')).toContainText('@casey');
    await expect.poll(matches).toEqual(matching((item) => item.dri === 'casey'));

    await page.getByRole('button', { name: 'My team' }).click();
    await page.getByLabel('People (usernames)').fill('ines, olu');
    await page.getByLabel('People (usernames)').press('Enter');
    await expect
      .poll(matches)
      .toEqual(matching((item) => item.dri === 'ines' || item.dri === 'olu'));
    await page.getByLabel('People (usernames)').fill('');
    await page.getByLabel('People (usernames)').press('Enter');
    // Everything under objective 1, three levels down: its sub-objective epic and that one's KR.
    await page.getByRole('checkbox', { name: sandbox.item('acme-objective-1').title }).check();
    const under = subtreeOf(
      data,
      data.items.find((item) => item.reference === referenceOf(sandbox, 'acme-objective-1'))!.url,
    );
    expect(under.has(sandbox.urlOf('acme-kr-deep'))).toBe(true);
    await expect.poll(matches).toEqual(matching((item) => under.has(item.url)));

    await page.getByRole('button', { name: 'Everything' }).click();
    await page.getByRole('checkbox', { name: 'At risk' }).check();
    await expect.poll(matches).toEqual(matching((item) => item.health === 'atRisk'));
    await page.getByRole('checkbox', { name: 'At risk' }).uncheck();

    await page.getByRole('checkbox', { name: 'Stale only' }).check();
    await expect.poll(matches).toEqual(matching((item) => item.stale));
    await page.getByRole('checkbox', { name: 'Stale only' }).uncheck();

    // Key results include the key result kept as an epic (acme-kr-epic).
    await page.getByLabel('Type', { exact: true }).selectOption('keyResult');
    await expect.poll(matches).toEqual(matching((item) => item.type === 'keyResult'));
    expect(await matches()).toContain(referenceOf(sandbox, 'acme-kr-epic'));
    await page.getByRole('checkbox', { name: 'With warnings' }).check();
    await expect
      .poll(matches)
      .toEqual(matching((item) => item.warnings.length > 0 && item.type === 'keyResult'));
    await page.getByRole('checkbox', { name: 'With warnings' }).uncheck();
    await page.getByLabel('Type', { exact: true }).selectOption('all');

    await page.getByLabel('DRI', { exact: true }).selectOption('devon');
    await page.getByPlaceholder('Search by title').fill('features');
    await expect
      .poll(matches)
      .toEqual(matching((item) => item.dri === 'devon' && /features/i.test(item.title)));
    expect((await matches()).length).toBeGreaterThan(1);
  });

  test('a key result issue’s history chart has one marker per custom-field or health change', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    // acme-kr-2-1's Start, Current and Target were written 3 days ago with its health (one
    // save); three more saves on three days, one of them a new Current with a health change,
    // make four markers.
    const store = sandbox.store;
    const item = store.workItemBySeedKey('acme-kr-2-1')!;
    const casey = store.userByUsername('casey')!.id;
    const current = store
      .customFieldsOf(store.namespaces.get('acme')!)
      .find((field) => field.name === 'Current')!;
    const day = (offset: number) =>
      new Date(Date.parse('2026-11-21T10:00:00Z') - offset * 86_400_000 + 3_600_000).toISOString();
    const setCurrent = (value: number, at: string) =>
      expect(
        store.setCustomFieldValues(
          item,
          [{ customFieldId: current.id, numberValue: value }],
          casey,
          at,
        ),
      ).toBeNull();
    setCurrent(84, day(2));
    store.setHealthStatus(item, 'needsAttention', casey, day(1));
    setCurrent(91, day(0));
    store.setHealthStatus(item, 'onTrack', casey, day(0));

    await openMap(page, extensionId, sandbox, SCOPE);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await rowOf(page, sandbox, 'acme-kr-2-1').getByTestId('map-score').click();
    const chart = page.getByTestId('okr-burnup');
    await expect(chart).toBeVisible();
    await expect(chart.getByTestId('okr-history-point')).toHaveCount(4);
    await expect(chart.locator('figcaption')).toContainText('4 recorded updates');
    await expect(chart.locator('figcaption')).toContainText('progress now 91%');
    await chart.getByText('Recorded updates as a table').click();
    await expect(chart.getByTestId('okr-burnup-table').locator('tbody tr')).toHaveCount(4);
  });

  test('the Key Review report for a fixed date is the file `okr-lens report` prints for acme', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    await openMap(page, extensionId, sandbox, SCOPE);
    const report = await downloadReport(page, REPORT_SINCE);
    // The expected file names the sandbox by one fixed origin (its port differs each run).
    expect(report.replaceAll(sandbox.url, 'https://gitlab.sandbox.test')).toBe(
      await readFile(EXPECTED_REPORT, 'utf8'),
    );
    // Before the quarter's end there is nothing to score finally.
    expect(finalScoringOf(report)).toBeNull();
  });
});

test.describe('the final scoring after the quarter’s end (the clock moved past it)', () => {
  test.describe.configure({ timeout: 120_000 });

  for (const { scope, epics } of [
    { scope: 'gitlab-com/gitlab-okrs', epics: false },
    { scope: SCOPE, epics: true },
  ]) {
    test(`lists every key result’s final score and the unscored ones: ${scope}`, async ({
      configuredPage: page,
      context,
      extensionId,
      sandbox,
    }) => {
      if (epics) {
        await chooseCarriers(context, { acme: DEFAULT_EPIC_SETTINGS });
        // One key result left without a current value: nothing to score it by.
        const store = sandbox.store;
        const current = store
          .customFieldsOf(store.namespaces.get('acme')!)
          .find((field) => field.name === 'Current')!;
        const item = store.workItemBySeedKey('acme-kr-5-5')!;
        expect(
          store.setCustomFieldValues(
            item,
            [{ customFieldId: current.id, numberValue: null }],
            store.userByUsername('casey')!.id,
          ),
        ).toBeNull();
      }
      await setExtensionClock(context, dayAfter('2027-01-31'));
      await openMap(page, extensionId, sandbox, scope, `&quarter=${QUARTER}`);
      const data = await mapData(page);
      expect(data.quarter.end).toBe('2027-01-31');
      const section = finalScoringOf(await downloadReport(page));
      expect(section, 'the final scoring section').not.toBeNull();
      expect(section).toContain(`## Final scoring: ${QUARTER}`);
      expectFinalScoring(section!, data);
      if (epics) expect(section).toContain('Still unscored (1):');
      await expect(page.getByTestId('report-preview')).toContainText(`Final scoring: ${QUARTER}`);
    });
  }
});
