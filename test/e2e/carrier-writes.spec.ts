// Writes on every carrier (issue 12), driven in real Chromium against the sandbox: quick-create of
// a key result under an objective epic of `acme` (epics and labelled issues) makes exactly one
// issue in the picked project, under the epic, with the key-result and quarter labels, the DRI
// and the start / current / target custom field values; a check-in on an acme key result issue
// and on a northwind key result of the custom "Key result" type writes the custom field Current,
// and GitLab keeps the value and its system note. Screenshots of the form and the check-in, light
// and dark.
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { openPopup } from '../support/extension-browser';
import type { Sandbox } from '../sandbox/server';
import { DEFAULT_EPIC_SETTINGS, type CarrierSettings } from '../../lib/gitlab/carriers/conventions';
import { serviceWorker } from './hardening-support';
import { test, expect } from './fixtures';

const SCREENSHOTS = path.resolve('test-results/screenshots');

/** The few extension APIs the set-up calls inside the service worker (run there, not in Node). */
declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
  };
};

/** acme keeps its OKRs as epics labelled okr:o, issues labelled okr:kr, quarters as okrq: labels. */
const ACME: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { source: 'label', labelPattern: 'okrq:{quarter}' },
};
/** northwind: objectives are epics labelled OKR + Objective, quarters are milestones. */
const NORTHWIND: CarrierSettings = DEFAULT_EPIC_SETTINGS;

/**
 * Chooses the carriers for the sandbox's instance, as the options page saves them
 * (lib/settings.ts `carrierChoicesItem`: base URL → top-level group → settings).
 */
async function chooseCarriers(
  context: BrowserContext,
  groups: Record<string, CarrierSettings>,
): Promise<void> {
  await serviceWorker(context).evaluate(async (choices) => {
    const { instances } = (await chrome.storage.local.get('instances')) as {
      instances: { baseUrl: string }[];
    };
    const baseUrl = instances.find((i) => i.baseUrl.startsWith('http://127.0.0.1'))!.baseUrl;
    await chrome.storage.local.set({ carrierChoices: { [baseUrl]: choices } });
  }, groups);
}

function numericId(gid: string): number {
  return Number(gid.split('/').pop());
}

/** The issues GitLab holds under an epic, with what a key result is made of. */
function issuesUnder(sandbox: Sandbox, key: string) {
  const { store } = sandbox;
  return store
    .childrenOf(numericId(sandbox.item(key).gid))
    .filter((child) => child.type !== 'Epic')
    .map((child) => ({
      title: child.title,
      type: child.type,
      namespace: child.namespacePath,
      labels: child.labelIds.map((id) => store.labels.get(id)?.title).sort(),
      assignees: child.assigneeIds.map((id) => store.users.get(id)?.username),
      health: child.healthStatus,
      values: customValuesOf(sandbox, child.id),
    }));
}

/** The custom field values the sandbox holds for an item, by field name (Start, Current…). */
function customValuesOf(sandbox: Sandbox, itemId: number): Record<string, number | string> {
  const { store } = sandbox;
  const item = store.workItems.get(itemId)!;
  return Object.fromEntries(
    Object.entries(item.customValues).map(([fieldId, value]) => [
      store.customFields.get(Number(fieldId))!.name,
      value,
    ]),
  );
}

async function fillDraft(
  popup: Page,
  values: { title: string; start: string; current: string; target: string },
): Promise<void> {
  const draft = popup.getByTestId('draft-0');
  await draft.getByLabel('Title').fill(values.title);
  await draft.getByLabel('Start value').fill(values.start);
  await draft.getByLabel('Current value').fill(values.current);
  await draft.getByLabel('Target value').fill(values.target);
}

