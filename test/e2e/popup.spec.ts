// The popup's quick-create of key results, driven as a user would in real Chromium against the
// sandbox: created under the right objective with the right values, shown by the panel, and
// never lost (a closed popup keeps its draft) nor doubled (double click, a retry after a
// timeout GitLab survived). Failures a user must understand: a read-only token, a value update
// that failed after the create. Screenshots of the popup, light and dark, are kept as artifacts.
import http from 'node:http';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addInstance, openPopup, panelOf } from '../support/extension-browser';
import type { Sandbox } from '../sandbox/server';
import { badgeOf } from './hardening-support';
import { MAIN_PATH, test, expect } from './fixtures';

const SCREENSHOTS = path.resolve('test-results/screenshots');
const OBJECTIVE = 'empty-objective';

function numericId(gid: string): number {
  return Number(gid.split('/').pop());
}

/** The key results the sandbox holds under a seeded objective, with their values. */
function keyResultsUnder(sandbox: Sandbox, key: string) {
  return sandbox.store
    .childrenOf(numericId(sandbox.item(key).gid))
    .filter((child) => child.type === 'Key Result')
    .map((child) => ({
      title: child.title,
      values: child.progress
        ? [child.progress.startValue, child.progress.currentValue, child.progress.endValue]
        : null,
      progress: child.progress?.progress ?? null,
      assignees: child.assigneeIds.length,
      milestoneId: child.milestoneId,
      description: child.description,
      health: child.healthStatus,
    }));
}

async function fillDraft(
  popup: Page,
  index: number,
  values: { title: string; start?: string; current?: string; target?: string; unit?: string },
): Promise<void> {
  const draft = popup.getByTestId(`draft-${index}`);
  await draft.getByLabel('Title').fill(values.title);
  if (values.start !== undefined) await draft.getByLabel('Start value').fill(values.start);
  if (values.current !== undefined) await draft.getByLabel('Current value').fill(values.current);
  if (values.target !== undefined) await draft.getByLabel('Target value').fill(values.target);
  if (values.unit !== undefined) await draft.getByLabel('Unit').fill(values.unit);
}

/**
 * A GitLab in front of the sandbox that misbehaves for one GraphQL operation: `fail` answers
 * HTTP 500 without passing the request on; `loseAnswer` lets the sandbox apply it and never
 * answers (the client times out, not knowing whether it was saved).
 */
