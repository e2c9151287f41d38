// The in-page panel, driven as a user would: the sandbox's GitLab pages with the built extension.
import { addGeneratedObjective } from '../sandbox/seed/generate';
import { addInstance, panelOf } from '../support/extension-browser';
import { MAIN_PATH, test, expect } from './fixtures';

const shots = 'test-results/screenshots';

test('the panel shows the objective on its GitLab page', async ({
  configuredPage: page,
  sandbox,
  pageErrors,
}) => {
  const objective = sandbox.item('cto-objective-1');
  await page.goto(sandbox.urlOf('cto-objective-1'));
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(objective.title);
  await expect(panel).toContainText('Objective');
  expect(pageErrors).toEqual([]);
});

test(
  'a key result four levels deep shows its whole chain, its score and no false warnings',
  MAIN_PATH,
  async ({ configuredPage: page, sandbox }) => {
    await page.goto(sandbox.urlOf('deep-kr-4'));
    const panel = panelOf(page);
    const steps = panel.getByTestId('okr-chain-step');
    await expect(steps).toHaveCount(4);
    const expected = ['deep-o1', 'deep-o2', 'deep-o3', 'deep-o4'].map(
      (key) => sandbox.item(key).title,
    );
    for (const [index, title] of expected.entries())
      await expect(steps.nth(index)).toContainText(title);
    await expect(panel.getByTestId('okr-score-value')).toHaveText('45%');
    await expect(panel.getByTestId('okr-score-explanation')).toContainText('18/40');
    await expect(panel.getByTestId('okr-gitlab-progress')).toContainText('45%');
    // Aligned, one DRI, a number in the title, an issue linked, fresh health: nothing to warn.
    await expect(panel.getByTestId('okr-warning')).toHaveCount(0);
    await page.screenshot({ path: `${shots}/panel-deep-kr-light.png` });
  },
);

test(
  "Ally's KR 2 scores 69.4% from its four linked issues, with the breakdown",
  MAIN_PATH,
  async ({ configuredPage: page, sandbox }) => {
    await page.goto(sandbox.urlOf('ally-kr2'));
    const panel = panelOf(page);
    await expect(panel.getByTestId('okr-score-value')).toHaveText('69.4%');
    await expect(panel.getByTestId('okr-score-explanation')).toHaveText(
      // Four terms for four issues: two closed (25 each) and two open (0 and 7 of 9 tasks).
      /4 linked issues \(2 closed, 2 open\): 0 \+ 19\.4 \+ 25 \+ 25 = 69\.4%/,
    );
    await panel.getByText(/How it adds up/).click();
    await expect(panel).toContainText('7 of 9 tasks checked');
    await expect(panel.getByTestId('okr-chain-step')).toHaveCount(1);
    await page.goto(`${sandbox.urlOf('ally-kr2')}?theme=dark`);
    await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('69.4%');
    await page.screenshot({ path: `${shots}/panel-ally-kr2-dark.png` });
  },
);

test('a stale child’s health says so beside its pill; dates read in one style', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('health-objective'));
  const panel = panelOf(page);
  const children = panel.getByTestId('okr-child');
  await expect(children).toHaveCount(3);
  // Its health and progress last changed 40 days before the sandbox's 21 Nov 2026.
  const stale = children.filter({ hasText: sandbox.item('stale-kr-old').title });
  await expect(stale.locator('[data-health]')).toHaveText('On track');
  await expect(stale.getByTestId('okr-stale-mark')).toHaveText(
    'stale · no update since Oct 12, 2026',
  );
  const fresh = children.filter({ hasText: sandbox.item('fresh-kr').title });
  await expect(fresh.getByTestId('okr-stale-mark')).toHaveCount(0);
  // Its own health changed on Nov 3; GitLab's roll-up of fresh-kr's progress on Nov 4 is the
  // automation bot's, not a check-in, so it does not count.
  await expect(panel.getByTestId('okr-stale')).toContainText('updated on Nov 3, 2026.');
  await expect(panel).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: `${shots}/panel-stale-children-light.png` });
});

test('GitLab’s number and its roll-up are two sentences', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('manual-parent-objective'));
  await expect(panelOf(page).getByTestId('okr-gitlab-progress')).toContainText(
    'GitLab shows 80% (+50 points), 50 points higher than the computed score. ' +
      'Its roll-up of the children would be 30%.',
  );
});

