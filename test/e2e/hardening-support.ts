// Instruments for the hardening e2e tests: what the extension's service worker logs and sends,
// every request the browser makes, and the content script's own isolated world (reached over
// the Chrome DevTools Protocol, since Playwright evaluates only in the page's main world).
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';

/** The few extension APIs called inside the service worker or extension pages. */
declare const chrome: {
  action: {
    getBadgeText(details: object): Promise<string>;
    getTitle(details: object): Promise<string>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { sendMessage(tabId: number, message: unknown, ...rest: unknown[]): Promise<unknown> };
};

export function serviceWorker(context: BrowserContext): Worker {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('The extension has no service worker');
  return worker;
}

/** Network-level lines the browser logs for any non-2xx answer: not errors of OKR Lens. */
const NETWORK_NOISE = /Failed to load resource|net::ERR_/;

/**
 * Errors from the service worker (console errors, uncaught exceptions, unhandled rejections)
 * and the pages' consoles (content script errors land there), network noise left out.
 */
export async function collectErrors(context: BrowserContext): Promise<string[]> {
  const errors: string[] = [];
  const worker = serviceWorker(context);
  worker.on('console', (message) => {
    if (message.type() === 'error' && !NETWORK_NOISE.test(message.text()))
      errors.push(`service worker: ${message.text()}`);
  });
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __okrLensErrorsHooked?: boolean };
    if (scope.__okrLensErrorsHooked) return;
    scope.__okrLensErrorsHooked = true;
    // Uncaught errors in a service worker reach its console only in DevTools: log them there.
    globalThis.addEventListener('error', (event) =>
      console.error(`uncaught: ${(event as ErrorEvent).message}`),
    );
    globalThis.addEventListener('unhandledrejection', (event) =>
      console.error(`unhandled rejection: ${String((event as PromiseRejectionEvent).reason)}`),
    );
  });
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (message.type() === 'error' && !NETWORK_NOISE.test(message.text()))
        errors.push(`${page.url()}: ${message.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  fromServiceWorker: boolean;
}

/** Every request of the browser context, service worker included, with headers and body. */
export function recordRequests(context: BrowserContext): SeenRequest[] {
  const seen: SeenRequest[] = [];
  context.on('request', (request) =>
    seen.push({
      url: request.url(),
      headers: request.headers(),
      body: request.postData() ?? '',
      fromServiceWorker: request.serviceWorker() !== null,
    }),
  );
  return seen;
}

/** Records every message the background pushes to tabs (`tabs.sendMessage`). */
export async function recordPushes(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __okrLensPushes?: string[] };
    if (scope.__okrLensPushes) return;
    scope.__okrLensPushes = [];
    const send = chrome.tabs.sendMessage.bind(chrome.tabs);
    chrome.tabs.sendMessage = (tabId, message, ...rest) => {
      scope.__okrLensPushes!.push(JSON.stringify(message));
      return send(tabId, message, ...rest);
    };
  });
}

export async function pushesOf(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () => (globalThis as unknown as { __okrLensPushes?: string[] }).__okrLensPushes ?? [],
  );
}

export async function badgeOf(context: BrowserContext): Promise<{ text: string; title: string }> {
  return serviceWorker(context).evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

/** The content script's isolated world on a page, reached over CDP. */
export interface ContentScriptWorld {
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export async function contentScriptWorld(
  page: Page,
  extensionName = 'OKR Lens for GitLab',
): Promise<ContentScriptWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; frameId: string; type: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) =>
    contexts.push({
      id: context.id,
      name: context.name,
      frameId: (context.auxData as { frameId?: string } | undefined)?.frameId ?? '',
      type: (context.auxData as { type?: string } | undefined)?.type ?? '',
    }),
  );
  cdp.on('Runtime.executionContextsCleared', () => contexts.splice(0));
  await cdp.send('Runtime.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string } };
  };
  const isolated = () =>
    contexts.find(
      (context) =>
        context.type === 'isolated' &&
        context.name === extensionName &&
        context.frameId === frameTree.frame.id,
    );
  for (let tries = 0; !isolated() && tries < 50; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const world = isolated();
  if (!world) throw new Error(`No isolated world of ${extensionName} on ${page.url()}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (answer.exceptionDetails)
        throw new Error(
          answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text,
        );
      return answer.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

/**
 * Everything the page's main world holds as text: the DOM with open shadow roots, storage,
 * cookies, the history state, resource URLs, and every string reachable from `window`'s own
 * properties (two levels down).
 */
export async function mainWorldText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      parts.push(root instanceof Document ? root.documentElement.outerHTML : root.host.outerHTML);
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          for (const child of element.shadowRoot.children) parts.push(child.outerHTML);
          walk(element.shadowRoot);
        }
        for (const attribute of element.attributes) parts.push(attribute.value);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
          parts.push(element.value);
      }
    };
    walk(document);
    for (const storage of [localStorage, sessionStorage])
      for (let n = 0; n < storage.length; n += 1) {
        const key = storage.key(n) ?? '';
        parts.push(key, storage.getItem(key) ?? '');
      }
    parts.push(document.cookie, JSON.stringify(history.state), location.href);
    parts.push(...performance.getEntries().map((entry) => entry.name));
    const seen = new Set<unknown>();
    const collect = (value: unknown, depth: number) => {
      if (typeof value === 'string') return void parts.push(value);
      if (!value || typeof value !== 'object' || depth > 2 || seen.has(value)) return;
      seen.add(value);
      for (const key of Object.getOwnPropertyNames(value)) {
        try {
          collect((value as Record<string, unknown>)[key], depth + 1);
        } catch {
          // A getter that throws (e.g. a cross-origin frame) holds nothing of ours.
        }
      }
    };
    for (const key of Object.getOwnPropertyNames(window)) {
      try {
        collect((window as unknown as Record<string, unknown>)[key], 0);
      } catch {
        // As above.
      }
    }
    return parts.join('\n');
  });
}

