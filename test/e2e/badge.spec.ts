// The stale-health badge in real Chromium against the sandbox: after set-up the toolbar badge
// (read from the extension's service worker) shows how many OKRs need a health update; a quick
// check-in from the popup drops it by one and GitLab holds the new health, value and comment;
// with a revoked token the badge shows the failure mark and the popup says why.
import type { BrowserContext } from '@playwright/test';
import { openPopup } from '../support/extension-browser';
import { MAIN_PATH, test, expect } from './fixtures';
import { badgeOf } from './hardening-support';
import {
  WATCHED,
  browserTimeZone,
  chooseCarriers,
  sandboxHasCustomTypes,
  sandboxHasMyWorkItems,
  sandboxKindOf,
  staleInSandbox,
  watchNamespace,
  type SandboxCarriers,
} from './stale-oracle';
import { DEFAULT_EPIC_SETTINGS } from '../../lib/gitlab/carriers/conventions';

const SHOTS = 'test-results/screenshots';

const badgeText = async (context: BrowserContext) => (await badgeOf(context)).text;

test.describe('stale-health badge', () => {
  test(
    'shows the sandbox’s stale count; a quick check-in drops it by one and GitLab holds it',
    MAIN_PATH,
    async ({ context, extensionId, sandbox, configuredPage, pageErrors }) => {
      // Set-up is adding the instance with its token (the fixture); a GitLab older than 17.10
      // also needs a namespace to look in.
      const watched = sandboxHasMyWorkItems(sandbox) ? null : WATCHED;
      if (watched) await watchNamespace(context, watched);
      const stale = staleInSandbox(sandbox, await browserTimeZone(context), watched);
      expect(stale.length).toBeGreaterThan(1);
      await expect.poll(() => badgeText(context)).toBe(String(stale.length));
      // The tooltip names them: every name it lists is one of the stale items.
      const named = [...(await badgeOf(context)).title.matchAll(/^• (.+) \([^)]*\)$/gm)].map(
        (m) => m[1],
      );
      expect(named.length).toBe(Math.min(stale.length, 8));
      for (const title of named) expect(stale.map((item) => item.title)).toContain(title);

      const popup = await openPopup(context, extensionId);
      const section = popup.getByTestId('stale-section');
      await expect(section.getByTestId('stale-item')).toHaveCount(stale.length);
      await section.screenshot({ path: `${SHOTS}/stale-list.png` });

      // A key result with a value to report, whose health is not already "at risk".
      const target = stale.find(
        (item) => item.type === 'Key Result' && item.progress && item.healthStatus !== 'atRisk',
      );
      expect(target, 'the sandbox seeds a stale key result with progress').toBeDefined();
      const newValue = (target!.progress!.currentValue + 1) % (target!.progress!.endValue + 1);
      const row = section.getByTestId('stale-item').filter({ hasText: target!.title });
      await row.getByRole('button', { name: `Check in: ${target!.title}` }).click();
      const form = row.getByRole('form', { name: `Check in: ${target!.title}` });
      await form.getByLabel('At risk').check();
      await form.getByLabel(/Progress \(%\)|Current value/).fill(String(newValue));
      await form.getByLabel(/Comment/).fill('Vendor contract slipped to next month.');
      await row.screenshot({ path: `${SHOTS}/stale-checkin.png` });
      await form.getByRole('button', { name: 'Save check-in' }).click();

      await expect(row).toHaveCount(0);
      await expect.poll(() => badgeText(context)).toBe(String(stale.length - 1));
      const saved = sandbox.store.workItem(target!.id)!;
      expect(saved.healthStatus).toBe('atRisk');
      expect(saved.progress?.currentValue).toBe(newValue);
      expect(saved.notes.map((note) => note.body)).toContain(
        `Check-in: at risk, ${newValue}${target!.progress!.endValue === 100 ? '%' : ` of ${target!.progress!.endValue}`}\n\nVendor contract slipped to next month.`,
      );

      await popup.emulateMedia({ colorScheme: 'dark' });
      await section.screenshot({ path: `${SHOTS}/stale-list-dark.png` });
      expect(configuredPage).toBeTruthy();
      expect(pageErrors).toEqual([]);
    },
  );

  test(
    'counts stale OKRs on every carrier: GitLab’s types, acme’s epics and issues, northwind’s custom type; a check-in from the list works there too',
    MAIN_PATH,
    async ({ context, extensionId, sandbox, configuredPage, pageErrors }) => {
      // Set-up as the options page stores it: acme and northwind keep their OKRs as epics and
      // labelled issues (northwind's key results are its project's custom "Key result" type).
      const carriers: SandboxCarriers = {
        acme: DEFAULT_EPIC_SETTINGS,
        northwind: DEFAULT_EPIC_SETTINGS,
      };
      await chooseCarriers(context, carriers);
      const watched = sandboxHasMyWorkItems(sandbox) ? null : WATCHED;
      if (watched) await watchNamespace(context, watched);
      const timeZone = await browserTimeZone(context);
      const stale = staleInSandbox(sandbox, timeZone, watched, carriers);
      const groups = new Set(stale.map((item) => item.namespacePath.split('/')[0]));
      // The seed makes the demo user the DRI of stale OKRs on every carrier (northwind's key
      // results are of a custom type, which GitLab has from 19.1).
      const carried = [
        'acme',
        'gitlab-com',
        ...(sandboxHasCustomTypes(sandbox) ? ['northwind'] : []),
      ];
      expect([...groups].sort()).toEqual(expect.arrayContaining(carried));
      await expect.poll(() => badgeText(context), { timeout: 20_000 }).toBe(String(stale.length));

      const popup = await openPopup(context, extensionId);
      const section = popup.getByTestId('stale-section');
      const rows = section.getByTestId('stale-item');
      await expect(rows).toHaveCount(stale.length);
      // Several carriers hold the handbook's titles: a row is told by its own link.
      const rowOf = (item: (typeof stale)[number]) =>
        rows.filter({
          has: popup.locator(
            `.okr-stale__title a[href="${sandbox.url}${sandbox.store.webPath(item)}"]`,
          ),
        });
      for (const item of stale) {
        const row = rowOf(item);
        await expect(row).toHaveCount(1);
        const names = item.assigneeIds.map((id) => sandbox.store.users.get(id)!.name);
        await expect(row.getByTestId('stale-dri')).toHaveText(`DRI: ${names.join(', ')}`);
      }
      if (!watched) {
        // The newest GitLab, the user's own OKRs only: the list a user of today's GitLab sees.
        await section.screenshot({ path: `${SHOTS}/stale-list-carriers-light.png` });
        await popup.emulateMedia({ colorScheme: 'dark' });
        await section.screenshot({ path: `${SHOTS}/stale-list-carriers-dark.png` });
        await popup.emulateMedia({ colorScheme: 'light' });
      }

      // A key result issue of acme (a key result because its parent epic is labelled okr:o).
      const target = stale.find(
        (item) =>
          item.namespacePath.startsWith('acme/') &&
          sandboxKindOf(sandbox, item, carriers) === 'keyResult' &&
          item.healthStatus !== 'atRisk',
      );
      expect(target, 'the seed has a stale acme key result issue of the demo user').toBeDefined();
      const row = rowOf(target!);
      await row.getByRole('button', { name: `Check in: ${target!.title}` }).click();
      const form = row.getByRole('form', { name: `Check in: ${target!.title}` });
      await form.getByLabel('At risk').check();
      await form.getByLabel(/Comment/).fill('Waiting on the vendor.');
      await form.getByRole('button', { name: 'Save check-in' }).click();
      await expect(row).toHaveCount(0);
      await expect.poll(() => badgeText(context)).toBe(String(stale.length - 1));
      const saved = sandbox.store.workItem(target!.id)!;
      expect(saved.healthStatus).toBe('atRisk');
      expect(saved.notes.at(-1)?.body).toMatch(
        /^Check-in: at risk(, .+)?\n\nWaiting on the vendor\.$/,
      );
      // The sandbox, judged again, agrees.
      expect(staleInSandbox(sandbox, timeZone, watched, carriers)).toHaveLength(stale.length - 1);
      expect(configuredPage).toBeTruthy();
      expect(pageErrors).toEqual([]);
    },
  );

  test(
    'a watched namespace adds everyone’s stale OKRs there, marked as watched',
    MAIN_PATH,
    async ({ context, extensionId, sandbox, configuredPage }) => {
      test.skip(!sandboxHasMyWorkItems(sandbox), 'the first test already watches the namespace');
      const own = staleInSandbox(sandbox, await browserTimeZone(context), null);
      await expect.poll(() => badgeText(context)).toBe(String(own.length));
      await watchNamespace(context, WATCHED);
      const all = staleInSandbox(sandbox, await browserTimeZone(context), WATCHED);
      expect(all.length).toBeGreaterThan(own.length);
      await expect.poll(() => badgeText(context)).toBe(String(all.length));
      const popup = await openPopup(context, extensionId);
      const items = popup.getByTestId('stale-section').getByTestId('stale-item');
      await expect(items).toHaveCount(all.length);
      await expect(items.filter({ hasText: 'watched' })).toHaveCount(all.length - own.length);
      expect(configuredPage).toBeTruthy();
    },
  );

  test(
    'a check-in that changes nothing lowers the stale count by one; GitLab holds its comment',
    MAIN_PATH,
    async ({ context, extensionId, sandbox, configuredPage }) => {
      const watched = sandboxHasMyWorkItems(sandbox) ? null : WATCHED;
      if (watched) await watchNamespace(context, watched);
      const stale = staleInSandbox(sandbox, await browserTimeZone(context), watched);
      await expect.poll(() => badgeText(context)).toBe(String(stale.length));
      // Still on track, same value: GitLab itself would write no system note for this.
      const target = stale.find((item) => item.type === 'Key Result' && item.healthStatus !== null);
      expect(target, 'the sandbox seeds a stale key result with a health status').toBeDefined();
      const systemNotesBefore = sandbox.store.workItem(target!.id)!.notes.filter((n) => n.system);

      const popup = await openPopup(context, extensionId);
      const row = popup.getByTestId('stale-item').filter({ hasText: target!.title });
      await row.getByRole('button', { name: `Check in: ${target!.title}` }).click();
      const form = row.getByRole('form', { name: `Check in: ${target!.title}` });
      await expect(form).toContainText('the check-in is kept as a comment');
      await form.getByRole('button', { name: 'Save check-in' }).click();

      await expect(row).toHaveCount(0);
      await expect.poll(() => badgeText(context)).toBe(String(stale.length - 1));
      const saved = sandbox.store.workItem(target!.id)!;
      expect(saved.notes.filter((n) => n.system)).toEqual(systemNotesBefore);
      const comment = saved.notes.at(-1);
      expect(comment?.system).toBe(false);
      expect(comment?.body).toMatch(/^Check-in: (on track|needs attention|at risk)(, .+)?$/);
      // The watch, run again, agrees: the comment is this month's update.
      expect(staleInSandbox(sandbox, await browserTimeZone(context), watched)).toHaveLength(
        stale.length - 1,
      );
      expect(configuredPage).toBeTruthy();
    },
  );

  test('the check-in form refuses a number GitLab would refuse and says what GitLab stores past the target', async ({
    context,
    extensionId,
    sandbox,
    configuredPage,
  }) => {
    const watched = sandboxHasMyWorkItems(sandbox) ? null : WATCHED;
    if (watched) await watchNamespace(context, watched);
    const kr = sandbox.store.workItemBySeedKey('stale-kr-month')!;
    expect(kr.progress).toMatchObject({ startValue: 0, endValue: 6 });
    const popup = await openPopup(context, extensionId);
    const row = popup.getByTestId('stale-item').filter({ hasText: kr.title });
    await row.getByRole('button', { name: `Check in: ${kr.title}` }).click();
    const form = row.getByRole('form', { name: `Check in: ${kr.title}` });
    const value = form.getByLabel(/Current value/);
    const save = form.getByRole('button', { name: 'Save check-in' });

    await value.fill('3000000000');
    await expect(form.getByRole('alert')).toHaveText(
      'GitLab takes whole numbers from −2,147,483,648 to 2,147,483,647: count in a larger unit ' +
        '(thousands, millions) to fit.',
    );
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(save).toBeDisabled();
    await row.screenshot({ path: `${SHOTS}/checkin-refusal-light.png` });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await row.screenshot({ path: `${SHOTS}/checkin-refusal-dark.png` });
    await popup.emulateMedia({ colorScheme: 'light' });

    await value.fill('8');
    await expect(form.getByTestId('checkin-stored-note')).toHaveText(
      '8 is past the target 6: GitLab stores 100%.',
    );
    await row.screenshot({ path: `${SHOTS}/checkin-past-target-light.png` });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await row.screenshot({ path: `${SHOTS}/checkin-past-target-dark.png` });
    await save.click();
    await expect(row).toHaveCount(0);
    // GitLab's formula: a value past the target is stored as 100%, not refused.
    expect(sandbox.store.workItem(kr.id)!.progress).toMatchObject({
      currentValue: 8,
      progress: 100,
    });
    expect(sandbox.store.workItem(kr.id)!.notes.at(-1)?.body).toBe('Check-in: on track, 8 of 6');
    expect(configuredPage).toBeTruthy();
  });

  test('with a revoked token the badge shows the failure mark and the popup says why', async ({
    context,
    extensionId,
    sandbox,
    configuredPage,
  }) => {
    await watchNamespace(context, WATCHED);
    await expect.poll(() => badgeText(context)).toMatch(/^\d+$/);
    sandbox.store.tokens.get(sandbox.tokens.api)!.revoked = true;

    const popup = await openPopup(context, extensionId);
    const section = popup.getByTestId('stale-section');
    await section.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => badgeText(context)).toBe('!');
    expect((await badgeOf(context)).title).toMatch(/token/i);
    await expect(section.getByRole('alert')).toContainText(/refused the token|revoked|expired/i);
    await expect(section.getByTestId('stale-item')).toHaveCount(0);
    await section.screenshot({ path: `${SHOTS}/stale-failure.png` });
    expect(configuredPage).toBeTruthy();
  });
});
