// The panel on OKRs kept as epics and labelled issues (issue 12): the acme group is set up for
// the epics carrier as the options page stores it, then the panel is read on a key result issue
// three levels down and on an objective epic, as a user sees them.
import { DEFAULT_EPIC_SETTINGS } from '../../lib/gitlab/carriers/conventions';
import { panelOf } from '../support/extension-browser';
import { test, expect } from './fixtures';
import { chooseCarriers } from './stale-oracle';

const shots = 'test-results/screenshots';

test('a key result issue three levels down: chain of objective epics, score from custom fields, quarter from its label', async ({
  configuredPage: page,
  context,
  sandbox,
}) => {
  await chooseCarriers(context, { acme: DEFAULT_EPIC_SETTINGS });
  await page.goto(sandbox.urlOf('acme-kr-deep'));
  const panel = panelOf(page);
  const steps = panel.getByTestId('okr-chain-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText(sandbox.item('acme-objective-1').title);
  await expect(steps.nth(1)).toContainText(sandbox.item('acme-objective-1-ai').title);
  await expect(panel.getByTestId('okr-score-value')).toHaveText('43.1%');
  await expect(panel.getByTestId('okr-score-explanation')).toContainText(
    'Start → Target 0 → 72 (custom fields), now 31 in Current',
  );
  await expect(panel.getByTestId('okr-quarter')).toContainText('from its quarter label');
  await page.screenshot({ path: `${shots}/panel-acme-kr-deep-light.png` });
});

test('an objective epic: its key result issues and sub-objective, rolled up, with GitLab’s epic progress', async ({
  configuredPage: page,
  context,
  sandbox,
}) => {
  await chooseCarriers(context, { acme: DEFAULT_EPIC_SETTINGS });
  await page.goto(sandbox.urlOf('acme-objective-1'));
  const panel = panelOf(page);
  await expect(panel.getByTestId('okr-children')).toBeVisible();
  await expect(panel.getByTestId('okr-child').first()).toBeVisible();
  await expect(panel.getByTestId('okr-score-explanation')).toContainText('Mean of');
  await expect(panel.getByTestId('okr-gitlab-label')).toContainText("GitLab's epic progress:");
  await page.screenshot({ path: `${shots}/panel-acme-objective-light.png` });
  await page.goto(`${sandbox.urlOf('acme-objective-1')}?theme=dark`);
  await expect(panelOf(page).getByTestId('okr-gitlab-label')).toBeVisible();
  await page.screenshot({ path: `${shots}/panel-acme-objective-dark.png` });
});

test('a key result of the custom type "Key result": its objective epic, a score from the custom fields, its quarter', async ({
  configuredPage: page,
  context,
  sandbox,
}) => {
  await chooseCarriers(context, { northwind: DEFAULT_EPIC_SETTINGS });
  await page.goto(sandbox.urlOf('nw-kr-1'));
  const panel = panelOf(page);
  const steps = panel.getByTestId('okr-chain-step');
  await expect(steps).toHaveCount(1);
  await expect(steps.nth(0)).toContainText(sandbox.item('nw-objective').title);
  // Start 5, Target 2 (lower is better), Current 3.8: (5 − 3.8) / (5 − 2) = 40%.
  await expect(panel.getByTestId('okr-score-value')).toHaveText('40%');
  const explanation = panel.getByTestId('okr-score-explanation');
  await expect(explanation).toContainText(
    'Start → Target 5 → 2 (custom fields), now 3.8 in Current',
  );
  await expect(panel.getByTestId('okr-quarter')).toContainText('from its milestone');
  await page.screenshot({ path: `${shots}/panel-nw-kr-1-light.png` });
});
