// The page script, served at /-/sandbox/app.js. It plays GitLab's front end:
// - the work item app renders its view only once its own GraphQL query has answered, as
//   `work_item_detail.vue` does (its Apollo query `workItemByIid`, from
//   app/assets/javascripts/work_items/graphql/work_item_by_iid.query.graphql, sent with the
//   session and the page's CSRF token), so the view appears one API round trip (the sandbox's
//   latency) after the script runs, on first load, on client-side navigation and in the drawer;
// - links between items navigate client-side (pushState, no reload), and list links open a
//   drawer with `?show=` in the URL;
// - the work item's "Hide sidebar" / "Show sidebar" view option (`work_item_actions.vue`,
//   `data-testid="sidebar-toggle-action"`, shortcut mod+/) kept in localStorage under
//   `work_item_show_sidebar` (`work_item_detail.vue`'s LocalStorageSync), which puts
//   `@md/panel:gl-hidden` on the sidebar section;
// - the legacy issue page's gutter toggle (`.js-sidebar-toggle`, right_sidebar.js): it swaps
//   `right-sidebar-expanded` / `right-sidebar-collapsed` and remembers it in the `collapsed_gutter`
//   cookie.

/** GitLab's localStorage key for the work item sidebar preference (`work_item_detail.vue`). */
export const SHOW_SIDEBAR_STORAGE_KEY = 'work_item_show_sidebar';
/** The class GitLab puts on the hidden sidebar: `display: none` from the md panel width up. */
export const HIDDEN_SIDEBAR_CLASS = '@md/panel:gl-hidden';
/** The legacy issue page's cookie for a collapsed right sidebar (`right_sidebar.js`). */
export const COLLAPSED_GUTTER_COOKIE = 'collapsed_gutter';