async function startFaultyGitLab(sandbox: Sandbox) {
  const upstream = new URL(sandbox.url);
  const rules: { operation: string; effect: 'fail' | 'loseAnswer'; times: number }[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let operation: string | null = null;
      if (req.url?.includes('/api/graphql') && body.length) {
        try {
          operation =
            (JSON.parse(body.toString()) as { operationName?: string }).operationName ?? null;
        } catch {
          operation = null;
        }
      }
      const rule = rules.find(
        (candidate) => candidate.operation === operation && candidate.times > 0,
      );
      if (rule) rule.times -= 1;
      if (rule?.effect === 'fail') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: '500 Internal Server Error' }));
        return;
      }
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            if (rule?.effect === 'loseAnswer') {
              held.push(res);
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    once(operation: string, effect: 'fail' | 'loseAnswer') {
      rules.push({ operation, effect, times: 1 });
    },
    /** The same page, served through the faulty GitLab. */
    urlOf(key: string) {
      return sandbox.urlOf(key).replace(sandbox.url, `http://127.0.0.1:${port}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test(
  'creates two key results with targets under the objective, and the panel shows them',
  MAIN_PATH,
  async ({ configuredPage: page, context, extensionId, sandbox, pageErrors }) => {
    const objective = sandbox.item(OBJECTIVE);
    await page.goto(sandbox.urlOf(OBJECTIVE));
    const panel = panelOf(page);
    await expect(panel).toContainText(objective.title);

    const popup = await openPopup(context, extensionId, page.url());
    await expect(popup.getByTestId('popup-objective')).toContainText(objective.title);
    await expect(popup.getByTestId('draft-0').getByLabel('DRI')).toBeVisible();

    await fillDraft(popup, 0, {
      title: 'Cut on-call onboarding from 10 to 3 days',
      start: '10',
      current: '8',
      target: '3',
      unit: 'days',
    });
    await popup.getByRole('button', { name: 'Add another' }).click();
    await fillDraft(popup, 1, {
      title: 'Pair 20 new engineers with an on-call mentor',
      start: '0',
      current: '5',
      target: '20',
      unit: 'engineers',
    });
    // The objective would then have two key results: within the handbook's 1 to 3.
    await expect(popup.getByLabel('Handbook checks for the objective')).toHaveCount(0);

    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-light.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-dark.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'light' });

    await popup.getByRole('button', { name: 'Create 2 key results' }).click();
    const created = popup.getByTestId('created-list');
    await expect(created.getByRole('link')).toHaveCount(2);

    const keyResults = keyResultsUnder(sandbox, OBJECTIVE);
    expect(keyResults.map(({ title, values, progress }) => ({ title, values, progress }))).toEqual([
      { title: 'Cut on-call onboarding from 10 to 3 days', values: [10, 8, 3], progress: 29 },
      { title: 'Pair 20 new engineers with an on-call mentor', values: [0, 5, 20], progress: 25 },
    ]);
    // The objective's milestone by default, its DRI (the token's user), and the handbook's sections.
    const seededMilestone = sandbox.store.workItems.get(numericId(objective.gid))?.milestoneId;
    for (const keyResult of keyResults) {
      expect(keyResult.milestoneId).toBe(seededMilestone);
      expect(keyResult.assignees).toBe(1);
      expect(keyResult.description).toMatch(
        /### Overview[\s\S]*### DRI\n\n@casey[\s\S]*### Scoring\n\nScored by progress/,
      );
    }
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-created.png'), fullPage: true });

    // The panel on the objective's page refreshes by itself.
    await expect(panel).toContainText('Cut on-call onboarding from 10 to 3 days');
    await expect(panel).toContainText('Pair 20 new engineers with an on-call mentor');
    expect(pageErrors).toEqual([]);
  },
);

test('closing the popup mid-typing and reopening it restores the draft', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  const url = sandbox.urlOf(OBJECTIVE);
  const popup = await openPopup(context, extensionId, url);
  await fillDraft(popup, 0, {
    title: 'FY27-Q4: Answer 95% of pages within 5 minu',
    start: '80',
    target: '95',
  });
  await popup.getByTestId('draft-0').getByLabel('Health status').selectOption('needsAttention');
  // The handbook's checks speak while the user types.
  await expect(
    popup.getByLabel('Handbook checks for key result 1').locator('[data-rule="title-prefix"]'),
  ).toContainText('starts with "FY27-Q4');
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-checks.png'), fullPage: true });
  await popup.close();

  const reopened = await openPopup(context, extensionId, url);
  const draft = reopened.getByTestId('draft-0');
  await expect(draft.getByLabel('Title')).toHaveValue('FY27-Q4: Answer 95% of pages within 5 minu');
  await expect(draft.getByLabel('Start value')).toHaveValue('80');
  await expect(draft.getByLabel('Target value')).toHaveValue('95');
  await expect(draft.getByLabel('Health status')).toHaveValue('needsAttention');
  expect(keyResultsUnder(sandbox, OBJECTIVE)).toEqual([]);
  await page.close();
});

test('a double click on Create makes one key result', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  const popup = await openPopup(context, extensionId, sandbox.urlOf(OBJECTIVE));
  await fillDraft(popup, 0, {
    title: 'Halve the time to first page from 14 to 7 days',
    start: '14',
    target: '7',
  });
  await popup.getByRole('button', { name: 'Create key result' }).dblclick();
  await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1);
  // A second submit arriving late must not make another.
  await popup.waitForTimeout(500);
  expect(keyResultsUnder(sandbox, OBJECTIVE).map((kr) => kr.title)).toEqual([
    'Halve the time to first page from 14 to 7 days',
  ]);
  await page.close();
});

test('a timeout after GitLab created the key result does not create a second one on retry', async ({
  context,
  extensionId,
  sandbox,
}) => {
  test.setTimeout(120_000);
  const gitlab = await startFaultyGitLab(sandbox);
  try {
    const page = await context.newPage();
    await addInstance(page, extensionId, gitlab.url, sandbox.tokens.api);
    await expect(page.getByText('Token works')).toBeVisible();
    gitlab.once('CreateKeyResultMutation', 'loseAnswer');

    const popup = await openPopup(context, extensionId, gitlab.urlOf(OBJECTIVE));
    await fillDraft(popup, 0, {
      title: 'Shadow 12 on-call shifts per new engineer',
      start: '0',
      target: '12',
    });
    await popup.getByRole('button', { name: 'Create key result' }).click();
    // GitLab saved it; its answer never came. The client gives up after 30 s.
    const unsure = popup.getByRole('alert').filter({ hasText: 'Not sure it was created' });
    await expect(unsure).toBeVisible({ timeout: 45_000 });
    expect(keyResultsUnder(sandbox, OBJECTIVE)).toHaveLength(1);

    await unsure.getByRole('button', { name: 'Retry (checks first)' }).click();
    await expect(popup.getByTestId('created-list')).toContainText('not created twice');
    const keyResults = keyResultsUnder(sandbox, OBJECTIVE);
    expect(keyResults.map(({ title, values }) => ({ title, values }))).toEqual([
      { title: 'Shadow 12 on-call shifts per new engineer', values: [0, 0, 12] },
    ]);
  } finally {
    await gitlab.close();
  }
});

test('a read_api token gets the read-only message', async ({ context, extensionId, sandbox }) => {
  const page = await context.newPage();
  await addInstance(page, extensionId, sandbox.url, sandbox.tokens.readApi);
  await expect(page.getByText('Token works')).toBeVisible();
  const popup = await openPopup(context, extensionId, sandbox.urlOf(OBJECTIVE));
  const alert = popup.getByTestId('create-unavailable').getByRole('alert');
  await expect(alert).toContainText('can only read (read_api scope)');
  await expect(alert.getByRole('button', { name: 'Update the token' })).toBeVisible();
  await expect(popup.getByTestId('draft-0')).toHaveCount(0);
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-read-only.png'), fullPage: true });
});

test('a failed value update leaves the created key result shown, with a retry of that step', async ({
  context,
  extensionId,
  sandbox,
}) => {
  const gitlab = await startFaultyGitLab(sandbox);
  try {
    const page = await context.newPage();
    await addInstance(page, extensionId, gitlab.url, sandbox.tokens.api);
    await expect(page.getByText('Token works')).toBeVisible();
    gitlab.once('UpdateProgressMutation', 'fail');

    const popup = await openPopup(context, extensionId, gitlab.urlOf(OBJECTIVE));
    await fillDraft(popup, 0, {
      title: 'Raise on-call survey score from 3 to 4',
      start: '3',
      target: '4',
    });
    await popup.getByRole('button', { name: 'Create key result' }).click();
    const partial = popup.getByRole('alert').filter({ hasText: 'values not set' });
    await expect(partial).toBeVisible();
    await expect(partial.getByRole('link')).toHaveAttribute('href', /\/-\/work_items\/\d+$/);
    expect(keyResultsUnder(sandbox, OBJECTIVE).map((kr) => kr.values)).toEqual([null]);
    await popup.screenshot({
      path: path.join(SCREENSHOTS, 'popup-values-failed.png'),
      fullPage: true,
    });

    await partial.getByRole('button', { name: 'Retry setting the values' }).click();
    await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1);
    expect(keyResultsUnder(sandbox, OBJECTIVE).map((kr) => kr.values)).toEqual([[3, 3, 4]]);
  } finally {
    await gitlab.close();
  }
});

test('elsewhere, the popup offers the user’s objectives and takes a pasted objective URL', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  // An objective seen in its panel tells OKR Lens where the user's OKRs live.
  await page.goto(sandbox.urlOf(OBJECTIVE));
  await expect(panelOf(page)).toContainText(sandbox.item(OBJECTIVE).title);
  const popup = await openPopup(context, extensionId, 'https://example.org/not-gitlab');
  const picker = popup.getByTestId('objective-picker');
  await expect(picker).toContainText('not on a GitLab instance set up in OKR Lens');
  const mine = picker.getByRole('list', { name: 'Your objectives' });
  const assigned = mine.getByRole('button', { name: /Reducing churn and contraction/ });
  await expect(assigned).toContainText('you are the DRI');
  await expect(mine.getByRole('button', { name: /Improve on-call onboarding/ })).toBeVisible();
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-elsewhere.png'), fullPage: true });

  await picker.getByLabel('Objective URL').fill('https://example.org/nothing');
  await picker.getByRole('button', { name: 'Open' }).click();
  await expect(picker).toContainText('names no work item on a GitLab set up in OKR Lens');
  await picker.getByLabel('Objective URL').fill(sandbox.urlOf(OBJECTIVE));
  await picker.getByRole('button', { name: 'Open' }).click();
  await expect(popup.getByTestId('popup-objective')).toContainText(sandbox.item(OBJECTIVE).title);

  await popup.goto(popup.url());
  await popup
    .getByTestId('objective-picker')
    .getByRole('button', { name: /Reducing churn/ })
    .click();
  await expect(popup.getByTestId('popup-objective')).toContainText(
    'Reducing churn and contraction',
  );
});

test('a new key result is not stale: creating one leaves the badge as it was', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  const popup = await openPopup(context, extensionId, sandbox.urlOf(OBJECTIVE));
  const checkNow = popup.getByTestId('stale-section').getByRole('button', { name: 'Check now' });
  await expect(checkNow).toBeEnabled();
  await expect.poll(async () => (await badgeOf(context)).text).toMatch(/^\d+$/);
  const before = (await badgeOf(context)).text;

  // The form as it opens: only a title and the values typed, nothing else touched.
  await fillDraft(popup, 0, {
    title: 'Cut the first on-call shift from 10 to 5 days',
    start: '10',
    target: '5',
  });
  await popup.getByRole('button', { name: 'Create key result' }).click();
  await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1);

  // The watch runs again and judges the new key result with the others.
  await checkNow.click();
  await expect(checkNow).toBeEnabled();
  await expect(
    popup.getByTestId('stale-item').filter({ hasText: 'Cut the first on-call shift' }),
  ).toHaveCount(0);
  expect((await badgeOf(context)).text).toBe(before);
  expect(keyResultsUnder(sandbox, OBJECTIVE).map((kr) => kr.health)).toEqual(['onTrack']);
  await page.close();
});
