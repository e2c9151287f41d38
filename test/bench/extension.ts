// The extension measured in Chromium: every visit opens a fresh tab on a generated item's page
// and times navigation → the panel's score, placing the sandbox's request log on the page's
// timeline. Cold = the item was never seen; warm = the same page again in a new tab; held = warm
// with the API answer held back, to see the cached score painted before any response arrives.
import type { BrowserContext, Page, Request } from '@playwright/test';
import type { RequestLogEntry, Sandbox } from '../sandbox/server';
import { DEFAULT_EPIC_SETTINGS } from '../../lib/gitlab/carriers/conventions';
import { addInstance, launchWithExtension } from '../support/extension-browser';
import { EPIC_GROUP } from './scenarios';

/** The extension's storage, as the service worker sees it (evaluated there, typed here). */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};
import { navigationStartOnNodeClock, PAGE_TIMING_SCRIPT, readMarks } from './page-timing';
import { sleep } from './stats';

export interface VisitResult {
  /** Navigation start → `okr-score-value` has text (ms). */
  scoreMs: number;
  /** → the frame after it. */
  paintMs: number | null;
  /** → GitLab's app rendered the page the panel attaches to. */
  appMs: number | null;
  /** → the frame that showed GitLab's view. */
  appPaintMs: number | null;
  /** Panel painted − GitLab's view painted (ms; 0 = the same frame). */
  panelAfterViewMs: number | null;
  /** → GitLab's own page requested its view from the API (its session, not the extension). */
  gitlabRequestMs: number | null;
  /** → the page's load event ended. */
  loadMs: number | null;
  /** → the first API request reached the sandbox. */
  firstRequestMs: number | null;
  /** → the first API response was sent. */
  firstResponseMs: number | null;
  /** → the last API response of the view was sent. */
  lastResponseMs: number | null;
  /** Server-side duration of the first API request: the round trip this view paid. */
  firstRequestRoundTripMs: number | null;
  scoreText: string;
  fromCache: boolean;
  graphql: number;
  rest: number;
  requestBytes: number;
  responseBytes: number;
  operations: Record<string, number>;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** `launchPersistentContext` → the extension's service worker is registered (ms). */
  launchToWorkerMs: number;
  /** `stopWorker`: the service worker is stopped first, so the cache is read from storage. */
  visit(url: string, options?: { stopWorker?: boolean }): Promise<VisitResult>;
  close(): Promise<void>;
}

const SCORE_TIMEOUT_MS = 60_000;
/** A view is over when no API request has been in flight for this long. */
const QUIET_MS = 600;

function isApi(entry: RequestLogEntry): boolean {
  return entry.api === 'graphql' || entry.api === 'rest';
}

/** Waits until the sandbox has answered every API request and none came for `QUIET_MS`. */
async function waitForQuiet(sandbox: Sandbox, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const api = sandbox.requests().filter(isApi);
    const busy = api.some((entry) => entry.status === 0);
    const lastEnd = Math.max(0, ...api.map((entry) => Date.parse(entry.at) + entry.ms));
    if (!busy && Date.now() - lastEnd >= QUIET_MS) return;
    await sleep(50);
  }
}

export async function startExtensionSession(
  sandbox: Sandbox,
  extensionDir: string,
): Promise<ExtensionSession> {
  const launched = performance.now();
  const { context, extensionId } = await launchWithExtension({ extensionDir });
  const launchToWorkerMs = performance.now() - launched;
  await context.addInitScript({ content: PAGE_TIMING_SCRIPT });

  // Request bodies sent by the service worker (the sandbox logs only response sizes).
  let sentBodies: number[] = [];
  context.on('request', (request: Request) => {
    if (!request.serviceWorker() || !/\/api\/(graphql|v4\/)/.test(request.url())) return;
    sentBodies.push(request.postDataBuffer()?.length ?? 0);
  });

  const setup = await context.newPage();
  await addInstance(setup, extensionId, sandbox.url, sandbox.tokens.api);
  await setup.getByText('Token works').waitFor({ timeout: 30_000 });
  // The epic scenarios' group keeps its OKRs as epics and labelled issues, as the options page
  // would store once the user confirmed detection's proposal.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    async ({ baseUrl, group, settings }) => {
      await chrome.storage.local.set({ carrierChoices: { [baseUrl]: { [group]: settings } } });
    },
    { baseUrl: sandbox.url, group: EPIC_GROUP, settings: DEFAULT_EPIC_SETTINGS },
  );
  await waitForQuiet(sandbox);
  const devtools = await context.newCDPSession(setup);
  await devtools.send('ServiceWorker.enable');

  async function visit(url: string, options: { stopWorker?: boolean } = {}): Promise<VisitResult> {
    await waitForQuiet(sandbox);
    if (options.stopWorker) {
      await devtools.send('ServiceWorker.stopAllWorkers');
      await sleep(200);
    }
    sandbox.clearRequests();
    sentBodies = [];
    const page: Page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'commit' });
      await page
        .locator('okr-lens-panel [data-testid="okr-score-value"]')
        .first()
        .waitFor({ timeout: SCORE_TIMEOUT_MS });
      await waitForQuiet(sandbox);
      const marks = await readMarks(page);
      const navigationStart = await navigationStartOnNodeClock(page);
      const requests = sandbox.requests();
      const api = requests.filter(isApi);
      const gitlabOwn = requests.find((entry) => entry.api === 'app');
      const onPage = (epochMs: number) => epochMs - navigationStart;
      const first = api[0];
      const operations: Record<string, number> = {};
      for (const entry of api) {
        const name = entry.operationName ?? `${entry.method} ${entry.path.split('?')[0]}`;
        operations[name] = (operations[name] ?? 0) + 1;
      }
      if (marks.score === undefined) throw new Error(`No score seen on ${url}`);
      return {
        scoreMs: marks.score,
        paintMs: marks.scoreFrame ?? null,
        appMs: marks.app ?? null,
        appPaintMs: marks.appFrame ?? null,
        panelAfterViewMs:
          marks.scoreFrame !== undefined && marks.appFrame !== undefined
            ? marks.scoreFrame - marks.appFrame
            : null,
        gitlabRequestMs: gitlabOwn ? onPage(Date.parse(gitlabOwn.at)) : null,
        loadMs: marks.load ?? null,
        firstRequestMs: first ? onPage(Date.parse(first.at)) : null,
        firstResponseMs: api.length
          ? Math.min(...api.map((entry) => onPage(Date.parse(entry.at) + entry.ms)))
          : null,
        lastResponseMs: api.length
          ? Math.max(...api.map((entry) => onPage(Date.parse(entry.at) + entry.ms)))
          : null,
        firstRequestRoundTripMs: first ? first.ms : null,
        scoreText: marks.scoreText ?? '',
        fromCache: marks.fromCache ?? false,
        graphql: api.filter((entry) => entry.api === 'graphql').length,
        rest: api.filter((entry) => entry.api === 'rest').length,
        requestBytes: sentBodies.reduce((sum, bytes) => sum + bytes, 0),
        responseBytes: api.reduce((sum, entry) => sum + entry.bytes, 0),
        operations,
      };
    } finally {
      await page.close();
    }
  }

  return {
    context,
    extensionId,
    launchToWorkerMs,
    visit,
    close: () => context.close(),
  };
}
