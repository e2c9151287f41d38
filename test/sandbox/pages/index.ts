// Routes for the sandbox's HTML: GitLab's work item, issue and list pages, the page script,
// the JSON the script fetches on client-side navigation, and the theme / viewer switches.
import type { Namespace, SandboxStore, User, WorkItemRecord } from '../store';
import { CLIENT_SCRIPT } from './client';
import { html, type SafeHtml } from './html';
import { pageShell, SANDBOX_CSRF_TOKEN } from './layout';
import {
  ISSUE_VIEW_COOKIE,
  legacyIssueView,
  sidebarCollapsed,
  wantsLegacyIssueView,
} from './legacy-issue';
import { workItemsList } from './list';
import { itemHref, workItemView, type ViewOptions } from './work-item';

export const THEME_COOKIE = 'okr_sandbox_theme';
/** Who is "signed in" on the pages (default: the demo token's user). */
export const PAGE_USER_COOKIE = 'okr_sandbox_user';
const DEFAULT_PAGE_USER = 'casey';

export interface PageRequest {
  method: string;
  /** Path without the relative URL root. */
  path: string;
  query: URLSearchParams;
  root: string;
  baseUrl: string;
  cookies: Record<string, string>;
  /** The major version of the GitLab the sandbox plays: the page layout before `?gitlab_version=`. */
  gitlabMajor?: number;
}

export interface PageAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

interface AppView {
  status: number;
  title: string;
  app: SafeHtml;
  page: string;
  pageTypeId: string;
  namespace: Namespace | null;
  breadcrumbs: { text: string; href: string }[];
  /** The item shown, for the drawer's "open in full page" link. */
  item?: WorkItemRecord;
  /** `static` for a server-rendered page (the legacy issue page); else the work item app's. */
  mount?: 'app' | 'static';
}

const ROUTES: {
  pattern: RegExp;
  render: (view: ViewOptions, match: RegExpExecArray, query: URLSearchParams) => AppView;
}[] = [
  {
    pattern: /^\/groups\/(.+?)\/-\/work_items\/(\d+)\/?$/,
    render: (v, m) => itemPage(v, m[1] ?? '', Number(m[2]), 'group'),
  },
  {
    // The epic page: GitLab's epics controller (ee/app/controllers/groups/epics_controller.rb)
    // renders the work item view for an epic work item, with `groups:epics:show`.
    pattern: /^\/groups\/(.+?)\/-\/epics\/(\d+)\/?$/,
    render: (v, m) => itemPage(v, m[1] ?? '', Number(m[2]), 'epic'),
  },
  {
    pattern: /^\/groups\/(.+?)\/-\/epics\/?$/,
    render: (v, m, q) => listPage(v, m[1] ?? '', 'group', q, 'epic'),
  },
  {
    pattern: /^\/groups\/(.+?)\/-\/work_items\/?$/,
    render: (v, m, q) => listPage(v, m[1] ?? '', 'group', q),
  },
  {
    pattern: /^\/(.+?)\/-\/work_items\/(\d+)\/?$/,
    render: (v, m) => itemPage(v, m[1] ?? '', Number(m[2]), 'project'),
  },
  {
    pattern: /^\/(.+?)\/-\/issues\/(\d+)\/?$/,
    render: (v, m) => itemPage(v, m[1] ?? '', Number(m[2]), 'issue'),
  },
  {
    pattern: /^\/(.+?)\/-\/(?:work_items|issues)\/?$/,
    render: (v, m, q) => listPage(v, m[1] ?? '', 'project', q),
  },
  { pattern: /^\/?$/, render: (v) => homePage(v) },
];

function notFound(): AppView {
  return {
    status: 404,
    title: 'Not Found',
    app: html`<div class="sandbox-not-found" data-testid="not-found">
      <h1>404: Page not found</h1>
      <p>Make sure the address is correct and the page has not moved.</p>
    </div>`,
    page: 'errors:not_found',
    pageTypeId: '',
    namespace: null,
    breadcrumbs: [],
  };
}

function crumbs(view: ViewOptions, ns: Namespace): { text: string; href: string }[] {
  const parts = ns.fullPath.split('/');
  return parts.map((part, i) => {
    const path = parts.slice(0, i + 1).join('/');
    const isGroup = view.store.namespace(path)?.kind === 'group';
    return {
      text: view.store.namespace(path)?.name ?? part,
      href: `${view.root}${isGroup ? '/groups' : ''}/${path}`,
    };
  });
}

