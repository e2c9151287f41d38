// The settings half of the options page, driven as a user would: a handbook check switched off
// or given another number, and a top-level objective, change what the panel says on the
// sandbox's GitLab page.
import type { Page } from '@playwright/test';
import { panelOf } from '../support/extension-browser';
import { test, expect } from './fixtures';

const warningOf = (page: Page, rule: string) =>
  panelOf(page).locator(`[data-testid="okr-warning"][data-rule="${rule}"]`);
const shots = 'test-results/screenshots';

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('switch', { name: 'Key results per objective' })).toBeVisible();
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
}

test('switching off the key result count silences its warning on the panel', async ({
  configuredPage: page,
  sandbox,
  extensionId,
  pageErrors,
}) => {
  await page.goto(sandbox.urlOf('cto-objective-5'));
  await expect(warningOf(page, 'key-result-count')).toContainText('6 key results');

  await openOptions(page, extensionId);
  const check = page.getByRole('switch', { name: 'Key results per objective' });
  await expect(check).toBeChecked();
  // By keyboard, as a switch is used without a mouse.
  await check.focus();
  await page.keyboard.press('Space');
  await expect(check).not.toBeChecked();
  await expectSaved(page);

  await page.reload();
  await expect(page.getByRole('switch', { name: 'Key results per objective' })).not.toBeChecked();
  await expect(page.getByLabel('Most key results')).toBeDisabled();

  await page.goto(sandbox.urlOf('cto-objective-5'));
  // The other checks still speak: the panel is there, judged with the new settings.
  await expect(warningOf(page, 'too-many-objectives')).toContainText('5 open objectives');
  await expect(warningOf(page, 'key-result-count')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a maximum of 6 key results silences the warning for six', async ({
  configuredPage: page,
  sandbox,
  extensionId,
}) => {
  await page.goto(sandbox.urlOf('cto-objective-5'));
  await expect(warningOf(page, 'key-result-count')).toBeVisible();

  await openOptions(page, extensionId);
  const maximum = page.getByLabel('Most key results');
  await expect(maximum).toHaveValue('3');
  await maximum.fill('0');
  await expect(page.getByText('Enter a whole number from 1 to 50.')).toBeVisible();
  await maximum.fill('6');
  await expect(page.getByText('Enter a whole number from 1 to 50.')).toHaveCount(0);
  await expectSaved(page);

  await page.goto(sandbox.urlOf('cto-objective-5'));
  await expect(warningOf(page, 'too-many-objectives')).toBeVisible();
  await expect(warningOf(page, 'key-result-count')).toHaveCount(0);

  // Back to the handbook: the warning returns.
  await openOptions(page, extensionId);
  await expect(page.getByLabel('Most key results')).toHaveValue('6');
  await page.getByRole('button', { name: 'Restore handbook defaults' }).click();
  await expect(page.getByLabel('Most key results')).toHaveValue('3');
  await expectSaved(page);
  await page.goto(sandbox.urlOf('cto-objective-5'));
  await expect(warningOf(page, 'key-result-count')).toContainText('6 key results');
});

test("a top-level objective's URL silences 'unaligned' on it", async ({
  configuredPage: page,
  sandbox,
  extensionId,
}) => {
  const url = sandbox.urlOf('cto-objective-5');
  await page.goto(url);
  await expect(warningOf(page, 'unaligned')).toBeVisible();

  await openOptions(page, extensionId);
  const field = page.getByLabel('Objective URL or reference');
  await field.fill('not a link');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('web address');
  await field.fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('top-level-list')).toContainText(url);
  await expectSaved(page);

  await page.goto(url);
  await expect(warningOf(page, 'key-result-count')).toBeVisible();
  await expect(warningOf(page, 'unaligned')).toHaveCount(0);
});

test('the settings in light and dark', async ({ configuredPage: page, extensionId, sandbox }) => {
  await openOptions(page, extensionId);
  await page.getByLabel('Objective URL or reference').fill('gitlab-com/gitlab-okrs#2448');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Date', { exact: true }).fill('2026-12-25');
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await page.getByLabel('On instance').selectOption(sandbox.url);
  await page.getByLabel('Group or project').fill('gitlab-com/gitlab-okrs');
  await page.getByRole('button', { name: 'Watch' }).click();
  await page.getByRole('switch', { name: 'Not measurable' }).click();
  await expectSaved(page);
  await expect(page.getByTestId('holiday-list')).toContainText('Dec 25, 2026');
  await expect(page.getByTestId('watched-list')).toContainText(
    `gitlab-com/gitlab-okrs on ${sandbox.url}`,
  );

  await page.reload();
  await expect(page.getByTestId('holiday-list')).toContainText('Dec 25, 2026');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${shots}/options-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${shots}/options-dark.png`, fullPage: true });
});
