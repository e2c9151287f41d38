// GitLab instances as the user types them: normalising a URL (with a relative URL root for
// self-managed hosts) and finding the configured instance a page belongs to. Pure.
import type { WorkItemRef } from './messages';
import type { InstanceRecord } from './settings';

export const GITLAB_COM = 'https://gitlab.com';

export type NormalisedInstance = { baseUrl: string; origin: string; basePath: string };

/** GitLab routes that end the relative URL root when a user pastes a page URL instead. */
const ROUTE_MARKERS = ['/-/', '/users/', '/dashboard', '/explore', '/groups/', '/api/'];

/**
 * Turns what a user pasted ("gitlab.example.com/gitlab/", a page URL, "https://gitlab.com")
 * into `{ baseUrl, origin, basePath }`, or null when it is not a usable web address.
 */
export function normaliseInstanceUrl(input: string): NormalisedInstance | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  let path = url.pathname;
  for (const marker of ROUTE_MARKERS) {
    const at = path.indexOf(marker);
    if (at >= 0) path = path.slice(0, at);
  }
  path = path.replace(/\/+$/, '');
  return { baseUrl: `${url.origin}${path}`, origin: url.origin, basePath: path };
}

export function basePathOf(record: Pick<InstanceRecord, 'baseUrl' | 'origin'>): string {
  return record.baseUrl.slice(record.origin.length);
}

/**
 * The instance a page belongs to: same origin, and the longest relative URL root that prefixes
 * the page's path (two instances may share a host under different roots).
 */
export function instanceForPage<T extends Pick<InstanceRecord, 'baseUrl' | 'origin'>>(
  instances: readonly T[],
  pageUrl: string,
): T | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  let best: T | null = null;
  for (const instance of instances) {
    if (instance.origin !== url.origin) continue;
    const root = basePathOf(instance);
    // Every path starts with '/', so the empty root (a host's own GitLab) takes every page.
    const inside = url.pathname === root || url.pathname.startsWith(`${root}/`);
    if (inside && (!best || root.length > basePathOf(best).length)) best = instance;
  }
  return best;
}

/** The match pattern a content script is registered with for an instance. */
export function matchPatternOf(record: Pick<InstanceRecord, 'baseUrl'>): string {
  const url = new URL(record.baseUrl);
  // Match patterns carry no port; Chrome matches any port when none is given.
  return `${url.protocol}//${url.hostname}${url.pathname.replace(/\/+$/, '')}/*`;
}

/** The configured instance a work item reference names: same origin and relative URL root. */
export function instanceForRef<T extends Pick<InstanceRecord, 'baseUrl' | 'origin'>>(
  instances: readonly T[],
  ref: Pick<WorkItemRef, 'origin' | 'basePath'>,
): T | null {
  return (
    instances.find(
      (instance) => instance.origin === ref.origin && basePathOf(instance) === ref.basePath,
    ) ?? null
  );
}