test('quick-create under an objective epic makes one key result issue with its label, quarter, DRI and values', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
  pageErrors,
}) => {
  await chooseCarriers(context, { acme: ACME, northwind: NORTHWIND });
  const objective = sandbox.item('acme-objective-2');
  const before = issuesUnder(sandbox, 'acme-objective-2').length;

  const popup = await openPopup(context, extensionId, sandbox.urlOf('acme-objective-2'));
  await expect(popup.getByTestId('popup-objective')).toContainText(objective.title);
  const destination = popup.getByTestId('create-destination');
  await expect(destination.getByLabel('Project')).toHaveValue('acme/engineering');
  await expect(destination).toContainText('okr:kr');
  await expect(destination).toContainText('okrq:');
  await fillDraft(popup, {
    title: 'Cut the median deploy time from 40 to 10 minutes',
    start: '40',
    current: '32',
    target: '10',
  });
  await popup.screenshot({
    path: path.join(SCREENSHOTS, 'popup-epic-create-light.png'),
  });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({
    path: path.join(SCREENSHOTS, 'popup-epic-create-dark.png'),
  });
  await popup.emulateMedia({ colorScheme: 'light' });

  await popup.getByRole('button', { name: 'Create key result' }).dblclick();
  await expect(popup.getByTestId('created-list').getByRole('link')).toHaveCount(1);
  await popup.waitForTimeout(500);

  const issues = issuesUnder(sandbox, 'acme-objective-2');
  expect(issues).toHaveLength(before + 1);
  const made = issues.filter(
    (issue) => issue.title === 'Cut the median deploy time from 40 to 10 minutes',
  );
  expect(made).toHaveLength(1);
  const quarterLabel = sandbox.store.workItems
    .get(numericId(objective.gid))!
    .labelIds.map((id) => sandbox.store.labels.get(id)!.title)
    .find((title) => title.startsWith('okrq:'));
  expect(made[0]).toMatchObject({
    type: 'Issue',
    namespace: 'acme/engineering',
    labels: ['okr:kr', quarterLabel].sort(),
    assignees: ['casey'],
    health: 'onTrack',
    values: { Start: 40, Current: 32, Target: 10 },
  });
  expect(pageErrors).toEqual([]);
  await page.close();
});

/**
 * Checks in a key result from the popup on its page: health, a new Current value and a comment,
 * with screenshots of the check-in (light and dark) before saving.
 */
async function checkInFromPopup(
  context: BrowserContext,
  extensionId: string,
  url: string,
  values: { current: string; health: string; comment: string; shots: string },
): Promise<void> {
  const popup = await openPopup(context, extensionId, url);
  const checkIn = popup.getByTestId('key-result-check-in');
  const field = checkIn.getByRole('spinbutton', { name: /^Current/ });
  await expect(field).toBeVisible();
  await field.fill(values.current);
  await checkIn.getByLabel(values.health).check();
  await checkIn.getByLabel(/^Comment/).fill(values.comment);
  await popup.screenshot({ path: path.join(SCREENSHOTS, `${values.shots}-light.png`) });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: path.join(SCREENSHOTS, `${values.shots}-dark.png`) });
  await popup.emulateMedia({ colorScheme: 'light' });
  await checkIn.getByRole('button', { name: 'Save check-in' }).click();
  await expect(checkIn.getByRole('status')).toContainText('Check-in saved');
  await popup.close();
}

/** The notes GitLab holds on a seeded item: system notes and comments, oldest first. */
function notesOf(sandbox: Sandbox, key: string) {
  return sandbox.store.workItems.get(numericId(sandbox.item(key).gid))!.notes.map((note) => ({
    system: note.system,
    body: note.body,
  }));
}

for (const { key, carrier } of [
  { key: 'acme-kr-2-1', carrier: 'an issue under an acme objective epic' },
  { key: 'nw-kr-1', carrier: 'a northwind item of the custom "Key result" type' },
]) {
  test(`a check-in on ${carrier} writes its custom field Current, and GitLab notes the change`, async ({
    configuredPage: page,
    context,
    extensionId,
    sandbox,
  }) => {
    await chooseCarriers(context, { acme: ACME, northwind: NORTHWIND });
    const itemId = numericId(sandbox.item(key).gid);
    const before = customValuesOf(sandbox, itemId);
    const next = Number(before.Current ?? 0) + 3;
    await checkInFromPopup(context, extensionId, sandbox.urlOf(key), {
      current: String(next),
      health: 'Needs attention',
      comment: 'Two pipelines are still slow',
      shots: `popup-checkin-${key}`,
    });
    expect(customValuesOf(sandbox, itemId)).toEqual({ ...before, Current: next });
    expect(sandbox.store.workItems.get(itemId)!.healthStatus).toBe('needsAttention');
    const notes = notesOf(sandbox, key);
    expect(notes).toContainEqual({
      system: true,
      body: `<p>changed Current to <code class="idiff">${next}</code></p>`,
    });
    expect(notes.at(-1)).toMatchObject({ system: false });
    // Its first line says what was checked in (a 0 → 100 key result's value is a percentage).
    expect(notes.at(-1)!.body).toMatch(
      new RegExp(
        `^Check-in: needs attention, ${next}(%| of )[\\s\\S]*Two pipelines are still slow$`,
      ),
    );
    await page.close();
  });
}
