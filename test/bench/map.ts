// The quarter map under load (issue 13, "Fast on big groups"): a group whose quarter holds 100
// and 2,000 OKR items across a few projects. In Node, the extension's map service against a naive
// baseline (one request per item), same client, same sandbox latency: requests and time to the
// first rows (the service's load answer, what the page paints first), and the same items and
// scores from both. In Chromium, map.html on the biggest map, cold and then from the cache: time
// to the first rows, then every row expanded and shown ("Show more" until all are rendered) while
// the page's frames and long tasks are recorded. Nothing here asserts a time.
import type { BrowserContext, Page } from '@playwright/test';
import { createGitLabClient, type RequestRecord } from '../../lib/gitlab/client';
import { DEFAULT_CARRIER_SETTINGS } from '../../lib/gitlab/carriers/conventions';
import {
  createQuarterMapService,
  type LoadedQuarterMap,
  type MapRequest,
} from '../../lib/services/quarter-map';
import type { RequestLogEntry, Sandbox } from '../sandbox/server';
import { addGeneratedQuarter } from '../sandbox/seed/generate';
import { naiveQuarterMap } from './baseline-map';
import { median, ratio, round } from './stats';
import { table } from './report';

const TIME_ZONE = 'UTC';
/** The project the sandbox keeps its quarters in: the bench groups copy its current quarter. */
const QUARTER_SOURCE = 'gitlab-com/gitlab-okrs';
const OWNERS = 12;

export interface MapScenarioSpec {
  id: string;
  label: string;
  items: number;
  projects: number;
  levels: number;
  fanout: number;
  /** Node runs of the extension's loader and of the baseline. */
  runs: number;
  baselineRuns: number;
  /** Open it in Chromium (cold, from cache, every row shown). */
  inBrowser: boolean;
}

export interface SeededMapScenario extends MapScenarioSpec {
  groupPath: string;
  quarter: string;
  objectives: number;
  keyResults: number;
}

export function mapScenarioSpecs(options: { quick: boolean }): MapScenarioSpec[] {
  const spec = (items: number, inBrowser: boolean): MapScenarioSpec => ({
    id: `map-${items}`,
    label: `quarter map, ${items.toLocaleString('en-US')} items`,
    items,
    projects: items > 500 ? 4 : 2,
    levels: 3,
    fanout: 3,
    runs: options.quick ? 1 : 3,
    baselineRuns: items > 500 ? 1 : options.quick ? 1 : 3,
    inBrowser,
  });
  return [spec(100, false), spec(2000, true)];
}

