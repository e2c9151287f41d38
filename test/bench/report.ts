// The benchmark's report: the targets of issue 8 judged against the figures, and plain-text
// tables for the terminal (ratios first, absolute medians beside them).
import type { CompositionGroup } from './analyze-bundle';
import type { DomainBenchRow } from './domain';
import type { ContentScriptCost } from './parse-time';
import type { WorkerStartup } from './service-worker';
import type { BundleSize } from './sizes';
import type { ScenarioResult } from './summary';
import { renderMapReport, type MapScenarioResult } from './map';
import { round } from './stats';

export interface TargetVerdict {
  target: string;
  met: boolean;
  figures: string;
}

export interface BenchReport {
  meta: {
    startedAt: string;
    durationS: number;
    latencyMs: number;
    heldLatencyMs: number;
    cores: number;
    node: string;
    chromium: string;
    quick: boolean;
    notes: string[];
  };
  scenarios: ScenarioResult[];
  /** The quarter map for 100 and 2,000 items (issue 13). */
  maps: MapScenarioResult[];
  domain: DomainBenchRow[];
  sizes: BundleSize[];
  /** The content script's size and V8 compile time against a baseline commit's, same run. */
  contentScriptCost: ContentScriptCost;
  /** The content script by package or folder (estimated gzip from shares of unminified code). */
  contentScriptComposition: CompositionGroup[];
  serviceWorker: WorkerStartup & { launchToWorkerMs: number };
  targets: TargetVerdict[];
}

/** Issue 14 (it was 80 KB in issue 8): the content script loads on every GitLab page. */
const CONTENT_SCRIPT_GZIP_LIMIT = 25 * 1024;
/** How much later than GitLab's own view the panel may paint (issue 11). */
const PANEL_AFTER_VIEW_LIMIT_MS = 50;

/** Requests the issue allows an objective view: one per level plus one per further 100 items. */
export function objectiveRequestBudget(scenario: ScenarioResult, levels: number): number {
  return levels + Math.max(0, Math.ceil((scenario.descendants - 100) / 100));
}

export function judgeTargets(
  scenarios: ScenarioResult[],
  sizes: BundleSize[],
  objectiveLevels: Map<string, number>,
  contentScriptCost?: ContentScriptCost,
): TargetVerdict[] {
  const keyResults = scenarios.filter((s) => s.kind === 'keyResult');
  const requests = (s: { graphql: number; rest: number }) => s.graphql + s.rest;
  const verdicts: TargetVerdict[] = [];

  const oneRequest = keyResults.every((s) => s.cold.visits.every((v) => v.graphql + v.rest === 1));
  verdicts.push({
    target: 'cold key-result view: one request',
    met: oneRequest,
    figures: keyResults
      .map((s) => `${s.id}: ${requests(s.cold)} (${Object.keys(s.cold.operations).join(', ')})`)
      .join('; '),
  });

  const withinLimit = keyResults.every((s) => s.ratios.coldToRoundTrip <= 1.3);
  verdicts.push({
    target: 'cold key-result view: panel within 1.3 round trips of navigation',
    met: withinLimit,
    figures: keyResults
      .map(
        (s) =>
          `${s.id}: ${s.ratios.coldToRoundTrip}× (${s.cold.scoreMs} ms / ${s.cold.roundTripMs} ms; load event ${s.cold.loadMs} ms, first request at GitLab ${s.cold.firstRequestMs} ms, GitLab's app ${s.cold.appMs} ms)`,
      )
      .join('; '),
  });

  const warmVisits = scenarios.flatMap((s) => s.warm.visits);
  const warmFromCacheFirst = warmVisits.filter(
    (v) => v.fromCache && (v.firstResponseMs === null || v.scoreMs < v.firstResponseMs),
  ).length;
  const held = scenarios.flatMap((s) => (s.held ? s.held.visits : []));
  const heldOk = held.filter(
    (v) => v.fromCache && (v.firstResponseMs === null || v.scoreMs < v.firstResponseMs),
  ).length;
  // Since the content script asks at document start, a warm visit's fresh answer often arrives
  // before GitLab's view and paints instead of the cache; held visits show the cache's part.
  verdicts.push({
    target: 'warm view: panel painted from the cache before any response arrives',
    met: heldOk === held.length,
    figures:
      `with the extension's answers held back ${heldOk}/${held.length} warm visits painted the cached score before the response (median ${medianText(held.map((v) => v.scoreMs))} ms after navigation); ` +
      `at the normal latency ${warmFromCacheFirst}/${warmVisits.length} warm visits painted the cached score before the first response (the others: the fresh answer was there when GitLab's view appeared)`,
  });

  // The panel adds no wait to GitLab's page: painted at most 50 ms after GitLab's own view (key
  // result views, cold, at every latency measured), and a warm view in the same frame.
  const byLatency = [...new Set(keyResults.map((s) => s.latencyMs))].sort((a, b) => a - b);
  verdicts.push({
    target: `cold key-result view: panel painted ≤ ${PANEL_AFTER_VIEW_LIMIT_MS} ms after GitLab's own view (at ${byLatency.join(' and ')} ms latency)`,
    met: keyResults.every((s) => s.cold.panelAfterViewMs <= PANEL_AFTER_VIEW_LIMIT_MS),
    figures: keyResults
      .map(
        (s) =>
          `${s.id} at ${s.latencyMs} ms: median ${s.cold.panelAfterViewMs} ms, worst ${s.cold.panelAfterViewMaxMs} ms`,
      )
      .join('; '),
  });
  const warmAll = scenarios.flatMap((s) => s.warm.visits);
  const warmSameFrame = scenarios.reduce((sum, s) => sum + s.warm.sameFrame, 0);
  verdicts.push({
    target: "warm view: panel painted in the same frame as GitLab's own view",
    met: warmSameFrame === warmAll.length,
    figures: `${warmSameFrame}/${warmAll.length} warm visits (${scenarios
      .map((s) => `${s.id} at ${s.latencyMs} ms: ${s.warm.sameFrame}/${s.warm.runs}`)
      .join('; ')})`,
  });

  const big = scenarios.find((s) => s.id === 'objective-1000');
  if (big) {
    const levels = objectiveLevels.get(big.id) ?? 0;
    const budget = objectiveRequestBudget(big, levels);
    const used = Math.max(...big.cold.visits.map((v) => v.graphql + v.rest));
    verdicts.push({
      target:
        'objective with 1,000 descendants: ≤ one request per level + one per further 100 items',
      met: used <= budget,
      figures: `${used} requests (${Object.entries(big.cold.operations)
        .map(([name, n]) => `${name} ×${n}`)
        .join(
          ', ',
        )}); budget ${budget} = ${levels} levels + ${budget - levels} further hundreds of ${big.descendants} items`,
    });
    verdicts.push({
      target: 'objective with 1,000 descendants: ≥ 10× fewer requests than the baseline',
      met: big.ratios.baselineTimesMoreRequests >= 10,
      figures: `${big.ratios.baselineTimesMoreRequests}× fewer (${requests(big.cold)} vs ${requests(big.baseline)})`,
    });
  }

  const content = sizes.find((s) => s.name === 'content script');
  if (content) {
    verdicts.push({
      target: 'content script ≤ 25 KB gzipped',
      met: content.gzipBytes <= CONTENT_SCRIPT_GZIP_LIMIT,
      figures:
        `${kb(content.gzipBytes)} gzipped (${kb(content.rawBytes)} raw)` +
        (contentScriptCost?.baselineSize
          ? `; ${kb(contentScriptCost.baselineSize.gzipBytes)} at ${contentScriptCost.baselineRef}`
          : ''),
    });
  }
  return verdicts;
}

