// Detection of how a group keeps its OKRs, as a user meets it: on the options page ("Where your
// OKRs live" → Detect) for the native group, the epics-and-labels group, the custom-type
// project and a group with none;
// and in the panel, on an epic of a group nobody set up ("Use epics and labels for acme?").
import type { Locator, Page } from '@playwright/test';
import { panelOf } from '../support/extension-browser';
import { test, expect } from './fixtures';

const shots = 'test-results/screenshots';

/** The sandbox instance's part of "Where your OKRs live" (gitlab.com is listed too). */
async function openCarriers(page: Page, extensionId: string, baseUrl: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const section = page
    .getByTestId('carrier-settings')
    .locator(`[data-testid="carrier-instance"][data-base-url="${baseUrl}"]`);
  await expect(section).toBeVisible();
  return section;
}

async function detect(section: Locator, path: string) {
  await section.getByLabel('Detect how a group keeps its OKRs').fill(path);
  await section.getByTestId('carrier-detect').click();
  const proposal = section.getByTestId('carrier-proposal');
  await expect(proposal).toBeVisible();
  return proposal;
}

test('the options page detects each group’s carrier and saves the one confirmed', async ({
  configuredPage: page,
  extensionId,
  sandbox,
}) => {
  const section = await openCarriers(page, extensionId, sandbox.url);
  // Nobody chose yet: every group is read with GitLab's OKR types.
  await expect(section.getByTestId('carrier-choice')).toHaveCount(1);
  await expect(section.getByTestId('carrier-choice')).toContainText(
    'All groups · Objective and key result work item types (default)',
  );

  const native = await detect(section, 'gitlab-com');
  await expect(native).toHaveAttribute('data-carrier', 'workItemTypes');
  await expect(native).toContainText(/Found \d+ objectives and \d+ key results in gitlab-com\./);

  const none = await detect(section, 'gitlab-org');
  await expect(none).toHaveAttribute('data-found', 'false');
  await expect(none).toContainText(
    'No OKRs found in gitlab-org: no Objective or Key Result items, no OKR labels, no labelled epics.',
  );

  const northwind = await detect(section, 'northwind/roadmap');
  await expect(northwind).toHaveAttribute('data-carrier', 'epics');
  await expect(northwind).toContainText(
    /Found \d+ objectives? and \d+ key results? in northwind\./,
  );
  await expect(northwind).toContainText('items of the type Key result');
  await expect(northwind.getByTestId('carrier-use')).toHaveText(
    'Use epics and Key result items for northwind',
  );

  const acme = await detect(section, 'acme');
  await expect(acme).toHaveAttribute('data-carrier', 'epics');
  await expect(acme).toContainText(
    /Found 6 objectives and \d+ key results in acme for FY\d\d-Q\d\./,
  );
  await expect(acme).toContainText('Objectives: epics labelled okr:o.');
  await page.emulateMedia({ colorScheme: 'light' });
  await page
    .getByTestId('carrier-settings')
    .screenshot({ path: `${shots}/options-carriers-proposal-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page
    .getByTestId('carrier-settings')
    .screenshot({ path: `${shots}/options-carriers-proposal-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  await section.getByTestId('carrier-use').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  const chosen = section.locator('[data-testid="carrier-choice"][data-group="acme"]');
  await expect(chosen).toContainText('acme · Epics and labelled issues');
  await expect(chosen).toContainText('Objectives: epics labelled okr:o');

  // Saved: after a reload it is still there, and it can be edited.
  await page.reload();
  await expect(chosen).toContainText('quarter from okrq:{quarter}');
  await chosen.getByRole('button', { name: 'Edit acme' }).click();
  const editor = section.getByTestId('carrier-editor');
  await expect(editor.getByLabel('Objective labels')).toHaveValue('okr:o');
  await editor.getByLabel('Key result labels').fill('okr:kr\nOKR, Key Result');
  await editor.getByTestId('carrier-save').click();
  await expect(chosen).toContainText('labelled OKR + Key Result');
  await page.emulateMedia({ colorScheme: 'light' });
  await page
    .getByTestId('carrier-settings')
    .screenshot({ path: `${shots}/options-carriers-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page
    .getByTestId('carrier-settings')
    .screenshot({ path: `${shots}/options-carriers-dark.png` });

  await chosen.getByRole('button', { name: 'Remove acme' }).click();
  await expect(chosen).toHaveCount(0);
});

test('the panel on an epic of a group nobody set up proposes epics and labels; Confirm saves it', async ({
  configuredPage: page,
  sandbox,
  extensionId,
}) => {
  await page.goto(`${sandbox.urlOf('acme-objective-1')}?theme=dark`);
  const card = panelOf(page).getByTestId('okr-carrier-proposal');
  await expect(card).toContainText(
    /OKR Lens found 6 objectives and \d+ key results in acme for FY\d\d-Q\d\. Use epics and labels for acme\?/,
  );
  await expect(card).toContainText('Objectives: epics labelled okr:o.');
  await page.screenshot({ path: `${shots}/panel-carrier-proposal-dark.png` });
  await page.goto(`${sandbox.urlOf('acme-objective-1')}?theme=light`);
  await expect(card).toBeVisible();
  await page.screenshot({ path: `${shots}/panel-carrier-proposal-light.png` });

  await card.getByTestId('okr-carrier-confirm').click();
  await expect(card).toHaveCount(0);
  await expect(panelOf(page).getByTestId('okr-score')).toBeVisible();
  await expect(panelOf(page).getByTestId('okr-child')).toHaveCount(4);
  // The group is set up: the options page shows the choice.
  const section = await openCarriers(page, extensionId, sandbox.url);
  await expect(section.locator('[data-testid="carrier-choice"][data-group="acme"]')).toContainText(
    'Epics and labelled issues',
  );
});

test('"Not now" hides the card for the rest of the session', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('acme-objective-2'));
  const card = panelOf(page).getByTestId('okr-carrier-proposal');
  await card.getByTestId('okr-carrier-dismiss').click();
  await expect(panelOf(page)).toHaveCount(0);
  await page.goto(sandbox.urlOf('acme-objective-1'));
  // The page has rendered; no question comes back.
  await expect(page.getByTestId('work-item-title').or(page.locator('h1')).first()).toBeVisible();
  await page.waitForTimeout(1_500);
  await expect(panelOf(page).getByTestId('okr-carrier-proposal')).toHaveCount(0);
});