/**
 * Elements that GitLab content would have made had it been parsed as HTML: in the panel's shadow
 * root (`panel`) or anywhere in an extension page (`document`). OKR Lens itself renders none of
 * these tags, and no event-handler attribute or `javascript:` link.
 */
export async function injectedElements(page: Page, where: 'panel' | 'document'): Promise<string[]> {
  return page.evaluate((scope) => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot | HTMLElement) => {
      for (const element of root.querySelectorAll('*')) {
        if (scope === 'document' || root instanceof ShadowRoot) {
          if (/^(script|iframe|img|object|embed|b)$/i.test(element.tagName))
            found.push(element.outerHTML.slice(0, 80));
          for (const attribute of element.attributes)
            if (/^on/i.test(attribute.name) || /javascript:/i.test(attribute.value))
              found.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 40)}`);
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    // The page's own module script sits in <head>: look at what is rendered.
    walk(scope === 'document' ? document.body : document);
    return found;
  }, where);
}

/** Sends a request to the background from an extension page, as its own code would. */
export async function askBackground(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((request) => chrome.runtime.sendMessage(request), message);
}

/**
 * Text with bidi controls (U+202A–202E, U+2066–2069) that is not isolated from the text around
 * it: its element neither is a <bdi> nor has `unicode-bidi: isolate` or `plaintext`, so an RLO
 * in a title could reverse OKR Lens's own words after it.
 */
export async function bidiLeaks(
  page: Page,
  where: 'panel' | 'document',
): Promise<{ checked: number; leaks: string[] }> {
  return page.evaluate((scope) => {
    const controls = /[\u202A-\u202E\u2066-\u2069]/;
    const leaks: string[] = [];
    let checked = 0;
    const isolated = (element: Element | null): boolean => {
      for (let at = element; at; at = at.parentElement) {
        if (at.tagName === 'BDI') return true;
        const bidi = getComputedStyle(at).unicodeBidi;
        if (/isolate|plaintext/.test(bidi)) return true;
        // Isolation must be on the text's own element or its wrapper, not far above it.
        if (at !== element && at !== element?.parentElement) return false;
      }
      return false;
    };
    const walk = (root: Document | ShadowRoot) => {
      if (scope === 'document' || root instanceof ShadowRoot) {
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          if (!controls.test(node.textContent ?? '')) continue;
          checked += 1;
          if (!isolated(node.parentElement))
            leaks.push(`${node.parentElement?.tagName}: ${(node.textContent ?? '').slice(0, 60)}`);
        }
      }
      for (const element of root.querySelectorAll('*'))
        if (element.shadowRoot) walk(element.shadowRoot);
    };
    walk(document);
    return { checked, leaks };
  }, where);
}
