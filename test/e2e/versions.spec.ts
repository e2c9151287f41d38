// The sandbox can play an older GitLab for a whole file (`test.use({ gitlabVersion })` at the
// top: the option picks the worker's sandbox, so Playwright allows it per file, not per describe).
// On GitLab 17.0 the newest documents ask for fields that GitLab lacks (WorkItemWidgetNotes.notes,
// Namespace.workItems); GitLab refuses them, OKR Lens asks the version and sends 17.0's documents.
import { panelOf } from '../support/extension-browser';
import { expect, test } from './fixtures';

test.use({ gitlabVersion: '17.0' });

test.describe('on GitLab 17.0', () => {
  test("the sandbox reports 17.0, and the panel shows Ally's KR 2 with its score", async ({
    configuredPage: page,
    sandbox,
    request,
  }) => {
    const version = await request.get(`${sandbox.url}/api/v4/version`, {
      headers: { 'PRIVATE-TOKEN': sandbox.tokens.api },
    });
    expect(await version.json()).toMatchObject({ version: '17.0.0-ee', enterprise: true });

    await page.goto(sandbox.urlOf('ally-kr2'));
    const panel = panelOf(page);
    await expect(panel.getByTestId('okr-score-value')).toHaveText('69.4%');
    await expect(panel.getByTestId('okr-problem')).toHaveCount(0);
    // A newest document was refused (GitLab answers 200 with its errors), so OKR Lens asked the
    // version and sent 17.0's documents.
    expect(sandbox.graphqlRequests('VersionQuery').length).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screenshots/panel-gitlab-17.0-light.png' });
    await page.goto(`${sandbox.urlOf('ally-kr2')}?theme=dark`);
    await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('69.4%');
    await page.screenshot({ path: 'test-results/screenshots/panel-gitlab-17.0-dark.png' });
  });
});