/** Adds each map's group (projects, quarter milestone, objective trees) to the sandbox. */
export function seedMapScenarios(sandbox: Sandbox, specs: MapScenarioSpec[]): SeededMapScenario[] {
  const store = sandbox.store;
  const source = store.namespace(QUARTER_SOURCE);
  const today = store.nowIso().slice(0, 10);
  const quarter = source
    ? store
        .milestonesFor(source)
        .find((m) => m.startDate !== null && m.startDate <= today && today <= (m.dueDate ?? ''))
    : undefined;
  if (!quarter) throw new Error(`No current quarter in ${QUARTER_SOURCE}`);
  const owners = Array.from({ length: OWNERS }, (_, index) => {
    const username = `bench-map-owner-${index + 1}`;
    if (!store.userByUsername(username))
      store.addUser({
        username,
        name: `Map owner ${index + 1}`,
        jobTitle: 'Engineer',
        createdAt: store.nowIso(),
      });
    return username;
  });
  return specs.map((spec) => {
    const groupPath = `bench-${spec.id}`;
    const generated = addGeneratedQuarter(store, {
      groupPath,
      projects: spec.projects,
      items: spec.items,
      levels: spec.levels,
      fanout: spec.fanout,
      quarter: { title: quarter.title, startDate: quarter.startDate, dueDate: quarter.dueDate },
      // The token's user (casey) owns some too, so "Mine" has rows.
      owners: ['casey', ...owners],
      keyPrefix: groupPath,
    });
    const keyResults = generated.items.filter((item) => item.type === 'Key Result').length;
    return {
      ...spec,
      groupPath,
      quarter: quarter.title,
      objectives: generated.items.length - keyResults,
      keyResults,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Node: the extension's loader and the naive one

export interface MapNodeRun {
  /** First request → the map's answer (ms): what the page paints first on a cold open. */
  ms: number;
  graphql: number;
  rest: number;
  responseBytes: number;
  listPages: number | null;
  /** Every item's URL with its score, in the map's order. */
  scores: [string, number | null][];
}

type MapLoader = (
  client: ReturnType<typeof createGitLabClient>,
  scenario: SeededMapScenario,
) => Promise<{ data: LoadedQuarterMap; listPages: number | null }>;

/** The extension's own quarter map service (loadQuarterTree, the builder), with no cache. */
export function extensionMapLoader(sandbox: Sandbox): MapLoader {
  return async (client, scenario) => {
    const service = createQuarterMapService({
      instances: () =>
        Promise.resolve([
          {
            baseUrl: client.baseUrl,
            origin: new URL(client.baseUrl).origin,
            addedAt: new Date().toISOString(),
          },
        ]),
      clientFor: () => Promise.resolve(client),
      carrierSettings: () => Promise.resolve(DEFAULT_CARRIER_SETTINGS),
      cache: { peek: () => Promise.resolve(null), put: () => Promise.resolve() },
      now: () => sandbox.store.now(),
      timeZone: () => TIME_ZONE,
    });
    const request: MapRequest = {
      baseUrl: client.baseUrl,
      scope: [scenario.groupPath],
      quarter: scenario.quarter,
    };
    const result = await service.load(request);
    if (!result.ok) throw new Error(`Extension map failed: ${result.problem.message}`);
    return { data: result.data, listPages: null };
  };
}

export function baselineMapLoader(sandbox: Sandbox): MapLoader {
  return (client, scenario) =>
    naiveQuarterMap(
      client,
      { fullPath: scenario.groupPath, quarterTitle: scenario.quarter },
      { now: sandbox.store.now(), timeZone: TIME_ZONE },
    );
}

/** One timed load with a fresh client (nothing carried between runs). */
export async function measureMapInNode(
  sandbox: Sandbox,
  load: MapLoader,
  scenario: SeededMapScenario,
): Promise<MapNodeRun> {
  const records: RequestRecord[] = [];
  const client = createGitLabClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.api,
    onRequest: (record) => records.push(record),
  });
  const started = performance.now();
  const { data, listPages } = await load(client, scenario);
  const ms = performance.now() - started;
  return {
    ms,
    graphql: records.filter((r) => r.api === 'graphql').length,
    rest: records.filter((r) => r.api === 'rest').length,
    responseBytes: records.reduce((sum, r) => sum + r.responseBytes, 0),
    listPages,
    scores: data.map.items.map((item) => [item.url, item.score]),
  };
}

// ---------------------------------------------------------------------------------------------
// Chromium: map.html opened, every row shown, frames recorded

/**
 * Recorded in the map page (plain JavaScript, added before the page's own scripts): when the first
 * row appeared and what the freshness line said then, and on demand every animation frame's
 * timestamp and every long task (PerformanceObserver 'longtask') between start() and stop().
 */
const MAP_TIMING_SCRIPT = String.raw`(() => {
  const bench = { firstRows: undefined, freshness: '', frames: [], tasks: [], recording: false };
  window.__okrMapBench = bench;
  const observer = new MutationObserver(() => {
    if (bench.firstRows !== undefined) return;
    if (!document.querySelector('[data-testid="map-row"]')) return;
    bench.firstRows = performance.now();
    bench.freshness = document.querySelector('[data-testid="map-freshness"]')?.textContent ?? '';
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
  new PerformanceObserver((list) => {
    if (!bench.recording) return;
    for (const entry of list.getEntries()) bench.tasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask' });
  const frame = (at) => {
    if (!bench.recording) return;
    bench.frames.push(at);
    requestAnimationFrame(frame);
  };
  bench.start = () => { bench.frames = []; bench.tasks = []; bench.recording = true; requestAnimationFrame(frame); };
  bench.stop = () => { bench.recording = false; return { frames: bench.frames, tasks: bench.tasks }; };
})();`;

interface MapBenchGlobal {
  __okrMapBench: {
    firstRows?: number;
    freshness: string;
    start(): void;
    stop(): { frames: number[]; tasks: { start: number; ms: number }[] };
  };
}

export interface MapFrameStats {
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Σ (long task − 50 ms): how long input would have waited. */
  totalBlockingMs: number;
  /**
   * The same tasks in CPU time of the page's main thread (from a Chromium trace): unlike wall
   * time, not stretched when other processes share the machine's cores.
   */
  cpu: MainThreadCpu | null;
}

export interface MainThreadCpu {
  totalMs: number;
  longestTaskMs: number;
  /** Σ (task's CPU time − 50 ms). */
  blockingMs: number;
  scriptMs: number;
  styleAndLayoutMs: number;
  paintMs: number;
}

export interface MapVisit {
  /** Navigation start → the first row in the DOM (ms). */
  firstRowsMs: number;
  /** The first rows came from the cache (the freshness line said "updating…"). */
  fromCache: boolean;
  /** Navigation start → the network's answer shown ("N requests to GitLab"). */
  freshMs: number;
  /** Navigation start → every item's notes read (the map's history complete). */
  historyMs: number;
  /** API requests the notes took after the map's answer. */
  historyRequests: number;
  graphql: number;
  rest: number;
  /** Rows rendered at the end (every row expanded and shown). */
  rowsShown: number;
  /** Click → every new row rendered and painted, for "Expand all" then each "Show more". */
  stepsMs: number[];
  frames: MapFrameStats;
}

const ROW = '[data-testid="map-row"]';

function percentile(values: number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function frameStats(
  recorded: { frames: number[]; tasks: { start: number; ms: number }[] },
  cpu: MainThreadCpu | null = null,
): MapFrameStats {
  const durations = recorded.frames.slice(1).map((at, i) => at - recorded.frames[i]!);
  const tasks = recorded.tasks.map((task) => task.ms);
  return {
    frames: durations.length,
    p50FrameMs: round(percentile(durations, 0.5), 1),
    p95FrameMs: round(percentile(durations, 0.95), 1),
    maxFrameMs: round(Math.max(0, ...durations), 1),
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks), 0),
    totalBlockingMs: round(
      tasks.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0),
      0,
    ),
    cpu,
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
}

/** CPU time (`tdur`, µs) of the main thread that laid the map out, by kind of work. */
function mainThreadCpu(events: TraceEvent[]): MainThreadCpu | null {
  const layouts = new Map<string, number>();
  for (const event of events) {
    if (event.name !== 'Layout') continue;
    const thread = `${event.pid}:${event.tid}`;
    layouts.set(thread, (layouts.get(thread) ?? 0) + 1);
  }
  const main = [...layouts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return null;
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main);
  const sum = (names: string[]) =>
    round(
      onMain
        .filter((e) => names.includes(e.name))
        .reduce((total, e) => total + (e.tdur ?? 0) / 1000, 0),
      0,
    );
  const tasks = onMain.filter((e) => e.name === 'RunTask').map((e) => (e.tdur ?? 0) / 1000);
  return {
    totalMs: round(
      tasks.reduce((total, ms) => total + ms, 0),
      0,
    ),
    longestTaskMs: round(Math.max(0, ...tasks), 0),
    blockingMs: round(
      tasks.reduce((total, ms) => total + Math.max(0, ms - 50), 0),
      0,
    ),
    scriptMs: sum(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch']),
    styleAndLayoutMs: sum(['UpdateLayoutTree', 'Layout']),
    paintMs: sum(['PrePaint', 'Paint', 'Layerize']),
  };
}

/** Records a Chromium trace of the page while `work` runs. */
async function traced<T>(
  context: BrowserContext,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const devtools = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  devtools.on('Tracing.dataCollected', (data) =>
    events.push(...(data.value as unknown as TraceEvent[])),
  );
  await devtools.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  try {
    return { result: await work(), events };
  } finally {
    const complete = new Promise((resolve) => devtools.once('Tracing.tracingComplete', resolve));
    await devtools.send('Tracing.end');
    await complete;
    await devtools.detach();
  }
}

/** Clicks a button in the page and waits until `rows` rows are rendered and painted (ms). */
async function stepTo(page: Page, name: string, rows: number): Promise<number> {
  return page.evaluate(
    async ({ name, rows, selector }) => {
      const started = performance.now();
      const button = [...document.querySelectorAll('button')].find(
        (candidate) => candidate.textContent?.trim() === name,
      );
      if (!button) throw new Error(`No "${name}" button`);
      button.click();
      const deadline = started + 120_000;
      while (document.querySelectorAll(selector).length < rows) {
        if (performance.now() > deadline) throw new Error(`"${name}": rows never reached ${rows}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // The frame that shows them.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - started;
    },
    { name, rows, selector: ROW },
  );
}

function isApi(entry: RequestLogEntry): boolean {
  return entry.api === 'graphql' || entry.api === 'rest';
}

/**
 * Opens the map in a new tab and times its first rows; with `showAll`, expands every row and
 * shows them all ("Show more" until the last) while frames and long tasks are recorded.
 */
export async function visitMap(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  scenario: SeededMapScenario,
  options: { showAll: boolean; rowsPerStep: number },
): Promise<MapVisit> {
  sandbox.clearRequests();
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: MAP_TIMING_SCRIPT });
    const hash = new URLSearchParams({
      instance: sandbox.url,
      scope: scenario.groupPath,
      quarter: scenario.quarter,
    });
    await page.goto(`chrome-extension://${extensionId}/map.html#${hash.toString()}`);
    await page.locator(ROW).first().waitFor({ timeout: 180_000 });
    await page
      .getByTestId('map-freshness')
      .filter({ hasText: 'requests to GitLab' })
      .waitFor({ timeout: 180_000 });
    const freshMs = await page.evaluate(() => performance.now());
    const api = sandbox.requests().filter(isApi);
    // The items' notes are read in steps after the rows are shown, and the map built with them
    // replaces the rows once all are in: the rows are measured after that, on the final map.
    await page
      .locator('[data-testid="map-history-status"][data-state="done"]')
      .waitFor({ state: 'attached', timeout: 300_000 });
    const historyMs = await page.evaluate(() => performance.now());
    const first = await page.evaluate(() => {
      const bench = (window as unknown as MapBenchGlobal).__okrMapBench;
      return { firstRows: bench.firstRows ?? Number.NaN, freshness: bench.freshness };
    });
    const historyRequests = sandbox.requests().filter(isApi).length - api.length;
    const total = scenario.items;
    const stepsMs: number[] = [];
    let frames: MapFrameStats = frameStats({ frames: [], tasks: [] });
    let rowsShown = await page.locator(ROW).count();
    if (options.showAll) {
      const { result: recorded, events } = await traced(context, page, async () => {
        await page.evaluate(() => (window as unknown as MapBenchGlobal).__okrMapBench.start());
        let target = Math.min(total, options.rowsPerStep);
        stepsMs.push(await stepTo(page, 'Expand all', target));
        while (target < total) {
          target = Math.min(total, target + options.rowsPerStep);
          stepsMs.push(await stepTo(page, 'Show more', target));
        }
        return page.evaluate(() => (window as unknown as MapBenchGlobal).__okrMapBench.stop());
      });
      frames = frameStats(recorded, mainThreadCpu(events));
      rowsShown = await page.locator(ROW).count();
    }
    return {
      firstRowsMs: first.firstRows,
      fromCache: first.freshness.includes('updating'),
      freshMs,
      historyMs,
      historyRequests,
      graphql: api.filter((entry) => entry.api === 'graphql').length,
      rest: api.filter((entry) => entry.api === 'rest').length,
      rowsShown,
      stepsMs: stepsMs.map((ms) => round(ms, 0)),
      frames,
    };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Summary and table

export interface MapScenarioResult {
  id: string;
  label: string;
  items: number;
  objectives: number;
  keyResults: number;
  projects: number;
  extension: { runs: number; ms: number; graphql: number; rest: number; responseBytes: number };
  baseline: {
    runs: number;
    ms: number;
    graphql: number;
    rest: number;
    responseBytes: number;
    listPages: number;
  };
  /** Both loaders listed the same items with the same scores. */
  sameItemsAndScores: boolean;
  cold: MapVisit | null;
  cached: MapVisit | null;
  ratios: {
    /** Baseline requests / extension requests. */
    baselineTimesMoreRequests: number;
    /** Extension time to first rows / baseline's, in Node. */
    nodeTimeVsBaseline: number;
    /** Cold first rows in Chromium / the baseline's time in Node. */
    browserColdVsBaseline: number | null;
    /** First rows from the cache / cold first rows, in Chromium. */
    cachedVsCold: number | null;
  };
  problems: string[];
}

function medianRun<K extends keyof MapNodeRun>(runs: MapNodeRun[], key: K): number {
  return round(median(runs.map((run) => Number(run[key]))), 1);
}

export function summariseMapScenario(
  scenario: SeededMapScenario,
  extension: MapNodeRun[],
  baseline: MapNodeRun[],
  cold: MapVisit | null,
  cached: MapVisit | null,
): MapScenarioResult {
  const problems: string[] = [];
  const expected = JSON.stringify(extension[0]?.scores ?? []);
  const same = [...extension, ...baseline].every((run) => JSON.stringify(run.scores) === expected);
  if (!same) problems.push(`${scenario.id}: baseline and extension differ in items or scores`);
  const listed = extension[0]?.scores.length ?? scenario.items;
  if (listed !== scenario.items)
    problems.push(`${scenario.id}: the map lists ${listed} items, ${scenario.items} were made`);
  const listPages = baseline[0]?.listPages ?? 0;
  for (const run of baseline) {
    if (run.graphql !== (run.listPages ?? 0) + scenario.items)
      problems.push(
        `${scenario.id}: baseline made ${run.graphql} requests for ${run.listPages} list pages + ${scenario.items} items`,
      );
  }
  for (const visit of [cold, cached]) {
    if (visit?.stepsMs.length && visit.rowsShown !== scenario.items)
      problems.push(`${scenario.id}: ${visit.rowsShown} rows shown of ${scenario.items}`);
  }
  const ext = {
    runs: extension.length,
    ms: medianRun(extension, 'ms'),
    graphql: medianRun(extension, 'graphql'),
    rest: medianRun(extension, 'rest'),
    responseBytes: medianRun(extension, 'responseBytes'),
  };
  const base = {
    runs: baseline.length,
    ms: medianRun(baseline, 'ms'),
    graphql: medianRun(baseline, 'graphql'),
    rest: medianRun(baseline, 'rest'),
    responseBytes: medianRun(baseline, 'responseBytes'),
    listPages,
  };
  return {
    id: scenario.id,
    label: scenario.label,
    items: scenario.items,
    objectives: scenario.objectives,
    keyResults: scenario.keyResults,
    projects: scenario.projects,
    extension: ext,
    baseline: base,
    sameItemsAndScores: same,
    cold,
    cached,
    ratios: {
      baselineTimesMoreRequests: round(ratio(base.graphql + base.rest, ext.graphql + ext.rest), 1),
      nodeTimeVsBaseline: round(ratio(ext.ms, base.ms), 3),
      browserColdVsBaseline: cold ? round(ratio(cold.firstRowsMs, base.ms), 3) : null,
      cachedVsCold: cold && cached ? round(ratio(cached.firstRowsMs, cold.firstRowsMs), 3) : null,
    },
    problems,
  };
}

export function renderMapReport(results: MapScenarioResult[]): string {
  const out: string[] = [];
  out.push(
    'Quarter map: requests and time to first rows, extension vs naive baseline (one request per item), Node, same client and latency',
  );
  out.push(
    table(
      [
        'map',
        'objectives+KRs',
        'ext req',
        'base req',
        '× fewer req',
        'ext ms',
        'base ms',
        'time ext/base',
        'same scores',
      ],
      results.map((r) => [
        r.label,
        `${r.objectives}+${r.keyResults}`,
        r.extension.graphql + r.extension.rest,
        r.baseline.graphql + r.baseline.rest,
        r.ratios.baselineTimesMoreRequests,
        r.extension.ms,
        r.baseline.ms,
        r.ratios.nodeTimeVsBaseline,
        r.sameItemsAndScores ? 'yes' : 'NO',
      ]),
    ),
  );
  out.push(
    `  base req = ${results.map((r) => `${r.baseline.listPages} list pages + ${r.items}`).join('; ')} items; ms = first request → the map's answer (what the page paints first).`,
  );
  const browser = results.filter((r) => r.cold);
  if (browser.length) {
    out.push('');
    out.push(
      'Quarter map page in Chromium: first rows (ms from navigation), then Expand all + Show more until every row is rendered',
    );
    out.push(
      table(
        [
          'map',
          'cold rows',
          'cold/base',
          'cached rows',
          'cached/cold',
          'req',
          'notes read ms (req)',
          'rows',
          'steps ms (max)',
          'frame p50',
          'p95',
          'max',
          'long tasks',
          'longest',
          'TBT',
          'CPU longest',
          'CPU blocking',
          'CPU script/layout/paint',
        ],
        browser.map((r) => {
          const cold = r.cold!;
          const shown = r.cached?.stepsMs.length ? r.cached : cold;
          return [
            r.label,
            round(cold.firstRowsMs, 0),
            r.ratios.browserColdVsBaseline,
            r.cached ? round(r.cached.firstRowsMs, 0) : '–',
            r.ratios.cachedVsCold,
            cold.graphql + cold.rest,
            `${round(cold.historyMs, 0)} (${cold.historyRequests})`,
            shown.rowsShown,
            `${round(median(shown.stepsMs), 0)} (${round(Math.max(0, ...shown.stepsMs), 0)})`,
            shown.frames.p50FrameMs,
            shown.frames.p95FrameMs,
            shown.frames.maxFrameMs,
            shown.frames.longTasks,
            shown.frames.longestTaskMs,
            shown.frames.totalBlockingMs,
            shown.frames.cpu?.longestTaskMs,
            shown.frames.cpu?.blockingMs,
            shown.frames.cpu
              ? `${shown.frames.cpu.scriptMs}/${shown.frames.cpu.styleAndLayoutMs}/${shown.frames.cpu.paintMs}`
              : '–',
          ];
        }),
      ),
    );
    out.push(
      "  cold/base = cold first rows in Chromium / the baseline loader in Node; notes read = cold, every item's notes read after the rows (history); steps = click → every new row rendered and painted (Expand all, then each Show more);",
    );
    out.push(
      '  frames = requestAnimationFrame intervals while the rows render (visit from cache); long tasks > 50 ms (PerformanceObserver longtask); TBT = Σ (task − 50 ms), wall time;',
    );
    out.push(
      "  CPU = the same tasks in the main thread's CPU time (Chromium trace), which other processes on the machine do not stretch.",
    );
  }
  for (const problem of results.flatMap((r) => r.problems)) out.push(`  PROBLEM: ${problem}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The runs, in the order `npm run bench` makes them

export async function measureMapsInNode(
  sandbox: Sandbox,
  scenarios: SeededMapScenario[],
  log: (message: string) => void,
): Promise<Map<string, { extension: MapNodeRun[]; baseline: MapNodeRun[] }>> {
  const extensionLoad = extensionMapLoader(sandbox);
  const baselineLoad = baselineMapLoader(sandbox);
  const runs = new Map<string, { extension: MapNodeRun[]; baseline: MapNodeRun[] }>();
  for (const scenario of scenarios) {
    const extension: MapNodeRun[] = [];
    const baseline: MapNodeRun[] = [];
    for (let run = 0; run < scenario.runs; run += 1)
      extension.push(await measureMapInNode(sandbox, extensionLoad, scenario));
    for (let run = 0; run < scenario.baselineRuns; run += 1)
      baseline.push(await measureMapInNode(sandbox, baselineLoad, scenario));
    runs.set(scenario.id, { extension, baseline });
    log(`node: ${scenario.id} done`);
  }
  return runs;
}

/** Rows the page renders per "Show more" (components/map/MapPage.tsx ROWS_PER_PAGE). */
export const MAP_ROWS_PER_STEP = 300;

export async function measureMapsInChromium(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  scenarios: SeededMapScenario[],
  log: (message: string) => void,
): Promise<Map<string, { cold: MapVisit; cached: MapVisit }>> {
  const visits = new Map<string, { cold: MapVisit; cached: MapVisit }>();
  for (const scenario of scenarios.filter((s) => s.inBrowser)) {
    const options = { showAll: true, rowsPerStep: MAP_ROWS_PER_STEP };
    const cold = await visitMap(context, extensionId, sandbox, scenario, options);
    const cached = await visitMap(context, extensionId, sandbox, scenario, options);
    visits.set(scenario.id, { cold, cached });
    log(`chromium: ${scenario.id} done`);
  }
  return visits;
}
