// Which page the popup works on: the address given as `?url=` (tests, and a pasted or picked
// objective), or the active tab of the last focused window.
import { browser } from 'wxt/browser';
import { instanceForPage } from '../../lib/instances';
import type { InstanceView, WorkItemRef } from '../../lib/messages';
import { workItemRefFromUrl } from '../../lib/page';

export async function targetUrl(search: string = location.search): Promise<string | null> {
  const given = new URLSearchParams(search).get('url');
  if (given) return given;
  // The URL of a GitLab tab is readable through the host permission the instance was granted
  // (activeTab grants it too, for the tab the popup was opened on).
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url ?? null;
}

export type Target =
  /** `baseUrl`: the configured instance it is on, which a check-in names. */
  | { kind: 'item'; url: string; ref: WorkItemRef; baseUrl: string }
  /** A page of no configured instance, or no page at all. */
  | { kind: 'elsewhere'; url: string | null; reason: string };

/** The work item a page address names on one of the configured instances. */
export function targetOf(url: string | null, instances: InstanceView[]): Target {
  if (!url || !/^https?:/i.test(url)) {
    return {
      kind: 'elsewhere',
      url,
      reason: 'This tab is not a GitLab page. Paste an objective’s URL, or pick one of yours.',
    };
  }
  const instance = instanceForPage(instances, url);
  if (!instance) {
    return {
      kind: 'elsewhere',
      url,
      reason:
        'This tab is not on a GitLab instance set up in OKR Lens. Paste an objective’s URL, or pick one of yours.',
    };
  }
  const ref = workItemRefFromUrl(url, { basePath: instance.baseUrl.slice(instance.origin.length) });
  if (!ref) {
    return {
      kind: 'elsewhere',
      url,
      reason: 'This page shows no objective. Paste an objective’s URL, or pick one of yours.',
    };
  }
  return { kind: 'item', url, ref, baseUrl: instance.baseUrl };
}
