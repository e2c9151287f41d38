// The content script: finds the work item a GitLab page shows, asks the background for its OKR
// view and shows it in a panel inside a shadow root, following client-side navigation and the
// drawer. It never sees a token: it only sends references and receives views.
//
// Registered at run time by the background (one registration for every configured instance), so
// the `matches` below only seed the manifest's host permissions. The CSS is imported as a string
// and handed to the shadow root: WXT's `cssInjectionMode: 'ui'` would fetch it as a web-accessible
// resource, which the manifest grants to gitlab.com only, not to self-managed hosts.
// First: tells the background the page is opening before the rest of the script is evaluated.
import { pageOpening } from './start';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '../../components/panel/panel.css?inline';
import { OkrPanel } from '../../components/panel/OkrPanel';
import type { Request } from '../../lib/messages';
import { PushSchema, type Problem } from '../../lib/page-messages';
import { pageItemFromUrl, pageKeyOf, type PageItem } from '../../lib/page';
import { basePathOfPage, findPlacement, isGitLabPage, themeOf, type Placement } from './markers';
import {
  initialPageState,
  parseLoadAnswer,
  parsePeekAnswer,
  refreshing,
  retryDelayMs,
  unreachableProblem,
  withLoad,
  withPeek,
  worthShowing,
  type PageState,
} from './panel-state';

/** A load quicker than this shows no skeleton at all: nothing flashes on non-OKR pages. */
const SKELETON_DELAY_MS = 400;
/** GitLab's app renders a while after load; after this long without a place, give up. */
const ANCHOR_WAIT_MS = 20_000;
/** Once the panel is placed, DOM changes are looked at no more often than this. */
const DOM_CHECK_MS = 200;
/** Automatic retries after a rate limit, per page. */
const MAX_RETRIES = 3;
const COLLAPSED_KEY = 'okr-lens:collapsed';

export default defineContentScript({
  registration: 'runtime',
  matches: ['https://gitlab.com/*'],
  // The background registers it at `document_start` (lib/background/instances.ts); this says so
  // for WXT too.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  async main(ctx) {
    // At document start only the URL exists: the background names the configured instance's root,
    // so the view is asked for while GitLab's page still loads, and the panel mounts as soon as
    // GitLab's view appears (in the same frame when the view is already here).
    const [basePath, host] = await Promise.all([instanceRootOf(), createPanelHost(ctx)]);
    if (basePath === null || !ctx.isValid) return;
    const pages = createPageSession(ctx, basePath, host);

    pages.follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => pages.follow(event.newUrl.href));
    ctx.addEventListener(window, 'online', () => pages.refreshAfter('offline'));

    const onPush = (message: unknown) => {
      const push = PushSchema.safeParse(message);
      if (push.success && push.data.origin === location.origin) pages.refresh();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onPush);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onPush));

    // Another site on a configured host is left alone once its document shows it is not GitLab.
    await documentParsed();
    if (!isGitLabPage(document)) pages.close();
  },
});

/**
 * The configured instance's relative URL root for this page (null: none), from the background's
 * answer to `page:open`. Should the background not answer, the page itself says, once parsed; the
 * panel then tells what went wrong.
 */
async function instanceRootOf(): Promise<string | null> {
  const opening = await pageOpening;
  if (opening.instance === true) return opening.basePath;
  if (opening.instance === false) return null;
  await documentParsed();
  return isGitLabPage(document) ? basePathOfPage(document, location.pathname) : null;
}

function documentParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

/** One page visit: a work item shown on the page or in the drawer, and what the panel says. */
interface Visit {
  key: string;
  item: PageItem;
  state: PageState;
  /** Aborted when the user leaves: late answers for this visit are dropped. */
  controller: AbortController;
  /** Bumped per load, so an older load's answer never overwrites a newer one. */
  generation: number;
  startedAt: number;
  retries: number;
}

