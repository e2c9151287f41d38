// What the content script knows about GitLab's page: how to tell a GitLab page, where its
// relative URL root is, its colour mode, and where the panel goes. Every selector lives here,
// with the GitLab versions it was seen on, so a GitLab DOM change is fixed in one place.
import { basePathFromPage, normalizeBasePath } from '../../lib/page';

/** `data-testid`s from GitLab's work item app (17.x–19.x, see shared/spec/gitlab.md "The page"). */
export const TEST_IDS = {
  detail: 'work-item-detail',
  detailWrapper: 'detail-wrapper',
  titleBlock: 'work-item-type',
  overview: 'work-item-overview',
  /** An `aside` before 18.x, a `section` after: matched by test id only. */
  rightSidebar: 'work-item-overview-right-sidebar',
  drawer: 'work-item-drawer',
} as const;

/**
 * GitLab's legacy issue page (HAML with Vue widgets; the issue page wherever the work item view
 * for issues is off: by default before 17.11, and by choice after). Read in GitLab's source:
 * app/views/projects/issues/_details_content.html.haml (16.x–17.x) and
 * app/views/shared/issuable/_sidebar.html.haml (18.x, with its `@md/panel` classes); the gutter
 * classes are app/assets/javascripts/right_sidebar.js's (since 8.x).
 */
export const LEGACY_ISSUE = {
  /** The right sidebar: `aside.right-sidebar.js-right-sidebar.js-issuable-sidebar`. */
  sidebar: 'aside.right-sidebar.js-right-sidebar',
  /** Collapsed to a narrow gutter of icons (the `collapsed_gutter` cookie). */
  collapsedClass: 'right-sidebar-collapsed',
  /** The sidebar's content, and its header (gutter toggle, to-do button) at the top. */
  sidebarContent: '.issuable-sidebar',
  sidebarHeader: '.issuable-sidebar-header',
  /** The main column's description block (`#js-issuable-app` inside). */
  description: '.issue-details .detail-page-description',
} as const;

const byTestId = (id: string) => `[data-testid="${id}"]`;

/**
 * A GitLab page, by markers rather than by host (self-managed instances run anywhere): the body's
 * server-rendered `data-page`, GitLab's Open Graph site name, or the work item app itself.
 */
export function isGitLabPage(doc: Document): boolean {
  const page = doc.body?.getAttribute('data-page') ?? '';
  if (/^[a-z_]+(:[a-z_]+)+$/.test(page)) return true;
  if (doc.querySelector('meta[property="og:site_name"][content="GitLab"]')) return true;
  return Boolean(
    doc.getElementById('js-work-items') ?? doc.querySelector(byTestId(TEST_IDS.detail)),
  );
}

/**
 * The instance's relative URL root: where the namespace the body names sits in the path, or
 * else the prefix of GitLab's OpenSearch link (`/gitlab/search/opensearch.xml`). `''` when none.
 */
export function basePathOfPage(doc: Document, pathname: string): string {
  for (const attribute of ['data-project-full-path', 'data-group-full-path']) {
    const fullPath = doc.body?.getAttribute(attribute);
    const found = fullPath ? basePathFromPage(pathname, fullPath) : null;
    if (found !== null) return found;
  }
  const search = doc.querySelector(
    'link[rel="search"][type="application/opensearchdescription+xml"]',
  );
  const href = search?.getAttribute('href');
  if (href) {
    try {
      const path = new URL(href, 'https://placeholder.invalid').pathname;
      const at = path.indexOf('/search/opensearch.xml');
      if (at >= 0) return normalizeBasePath(path.slice(0, at));
    } catch {
      // An unreadable link says nothing about the root.
    }
  }
  return '';
}

export type Theme = 'dark' | 'light' | 'auto';

