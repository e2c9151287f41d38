// Background feature: OKR views for content scripts (and the popup), from the cache and GitLab.
import { browser } from 'wxt/browser';
import { basePathOf, instanceForPage } from '../instances';
import type { InstanceRecord } from '../settings';
import { pageItemFromUrl } from '../page';
import { refused, type Handlers } from './router';
import type { ViewService } from '../services/okr-view';
import type { WorkItemRef } from '../messages';
import type { Sender } from './router';

/**
 * A content script may ask only about the instance its own tab is on. The extension's own pages
 * (the popup, also when it is opened in a tab) may ask about any.
 */
function mayAsk(sender: Sender, ref: WorkItemRef): boolean {
  if (!sender.tab) return true;
  try {
    if (!sender.url) return false;
    const origin = new URL(sender.url).origin;
    return origin === ref.origin || origin === new URL(browser.runtime.getURL('/')).origin;
  } catch {
    return false;
  }
}

/** A content script may ask only about a page of its own tab's origin. */
function isOwnOrigin(sender: Sender, url: string): boolean {
  if (!sender.tab) return true;
  try {
    return Boolean(sender.url) && new URL(sender.url ?? '').origin === new URL(url).origin;
  } catch {
    return false;
  }
}

/**
 * `page:open`: which configured instance (and relative URL root) a page belongs to, so the content
 * script can name the item from the URL alone, before GitLab's page has parsed; and the item's
 * view starts loading now, while the content script itself is still starting.
 */
export function pageHandlers(
  instances: () => Promise<InstanceRecord[]>,
  service: Pick<ViewService, 'prefetch'>,
): Handlers {
  return {
    'page:open': async (request, sender) => {
      if (!isOwnOrigin(sender, request.url)) return null;
      const instance = instanceForPage(await instances(), request.url);
      if (!instance) return null;
      const basePath = basePathOf(instance);
      const item = pageItemFromUrl(request.url, { basePath });
      if (item) service.prefetch(item.ref);
      return { basePath };
    },
  };
}

export function viewHandlers(service: ViewService): Handlers {
  const denied = () =>
    Promise.resolve(refused('A page may only ask about its own GitLab instance.'));
  return {
    'view:peek': (request, sender) =>
      mayAsk(sender, request.ref) ? service.peek(request.ref) : denied(),
    'view:load': (request, sender) =>
      mayAsk(sender, request.ref) ? service.load(request.ref) : denied(),
  };
}

/** The panel's "Set up OKR Lens" button: only the background may open the options page. */
export function optionsHandlers(openOptionsPage: () => Promise<void>): Handlers {
  return {
    'options:open': async () => {
      await openOptionsPage();
      return { ok: true };
    },
  };
}