function createPageSession(ctx: ContentScriptContext, basePath: string, host: PanelHost) {
  const optionsUrl = browser.runtime.getURL('/options.html');
  let visit: Visit | null = null;
  let closed = false;
  let collapsed = readCollapsed();
  /** True while the panel sits in the page: re-checks are then throttled, first placement is not. */
  let placed = false;
  const dom = watchDom(
    ctx,
    () => follow(location.href),
    () => (placed ? DOM_CHECK_MS : 0),
  );

  function follow(url: string) {
    if (closed) return;
    const item = pageItemFromUrl(url, { basePath });
    const key = item ? `${item.in}|${pageKeyOf(item.ref)}` : null;
    if (visit && visit.key === key) {
      paint();
      return;
    }
    leave();
    if (!item || !key) return;
    const next: Visit = {
      key,
      item,
      state: initialPageState,
      controller: new AbortController(),
      generation: 0,
      startedAt: Date.now(),
      retries: 0,
    };
    visit = next;
    dom.start();
    void load(next);
    ctx.setTimeout(() => visit === next && paint(), SKELETON_DELAY_MS);
    ctx.setTimeout(() => visit === next && paint(), ANCHOR_WAIT_MS);
  }

  function leave() {
    visit?.controller.abort();
    visit = null;
    dom.stop();
    host.hide();
  }

  async function load(current: Visit) {
    const generation = ++current.generation;
    const isLatest = () =>
      visit === current &&
      current.generation === generation &&
      !current.controller.signal.aborted &&
      ctx.isValid;
    const { ref } = current.item;

    const peek = ask({ type: 'view:peek', ref }).then(parsePeekAnswer, () => null);
    const fresh = ask({ type: 'view:load', ref }).then(parseLoadAnswer, () => ({
      ok: false as const,
      problem: unreachableProblem(),
    }));
    void peek.then((answer) => {
      if (!isLatest()) return;
      current.state = withPeek(current.state, answer);
      paint();
    });
    const answer = await fresh;
    if (!isLatest()) return;
    current.state = withLoad(current.state, answer);
    paint();
    if (!answer.ok) retryLater(current, answer.problem);
  }

  function retryLater(current: Visit, problem: NonNullable<PageState['problem']>) {
    const delay = retryDelayMs(problem);
    if (delay === null || current.retries >= MAX_RETRIES) return;
    current.retries += 1;
    const retryAt = Date.now() + delay;
    const countDown = () => {
      if (visit !== current) return;
      current.state = {
        ...current.state,
        retryInSeconds: Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)),
      };
      paint();
    };
    const ticker = ctx.setInterval(countDown, 1000);
    current.controller.signal.addEventListener('abort', () => clearInterval(ticker));
    countDown();
    ctx.setTimeout(() => {
      clearInterval(ticker);
      if (visit !== current) return;
      current.state = refreshing(current.state);
      paint();
      void load(current);
    }, delay);
  }

  /** Loads the current item again, keeping what is shown (after a change made elsewhere). */
  function refresh() {
    if (!visit) return;
    dom.start();
    visit.state = refreshing(visit.state);
    paint();
    void load(visit);
  }

  function refreshAfter(kind: NonNullable<PageState['problem']>['kind']) {
    if (visit?.state.problem?.kind === kind) refresh();
  }

  function paint() {
    if (!visit) return host.hide();
    // Not an OKR: nothing will show until the user navigates, so stop watching the page.
    if (visit.state.hidden) dom.stop();
    const elapsed = Date.now() - visit.startedAt;
    placed = false;
    if (!worthShowing(visit.state, elapsed >= SKELETON_DELAY_MS)) return host.hide();
    const placement = findPlacement(document, visit.item.in);
    if (!placement) {
      // Not rendered yet: the DOM watch paints again when it is, until the wait runs out.
      if (elapsed >= ANCHOR_WAIT_MS) dom.stop();
      return host.hide();
    }
    placed = true;
    host.show(
      placement,
      themeOf(document),
      <OkrPanel
        state={visit.state}
        collapsed={collapsed}
        onToggleCollapsed={toggleCollapsed}
        optionsUrl={optionsUrl}
        onAction={openAction}
        onOpenMap={openMap}
        onProposalAnswer={answerProposal}
      />,
    );
  }

  function toggleCollapsed() {
    collapsed = !collapsed;
    writeCollapsed(collapsed);
    paint();
  }

  /**
   * The answer to "OKR Lens found … Use epics and labels for acme?": Confirm saves the group's
   * carrier in the background and loads the item's view the new way; Not now hides the panel
   * (the background remembers it for the session).
   */
  function answerProposal(answer: 'confirm' | 'dismiss') {
    const current = visit;
    if (!current || current.state.answering) return;
    current.state = { ...current.state, answering: true };
    paint();
    const type = answer === 'confirm' ? 'carrier:confirm' : 'carrier:dismiss';
    void ask({ type, ref: current.item.ref })
      .then(confirmedOrProblem, () => ({ ok: false as const, problem: unreachableProblem() }))
      .then((reply) => {
        if (visit !== current) return;
        if (answer === 'dismiss') {
          current.state = { ...initialPageState, refreshing: false, hidden: true };
        } else if (reply.ok) {
          current.state = initialPageState;
          void load(current);
        } else {
          current.state = { ...current.state, answering: false, problem: reply.problem };
        }
        paint();
      });
  }

  /** A web page may not open an extension page by a link: the background opens the options. */
  function openAction(url: string): boolean {
    if (!url.startsWith(optionsUrl)) return false;
    // `options:open` is proposed for lib/messages.ts; until the background knows it, the click
    // does nothing rather than navigating to a blocked extension URL.
    browser.runtime.sendMessage({ type: 'options:open' }).catch(() => undefined);
    return true;
  }

  /** The quarter map of the item's namespace, for its quarter, with the item in view. */
  function openMap() {
    const view = visit?.state.view;
    if (!visit || !view) return;
    void ask({
      type: 'map:open',
      ref: visit.item.ref,
      itemUrl: view.item.url,
      quarter: view.item.milestone,
    }).catch(() => undefined);
  }

  /** Not a GitLab page after all: nothing more is asked or shown. */
  function close() {
    closed = true;
    leave();
  }

  return { follow, refresh, refreshAfter, close };
}