test('a quarter in the title of an item without a milestone: move it there', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('no-milestone-kr'));
  const panel = panelOf(page);
  await expect(panel.locator('[data-rule="title-prefix"]')).toContainText(
    'The title starts with "Q4": set the quarter as the milestone instead and drop it from the title.',
  );
  await expect(panel.locator('[data-rule="no-milestone"]')).toBeVisible();
  await expect(panel).not.toContainText('milestone already says');
});

test(
  'an objective with six key results warns as the handbook says',
  MAIN_PATH,
  async ({ configuredPage: page, sandbox }) => {
    await page.goto(sandbox.urlOf('cto-objective-5'));
    const panel = panelOf(page);
    await expect(panel.getByTestId('okr-child')).toHaveCount(6);
    await expect(
      panel.locator('[data-testid="okr-warning"][data-rule="key-result-count"]'),
    ).toContainText('6 key results');
    await expect(
      panel.locator('[data-testid="okr-warning"][data-rule="too-many-objectives"]'),
    ).toContainText('5 open objectives');
    await page.screenshot({ path: `${shots}/panel-objective-light.png` });
  },
);

test('the panel follows client-side navigation and the drawer', async ({
  configuredPage: page,
  sandbox,
  pageErrors,
}) => {
  await page.goto(sandbox.urlOf('deep-kr-4'));
  const panel = panelOf(page);
  await expect(panel.getByTestId('okr-score-value')).toHaveText('45%');

  // A client-side link (pushState, no reload) to the parent objective.
  const parentTitle = sandbox.item('deep-o4').title;
  const documentId = await page.evaluate(
    () => ((window as unknown as { __marker?: number }).__marker = Math.random()),
  );
  await page.locator('#js-work-items').getByRole('link', { name: parentTitle }).first().click();
  await expect(panel.getByTestId('okr-child').first()).toBeVisible();
  await expect(panel).toContainText(parentTitle);
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(
    documentId,
  );

  // The list page opens items in a drawer with ?show=; the drawer gets its own panel.
  const listUrl = new URL(sandbox.urlOf('ally-kr2'));
  listUrl.pathname = listUrl.pathname.replace(/\/\d+$/, '');
  await page.goto(listUrl.toString());
  await page.getByRole('link', { name: sandbox.item('ally-kr2').title }).click();
  await expect(page).toHaveURL(/[?&]show=/);
  const drawer = page.getByTestId('work-item-drawer');
  await expect(panelOf(drawer).getByTestId('okr-score-value')).toHaveText('69.4%');
  await drawer.getByTestId('work-item-drawer-close').click();
  await expect(panelOf(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a page seen before paints from the cache before GitLab answers', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('ally-kr2'));
  await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('69.4%');
  // GitLab now takes 8 s to answer: only the cache can paint the score sooner.
  sandbox.faults.control({ add: { kind: 'latency', ms: 8_000, scope: 'graphql' } });
  const started = Date.now();
  await page.goto(sandbox.urlOf('ally-kr2'));
  await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('69.4%', {
    timeout: 5_000,
  });
  await expect(panelOf(page).getByTestId('okr-cache-hint')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(8_000);
});

test('a key result view costs one GraphQL request; an objective one per level below it', async ({
  configuredPage: page,
  sandbox,
}) => {
  const graphqlCount = (operation?: RegExp) => sandbox.graphqlRequests(operation).length;
  sandbox.clearRequests();
  await page.goto(sandbox.urlOf('deep-kr-4'));
  await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('45%');
  expect(graphqlCount()).toBe(1);

  // deep-o1 has four levels below it (three of objectives, then key results).
  sandbox.clearRequests();
  await page.goto(sandbox.urlOf('deep-o1'));
  await expect(panelOf(page).getByTestId('okr-score-value')).toBeVisible();
  await expect.poll(graphqlCount).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  expect(graphqlCount(/^OkrItemQuery$/)).toBe(1);
  expect(graphqlCount(/OkrDescendants/)).toBe(3);
  // The one extra request is the DRI's other objectives, which only too-many-objectives needs.
  expect(graphqlCount(/^(?!OkrItemQuery$|OkrDescendants)/)).toBeLessThanOrEqual(1);
});

test(
  'an objective with 1,000 descendants loads one request per level below it',
  MAIN_PATH,
  async ({ configuredPage: page, sandbox }) => {
    // Three levels of objectives, ten children each, key results on the last: 1,110 items.
    const tree = addGeneratedObjective(sandbox.store, {
      levels: 3,
      fanout: 10,
      namespacePath: sandbox.item('cto-objective-1').fullPath,
      keyPrefix: 'e2e-thousand',
    });
    expect(tree.items.length - 1).toBeGreaterThanOrEqual(1000);
    sandbox.clearRequests();
    await page.goto(`${sandbox.url}${sandbox.store.webPath(tree.root)}`);
    const panel = panelOf(page);
    await expect(panel.getByTestId('okr-score-value')).toBeVisible();
    await expect(panel.getByTestId('okr-child')).toHaveCount(10);
    await expect
      .poll(() => sandbox.graphqlRequests(/OkrDescendants/).filter((r) => r.status === 200).length)
      .toBe(2);
    // Two levels below the first: 10 objectives, then 100 (one request of 100 iids each).
    await page.waitForTimeout(500);
    expect(sandbox.graphqlRequests(/OkrDescendants/)).toHaveLength(2);
  },
);

test.describe('when things go wrong the panel says what and what to do', () => {
  const cases = [
    {
      name: 'token revoked',
      fault: { kind: 'status', status: 401 },
      kind: 'unauthorized',
      text: /token/i,
    },
    {
      name: 'scope missing',
      fault: { kind: 'status', status: 403 },
      kind: /forbidden|insufficientScope/,
      text: /scope|permission|access/i,
    },
    {
      name: 'rate limited',
      fault: { kind: 'status', status: 429, retryAfter: 30 },
      kind: 'rateLimited',
      text: /rate|too many|wait|retry/i,
    },
    {
      name: 'server error',
      fault: { kind: 'status', status: 500 },
      kind: 'server',
      text: /GitLab/,
    },
    {
      name: 'malformed answer',
      fault: { kind: 'malformedJson' },
      kind: 'malformed',
      text: /GitLab/,
    },
    {
      name: 'GraphQL errors',
      fault: { kind: 'graphqlErrors' },
      kind: /graphql|timeout/,
      text: /GitLab/,
    },
  ] as const;
  for (const entry of cases) {
    test(entry.name, async ({ configuredPage: page, sandbox, pageErrors }) => {
      sandbox.faults.control({ add: { ...entry.fault, scope: 'graphql' } as never });
      await page.goto(sandbox.urlOf('deep-kr-4'));
      const problem = panelOf(page).getByTestId('okr-problem');
      await expect(problem).toBeVisible({ timeout: 20_000 });
      await expect(problem).toHaveAttribute('data-problem-kind', entry.kind);
      await expect(problem).toContainText(entry.text);
      expect(pageErrors).toEqual([]);
    });
  }

  test('an item the token cannot read', async ({ configuredPage: page, sandbox }) => {
    // The page is there (the browser session may see it) but the token's user may not.
    await page.goto(`${sandbox.urlOf('ceo-confidential')}?sandbox_user=sam`);
    const problem = panelOf(page).getByTestId('okr-problem');
    await expect(problem).toHaveAttribute('data-problem-kind', 'notFound', { timeout: 20_000 });
    await expect(problem).toContainText(/not found|can.t see|access/i);
  });

  test('an instance without a token asks to set one up', async ({
    context,
    extensionId,
    sandbox,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(
      (baseUrl) =>
        // The options page's own channel, as its form would use it (saving without a token).
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage({ type: 'instances:save', baseUrl }),
      sandbox.url,
    );
    await page.goto(sandbox.urlOf('ally-kr2'));
    const problem = panelOf(page).getByTestId('okr-problem');
    await expect(problem).toHaveAttribute('data-problem-kind', 'noToken');
    // A web page may not link to an extension page: the panel asks the background to open it.
    const optionsOpened = context.waitForEvent('page', {
      predicate: (opened) => opened.url().includes('/options.html'),
    });
    await problem.getByRole('link', { name: /Set up/ }).click();
    expect((await optionsOpened).url()).toContain(`chrome-extension://${extensionId}/options.html`);
  });
});

test('an issue page shows the key results the issue counts toward, with their chains', async ({
  configuredPage: page,
  sandbox,
}) => {
  const url = sandbox.urlOf('ally-issue-19');
  expect(url).toContain('/-/issues/');
  await page.goto(url);
  const linked = panelOf(page).getByTestId('okr-linked-kr');
  await expect(linked).toHaveCount(1);
  await expect(linked).toContainText(sandbox.item('ally-kr2').title);
  await expect(linked).toContainText(sandbox.item('ally-objective').title);
});

test('an issue that counts toward no key result gets no panel', async ({
  configuredPage: page,
  sandbox,
}) => {
  await page.goto(sandbox.urlOf('ally-issue-19'));
  await expect(panelOf(page)).toBeVisible();
  // The same project's issue page for an issue with no key result: the panel stays away.
  await page.goto(sandbox.urlOf('plain-issue'));
  await expect(
    page.getByTestId('work-item-detail').or(page.locator('#js-work-items > *')).first(),
  ).toBeVisible();
  await page.waitForTimeout(1_500);
  await expect(panelOf(page)).toHaveCount(0);
});

test('a group-level objective page and an instance under a relative URL root', async ({
  context,
  extensionId,
  sandbox,
}) => {
  const page = await context.newPage();
  // A self-managed GitLab served under /gitlab: added with its path, as a user types it.
  await addInstance(page, extensionId, `${sandbox.url}/gitlab`, sandbox.tokens.api);
  await expect(page.getByTestId('save-result')).toContainText('Token works');
  await page.goto(sandbox.urlOf('deep-kr-4', { relativeRoot: true }));
  await expect(panelOf(page).getByTestId('okr-score-value')).toHaveText('45%');
  await expect(panelOf(page).getByTestId('okr-chain-step')).toHaveCount(4);

  const group = sandbox.urlOf('group-objective', { relativeRoot: true });
  expect(group).toContain('/groups/');
  await page.goto(group);
  await expect(panelOf(page)).toContainText(sandbox.item('group-objective').title);
  await expect(panelOf(page).getByTestId('okr-child').first()).toBeVisible();
});

test('after a slow first load, every section of the panel is labelled by its own heading', async ({
  configuredPage: page,
  sandbox,
}) => {
  // Slow enough for the loading skeleton to show first: the sections then mount in a later
  // render of the same root, which is where Preact's useId handed out ids already in use.
  sandbox.faults.control({ add: { kind: 'latency', ms: 2_000, scope: 'graphql' } });
  await page.goto(sandbox.urlOf('cto-objective-5'));
  await expect(panelOf(page).getByTestId('okr-skeleton')).toBeVisible();
  await expect(panelOf(page).getByTestId('okr-score-value')).toBeVisible();
  const ids = await page
    .locator('okr-lens-panel')
    .first()
    .evaluate((host) => [...host.shadowRoot!.querySelectorAll('[id]')].map((node) => node.id));
  expect(ids.length).toBeGreaterThan(3);
  expect(new Set(ids).size).toBe(ids.length);
  await expect(page.getByRole('region', { name: /OKR Lens/ })).toHaveCount(1);
  await expect(panelOf(page).getByRole('region', { name: 'Parent chain' })).toHaveCount(1);
});

test("the panel explains GitLab's number from GitLab's formula: past the target, wrong side of the start", async ({
  configuredPage: page,
  sandbox,
}) => {
  // GitLab 16+ counts a value past the target as 100% (ee/app/models/work_items/progress.rb).
  const kr = sandbox.store.workItemBySeedKey('cto-kr-4-1')!;
  const dri = kr.assigneeIds[0] ?? kr.authorId;
  expect(
    sandbox.store.setProgress(kr, { startValue: 0, currentValue: 25, endValue: 20 }, dri),
  ).toBe(null);
  await page.goto(sandbox.urlOf('cto-kr-4-1'));
  let panel = panelOf(page);
  await expect(panel.getByTestId('okr-gitlab-progress')).toContainText('GitLab shows 100%');
  await expect(panel.getByTestId('okr-gitlab-formula')).toHaveText(
    '25 is past the target 20: GitLab counts anything past the target as 100%.',
  );
  await panel
    .getByTestId('okr-score')
    .screenshot({ path: `${shots}/panel-gitlab-formula-light.png` });

  // A number an older GitLab (15.x) stored for a value on the wrong side of the start: the
  // undirected distance. That is a real drift, and the panel says where it comes from.
  kr.progress = { ...kr.progress!, startValue: 10, currentValue: 5, endValue: 20, progress: 50 };
  await page.goto(`${sandbox.urlOf('cto-kr-4-1')}?theme=dark`);
  panel = panelOf(page);
  await expect(panel.getByTestId('okr-gitlab-progress')).toContainText('GitLab shows 50%');
  await expect(panel.getByTestId('okr-drift')).toContainText('+50');
  await expect(panel.getByTestId('okr-gitlab-formula')).toHaveText(
    '5 is on the wrong side of the start 10: this GitLab counted the distance from the start, ' +
      '|5 − 10| / |20 − 10| = 50%, as progress; GitLab 16 and later count it 0%.',
  );
  await panel
    .getByTestId('okr-score')
    .screenshot({ path: `${shots}/panel-gitlab-formula-dark.png` });
});