function itemPage(
  view: ViewOptions,
  fullPath: string,
  iid: number,
  kind: 'group' | 'epic' | 'project' | 'issue',
): AppView {
  const ns = view.store.namespace(fullPath);
  const item = view.store.workItemByIid(fullPath, iid);
  const inGroup = kind === 'group' || kind === 'epic';
  if (
    !ns ||
    !item ||
    ns.kind !== (inGroup ? 'group' : 'project') ||
    (kind === 'epic' && item.type !== 'Epic') ||
    !view.store.canRead(view.viewerId, item)
  )
    return notFound();
  const section = kind === 'issue' ? 'issues' : kind === 'epic' ? 'epics' : 'work_items';
  const legacy = kind === 'issue' && view.legacyIssues === true;
  return {
    status: 200,
    title: `${item.title} (${view.store.reference(item, true)})`,
    app: legacy
      ? legacyIssueView(view, item, { collapsed: view.gutterCollapsed === true })
      : workItemView(view, item),
    mount: legacy ? 'static' : 'app',
    page: inGroup ? `groups:${section}:show` : `projects:${section}:show`,
    // The issue and epic controllers' `show` set the page type id to the iid (`@issue` /
    // `@epic` `to_param`); the work items controllers leave it empty.
    pageTypeId: kind === 'issue' || kind === 'epic' ? String(iid) : '',
    namespace: ns,
    breadcrumbs: [
      ...crumbs(view, ns),
      {
        // GitLab's issue pages say "Issues" (app/views/projects/issues/show.html.haml), epic
        // pages "Epics".
        text: kind === 'issue' ? 'Issues' : kind === 'epic' ? 'Epics' : 'Work items',
        href: `${view.root}${inGroup ? '/groups' : ''}/${fullPath}/-/${section}`,
      },
      { text: view.store.reference(item, false), href: itemHref(view, item) },
    ],
    item,
  };
}

function listPage(
  view: ViewOptions,
  fullPath: string,
  kind: 'group' | 'project',
  query: URLSearchParams,
  only?: 'epic',
): AppView {
  const ns = view.store.namespace(fullPath);
  if (!ns || ns.kind !== kind || !view.store.canReadNamespace(view.viewerId, ns)) return notFound();
  return {
    status: 200,
    title: `${only ? 'Epics' : 'Work items'} · ${ns.name}`,
    app: workItemsList(view, ns, {
      state: query.get('state') ?? 'opened',
      type: only ?? query.get('type'),
    }),
    page: only
      ? 'groups:epics:index'
      : kind === 'group'
        ? 'groups:work_items:index'
        : 'projects:work_items:index',
    pageTypeId: '',
    namespace: ns,
    breadcrumbs: [
      ...crumbs(view, ns),
      {
        text: 'Work items',
        href: `${view.root}${kind === 'group' ? '/groups' : ''}/${fullPath}/-/work_items`,
      },
    ],
  };
}

function homePage(view: ViewOptions): AppView {
  const lists = [...view.store.namespaces.values()].filter((ns) =>
    view.store.canReadNamespace(view.viewerId, ns),
  );
  return {
    status: 200,
    title: 'GitLab sandbox',
    app: html`<div data-testid="sandbox-home">
      <h1>GitLab sandbox</h1>
      <ul>
        ${lists.map(
          (ns) =>
            html`<li>
              <a
                href="${view.root}${ns.kind === 'group' ? '/groups' : ''}/${ns.fullPath}/-/work_items"
                >${ns.fullPath}</a
              >
              (${ns.kind})
            </li>`,
        )}
      </ul>
    </div>`,
    page: 'root:index',
    pageTypeId: '',
    namespace: null,
    breadcrumbs: [],
  };
}

function renderApp(view: ViewOptions, path: string, query: URLSearchParams): AppView {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return route.render(view, match, query);
  }
  return notFound();
}

/** The drawer's `show` parameter: base64 JSON `{ iid, full_path, id }`. */
function itemFromShow(store: SandboxStore, show: string): WorkItemRecord | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(show, 'base64').toString('utf8')) as {
      iid?: unknown;
      full_path?: unknown;
      id?: unknown;
    };
    if (typeof parsed.full_path === 'string' && parsed.iid !== undefined)
      return store.workItemByIid(parsed.full_path, Number(parsed.iid));
    return typeof parsed.id === 'number' ? store.workItem(parsed.id) : undefined;
  } catch {
    return undefined;
  }
}

