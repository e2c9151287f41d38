// The page script, served at /-/sandbox/app.js. It plays GitLab's Vue app: the view appears
// ~300 ms after load inside #js-work-items, links between items navigate client-side
// (pushState, no reload), and list links open a drawer with `?show=` in the URL.

/** How long the simulated app takes to mount after the document loads. */
export const APP_MOUNT_DELAY_MS = 300;

export const CLIENT_SCRIPT = String.raw`(() => {
  'use strict';
  const root = (window.gon && window.gon.relative_url_root) || '';
  const mount = document.getElementById('js-work-items');
  const initial = document.getElementById('js-work-items-initial');
  if (!mount) return;
  let renderedPath = location.pathname;
  let navigation = 0;

  function fragmentFrom(markup) {
    const parsed = new DOMParser().parseFromString('<body>' + markup + '</body>', 'text/html');
    const fragment = document.createDocumentFragment();
    for (const node of Array.from(parsed.body.childNodes)) fragment.appendChild(document.importNode(node, true));
    return fragment;
  }

  function withoutRoot(pathname) {
    return root && pathname.startsWith(root) ? pathname.slice(root.length) || '/' : pathname;
  }

  async function fetchView(params) {
    const response = await fetch(root + '/-/sandbox/fragment?' + new URLSearchParams(params).toString(), { credentials: 'same-origin' });
    return response.json();
  }

  async function navigate(href, push) {
    const url = new URL(href, location.href);
    const ticket = ++navigation;
    closeDrawer(false);
    mount.replaceChildren();
    if (push) history.pushState({ sandbox: true }, '', url.pathname + url.search + url.hash);
    const view = await fetchView({ path: withoutRoot(url.pathname) });
    await new Promise((resolve) => setTimeout(resolve, ${APP_MOUNT_DELAY_MS} / 2));
    if (ticket !== navigation) return;
    document.title = view.title + ' · GitLab';
    mount.replaceChildren(fragmentFrom(view.html));
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
    const view = await fetchView({ show });
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
    if (event.key === 'Escape' && currentDrawer()) closeDrawer(true);
  });

  window.addEventListener('popstate', () => {
    if (location.pathname !== renderedPath) navigate(location.href, false);
    else syncDrawer();
  });

  setTimeout(() => {
    if (initial) mount.replaceChildren(initial.content.cloneNode(true));
    syncDrawer();
  }, ${APP_MOUNT_DELAY_MS});
})();
`;
