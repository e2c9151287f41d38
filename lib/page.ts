// Which work item a GitLab page shows, read from its URL alone (pure: no DOM, no browser API).
//
// Decisions worth knowing:
// - The drawer (`?show=<base64 JSON>`) wins over the page: when an item is open in the drawer,
//   that item is the one the user is looking at. A malformed `show` is ignored, never thrown.
// - Sub-routes of an item page: `/-/issues/12/designs` (and deeper, a design open in its viewer)
//   is still issue 12, because GitLab shows the design viewer over the issue page. Any other
//   sub-route (`/-/issues/12/edit`, `/-/issues/12.json`, …) is not an item page: null.
// - Projects always live in a namespace, so a project path has at least two segments.
// - The drawer's JSON has no namespace kind: a one-segment path is a group (projects need a
//   namespace); a path equal to the page's own group or project takes that kind; any other
//   path is taken as a project. GraphQL's `namespace(fullPath:)` answers for both, so the kind
//   is a hint, never a lookup key.
import type { WorkItemRef } from './messages';

export interface PageUrlOptions {
  /** Relative URL root of the configured instance, e.g. `/gitlab`; empty or absent when none. */
  basePath?: string;
}

type Route = WorkItemRef['route'];
type NamespaceKind = WorkItemRef['namespaceKind'];

interface PathItem {
  fullPath: string;
  iid: string;
  route: Route;
  namespaceKind: NamespaceKind;
}

/** What the page's path names, even when it is not an item page (a list, a board). */
interface PathContext {
  item: PathItem | null;
  /** The namespace the page belongs to (`/groups/<g>/-/…` or `/<ns…>/<project>/-/…`). */
  namespace: { fullPath: string; kind: NamespaceKind } | null;
}

const ITEM_ROUTES: Record<string, Route> = {
  work_items: 'work_item',
  issues: 'issue',
  epics: 'epic',
};

/** Sub-routes that still show the item itself (see the module comment). */
const ITEM_SUBROUTES = new Set(['designs']);

/** iids start at 1; a bound on the length keeps absurd numbers out of the cache keys. */
const IID = /^[1-9]\d{0,17}$/;

/**
 * The work item a GitLab URL shows, or null when it shows none (or the URL is not a page of the
 * configured instance). Never throws.
 */
export function workItemRefFromUrl(url: string, options: PageUrlOptions = {}): WorkItemRef | null {
  return pageItemFromUrl(url, options)?.ref ?? null;
}

/** Where on the page the item is shown: the page itself or GitLab's drawer over it. */
export interface PageItem {
  ref: WorkItemRef;
  in: 'page' | 'drawer';
}

/** Like `workItemRefFromUrl`, and says whether the item is the one open in the drawer. */
export function pageItemFromUrl(url: string, options: PageUrlOptions = {}): PageItem | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const basePath = normalizeBasePath(options.basePath);
  const segments = pathSegmentsUnder(parsed.pathname, basePath);
  if (!segments) return null;

  const context = pathContextOf(segments);
  const drawer = drawerItemOf(parsed.searchParams.get('show'), context);
  const item = drawer ?? context.item;
  if (!item) return null;
  return { ref: { origin: parsed.origin, basePath, ...item }, in: drawer ? 'drawer' : 'page' };
}

/**
 * A stable cache key for a work item: the same item under `/-/issues/` and `/-/work_items/`
 * (they share iids) gives the same key, and GitLab paths are case-insensitive.
 */
export function pageKeyOf(ref: WorkItemRef): string {
  return `${ref.origin}${ref.basePath}|${ref.fullPath.toLowerCase()}#${ref.iid}`;
}

/**
 * The relative URL root, found by where the page's own namespace path (a body attribute such as
 * `data-project-full-path`) sits in the path: `/gitlab/group/project/-/issues/1` with
 * `group/project` gives `/gitlab`. Null when the path does not contain it.
 */
