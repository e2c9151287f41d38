// The quarter map page in real Chromium against the sandbox: every CTO objective and key result
// of the current quarter with the score the panel's view service gives the same item, the sums,
// the views and filters listing what they should, the state restored from a bookmarked URL, and
// the map opened from the panel with its item highlighted; once the items' notes are read, every
// row's warnings and staleness are the panel's, and a key result's sparkline has a dot per
// recorded update. Screenshots (light and dark) go to docs/screenshots for the README.
import path from 'node:path';
import type { QuarterMap } from '../../lib/okr/quarter/map-model';
import { panelOf } from '../support/extension-browser';
import { MAIN_PATH, test, expect } from './fixtures';
import {
  isTreeRequest,
  listedRows,
  mapData,
  matchingRows as matches,
  NOTES_OPERATION,
  openMap,
  panelFigures,
  panelVerdicts,
  recordFourUpdatesOfCtoKr13,
  referenceOf,
  rowOf,
} from './map-support';

const DOCS = path.resolve('docs/screenshots');
const SCOPE = 'gitlab-com/gitlab-okrs';

test.describe('the quarter map', () => {
  // A whole quarter's tree, and the panel's view of each item to compare: slower than one panel.
  test.describe.configure({ timeout: 120_000 });

  test(
    'shows every CTO objective and key result with the panel’s scores, in a few batched requests',
    MAIN_PATH,
    async ({ configuredPage: page, extensionId, sandbox }) => {
      const before = sandbox.requests().length;
      await openMap(page, extensionId, sandbox, SCOPE);
      // The tree's requests (the notes are read after it, counted in another test).
      const mapRequests = sandbox.requests().slice(before).filter(isTreeRequest);
      await expect(page.getByTestId('map-count')).toContainText('objectives and key results');
      await page.getByRole('button', { name: 'Expand all' }).click();

      const ctoKeys = sandbox.seedKeys().filter((key) => /^cto-(objective|kr)-/.test(key));
      expect(ctoKeys.length).toBeGreaterThan(20);
      const listed = await listedRows(page);
      for (const key of ctoKeys) expect(listed, key).toContain(referenceOf(sandbox, key));

      for (const key of ctoKeys) {
        const row = page.locator(
          `[data-testid="map-row"][data-reference="${referenceOf(sandbox, key)}"]`,
        );
        const shown = await row.getByTestId('map-score').getAttribute('data-score');
        const { score: expected } = await panelFigures(page, sandbox, key);
        expect(shown === '' ? null : Number(shown), key).toBe(expected);
      }

      // Never one request per item: a list page and one request per level.
      const data = await mapData(page);
      expect(data.items.length).toBeGreaterThan(50);
      expect(mapRequests.length).toBeLessThanOrEqual(12);

      // The sums count the rows.
      const objectives = data.items.filter((item) => item.type === 'objective');
      await expect(page.getByTestId('map-sum-objectives')).toContainText(String(objectives.length));
      await expect(page.getByTestId('map-sum-stale')).toContainText(String(data.summary.stale));

      // The explanation on demand is the panel's arithmetic.
      const first = page.locator(
        `[data-testid="map-row"][data-reference="${referenceOf(sandbox, 'cto-kr-1-1')}"]`,
      );
      await first.getByTestId('map-score').click();
      await expect(page.getByTestId('map-explanation')).toContainText('Method:');

      await page.getByRole('button', { name: 'Collapse all' }).click();
      await page
        .getByRole('button', { name: `Expand ${sandbox.item('cto-objective-1').title}` })
        .click();
      await page.screenshot({ path: path.join(DOCS, 'quarter-map-light.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: path.join(DOCS, 'quarter-map-dark.png') });
    },
  );

  test('the views and filters list what they should, and a bookmarked URL restores them', async ({
    configuredPage: page,
    extensionId,
    sandbox,
    context,
  }) => {
    await openMap(page, extensionId, sandbox, SCOPE);
    const data = await mapData(page);
    const matching = (keep: (item: QuarterMap['items'][number]) => boolean) =>
      data.items.filter(keep).map((item) => item.reference);

    // Collapsed: the top objectives only.
    expect(await listedRows(page)).toEqual(
      data.items.filter((item) => item.parentUrl === null).map((item) => item.reference),
    );

    await page.getByRole('button', { name: 'Mine' }).click();
    await expect(page.getByTestId('map-view-note')).toContainText('@casey');
    await expect.poll(() => matches(page)).toEqual(matching((item) => item.dri === 'casey'));

    await page.getByRole('button', { name: 'My team' }).click();
    await page.getByLabel('People (usernames)').fill('morgan, riley');
    await page.getByLabel('People (usernames)').press('Enter');
    await expect
      .poll(() => matches(page))
      .toEqual(matching((item) => item.dri === 'morgan' || item.dri === 'riley'));
    await page.getByLabel('People (usernames)').fill('');
    await page.getByLabel('People (usernames)').press('Enter');
    await page.getByRole('checkbox', { name: sandbox.item('cto-objective-2').title }).check();
    const under = data.items.find(
      (item) => item.reference === referenceOf(sandbox, 'cto-objective-2'),
    )!;
    await expect
      .poll(() => matches(page))
      .toEqual(matching((item) => item.url === under.url || item.parentUrl === under.url));

    await page.getByRole('button', { name: 'Everything' }).click();
    await page.getByRole('checkbox', { name: 'At risk' }).check();
    await expect.poll(() => matches(page)).toEqual(matching((item) => item.health === 'atRisk'));
    await page.getByRole('checkbox', { name: 'At risk' }).uncheck();

    await page.getByRole('checkbox', { name: 'Stale only' }).check();
    await expect.poll(() => matches(page)).toEqual(matching((item) => item.stale));
    await page.getByRole('checkbox', { name: 'Stale only' }).uncheck();

    await page.getByRole('checkbox', { name: 'With warnings' }).check();
    await page.getByLabel('Type', { exact: true }).selectOption('keyResult');
    await expect
      .poll(() => matches(page))
      .toEqual(matching((item) => item.warnings.length > 0 && item.type === 'keyResult'));
    await page.getByRole('checkbox', { name: 'With warnings' }).uncheck();
    await page.getByLabel('Type', { exact: true }).selectOption('all');

    await page.getByLabel('DRI', { exact: true }).selectOption('devon');
    await page.getByPlaceholder('Search by title').fill('hire');
    await expect
      .poll(() => matches(page))
      .toEqual(matching((item) => item.dri === 'devon' && /hire/i.test(item.title)));
    const bookmarked = page.url();
    const rows = await listedRows(page);
    expect(bookmarked).toContain('dri=devon');
    expect(bookmarked).toContain('search=hire');

    const again = await context.newPage();
    await again.goto(bookmarked);
    await expect(again.getByTestId('map-table')).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => listedRows(again)).toEqual(rows);
    await expect(again.getByPlaceholder('Search by title')).toHaveValue('hire');
    await expect(again.getByLabel('DRI', { exact: true })).toHaveValue('devon');
  });

  test(
    'once the notes are read, every CTO row’s warnings and staleness are the panel’s',
    MAIN_PATH,
    async ({ configuredPage: page, extensionId, sandbox }) => {
      await openMap(page, extensionId, sandbox, SCOPE);
      await page.getByRole('button', { name: 'Expand all' }).click();
      // The notes took batched requests (10 items each), not one per item.
      const data = await mapData(page);
      const status = await page.getByTestId('map-freshness').textContent();
      const notesRequests = Number(/history in (\d+) more requests/.exec(status ?? '')?.[1]);
      expect(notesRequests).toBe(sandbox.graphqlRequests(NOTES_OPERATION).length);
      expect(notesRequests).toBeLessThanOrEqual(Math.ceil(data.items.length / 10) + 2);

      const ctoKeys = sandbox.seedKeys().filter((key) => /^cto-(objective|kr)-/.test(key));
      const rulesThatReadNotes = new Set<string>();
      for (const key of ctoKeys) {
        const reference = referenceOf(sandbox, key);
        const row = data.items.find((item) => item.reference === reference)!;
        const panel = await panelVerdicts(page, sandbox, key);
        expect(row.warnings.map((warning) => warning.rule).sort(), key).toEqual(panel.warnings);
        expect(row.stale, key).toBe(panel.stale);
        for (const rule of panel.warnings)
          if (['health-stale', 'off-track-unexplained', 'manual-parent-progress'].includes(rule))
            rulesThatReadNotes.add(rule);
        // The row on the page shows the same count.
        const count = await rowOf(page, sandbox, key)
          .getByTestId('map-warnings')
          .evaluate((cell) =>
            [...cell.textContent!.matchAll(/(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0),
          );
        expect(count, key).toBe(row.warnings.length);
      }
      // The comparison covers checks the map used to leave to the panel.
      expect(rulesThatReadNotes.size).toBeGreaterThan(0);
    },
  );

  test('a key result’s sparkline has one dot per recorded update, from the notes', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    recordFourUpdatesOfCtoKr13(sandbox); // as report.spec's history chart test
    await openMap(page, extensionId, sandbox, SCOPE);
    await page.getByRole('button', { name: 'Expand all' }).click();
    const sparkline = rowOf(page, sandbox, 'cto-kr-1-3').getByTestId('okr-sparkline');
    await expect(sparkline.getByTestId('okr-sparkline-point')).toHaveCount(4);
    await expect(sparkline).toHaveAttribute(
      'aria-label',
      /^History: 4 recorded updates from Oct 25, 2026 to Nov 19, 2026; progress now 45%/,
    );
    // An objective's is rolled up from its key results: there, and labelled.
    await expect(
      rowOf(page, sandbox, 'cto-objective-1').getByTestId('okr-sparkline'),
    ).toHaveAttribute('aria-label', /^History: /);
  });

  test('opens from the panel with the item highlighted in its tree', async ({
    configuredPage: page,
    context,
    sandbox,
  }) => {
    await page.goto(sandbox.urlOf('cto-kr-1-2'));
    const panel = panelOf(page);
    await expect(panel.getByTestId('okr-score-value')).toBeVisible({ timeout: 20_000 });
    const opened = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Quarter map' }).click();
    const map = await opened;
    const focused = map.locator('[data-testid="map-row"][aria-current="true"]');
    await expect(focused).toHaveAttribute('data-reference', referenceOf(sandbox, 'cto-kr-1-2'), {
      timeout: 20_000,
    });
    await expect(focused).toBeInViewport();
    expect(map.url()).toContain(`scope=${SCOPE}`);
  });
});