/** `{ ok: true }`, or the background's problem (anything else is an unreadable answer). */
function confirmedOrProblem(reply: unknown): { ok: true } | { ok: false; problem: Problem } {
  if (reply && typeof reply === 'object' && (reply as { ok?: unknown }).ok === true)
    return { ok: true };
  const parsed = parseLoadAnswer(reply);
  return parsed.ok ? { ok: true } : parsed;
}

function ask(request: Request): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

interface PanelHost {
  show(placement: Placement, theme: string, element: ReactNode): void;
  hide(): void;
}

/** The shadow-root host of the panel: mounted where the placement says, moved when it changes. */
async function createPanelHost(ctx: ContentScriptContext): Promise<PanelHost> {
  let placement: Placement | null = null;
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'okr-lens-panel',
    position: 'inline',
    // panel.css resets the host itself, so that it can be a block (WXT's reset is `!important`).
    inheritStyles: true,
    css: panelCss,
    anchor: () => placement?.anchor,
    append: (anchor, element) =>
      placement?.append === 'after' ? anchor.after(element) : anchor.prepend(element),
    onMount: (container) => createRoot(container),
    onRemove: (root) => root?.unmount(),
  });
  return {
    show(next, theme, element) {
      const moved =
        !placement ||
        placement.anchor !== next.anchor ||
        placement.append !== next.append ||
        !ui.shadowHost.isConnected;
      if (moved) {
        if (ui.mounted) ui.remove();
        placement = next;
        ui.mount();
      }
      ui.shadowHost.setAttribute('data-theme', theme);
      ui.shadowHost.setAttribute('data-where', next.where);
      ui.mounted?.render(element);
    },
    hide() {
      if (ui.mounted) ui.remove();
      placement = null;
    },
  };
}

/**
 * Watches the page for GitLab's view rendering, the drawer opening or closing, the sidebar being
 * hidden or shown, and GitLab re-rendering the panel away. Until the panel is placed, every change
 * is looked at at once (a mutation observer runs before the browser paints, so the panel shows in
 * the frame GitLab's view does); after that, at most every `delayMs()`. Owned by `ctx`.
 */
function watchDom(ctx: ContentScriptContext, onChange: () => void, delayMs: () => number) {
  let scheduled = false;
  let observing = false;
  const observer = new MutationObserver(() => {
    if (!observing) return;
    const delay = delayMs();
    if (delay === 0) return onChange();
    if (scheduled) return;
    scheduled = true;
    ctx.setTimeout(() => {
      scheduled = false;
      if (observing) onChange();
    }, delay);
  });
  ctx.onInvalidated(() => observer.disconnect());
  return {
    start() {
      if (observing) return;
      observing = true;
      // The document itself: at document start there is no body yet.
      observer.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['class'],
      });
    },
    stop() {
      observing = false;
      observer.disconnect();
    },
  };
}

function readCollapsed(): boolean {
  try {
    return sessionStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function writeCollapsed(collapsed: boolean) {
  try {
    sessionStorage.setItem(COLLAPSED_KEY, collapsed ? '1' : '0');
  } catch {
    // Storage may be off for this site; the panel then forgets between pages.
  }
}