export const CLIENT_SCRIPT = String.raw`(() => {
  'use strict';
  const root = (window.gon && window.gon.relative_url_root) || '';
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = csrfMeta ? csrfMeta.getAttribute('content') : '';

  // The legacy issue page (server-rendered; its gutter toggle is right_sidebar.js's).
  document.addEventListener('click', (event) => {
    const toggle = event.target instanceof Element && event.target.closest('.js-sidebar-toggle');
    if (!toggle) return;
    event.preventDefault();
    const aside = document.querySelector('aside.right-sidebar');
    if (!aside) return;
    const collapse = aside.classList.contains('right-sidebar-expanded');
    aside.classList.toggle('right-sidebar-expanded', !collapse);
    aside.classList.toggle('right-sidebar-collapsed', collapse);
    toggle.setAttribute('title', collapse ? 'Expand sidebar' : 'Collapse sidebar');
    toggle.textContent = collapse ? '«' : '»';
    document.cookie = '${COLLAPSED_GUTTER_COOKIE}=' + collapse + '; path=/; SameSite=Lax';
  });

  const mount = document.getElementById('js-work-items');
  const initial = document.getElementById('js-work-items-initial');
  if (!mount) return;
  let renderedPath = location.pathname;
  let navigation = 0;

  const ITEM_QUERY = 'query workItemByIid($fullPath: ID!, $iid: String!) { workspace: namespace(fullPath: $fullPath) { id workItem(iid: $iid) { id iid title workItemType { name } } } }';
  const LIST_QUERY = 'query namespaceWorkItems($fullPath: ID!) { namespace(fullPath: $fullPath) { id fullPath } }';

  function fragmentFrom(markup) {
    const parsed = new DOMParser().parseFromString('<body>' + markup + '</body>', 'text/html');
    const fragment = document.createDocumentFragment();
    for (const node of Array.from(parsed.body.childNodes)) fragment.appendChild(document.importNode(node, true));
    return fragment;
  }

  function withoutRoot(pathname) {
    return root && pathname.startsWith(root) ? pathname.slice(root.length) || '/' : pathname;
  }

  /** What the app asks GitLab for on a path: an item ({ fullPath, iid }), a list, or nothing. */
  function subjectOf(pathname) {
    const path = decodeURIComponent(withoutRoot(pathname));
    const item = /^\/(?:groups\/)?(.+?)\/-\/(?:work_items|issues|epics)\/(\d+)\/?$/.exec(path);
    if (item) return { fullPath: item[1], iid: item[2] };
    const list = /^\/(?:groups\/)?(.+?)\/-\/(?:work_items|issues|epics)\/?$/.exec(path);
    return list ? { fullPath: list[1] } : null;
  }

  function subjectOfShow(show) {
    try {
      const data = JSON.parse(atob(show));
      return data && data.full_path && data.iid ? { fullPath: String(data.full_path), iid: String(data.iid) } : null;
    } catch (error) {
      return null;
    }
  }

  /** The app's own GraphQL request, with the session; the view renders once it answered. */
  async function askGitLab(subject) {
    if (!subject) return null;
    const body = subject.iid
      ? { operationName: 'workItemByIid', query: ITEM_QUERY, variables: subject }
      : { operationName: 'namespaceWorkItems', query: LIST_QUERY, variables: { fullPath: subject.fullPath } };
    try {
      const response = await fetch(root + '/api/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
        body: JSON.stringify(body),
      });
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  async function fetchView(params) {
    const response = await fetch(root + '/-/sandbox/fragment?' + new URLSearchParams(params).toString(), { credentials: 'same-origin' });
    return response.json();
  }

  function sidebarShown() {
    try {
      return localStorage.getItem('${SHOW_SIDEBAR_STORAGE_KEY}') !== 'false';
    } catch (error) {
      return true;
    }
  }

  /** Applies the sidebar preference to every work item view that offers the toggle. */
  function applySidebarPreference() {
    const shown = sidebarShown();
    for (const detail of document.querySelectorAll('[data-testid="work-item-detail"]')) {
      const toggle = detail.querySelector('[data-testid="sidebar-toggle-action"]');
      if (!toggle) continue;
      const label = toggle.querySelector('[data-testid="sidebar-toggle-label"]');
      if (label) label.textContent = shown ? 'Hide sidebar' : 'Show sidebar';
      for (const sidebar of detail.querySelectorAll('[data-testid="work-item-overview-right-sidebar"]'))
        sidebar.classList.toggle('${HIDDEN_SIDEBAR_CLASS}', !shown);
    }
  }

  function toggleSidebar() {
    try {
      localStorage.setItem('${SHOW_SIDEBAR_STORAGE_KEY}', String(!sidebarShown()));
    } catch (error) {
      return;
    }
    applySidebarPreference();
  }

  function closeMenus(except) {
    for (const menu of document.querySelectorAll('[data-testid="work-item-actions-menu"]')) {
      if (menu === except) continue;
      menu.hidden = true;
      const button = menu.parentElement && menu.parentElement.querySelector('[data-testid="work-item-actions-dropdown"]');
      if (button) button.setAttribute('aria-expanded', 'false');
    }
  }

  async function navigate(href, push) {
    const url = new URL(href, location.href);
    const ticket = ++navigation;
    closeDrawer(false);
    mount.replaceChildren();
    if (push) history.pushState({ sandbox: true }, '', url.pathname + url.search + url.hash);
    const [view] = await Promise.all([
      fetchView({ path: withoutRoot(url.pathname) }),
      askGitLab(subjectOf(url.pathname)),
    ]);
    if (ticket !== navigation) return;
    document.title = view.title + ' · GitLab';
    mount.replaceChildren(fragmentFrom(view.html));
    applySidebarPreference();
    renderedPath = url.pathname;
    await syncDrawer();
  }

  function currentDrawer() {
    return document.querySelector('[data-testid="work-item-drawer"]');
  }

  function closeDrawer(push) {
    const drawer = currentDrawer();
    if (drawer) drawer.remove();
    if (push) {
      const url = new URL(location.href);
      url.searchParams.delete('show');
      history.pushState({ sandbox: true }, '', url.pathname + url.search + url.hash);
    }
  }

  async function openDrawer(show, push) {
    if (push) {
      const url = new URL(location.href);
      url.searchParams.set('show', show);
      history.pushState({ sandbox: true }, '', url.pathname + url.search + url.hash);
    }
    const [view] = await Promise.all([fetchView({ show }), askGitLab(subjectOfShow(show))]);
    const existing = currentDrawer();
    if (existing) existing.remove();
    const drawer = document.createElement('aside');
    drawer.className = 'work-item-drawer';
    drawer.setAttribute('data-testid', 'work-item-drawer');
    drawer.setAttribute('aria-label', 'Work item drawer');
    const header = document.createElement('div');
    header.className = 'drawer-header';
    const full = document.createElement('a');
    full.textContent = 'Open in full page';
    full.href = view.href || '#';
    full.setAttribute('data-sandbox-nav', '');
    full.setAttribute('data-testid', 'work-item-drawer-ref-link');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn';
    close.textContent = 'Close';
    close.setAttribute('aria-label', 'Close drawer');
    close.setAttribute('data-testid', 'work-item-drawer-close');
    header.append(full, close);
    drawer.append(header, fragmentFrom(view.html));
    document.body.appendChild(drawer);
    applySidebarPreference();
  }

  async function syncDrawer() {
    const show = new URL(location.href).searchParams.get('show');
    const drawer = currentDrawer();
    if (!show) return closeDrawer(false);
    if (!drawer || drawer.getAttribute('data-show') !== show) {
      await openDrawer(show, false);
      const opened = currentDrawer();
      if (opened) opened.setAttribute('data-show', show);
    }
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const target = event.target instanceof Element ? event.target : null;
    const actions = target && target.closest('[data-testid="work-item-actions-dropdown"]');
    if (actions) {
      const menu = actions.parentElement.querySelector('[data-testid="work-item-actions-menu"]');
      closeMenus(menu);
      if (menu) {
        menu.hidden = !menu.hidden;
        actions.setAttribute('aria-expanded', String(!menu.hidden));
      }
      return;
    }
    const sidebarToggle = target && target.closest('[data-testid="sidebar-toggle-action"]');
    closeMenus(null);
    if (sidebarToggle) {
      toggleSidebar();
      return;
    }
    const close = target && target.closest('[data-testid="work-item-drawer-close"]');
    if (close) {
      event.preventDefault();
      closeDrawer(true);
      return;
    }
    const drawerLink = target && target.closest('a[data-drawer-link]');
    if (drawerLink) {
      event.preventDefault();
      const show = drawerLink.getAttribute('data-show');
      openDrawer(show, true).then(() => {
        const opened = currentDrawer();
        if (opened) opened.setAttribute('data-show', show);
      });
      return;
    }
    const navLink = target && target.closest('a[data-sandbox-nav]');
    if (navLink && navLink.origin === location.origin) {
      event.preventDefault();
      navigate(navLink.href, true);
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && (event.metaKey || event.ctrlKey) && document.querySelector('[data-testid="sidebar-toggle-action"]')) {
      event.preventDefault();
      toggleSidebar();
      return;
    }
    if (event.key === 'Escape') {
      closeMenus(null);
      if (currentDrawer()) closeDrawer(true);
    }
  });

  window.addEventListener('popstate', () => {
    if (location.pathname !== renderedPath) navigate(location.href, false);
    else syncDrawer();
  });

  const firstTicket = navigation;
  askGitLab(subjectOf(location.pathname)).then(() => {
    if (firstTicket !== navigation) return;
    if (initial) mount.replaceChildren(initial.content.cloneNode(true));
    applySidebarPreference();
    syncDrawer();
  });
})();
`;
