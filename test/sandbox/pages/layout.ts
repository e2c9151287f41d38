// The document around every sandbox page: GitLab's body data attributes, top bar, left
// sidebar, theme class, and the empty `#js-work-items` mount the page script fills.
import type { Namespace, User } from '../store';
import { html, raw, type SafeHtml } from './html';
import { THEME_CSS } from './theme';

/** The page's CSRF token (`<meta name="csrf-token">`), which GitLab wants with a session's API calls. */
export const SANDBOX_CSRF_TOKEN = 'sandbox-csrf-token';

export interface PageShell {
  title: string;
  /** GitLab's `data-page`, e.g. `projects:work_items:show`. */
  page: string;
  /** `data-page-type-id`: the iid on issue pages, empty on work item pages. */
  pageTypeId: string;
  namespace: Namespace | null;
  /** The project's group, when the page belongs to a project. */
  group: Namespace | null;
  root: string;
  dark: boolean;
  viewer: User | null;
  /**
   * The rendered view. A Vue app's view (`mount: 'app'`, the default) waits in a template until
   * the page script has its GraphQL answer; a server-rendered page (`'static'`, the legacy issue
   * page) is in the document from the start.
   */
  app: SafeHtml;
  mount?: 'app' | 'static';
  breadcrumbs: { text: string; href: string }[];
}

const TANUKI = raw(
  '<svg viewBox="0 0 25 24" aria-hidden="true"><path fill="#E24329" d="m24.507 9.5-.034-.09L21.082.562a.896.896 0 0 0-1.694.091l-2.29 7.01H7.825L5.535.653a.898.898 0 0 0-1.694-.09L.451 9.411.416 9.5a6.297 6.297 0 0 0 2.09 7.278l.012.01.03.022 5.16 3.867 2.56 1.935 1.554 1.176a1.051 1.051 0 0 0 1.268 0l1.555-1.176 2.56-1.935 5.197-3.89.014-.01A6.297 6.297 0 0 0 24.507 9.5Z"/></svg>',
);

export function pageShell(shell: PageShell): string {
  const project = shell.namespace?.kind === 'project' ? shell.namespace : null;
  const group = shell.namespace?.kind === 'group' ? shell.namespace : shell.group;
  const listHref = shell.namespace
    ? shell.namespace.kind === 'group'
      ? `${shell.root}/groups/${shell.namespace.fullPath}/-/work_items`
      : `${shell.root}/${shell.namespace.fullPath}/-/work_items`
    : `${shell.root}/`;
  const document = html`<!DOCTYPE html>
    <html class="${shell.dark ? 'gl-dark' : 'gl-light'} ui-neutral" lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${shell.title} · GitLab</title>
        <meta content="GitLab" property="og:site_name" />
        <meta name="csrf-token" content="${SANDBOX_CSRF_TOKEN}" />
        <style>
          ${raw(THEME_CSS)}
        </style>
        <script>
          window.gon =
            ${raw(JSON.stringify({ relative_url_root: shell.root, current_username: shell.viewer?.username ?? null, current_user_id: shell.viewer?.id ?? null, gitlab_url: '' }).replace(/</g, '\\u003c'))};
        </script>
      </head>
      <body
        class="${shell.dark ? 'gl-dark' : ''} tab-width-8 gl-browser-chrome page-with-super-sidebar"
        data-page="${shell.page}"
        data-page-type-id="${shell.pageTypeId}"
        data-find-file=""
        ${project ? html`data-project="${project.fullPath.split('/').at(-1) ?? ''}" data-project-id="${project.id}" data-project-full-path="${project.fullPath}"` : ''}
        ${group ? html`data-group="${group.fullPath.split('/').at(-1) ?? ''}" data-group-full-path="${group.fullPath}"` : ''}
        data-namespace-id="${shell.namespace?.id ?? ''}"
      >
        <div class="layout">
          <aside id="super-sidebar" data-testid="super-sidebar" aria-label="Primary navigation">
            <div class="brand">${TANUKI}<span>GitLab sandbox</span></div>
            <nav>
              ${shell.namespace ? html`<a href="${listHref}" class="active" data-testid="nav-item-link">Work items</a>` : ''}
              <a
                href="${shell.root}/gitlab-com/gitlab-okrs/-/work_items"
                data-testid="nav-item-link"
                >gitlab-com / GitLab OKRs</a
              >
              <a href="${shell.root}/groups/gitlab-com/-/work_items" data-testid="nav-item-link"
                >gitlab-com (group)</a
              >
              <a href="${shell.root}/gitlab-org/gitlab/-/work_items" data-testid="nav-item-link"
                >gitlab-org / GitLab</a
              >
              <a href="${shell.root}/groups/acme/-/epics" data-testid="nav-item-link"
                >acme (epics)</a
              >
              <a href="${shell.root}/acme/engineering/-/work_items" data-testid="nav-item-link"
                >acme / Engineering</a
              >
              <a href="${shell.root}/groups/northwind/-/epics" data-testid="nav-item-link"
                >northwind (epics)</a
              >
              <a href="${shell.root}/northwind/roadmap/-/work_items" data-testid="nav-item-link"
                >northwind / Roadmap</a
              >
            </nav>
          </aside>
          <div class="content-area">
            <header class="top-bar-container" data-testid="top-bar">
              <nav class="breadcrumbs" data-testid="breadcrumb-links" aria-label="Breadcrumb">
                ${shell.breadcrumbs.map((b, i) => html`${i ? html`<span>/</span>` : ''}<a href="${b.href}">${b.text}</a>`)}
              </nav>
              <div class="user-menu" data-testid="user-menu">
                ${shell.viewer ? html`<span class="avatar" aria-hidden="true">${shell.viewer.name.slice(0, 1)}</span><a href="${shell.root}/${shell.viewer.username}" data-testid="user-menu-toggle" data-username="${shell.viewer.username}">${shell.viewer.name}</a>` : html`<a href="${shell.root}/users/sign_in">Sign in</a>`}
              </div>
            </header>
            <main class="content-wrapper" id="content-body">
              ${
                shell.mount === 'static'
                  ? shell.app
                  : html`<div
                        id="js-work-items"
                        data-testid="work-items-root"
                        data-full-path="${shell.namespace?.fullPath ?? ''}"
                      ></div>
                      <template id="js-work-items-initial">${shell.app}</template>`
              }
            </main>
          </div>
        </div>
        <script src="${shell.root}/-/sandbox/app.js" defer></script>
      </body>
    </html> `;
  return document.value;
}
