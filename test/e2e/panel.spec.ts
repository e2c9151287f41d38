// The in-page panel, driven as a user would: the sandbox's GitLab pages with the built extension.
import { test, expect } from './fixtures';

test('the panel shows the objective on its GitLab page', async ({ configuredPage: page, sandbox, pageErrors }) => {
  const objective = sandbox.item('cto-objective-1');
  await page.goto(sandbox.urlOf('cto-objective-1'));
  const panel = page.getByRole('region', { name: /OKR Lens/ });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(objective.title);
  await expect(panel).toContainText('Objective');
  expect(pageErrors).toEqual([]);
});
