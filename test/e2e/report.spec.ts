// The Key Review report and the history charts on the quarter map, in real Chromium against the
// sandbox: the downloaded report for a fixed date is the committed expected file (the one
// `okr-lens report` prints for the same scope and date, test/unit/services/report-fixture.test.ts),
// the CSV holds the whole tree, and a key result's history chart has one marker per recorded
// update. Screenshots (light and dark) go to docs/screenshots for the README.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './fixtures';
import { openMap, recordFourUpdatesOfCtoKr13, rowOf } from './map-support';

const DOCS = path.resolve('docs/screenshots');
const SCOPE = 'gitlab-com/gitlab-okrs';
const EXPECTED_REPORT = path.resolve('test/fixtures/report/key-review-gitlab-okrs.md');
/** The fixed date the expected report's changes are counted from. */
const REPORT_SINCE = '2026-11-01';

test.describe('the Key Review report and history', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the downloaded report for a fixed date is the expected file; the CSV holds every item', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    await openMap(page, extensionId, sandbox, SCOPE);
    await page.getByText('Key Review report', { exact: true }).click();
    await page.getByTestId('report-since').fill(REPORT_SINCE);

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download-md').click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/^key-review-.+-2026-11-21\.md$/);
    const text = await readFile((await markdown.path())!, 'utf8');
    // The expected file names the sandbox by one fixed origin (its port differs each run).
    expect(text.replaceAll(sandbox.url, 'https://gitlab.sandbox.test')).toBe(
      await readFile(EXPECTED_REPORT, 'utf8'),
    );
    await expect(page.getByTestId('report-status')).toContainText('Downloaded key-review-');
    await expect(page.getByTestId('report-preview')).toContainText('# Key Review:');
    await page.screenshot({ path: path.join(DOCS, 'key-review-report-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(DOCS, 'key-review-report-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download-csv').click(),
    ]);
    const rows = (await readFile((await csv.path())!, 'utf8')).split('\r\n').filter(Boolean);
    const count = await page.getByTestId('map-count').textContent();
    expect(rows[0]).toMatch(/^depth,type,reference,title,url,/);
    expect(count).toContain(String(rows.length - 1));
  });

  test('a key result’s history chart has one marker per recorded update', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    // cto-kr-1-3 was set to 25% and on track together 27 days ago (one update); three more
    // updates on three days, one of them two notes of one save, make four.
    recordFourUpdatesOfCtoKr13(sandbox);

    await openMap(page, extensionId, sandbox, SCOPE);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await rowOf(page, sandbox, 'cto-kr-1-3').getByTestId('map-score').click();
    const chart = page.getByTestId('okr-burnup');
    await expect(chart).toBeVisible();
    await expect(chart.getByTestId('okr-history-point')).toHaveCount(4);
    await expect(chart.locator('figcaption')).toContainText(
      '4 recorded updates from Oct 25, 2026 to Nov 19, 2026; progress now 45%',
    );
    await chart.getByText('Recorded updates as a table').click();
    await expect(chart.getByTestId('okr-burnup-table').locator('tbody tr')).toHaveCount(4);
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: path.join(DOCS, 'history-chart-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await chart.screenshot({ path: path.join(DOCS, 'history-chart-dark.png') });
  });
});