/** GitLab's colour mode: `html.gl-dark`, `html.gl-system` (follows the system), else light. */
export function themeOf(doc: Document): Theme {
  const classes = doc.documentElement.classList;
  if (classes.contains('gl-dark')) return 'dark';
  if (classes.contains('gl-system') || classes.contains('gl-system-mode')) return 'auto';
  if (classes.contains('gl-light')) return 'light';
  // Without a class, GitLab's tokens decide if they exist; otherwise the system does.
  const view = doc.defaultView;
  const token = view
    ?.getComputedStyle(doc.documentElement)
    .getPropertyValue('--gl-background-color-default');
  return token && token.trim() ? 'light' : 'auto';
}

export interface Placement {
  anchor: Element;
  append: 'first' | 'after';
  where: 'drawer' | 'sidebar' | 'main';
}

/**
 * Where the panel goes: inside the drawer when the item is the drawer's; else at the top of the
 * right sidebar while it is shown; else at the top of the main column (GitLab 18.x lets a user
 * hide the sidebar, `@md/panel:gl-hidden`; the legacy page collapses it to a gutter). Null while
 * GitLab's view has not rendered yet.
 */
export function findPlacement(doc: Document, itemIn: 'page' | 'drawer'): Placement | null {
  const drawer = doc.querySelector(byTestId(TEST_IDS.drawer));
  if (itemIn === 'drawer') return drawer ? placementIn(drawer, 'drawer') : null;
  const legacySidebar = firstOutside(doc, LEGACY_ISSUE.sidebar, drawer);
  if (legacySidebar) return legacyIssuePlacement(doc, legacySidebar);
  return placementIn(doc, 'main', drawer);
}

function placementIn(
  root: ParentNode,
  where: 'drawer' | 'main',
  exclude?: Element | null,
): Placement | null {
  const find = (selector: string) => firstOutside(root, selector, exclude);
  const sidebar = find(byTestId(TEST_IDS.rightSidebar));
  if (sidebar && isShown(sidebar))
    return { anchor: sidebar, append: 'first', where: where === 'drawer' ? 'drawer' : 'sidebar' };
  // The overview's first section is the main column (the 18.x sidebar is a section too).
  const mainColumn = find(
    `${byTestId(TEST_IDS.overview)} > section:not(${byTestId(TEST_IDS.rightSidebar)})`,
  );
  if (mainColumn) return { anchor: mainColumn, append: 'first', where };
  const titleBlock = find(byTestId(TEST_IDS.titleBlock));
  if (titleBlock) return { anchor: titleBlock, append: 'after', where };
  const detail = find(byTestId(TEST_IDS.detail)) ?? find(byTestId(TEST_IDS.detailWrapper));
  if (detail) return { anchor: detail, append: 'first', where };
  return null;
}

/** The legacy issue page: below the sidebar's header while it is expanded, else in the main column. */
function legacyIssuePlacement(doc: Document, sidebar: Element): Placement | null {
  const content = sidebar.querySelector(LEGACY_ISSUE.sidebarContent);
  if (content && !sidebar.classList.contains(LEGACY_ISSUE.collapsedClass) && isShown(sidebar)) {
    const header = [...content.children].find((child) => child.matches(LEGACY_ISSUE.sidebarHeader));
    return header
      ? { anchor: header, append: 'after', where: 'sidebar' }
      : { anchor: content, append: 'first', where: 'sidebar' };
  }
  const description = doc.querySelector(LEGACY_ISSUE.description);
  return description ? { anchor: description, append: 'after', where: 'main' } : null;
}

/** False when the page's styles take the element out of the layout (`display: none`). */
function isShown(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return true;
  return view.getComputedStyle(element).display !== 'none';
}

/** The first match that is not inside `exclude` (the page's items, not the drawer's). */
function firstOutside(
  root: ParentNode,
  selector: string,
  exclude?: Element | null,
): Element | null {
  for (const element of root.querySelectorAll(selector)) {
    if (!exclude || !exclude.contains(element)) return element;
  }
  return null;
}
