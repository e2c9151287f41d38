// Watched namespaces as a new user meets them, in real Chromium against the sandbox: the options'
// Watch form picks the instance that has a token (a fresh profile also lists gitlab.com, without
// one); a watch that cannot be checked says why in the options, the badge tooltip and the popup;
// and the count of stale OKRs tells the user's own from the watched ones.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { openPopup } from '../support/extension-browser';
import { test, expect } from './fixtures';
import { badgeOf } from './hardening-support';
import {
  WATCHED,
  browserTimeZone,
  demoUserOf,
  sandboxHasMyWorkItems,
  staleInSandbox,
  watchNamespace,
} from './stale-oracle';

const SHOTS = 'test-results/screenshots';
const GITLAB_COM = 'https://gitlab.com';

const badgeTitle = async (context: BrowserContext) => (await badgeOf(context)).title;

async function openBadgeSettings(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const section = page.getByTestId('badge-settings');
  await expect(section.getByLabel('Group or project')).toBeVisible();
  return section;
}

/** The head of a long list: what the user sees first. */
async function topOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 440) };
}

async function watch(section: Locator, fullPath: string) {
  await section.getByLabel('Group or project').fill(fullPath);
  await section.getByRole('button', { name: 'Watch' }).click();
}

test('a watch goes to the instance with a token, and one that cannot be checked says why everywhere', async ({
  configuredPage: page,
  context,
  extensionId,
  sandbox,
}) => {
  test.slow(); // a long journey: the options, three watches, the badge and the popup
  // A fresh profile lists gitlab.com (no token) and the self-managed sandbox (token checked).
  const section = await openBadgeSettings(page, extensionId);
  const list = section.getByTestId('watched-list');
  await expect(section.getByLabel('On instance')).toHaveValue(sandbox.url);
  await watch(section, WATCHED);
  await expect(list).toContainText(`${WATCHED} on ${sandbox.url}`);

  // Two watches that can never run: one on gitlab.com, which has no token, and one on the
  // sandbox that names a group that does not exist.
  await section.getByLabel('On instance').selectOption(GITLAB_COM);
  await watch(section, 'gitlab-org/okrs');
  await section.getByLabel('On instance').selectOption(sandbox.url);
  await watch(section, 'nobody/nothing');

  const entry = (text: string) => list.getByRole('listitem').filter({ hasText: text });
  await expect(entry('gitlab-org/okrs')).toContainText(`no token for ${GITLAB_COM}`);
  await expect(entry('nobody/nothing')).toContainText(/does not exist, or your account may not/);
  await expect(entry(WATCHED)).not.toContainText(/not checked|no token|does not exist/i);
  await page.emulateMedia({ colorScheme: 'light' });
  await section.screenshot({ path: `${SHOTS}/options-watch-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.screenshot({ path: `${SHOTS}/options-watch-dark.png` });

  // The badge's tooltip names both, and the watched namespace on the sandbox still counts.
  await expect.poll(() => badgeTitle(context)).toContain('nobody/nothing');
  const title = await badgeTitle(context);
  expect(title).toContain(`gitlab-org/okrs on ${GITLAB_COM} is not checked`);
  expect(title).toContain(`no token for ${GITLAB_COM}`);
  expect(title).toMatch(/need a health update/);

  const popup = await openPopup(context, extensionId);
  const stale = popup.getByTestId('stale-section');
  await expect(stale).toContainText(`gitlab-org/okrs on ${GITLAB_COM} is not checked`);
  await expect(stale).toContainText(`nobody/nothing on ${sandbox.url} is not checked`);
  await expect(stale.getByTestId('stale-item').first()).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await popup.screenshot({
      path: `${SHOTS}/stale-unwatched-${colorScheme}.png`,
      clip: await topOf(stale),
    });
  }
});

test('the stale count says how many are yours and how many are watched', async ({
  configuredPage,
  context,
  extensionId,
  sandbox,
}) => {
  test.skip(
    !sandboxHasMyWorkItems(sandbox),
    'without the instance-wide query yours are found by watching',
  );
  await watchNamespace(context, WATCHED);
  const user = demoUserOf(sandbox);
  const stale = staleInSandbox(sandbox, await browserTimeZone(context), WATCHED);
  const yours = stale.filter((item) => item.assigneeIds.includes(user));
  const watched = stale.length - yours.length;
  expect(yours.length).toBeGreaterThan(1);
  expect(watched).toBeGreaterThan(1);
  const sentence = `${yours.length} of your OKRs and ${watched} watched OKRs need a health update`;

  await expect.poll(() => badgeOf(context).then((badge) => badge.text)).toBe(String(stale.length));
  expect((await badgeTitle(context)).split('\n')[0]).toBe(`OKR Lens: ${sentence}`);

  const popup = await openPopup(context, extensionId);
  const section = popup.getByTestId('stale-section');
  await expect(section.getByTestId('stale-item')).toHaveCount(stale.length);
  await expect(section).toContainText(sentence);
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await popup.screenshot({
      path: `${SHOTS}/stale-split-${colorScheme}.png`,
      clip: await topOf(section),
    });
  }
  expect(configuredPage).toBeTruthy();
});
