// The quarter map's switcher in real Chromium against the sandbox: a group scope lists the
// quarters kept as milestones of its projects (FY24-Q2 is a milestone of gitlab-com/gitlab-okrs
// only, not of the group gitlab-com), and choosing one loads that quarter's items.
import { test, expect } from './fixtures';

test.describe('the quarter switcher', () => {
  test.describe.configure({ timeout: 90_000 });

  test('lists a quarter kept only by a subproject, and choosing it loads its items', async ({
    configuredPage: page,
    extensionId,
    sandbox,
  }) => {
    await page.goto(
      `chrome-extension://${extensionId}/map.html#instance=${encodeURIComponent(sandbox.url)}&scope=gitlab-com`,
    );
    await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 20_000 });
    // The label wraps the select, so its text holds every option: find it by its caption.
    const quarter = page
      .locator('label', { has: page.locator('span', { hasText: /^Quarter$/ }) })
      .locator('select');
    const options = () =>
      quarter
        .locator('option')
        .evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    await expect.poll(options).toContain('FY24-Q2');
    // One option a title (the current quarter is a milestone of the group and of its project),
    // newest first, so the list opens near today.
    const listed = await options();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.at(-1)).toBe('FY24-Q2');

    await quarter.selectOption('FY24-Q2');
    const objective = sandbox.item('fy24-q2-objective');
    const row = page.locator(
      `[data-testid="map-row"][data-reference="${objective.fullPath}#${objective.iid}"]`,
    );
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText(objective.title);
    expect(page.url()).toContain('quarter=FY24-Q2');
  });
});
