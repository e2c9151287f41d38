// Hardening in real Chromium against the sandbox: after a full session (panel, quick-create,
// badge watch) the token is nowhere but in the Authorization header of requests to its own
// instance; the background answers content scripts only what they may ask, in the declared
// shapes; hostile GitLab content renders as inert text; and no surface throws, in the service
// worker or in a page.
import type { Page } from '@playwright/test';
import { addInstance, openPopup, panelOf } from '../support/extension-browser';
import {
  askBackground,
  bidiLeaks,
  badgeOf,
  collectErrors,
  contentScriptWorld,
  injectedElements,
  mainWorldText,
  pushesOf,
  recordPushes,
  recordRequests,
  serviceWorker,
} from './hardening-support';
import { test, expect } from './fixtures';

test('after a full session the token is only ever in the Authorization header to its instance', async ({
  context,
  extensionId,
  sandbox,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  const token = sandbox.tokens.api;
  const errors = await collectErrors(context);
  const requests = recordRequests(context);
  const worker = serviceWorker(context);
  await recordPushes(worker);

  // Set-up as a user does it; the badge watch starts by itself on a new token.
  const page = await context.newPage();
  await addInstance(page, extensionId, sandbox.url, token);
  await expect(page.getByText('Token works')).toBeVisible();
  await expect.poll(async () => (await badgeOf(context)).text).toMatch(/^\d+$/);

  // The panel on an objective; the content script's own world records what it receives.
  const objective = sandbox.item('empty-objective');
  await page.goto(sandbox.urlOf('empty-objective'));
  await expect(panelOf(page)).toContainText(objective.title);
  const contentScript = await contentScriptWorld(page);
  await contentScript.evaluate(`(() => {
    globalThis.__received = [];
    chrome.runtime.onMessage.addListener((message) => { globalThis.__received.push(JSON.stringify(message)); });
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = async (...args) => {
      const answer = await send(...args);
      globalThis.__received.push(JSON.stringify(answer));
      return answer;
    };
  })()`);

  // Quick-create from the popup: the panel refreshes by itself (a push, then a fresh view).
  const popup = await openPopup(context, extensionId, page.url());
  const draft = popup.getByTestId('draft-0');
  await draft.getByLabel('Title').fill('Pair 12 new engineers with an on-call mentor');
  await draft.getByLabel('Start value').fill('0');
  await draft.getByLabel('Target value').fill('12');
  await popup.getByRole('button', { name: 'Create key result' }).click();
  await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1);
  await expect(panelOf(page)).toContainText('Pair 12 new engineers with an on-call mentor');

  // The badge watch, run from the popup as its refresh does.
  const report = (await askBackground(popup, { type: 'stale:refresh' })) as { state: string };
  expect(report.state).toBe('ok');

  // The same sandbox under another name is another site: no panel, no request with the token.
  const elsewhere = sandbox.urlOf('ally-kr2').replace('127.0.0.1', 'localhost');
  const other = await context.newPage();
  await other.goto(elsewhere);
  await expect(other.locator('body')).toContainText(sandbox.item('ally-kr2').title);

  // What a content script may ask, and what it is told.
  const ownRef = {
    origin: sandbox.url,
    basePath: '',
    fullPath: 'gitlab-com/gitlab-okrs',
    iid: sandbox.item('ally-kr2').iid,
    route: 'work_item',
    namespaceKind: 'project',
  };
  const otherRef = { ...ownRef, origin: new URL(elsewhere).origin };
  const asks = {
    ownView: { type: 'view:load', ref: ownRef },
    otherView: { type: 'view:load', ref: otherRef },
    otherPeek: { type: 'view:peek', ref: otherRef },
    instances: { type: 'instances:list' },
    saveToken: { type: 'instances:save', baseUrl: sandbox.url, token: 'glpat-from-a-page' },
    context: { type: 'create:context', ref: ownRef },
    submit: {
      type: 'create:submit',
      ref: ownRef,
      drafts: [
        {
          localId: 'page-1',
          title: 'Made by a web page',
          description: '',
          assigneeIds: [],
          milestoneId: null,
          dueDate: null,
          healthStatus: 'onTrack',
          progress: null,
        },
      ],
    },
    staleReport: { type: 'stale:report' },
    checkIn: {
      type: 'stale:checkIn',
      baseUrl: sandbox.url,
      id: 'gid://gitlab/WorkItem/1',
      health: 'atRisk',
    },
    unknownType: { type: 'token:get' },
    wrongShape: { type: 'view:load', ref: { origin: sandbox.url } },
    notAnObject: 'instances:list',
  };
  const answers = await contentScript.evaluate<Record<string, string>>(`(async () => {
    const asks = ${JSON.stringify(asks)};
    const answers = {};
    for (const [name, message] of Object.entries(asks))
      answers[name] = JSON.stringify(await chrome.runtime.sendMessage(message));
    return answers;
  })()`);
  const parsed = Object.fromEntries(
    Object.entries(answers).map(([name, text]) => [
      name,
      JSON.parse(text) as Record<string, unknown>,
    ]),
  );
  expect(parsed.ownView).toMatchObject({ ok: true, source: 'network' });
  for (const name of ['otherView', 'otherPeek'])
    expect(parsed[name]).toMatchObject({
      ok: false,
      problem: {
        kind: 'invalidRequest',
        message: 'A page may only ask about its own GitLab instance.',
      },
    });
  for (const name of ['instances', 'saveToken', 'context', 'submit', 'staleReport', 'checkIn'])
    expect(parsed[name]).toMatchObject({
      ok: false,
      problem: { kind: 'invalidRequest', message: 'Only OKR Lens itself may ask for that.' },
    });
  for (const name of ['unknownType', 'wrongShape', 'notAnObject'])
    expect(parsed[name]).toMatchObject({
      ok: false,
      problem: { kind: 'invalidRequest', message: 'OKR Lens did not understand that request.' },
    });
  // Nothing a page asked for was done.
  expect(sandbox.store.tokens.has('glpat-from-a-page')).toBe(false);
  expect(
    JSON.stringify([...sandbox.store.workItems.values()].map((item) => item.title)),
  ).not.toContain('Made by a web page');

  // The page's own JavaScript cannot reach the extension at all.
  const fromPage = await page.evaluate(async (id) => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } })
      .chrome?.runtime;
    if (typeof runtime?.sendMessage !== 'function') return 'no extension API';
    try {
      await (runtime.sendMessage as (id: string, message: unknown) => Promise<unknown>)(id, {
        type: 'instances:list',
      });
      return 'answered';
    } catch {
      return 'refused';
    }
  }, extensionId);
  expect(['no extension API', 'refused']).toContain(fromPage);

  // ---- Where the token is not ----
  const received = await contentScript.evaluate<string[]>('globalThis.__received');
  expect(received.some((message) => message.includes('"view:invalidated"'))).toBe(true);
  expect(received.some((message) => message.includes('Pair 12 new engineers'))).toBe(true);
  expect(received.join('\n')).not.toContain(token);
  expect(Object.values(answers).join('\n')).not.toContain(token);
  const pushes = await pushesOf(worker);
  expect(pushes.length).toBeGreaterThan(0);
  expect(pushes.join('\n')).not.toContain(token);

  for (const gitlabPage of [page, other]) {
    expect(await mainWorldText(gitlabPage)).not.toContain(token);
    expect(
      await gitlabPage.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
  }
  for (const open of context.pages()) expect(open.url()).not.toContain(token);

  const withToken = requests.filter((request) =>
    [request.url, request.body, ...Object.values(request.headers)].some((text) =>
      text.includes(token),
    ),
  );
  // The browser reports the service worker's requests: the check below sees the API calls.
  expect(
    requests.filter((request) => request.fromServiceWorker && request.url.includes('/api/')),
  ).not.toHaveLength(0);
  expect(withToken.length).toBeGreaterThan(0);
  for (const request of withToken) {
    expect(new URL(request.url).origin).toBe(sandbox.url);
    expect(request.url).not.toContain(token);
    expect(request.body).not.toContain(token);
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
  }
  // Requests to the other site carried no credentials of OKR Lens.
  const toOther = requests.filter((request) => request.url.startsWith(new URL(elsewhere).origin));
  expect(toOther.length).toBeGreaterThan(0);
  for (const request of toOther) expect(request.headers.authorization).toBeUndefined();
  expect(
    sandbox
      .requests()
      .map((entry) => entry.path)
      .join('\n'),
  ).not.toContain(token);

  await contentScript.detach();
  expect(errors).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** Bidi controls were on screen, and each sat in isolated text. */
function expectIsolated({ checked, leaks }: { checked: number; leaks: string[] }) {
  expect(leaks).toEqual([]);
  expect(checked).toBeGreaterThan(0);
}

/** Stretches a seeded item's title and description to 10,000 characters, with long words. */
function stretch(
  sandbox: { store: { workItems: Map<number, { title: string; description: string }> } },
  gid: string,
) {
  const record = sandbox.store.workItems.get(Number(gid.split('/').pop()));
  if (!record) throw new Error(`No work item ${gid}`);
  const words = 'Raise\u202E customer NPS from 30 to 40 across all regions ';
  record.title = `${words.repeat(120)}${'W'.repeat(4_000)}`.slice(0, 10_000);
  record.description = `${'Ä'.repeat(5_000)}${'<b>x</b> '.repeat(700)}`.slice(0, 10_000);
  return record.title;
}

test('hostile titles, descriptions, labels and names render as inert text in the panel and the popup', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
  pageErrors,
}) => {
  test.setTimeout(90_000);
  const errors = await collectErrors(context);
  const longTitle = stretch(sandbox, sandbox.item('hostile-long-kr').gid);
  const pwned = (target: Page) =>
    target.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

  // The panel on a key result whose title, parent, labels, note and scoring block carry markup.
  await page.goto(sandbox.urlOf('hostile-kr'));
  const panel = panelOf(page);
  await expect(panel).toContainText("<script>window.__pwned='kr'</script>KR");
  await expect(panel.getByTestId('okr-chain-step')).toContainText(
    `<img src=x onerror="window.__pwned='objective'"> Objective <b>bold</b>`,
  );
  await expect(panel.getByTestId('okr-score-value')).toBeVisible();
  expect(await injectedElements(page, 'panel')).toEqual([]);
  expectIsolated(await bidiLeaks(page, 'panel'));

  // Its objective, with both key results listed, one of them 10,000 characters long.
  await page.goto(sandbox.urlOf('hostile-objective'));
  await expect(panel.getByTestId('okr-child')).toHaveCount(2);
  await expect(panel.getByTestId('okr-child').nth(1)).toContainText(longTitle.slice(0, 40));
  expect(await injectedElements(page, 'panel')).toEqual([]);
  expectIsolated(await bidiLeaks(page, 'panel'));

  // The long key result's own page: the panel keeps within GitLab's sidebar.
  await page.goto(sandbox.urlOf('hostile-long-kr'));
  await expect(panel.getByTestId('okr-score-value')).toBeVisible();
  const sidebar = page.getByTestId('work-item-overview-right-sidebar');
  const [panelBox, sidebarBox] = [await panel.boundingBox(), await sidebar.boundingBox()];
  expect(panelBox && sidebarBox).toBeTruthy();
  expect(panelBox!.x).toBeGreaterThanOrEqual(sidebarBox!.x - 1);
  expect(panelBox!.x + panelBox!.width).toBeLessThanOrEqual(sidebarBox!.x + sidebarBox!.width + 1);
  expect(panelBox!.height).toBeLessThan(1_500);
  // Nothing inside the panel sticks out of it (the sandbox's own page may overflow: not ours).
  expect(
    await panel.evaluate((element) => element.scrollWidth - element.clientWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/panel-hostile-long.png' });

  // The popup on the hostile objective: its title, children and the DRI picker's names.
  const popup = await openPopup(context, extensionId, sandbox.urlOf('hostile-objective'));
  await expect(popup.getByTestId('popup-objective')).toContainText(
    `<img src=x onerror="window.__pwned='objective'"> Objective <b>bold</b>`,
  );
  const dri = popup.getByTestId('draft-0').getByLabel('DRI');
  const mallory = dri.locator('option', { hasText: 'Mal<b>lory</b>' });
  await expect(mallory).toHaveCount(1);
  await dri.selectOption({ label: (await mallory.textContent()) ?? '' });
  await popup.getByTestId('draft-0').getByLabel('Title').fill(longTitle.slice(0, 255));
  expect(await injectedElements(popup, 'document')).toEqual([]);
  expectIsolated(await bidiLeaks(popup, 'document'));
  expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await popup.screenshot({ path: 'test-results/screenshots/popup-hostile.png', fullPage: true });

  // The popup's stale list shows the hostile items' titles and chains too (mallory's are stale
  // only when watched: watch the namespace through the options page's own channel).
  for (const target of [page, popup]) expect(await pwned(target)).toBeUndefined();
  expect(errors).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** Fault cells checked in the browser (the Node matrix covers every cell on the same code). */
const BROWSER_CELLS = [
  { name: 'latency 1.5 s', fault: { kind: 'latency', ms: 1_500 }, kind: null },
  { name: '401', fault: { kind: 'status', status: 401 }, kind: 'unauthorized' },
  { name: '403', fault: { kind: 'status', status: 403 }, kind: 'forbidden' },
  { name: '404', fault: { kind: 'status', status: 404 }, kind: 'notFound' },
  { name: '500', fault: { kind: 'status', status: 500 }, kind: 'server' },
  { name: 'malformed JSON', fault: { kind: 'malformedJson' }, kind: 'malformed' },
  {
    name: 'GraphQL errors',
    fault: { kind: 'graphqlErrors', message: 'Internal error' },
    kind: 'graphql',
  },
  {
    name: 'progress widget missing',
    fault: { kind: 'missingWidget', widget: 'PROGRESS' },
    kind: null,
  },
  {
    name: 'hierarchy widget missing',
    fault: { kind: 'missingWidget', widget: 'HIERARCHY' },
    kind: null,
  },
  {
    name: 'a query GitLab refuses',
    fault: { kind: 'queryLimits', limits: { maxComplexity: 5 } },
    kind: 'queryRefused',
  },
  // Last: after a long Retry-After the badge rightly sits the wait out.
  { name: '429', fault: { kind: 'status', status: 429, retryAfter: 30 }, kind: 'rateLimited' },
] as const;

/** Kinds the badge marks with "!" (lib/services/stale-watch.ts needsAction). */
const MARKED = new Set([
  'unauthorized',
  'forbidden',
  'insufficientScope',
  'graphql',
  'malformed',
  'queryRefused',
]);

test('every fault in the panel, the popup’s create and the badge: a specific message, no error thrown, no draft lost or doubled', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
  pageErrors,
}) => {
  test.setTimeout(300_000);
  const errors = await collectErrors(context);
  const parent = sandbox.item('empty-objective');
  const parentId = Number(parent.gid.split('/').pop());
  const titlesUnderParent = () => sandbox.store.childrenOf(parentId).map((child) => child.title);
  await expect.poll(async () => (await badgeOf(context)).text).toMatch(/^\d+$/);

  for (const cell of BROWSER_CELLS) {
    await test.step(cell.name, async () => {
      // Panel.
      sandbox.faults.control({ clear: true, add: { ...cell.fault, scope: 'graphql' } as never });
      await page.goto(sandbox.urlOf('deep-kr-4'));
      const panel = panelOf(page);
      if (cell.kind) {
        await expect(panel.getByTestId('okr-problem')).toHaveAttribute(
          'data-problem-kind',
          cell.kind,
          {
            timeout: 20_000,
          },
        );
        if (cell.kind === 'queryRefused') {
          await page.screenshot({ path: 'test-results/screenshots/panel-query-refused.png' });
          await page.goto(`${sandbox.urlOf('deep-kr-4')}?theme=dark`);
          await expect(panel.getByTestId('okr-problem')).toHaveAttribute(
            'data-problem-kind',
            cell.kind,
            { timeout: 20_000 },
          );
          await page.screenshot({ path: 'test-results/screenshots/panel-query-refused-dark.png' });
        }
      } else {
        await expect(panel.getByTestId('okr-score-value')).toBeVisible({ timeout: 20_000 });
        // Unknown data makes no handbook warning up (deep-kr-4 has none).
        await expect(panel.getByTestId('okr-warning')).toHaveCount(0);
      }

      // Popup: the form loads without the fault, the create meets it.
      sandbox.faults.clear();
      const popup = await openPopup(context, extensionId, sandbox.urlOf('empty-objective'));
      const title = `Fault ${cell.name}: cut pages from 40 to 10`;
      const draft = popup.getByTestId('draft-0');
      await draft.getByLabel('Title').fill(title);
      await draft.getByLabel('Start value').fill('40');
      await draft.getByLabel('Target value').fill('10');
      sandbox.faults.control({ add: { ...cell.fault, scope: 'graphql' } as never });
      await popup.getByRole('button', { name: 'Create key result' }).click();
      if (cell.kind) {
        const alert = popup.locator(`[role="alert"][data-problem="${cell.kind}"]`);
        await expect(alert).toBeVisible({ timeout: 20_000 });
        await expect(alert).not.toHaveText('');
        if (cell.kind === 'queryRefused')
          await popup.screenshot({
            path: 'test-results/screenshots/popup-query-refused.png',
            fullPage: true,
          });
        // The draft is still there, and GitLab holds nothing yet.
        await expect(draft.getByLabel('Title')).toHaveValue(title);
        expect(titlesUnderParent().filter((t) => t === title)).toHaveLength(0);
        sandbox.faults.clear();
        await popup
          .getByRole('button', { name: /Retry \(checks first\)|Create key result/ })
          .first()
          .click();
      }
      await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1, {
        timeout: 20_000,
      });
      expect(titlesUnderParent().filter((t) => t === title)).toHaveLength(1);

      // Badge: the watch meets the fault (the count before it includes the new key result).
      await askBackground(popup, { type: 'stale:refresh' });
      const staleCount = (await badgeOf(context)).text;
      expect(staleCount).toMatch(/^\d+$/);
      sandbox.faults.control({ clear: true, add: { ...cell.fault, scope: 'graphql' } as never });
      await askBackground(popup, { type: 'stale:refresh' });
      const badge = await badgeOf(context);
      if (cell.kind) {
        expect(badge.title).toMatch(/could not check your OKRs on|Not checked on/);
        expect(badge.text).toBe(MARKED.has(cell.kind) ? '!' : staleCount);
      } else {
        expect(badge.text).toBe(staleCount);
      }
      sandbox.faults.clear();
      await popup.close();
    });
  }
  expect(errors).toEqual([]);
  expect(pageErrors).toEqual([]);
});
