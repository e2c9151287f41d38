// Check-ins from the popup, driven as a user would in real Chromium against the sandbox: every
// open view of the item (the popup's header, the panel on its page, the panel on its parent
// objective's page) shows the new value without a reload.
import type { Locator, Page } from '@playwright/test';
import { openPopup, panelOf } from '../support/extension-browser';
import type { Sandbox } from '../sandbox/server';
import { test, expect } from './fixtures';

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
