// Background: after OKR Lens changed something in GitLab (a key result created, a check-in
// saved), every open view of that instance loads afresh: the cached views are dropped, and the
// panels in its tabs and the extension's own pages (the popup) are told, so a changed score, a
// parent's roll-up or a new child shows without a reload.
import { browser } from 'wxt/browser';
import type { Push } from '../messages';
import type { ViewCache } from '../services/view-cache';

/** Tells every open tab of the instance, and the popup, that its views changed. */
export async function announceChange(origin: string): Promise<void> {
  const push: Push = { type: 'view:invalidated', origin };
  // Filtered here rather than with a `url` pattern: match patterns cannot name a port.
  const tabs = await browser.tabs.query({});
  await Promise.all([
    ...tabs
      .filter((tab) => {
        try {
          return tab.id !== undefined && !!tab.url && new URL(tab.url).origin === origin;
        } catch {
          return false;
        }
      })
      // A tab without the panel (another page of the instance) has nobody listening.
      .map((tab) => browser.tabs.sendMessage(tab.id!, push).catch(() => undefined)),
    // Extension pages hear runtime messages, not tab messages; none may be open.
    browser.runtime.sendMessage(push).catch(() => undefined),
  ]);
}

/** Forgets the instance's cached views first, so that every view told loads GitLab's new state. */
export async function viewsChangedOn(
  views: Pick<ViewCache, 'forgetOrigin'>,
  origin: string,
): Promise<void> {
  await views.forgetOrigin(origin);
  await announceChange(origin);
}