function viewerNamed(store: SandboxStore, username: string): User | null {
  return username === 'anonymous' ? null : (store.userByUsername(username) ?? null);
}

function viewerOf(
  store: SandboxStore,
  req: PageRequest,
): { viewer: User | null; setCookies: string[] } {
  const setCookies: string[] = [];
  const chosen = req.query.get('sandbox_user');
  if (chosen)
    setCookies.push(`${PAGE_USER_COOKIE}=${encodeURIComponent(chosen)}; Path=/; SameSite=Lax`);
  const username = chosen ?? req.cookies[PAGE_USER_COOKIE] ?? DEFAULT_PAGE_USER;
  return { viewer: viewerNamed(store, username), setCookies };
}

/**
 * Who GitLab's own page script calls the API as: the signed-in session. GitLab accepts a session
 * on `/api/graphql` only with the page's CSRF token in `X-CSRF-Token` (a request without it runs
 * with a null session, as nobody); the page has the token from `<meta name="csrf-token">`.
 * Undefined when the request is not the page's (it carries a token, or no CSRF header).
 */
export function pageSessionOf(
  store: SandboxStore,
  request: { csrfToken: string | undefined; hasToken: boolean; cookies: Record<string, string> },
): { userId: number | null } | undefined {
  if (request.hasToken || request.csrfToken === undefined) return undefined;
  if (request.csrfToken !== SANDBOX_CSRF_TOKEN) return { userId: null };
  const viewer = viewerNamed(store, request.cookies[PAGE_USER_COOKIE] ?? DEFAULT_PAGE_USER);
  return { userId: viewer?.id ?? null };
}

export function handlePage(store: SandboxStore, req: PageRequest): PageAnswer {
  if (req.path === '/-/sandbox/app.js') {
    return {
      status: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' },
      body: CLIENT_SCRIPT,
    };
  }
  const { viewer, setCookies } = viewerOf(store, req);
  const theme = req.query.get('theme');
  if (theme === 'dark' || theme === 'light')
    setCookies.push(`${THEME_COOKIE}=${theme}; Path=/; SameSite=Lax`);
  const dark = theme ? theme === 'dark' : req.cookies[THEME_COOKIE] === 'dark';
  const view: ViewOptions = {
    store,
    viewerId: viewer?.id ?? null,
    root: req.root,
    sidebarTag: (
      req.query.get('gitlab_version') ??
      req.cookies.okr_sandbox_gitlab_version ??
      String(req.gitlabMajor ?? 19)
    ).startsWith('17')
      ? 'aside'
      : 'section',
    legacyIssues: wantsLegacyIssueView(req.query, req.cookies),
    gutterCollapsed: sidebarCollapsed(req.cookies),
  };
  const issueView = req.query.get('issue_view');
  if (issueView === 'legacy' || issueView === 'work_items')
    setCookies.push(`${ISSUE_VIEW_COOKIE}=${issueView}; Path=/; SameSite=Lax`);

  if (req.path === '/-/sandbox/fragment') {
    const show = req.query.get('show');
    const shownItem = show ? itemFromShow(store, show) : undefined;
    const path = shownItem ? store.webPath(shownItem) : (req.query.get('path') ?? '/');
    const app = renderApp(view, path, req.query);
    const body = JSON.stringify({
      status: app.status,
      title: app.title,
      html: app.app.value,
      href: app.item ? itemHref(view, app.item) : null,
    });
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      body,
    };
  }
  if (req.path.startsWith('/uploads/')) {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="16" fill="#cbe2f9"/></svg>';
    return { status: 200, headers: { 'Content-Type': 'image/svg+xml' }, body: svg };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return { status: 405, headers: { 'Content-Type': 'text/plain' }, body: 'Method Not Allowed' };

  const app = renderApp(view, req.path, req.query);
  const ns = app.namespace;
  const body = pageShell({
    title: app.title,
    page: app.page,
    pageTypeId: app.pageTypeId,
    namespace: ns,
    group: ns?.kind === 'project' ? (store.parentNamespace(ns) ?? null) : null,
    root: req.root,
    dark,
    viewer,
    app: app.app,
    mount: app.mount,
    breadcrumbs: app.breadcrumbs,
  });
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  };
  if (setCookies.length) headers['Set-Cookie'] = setCookies;
  return { status: app.status, headers, body };
}
