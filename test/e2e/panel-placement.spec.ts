// Where the panel sits on GitLab's pages: it stays in view when the user hides GitLab's right
// sidebar, and it has a place on GitLab's legacy (non-work item) issue page too.
import type { Page } from '@playwright/test';
import { panelOf } from '../support/extension-browser';
import { test, expect } from './fixtures';

const shots = 'test-results/screenshots';

/** GitLab 18.x's own toggle: "More actions" → "Hide sidebar" / "Show sidebar". */
async function toggleSidebar(page: Page, label: 'Hide sidebar' | 'Show sidebar') {
  await page.getByTestId('work-item-actions-dropdown').click();
  const action = page.getByTestId('sidebar-toggle-action');
  await expect(action).toContainText(label);
  await action.click();
}

test('with the sidebar hidden the panel moves to the main column, and back when it is shown', async ({
  configuredPage: page,
  sandbox,
  pageErrors,
}) => {
  await page.goto(sandbox.urlOf('deep-kr-4'));
  const sidebar = page.getByTestId('work-item-overview-right-sidebar');
  const host = page.locator('okr-lens-panel');
  await expect(panelOf(sidebar).getByTestId('okr-score-value')).toHaveText('45%');

  await toggleSidebar(page, 'Hide sidebar');
  await expect(sidebar).toBeHidden();
  const mainColumn = page.locator('.work-item-overview-main');
  await expect(panelOf(mainColumn).getByTestId('okr-score-value')).toBeVisible();
  await expect(panelOf(mainColumn).getByTestId('okr-score-value')).toHaveText('45%');
  await expect(host).toHaveCount(1);
  await expect(host).toHaveAttribute('data-where', 'main');
  await page.screenshot({ path: `${shots}/panel-sidebar-hidden-light.png` });

  // GitLab keeps the choice (localStorage): the next page opens with the sidebar hidden.
  await page.goto(`${sandbox.urlOf('deep-kr-4')}?theme=dark`);
  await expect(sidebar).toBeHidden();
  await expect(panelOf(mainColumn).getByTestId('okr-score-value')).toHaveText('45%');
  await page.screenshot({ path: `${shots}/panel-sidebar-hidden-dark.png` });

  await toggleSidebar(page, 'Show sidebar');
  await expect(sidebar).toBeVisible();
  await expect(panelOf(sidebar).getByTestId('okr-score-value')).toHaveText('45%');
  await expect(host).toHaveCount(1);
  await expect(host).toHaveAttribute('data-where', 'sidebar');
  expect(pageErrors).toEqual([]);
});

test('the legacy issue page gets the panel in its right sidebar, or below the description when collapsed', async ({
  configuredPage: page,
  sandbox,
  pageErrors,
}) => {
  await page.goto(`${sandbox.urlOf('ally-issue-19')}?issue_view=legacy`);
  // GitLab's legacy page: no work item app, the HAML sidebar instead.
  await expect(page.locator('#js-work-items')).toHaveCount(0);
  const sidebar = page.locator('aside.right-sidebar.js-right-sidebar');
  await expect(sidebar).toHaveClass(/right-sidebar-expanded/);
  const linked = panelOf(sidebar).getByTestId('okr-linked-kr');
  await expect(linked).toHaveCount(1);
  await expect(linked).toContainText(sandbox.item('ally-kr2').title);
  await expect(linked).toContainText(sandbox.item('ally-objective').title);
  await page.screenshot({ path: `${shots}/panel-legacy-issue-light.png` });

  // Collapsed to its gutter, the sidebar has no room: the panel goes below the description.
  await sidebar.locator('.js-sidebar-toggle').click();
  await expect(sidebar).toHaveClass(/right-sidebar-collapsed/);
  const details = page.locator('.issue-details');
  await expect(panelOf(details).getByTestId('okr-linked-kr')).toContainText(
    sandbox.item('ally-kr2').title,
  );
  await expect(page.locator('okr-lens-panel')).toHaveAttribute('data-where', 'main');

  // Expanded again (GitLab's cookie keeps it): back in the sidebar, here in dark GitLab.
  await sidebar.locator('.js-sidebar-toggle').click();
  await page.goto(`${sandbox.urlOf('ally-issue-19')}?theme=dark`);
  await expect(page.locator('#js-work-items')).toHaveCount(0);
  await expect(panelOf(sidebar).getByTestId('okr-linked-kr')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/panel-legacy-issue-dark.png` });
  expect(pageErrors).toEqual([]);
});
