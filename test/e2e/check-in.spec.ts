// Check-ins from the popup, driven as a user would in real Chromium against the sandbox: every
// open view of the item (the popup's header, the panel on its page, the panel on its parent
// objective's page) shows the new value without a reload; and on a key result's page the popup
// leads with that key result's check-in and offers new key results under its objective.
// Screenshots of the popup on a key result's page, light and dark, are kept as artifacts.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openPopup, panelOf } from '../support/extension-browser';
import type { Sandbox } from '../sandbox/server';
import { test, expect } from './fixtures';

const SCREENSHOTS = path.resolve('test-results/screenshots');
/** Casey's key result at 25%, last updated 27 days ago: stale, so it is in the popup's list. */
const KEY_RESULT = 'cto-kr-1-3';
const OBJECTIVE = 'cto-objective-1';

/** The sandbox's record of a seeded item. */
function recordOf(sandbox: Sandbox, key: string) {
  return sandbox.store.workItem(Number(sandbox.item(key).gid.split('/').pop()));
}

/** The score a panel's row shows for one child of an objective. */
function childScore(panel: Locator, title: string): Locator {
  return panel.getByTestId('okr-child').filter({ hasText: title }).locator('.okr-step-score');
}

async function checkInFromStaleList(popup: Page, title: string, progress: string): Promise<void> {
  const row = popup.getByTestId('stale-section').getByTestId('stale-item').filter({
    hasText: title,
  });
  await row.getByRole('button', { name: `Check in: ${title}` }).click();
  const form = row.getByRole('form', { name: `Check in: ${title}` });
  await form.getByLabel('On track').check();
  await form.getByLabel('Progress (%)').fill(progress);
  await form.getByRole('button', { name: 'Save check-in' }).click();
}

test('a check-in updates the popup’s header and the open panels of the key result and its objective', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  // Three pages (two GitLab tabs and the popup) and a check-in: more than one page's budget.
  test.setTimeout(120_000);
  const keyResult = sandbox.item(KEY_RESULT);
  await page.goto(sandbox.urlOf(KEY_RESULT));
  const keyResultPanel = panelOf(page);
  await expect(keyResultPanel.getByTestId('okr-score-value')).toHaveText('25%');

  const objectivePage = await context.newPage();
  await objectivePage.goto(sandbox.urlOf(OBJECTIVE));
  const objectivePanel = panelOf(objectivePage);
  await expect(childScore(objectivePanel, keyResult.title)).toHaveText('25%');
  const objectiveScore = objectivePanel.getByTestId('okr-score-value');
  await expect(objectiveScore).toHaveText(/%$/);
  const objectiveScoreBefore = await objectiveScore.textContent();

  const popup = await openPopup(context, extensionId, page.url());
  await expect(popup.getByTestId('popup-score')).toContainText('25%');
  await checkInFromStaleList(popup, keyResult.title, '60');
  await expect.poll(() => recordOf(sandbox, KEY_RESULT)?.progress?.progress).toBe(60);

  // No reload anywhere: the popup's header, the key result's panel and its objective's panel.
  await expect(popup.getByTestId('popup-score')).toContainText('60%');
  await expect(keyResultPanel.getByTestId('okr-score-value')).toHaveText('60%');
  await expect(childScore(objectivePanel, keyResult.title)).toHaveText('60%');
  await expect(objectiveScore).not.toHaveText(objectiveScoreBefore!);
});

test('on a key result’s page the popup leads with its check-in and offers new key results under its objective', async ({
  // The instance and its token are set up through the options page first.
  configuredPage: _setUp,
  context,
  extensionId,
  sandbox,
}) => {
  test.setTimeout(120_000);
  const keyResult = sandbox.item(KEY_RESULT);
  const objective = sandbox.item(OBJECTIVE);
  const popup = await openPopup(context, extensionId, sandbox.urlOf(KEY_RESULT));
  await expect(popup.getByTestId('popup-objective')).toContainText(keyResult.title);
  await expect(popup.getByTestId('stale-section').getByTestId('stale-item').first()).toBeVisible();
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-key-result-light.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-key-result-dark.png') });
  await popup.emulateMedia({ colorScheme: 'light' });

  // Nothing reads like an error: a key result's page is a place to check in.
  await expect(popup.getByText('A key result cannot have children')).toHaveCount(0);
  const checkIn = popup.getByTestId('key-result-check-in');
  const form = checkIn.getByRole('form', { name: `Check in: ${keyResult.title}` });
  await expect(form).toBeVisible();
  // It leads: right under the header, above the list of other health updates, on the first screen.
  const formBox = (await form.boundingBox())!;
  const listBox = (await popup.getByTestId('stale-section').boundingBox())!;
  expect(formBox.y).toBeLessThan(listBox.y);
  expect(formBox.y + formBox.height).toBeLessThanOrEqual(900);

  await form.getByLabel('Needs attention').check();
  await form.getByLabel('Progress (%)').fill('40');
  await form.getByLabel(/Comment/).fill('Two of five experiments running.');
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(checkIn.getByRole('status')).toContainText('Check-in saved');
  const saved = recordOf(sandbox, KEY_RESULT)!;
  expect(saved.healthStatus).toBe('needsAttention');
  expect(saved.progress?.progress).toBe(40);
  // The check-in comment: its first line says what was checked in, the person's words follow.
  expect(saved.notes.map((note) => note.body)).toContain(
    'Check-in: needs attention, 40%\n\nTwo of five experiments running.',
  );
  await expect(popup.getByTestId('popup-score')).toContainText('40%');
  // Checked in this month: it leaves the list of health updates.
  await expect(
    popup.getByTestId('stale-section').getByTestId('stale-item').filter({
      hasText: keyResult.title,
    }),
  ).toHaveCount(0);

  // New key results go under the key result's objective.
  await popup.getByRole('button', { name: `Add key results to “${objective.title}”` }).click();
  await expect(popup.getByTestId('popup-objective')).toContainText(objective.title);
  await expect(popup.getByTestId('draft-0').getByLabel('Title')).toBeVisible();
});