export function basePathFromPage(pathname: string, namespaceFullPath: string): string | null {
  const fullPath = namespaceFullPath.replace(/^\/+|\/+$/g, '');
  if (!fullPath) return null;
  const path = safeDecode(pathname) ?? pathname;
  const lower = path.toLowerCase();
  // The group form first: `/groups/g/-/` also contains `/g/-/`.
  const candidates = [`/groups/${fullPath.toLowerCase()}/-/`, `/${fullPath.toLowerCase()}/-/`];
  for (const needle of candidates) {
    const at = lower.indexOf(needle);
    if (at >= 0) return normalizeBasePath(path.slice(0, at));
  }
  return null;
}

/** `'/gitlab/'` → `'/gitlab'`, `'/'`/`undefined` → `''`. */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').trim().replace(/\/+$/, '');
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function parseUrl(url: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

/** The decoded path segments below the base path, or null when the path is not under it. */
function pathSegmentsUnder(pathname: string, basePath: string): string[] | null {
  const raw = pathname.split('/').filter((segment) => segment !== '');
  const baseSegments = basePath.split('/').filter((segment) => segment !== '');
  const decoded: string[] = [];
  for (const segment of raw) {
    const value = safeDecode(segment);
    // An encoded slash or a dot segment would let a URL name a path GitLab never routes.
    if (value === null || value === '' || value.includes('/') || value === '.' || value === '..') {
      return null;
    }
    decoded.push(value);
  }
  for (const [index, baseSegment] of baseSegments.entries()) {
    if (decoded[index]?.toLowerCase() !== baseSegment.toLowerCase()) return null;
  }
  return decoded.slice(baseSegments.length);
}

function pathContextOf(segments: string[]): PathContext {
  const dash = segments.indexOf('-');
  if (dash <= 0) return { item: null, namespace: null };
  const isGroup = segments[0] === 'groups';
  const namespaceSegments = isGroup ? segments.slice(1, dash) : segments.slice(0, dash);
  const kind: NamespaceKind = isGroup ? 'group' : 'project';
  if (namespaceSegments.length === 0 || (kind === 'project' && namespaceSegments.length < 2)) {
    return { item: null, namespace: null };
  }
  const fullPath = namespaceSegments.join('/');
  const namespace = { fullPath, kind };
  const route = ITEM_ROUTES[segments[dash + 1] ?? ''];
  const iid = segments[dash + 2] ?? '';
  const rest = segments.slice(dash + 3);
  const routeFits =
    route !== undefined &&
    (kind === 'group' ? route !== 'issue' : route !== 'epic') &&
    IID.test(iid) &&
    (rest.length === 0 || ITEM_SUBROUTES.has(rest[0] ?? ''));
  if (!routeFits) return { item: null, namespace };
  return { item: { fullPath, iid, route, namespaceKind: kind }, namespace };
}

/** The item named by GitLab's drawer parameter, or null when absent or malformed. */
function drawerItemOf(show: string | null, context: PathContext): PathItem | null {
  if (!show) return null;
  const json = decodeBase64(show);
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const iid = typeof record.iid === 'number' ? String(record.iid) : record.iid;
  const rawPath = record.full_path;
  if (typeof iid !== 'string' || !IID.test(iid) || typeof rawPath !== 'string') return null;
  const fullPath = rawPath.replace(/^\/+|\/+$/g, '');
  const segments = fullPath.split('/');
  if (!fullPath || segments.some((s) => s === '' || s === '.' || s === '..' || s === '-')) {
    return null;
  }
  return {
    fullPath,
    iid,
    route: 'work_item',
    namespaceKind: drawerNamespaceKind(fullPath, context),
  };
}

function drawerNamespaceKind(fullPath: string, context: PathContext): NamespaceKind {
  if (context.namespace && context.namespace.fullPath.toLowerCase() === fullPath.toLowerCase()) {
    return context.namespace.kind;
  }
  return fullPath.includes('/') ? 'project' : 'group';
}

/** Standard or URL-safe base64, tolerant of a `+` that a query string turned into a space. */
function decodeBase64(value: string): string | null {
  const normalized = value.trim().replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized) || normalized.length > 10_000) return null;
  const padded = normalized.padEnd(Math.ceil(normalized.length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