function compileLine(cost: ContentScriptCost): string {
  const [mine, baseline] = cost.compile;
  const runs = `V8 via Node's vm.Script, median of ${mine?.runs ?? 0} interleaved runs`;
  if (!baseline || cost.ratio === null)
    return `Content script compile: ${mine?.medianMs} ms (${runs}; ${cost.note ?? 'no baseline'})`;
  return (
    `Content script compile: ${mine?.medianMs} ms vs ${baseline.medianMs} ms at ${cost.baselineRef}: ` +
    `${cost.ratio}× (${runs}, both built in this run)`
  );
}

function medianText(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? String(round(sorted[Math.floor(sorted.length / 2)] ?? NaN)) : '–';
}

export function kb(bytes: number): string {
  return `${round(bytes / 1024, 1)} KB`;
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(round(value, 2)) : '–';
  return String(value ?? '–');
}

/** A fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: unknown[][]): string {
  const text = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, col) => Math.max(...text.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((value, col) =>
        col === 0 ? value.padEnd(widths[col] ?? 0) : value.padStart(widths[col] ?? 0),
      )
      .join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(text[0] ?? []), rule, ...text.slice(1).map(line)].join('\n');
}

export function renderReport(report: BenchReport): string {
  const { scenarios, meta } = report;
  const out: string[] = [];
  out.push(
    `OKR Lens benchmark — ${meta.startedAt}, ${meta.cores} cores, ${meta.chromium}, ` +
      `sandbox latency ${meta.latencyMs} ms per API request${meta.quick ? ' (QUICK run)' : ''}`,
  );
  out.push('');
  out.push(
    "Time to a correct score in the panel (Chromium, medians; ms from navigation start; RT = the round trip of the view's first request)",
  );
  out.push(
    table(
      [
        'view',
        'runs',
        'cold/RT',
        'cold ms',
        'RT ms',
        '1st req ms',
        'app ms',
        'after ready',
        'warm/cold',
        'warm ms',
        'warm cached',
        'warm 1st',
        'held ms',
        'held cached',
        'correct',
      ],
      scenarios.map((s) => [
        s.label,
        s.cold.runs,
        s.ratios.coldToRoundTrip,
        s.cold.scoreMs,
        s.cold.roundTripMs,
        s.cold.firstRequestMs,
        s.cold.appMs,
        s.cold.afterReadyMs,
        s.ratios.warmToCold,
        s.warm.scoreMs,
        `${s.warm.fromCache}/${s.warm.runs}`,
        `${s.warm.beforeResponse}/${s.warm.runs}`,
        s.held?.scoreMs,
        s.held ? `${s.held.fromCache}/${s.held.runs}` : '–',
        `${s.cold.correct + s.warm.correct}/${s.cold.runs + s.warm.runs}`,
      ]),
    ),
  );
  out.push(
    "  1st req = the first API request reaches GitLab; app = GitLab's page app rendered; after ready = score − max(app, data in);",
  );
  out.push(
    '  warm cached = first score showed the cache hint; warm 1st = painted before the first API response; held = warm with the API held back and the worker stopped first (cache read from storage).',
  );
  out.push('');
  out.push(
    "Panel painted − GitLab's own view painted (Chromium; ms between the two frames, 0 = the same frame; medians, worst in brackets)",
  );
  out.push(
    table(
      [
        'view',
        'latency',
        "GitLab's req",
        'panel 1st req',
        'GitLab view',
        'cold panel − view',
        'cold same frame',
        'warm panel − view',
        'warm same frame',
      ],
      scenarios.map((s) => [
        s.label,
        s.latencyMs,
        s.cold.gitlabRequestMs,
        s.cold.firstRequestMs,
        s.cold.appMs,
        `${s.cold.panelAfterViewMs} (${s.cold.panelAfterViewMaxMs})`,
        `${s.cold.sameFrame}/${s.cold.runs}`,
        `${s.warm.panelAfterViewMs} (${s.warm.panelAfterViewMaxMs})`,
        `${s.warm.sameFrame}/${s.warm.runs}`,
      ]),
    ),
  );
  out.push(
    "  GitLab's req = GitLab's own page asks the API for its view (after its script runs); panel 1st req = the extension's first API request reaches GitLab; both ms from navigation start.",
  );
  out.push('');
  out.push('API cost per view (cold; warm views refresh and cost the same) and the naive baseline');
  out.push(
    table(
      [
        'view',
        'items',
        'GQL',
        'REST',
        'resp KB',
        'req KB',
        'base GQL',
        'base resp KB',
        'base req KB',
        '× fewer req',
        'bytes ext/base',
        'node ms ext',
        'node ms base',
        'time ext/base',
      ],
      scenarios.map((s) => [
        s.label,
        `${s.ancestors}↑ ${s.descendants}↓`,
        s.cold.graphql,
        s.cold.rest,
        round(s.cold.responseBytes / 1024, 1),
        round(s.cold.requestBytes / 1024, 1),
        s.baseline.graphql,
        round(s.baseline.responseBytes / 1024, 1),
        round(s.baseline.requestBytes / 1024, 1),
        s.ratios.baselineTimesMoreRequests,
        s.ratios.responseBytesVsBaseline,
        s.extensionInNode.ms,
        s.baseline.ms,
        s.ratios.nodeTimeVsBaseline,
      ]),
    ),
  );
  out.push(
    `  node ms: wall time in Node with the product's client against the same sandbox (extension: ${scenarios[0]?.extensionInNode.runs ?? 0} runs; baseline: see JSON for runs per view).`,
  );
  if (report.maps.length) {
    out.push('');
    out.push(renderMapReport(report.maps));
  }
  out.push('');
  out.push('lib/okr scoring + all rules over every node');
  out.push(
    table(
      ['nodes', 'median ms', 'µs per node'],
      report.domain.map((row) => [row.nodes, row.medianMs, row.perNodeUs]),
    ),
  );
  out.push('');
  out.push('Bundles');
  out.push(
    table(
      ['bundle', 'raw', 'gzip', 'files'],
      [
        ...report.sizes,
        ...(report.contentScriptCost.baselineSize ? [report.contentScriptCost.baselineSize] : []),
      ].map((s) => [s.name, kb(s.rawBytes), kb(s.gzipBytes), s.files.join(' ')]),
    ),
  );
  out.push('');
  out.push(compileLine(report.contentScriptCost));
  if (report.contentScriptComposition.length) {
    out.push('');
    out.push('Content script by package (share of unminified code; gzip estimated from the share)');
    out.push(
      table(
        ['package or folder', 'share', '≈ gzip'],
        report.contentScriptComposition
          .slice(0, 8)
          .map((group) => [
            group.name,
            `${round(group.share * 100, 1)}%`,
            kb(group.estimatedGzipBytes),
          ]),
      ),
    );
  }
  const sw = report.serviceWorker;
  out.push('');
  out.push(
    `Service worker: waking a stopped worker adds ${round(sw.wakeMs)} ms to a message (cold ${round(sw.coldMessageMs)} ms vs warm ${round(sw.warmMessageMs)} ms, median of ${sw.runs}); ` +
      `browser launch → worker registered ${round(sw.launchToWorkerMs)} ms.`,
  );
  out.push('');
  out.push('Targets');
  for (const verdict of report.targets) {
    out.push(`  [${verdict.met ? 'met   ' : 'MISSED'}] ${verdict.target}: ${verdict.figures}`);
  }
  for (const note of meta.notes) out.push(`  note: ${note}`);
  return out.join('\n');
}
