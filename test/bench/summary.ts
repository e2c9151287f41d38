// Per-scenario summaries: medians of the browser visits and of the Node runs, and the ratios the
// issue asks for (cold / one round trip, warm / cold, extension / baseline).
import type { VisitResult } from './extension';
import type { NodeViewRun } from './node-views';
import type { SeededScenario } from './scenarios';
import { median, ratio, round } from './stats';

export interface VisitSummary {
  runs: number;
  scoreMs: number;
  paintMs: number;
  appMs: number;
  loadMs: number;
  firstRequestMs: number;
  firstResponseMs: number;
  lastResponseMs: number;
  /** The round trip this view's first request took (injected latency + GitLab's work). */
  roundTripMs: number;
  /** Score shown after both GitLab's app and the data were there (ms). */
  afterReadyMs: number;
  /** Panel painted − GitLab's view painted (ms, median; 0 = the same frame). */
  panelAfterViewMs: number;
  /** … the worst visit. */
  panelAfterViewMaxMs: number;
  /** Visits whose panel was painted in the same frame as GitLab's view (or before it). */
  sameFrame: number;
  /** → GitLab's own page asked the API for its view (median). */
  gitlabRequestMs: number;
  graphql: number;
  rest: number;
  requestBytes: number;
  responseBytes: number;
  /** Visits whose first score came from the cache. */
  fromCache: number;
  /** Visits whose first score was painted before the first API response was sent. */
  beforeResponse: number;
  /** Visits whose first score matched the score computed in Node. */
  correct: number;
  operations: Record<string, number>;
  visits: VisitResult[];
}

export interface NodeSummary {
  runs: number;
  ms: number;
  graphql: number;
  rest: number;
  requestBytes: number;
  responseBytes: number;
  operations: Record<string, number>;
  score: number | null;
}

export interface ScenarioResult {
  id: string;
  label: string;
  kind: SeededScenario['kind'];
  /** The sandbox's latency per API request for this view (ms). */
  latencyMs: number;
  ancestors: number;
  descendants: number;
  expectedScore: string;
  cold: VisitSummary;
  warm: VisitSummary;
  /** Warm visit with the API held back (one run). */
  held: VisitSummary | null;
  extensionInNode: NodeSummary;
  baseline: NodeSummary;
  ratios: {
    coldToRoundTrip: number;
    warmToCold: number;
    /** Extension requests per view / baseline requests per view. */
    requestsVsBaseline: number;
    /** Baseline requests / extension requests (how many times fewer). */
    baselineTimesMoreRequests: number;
    responseBytesVsBaseline: number;
    /** Wall time in Node, extension loading / baseline loading. */
    nodeTimeVsBaseline: number;
    /** User-felt cold time in Chromium / baseline wall time in Node. */
    coldVsBaselineTime: number;
  };
}

function medianOf<T>(items: T[], pick: (item: T) => number | null | undefined): number {
  const values = items.map(pick).filter((v): v is number => typeof v === 'number');
  return round(median(values), 1);
}

function medianOperations(runs: { operations: Record<string, number> }[]): Record<string, number> {
  const names = new Set(runs.flatMap((run) => Object.keys(run.operations)));
  return Object.fromEntries(
    [...names].map((name) => [name, median(runs.map((run) => run.operations[name] ?? 0))]),
  );
}

export function summariseVisits(visits: VisitResult[], expectedScore: string): VisitSummary {
  return {
    runs: visits.length,
    scoreMs: medianOf(visits, (v) => v.scoreMs),
    paintMs: medianOf(visits, (v) => v.paintMs),
    appMs: medianOf(visits, (v) => v.appMs),
    loadMs: medianOf(visits, (v) => v.loadMs),
    firstRequestMs: medianOf(visits, (v) => v.firstRequestMs),
    firstResponseMs: medianOf(visits, (v) => v.firstResponseMs),
    lastResponseMs: medianOf(visits, (v) => v.lastResponseMs),
    roundTripMs: medianOf(visits, (v) => v.firstRequestRoundTripMs),
    afterReadyMs: medianOf(visits, (v) =>
      v.appMs === null
        ? null
        : v.scoreMs - Math.max(v.appMs, v.fromCache ? 0 : (v.lastResponseMs ?? 0)),
    ),
    panelAfterViewMs: medianOf(visits, (v) => v.panelAfterViewMs),
    panelAfterViewMaxMs: round(
      Math.max(...visits.map((v) => v.panelAfterViewMs ?? Number.POSITIVE_INFINITY)),
      1,
    ),
    sameFrame: visits.filter((v) => v.panelAfterViewMs !== null && v.panelAfterViewMs <= 0).length,
    gitlabRequestMs: medianOf(visits, (v) => v.gitlabRequestMs),
    graphql: medianOf(visits, (v) => v.graphql),
    rest: medianOf(visits, (v) => v.rest),
    requestBytes: medianOf(visits, (v) => v.requestBytes),
    responseBytes: medianOf(visits, (v) => v.responseBytes),
    fromCache: visits.filter((v) => v.fromCache).length,
    beforeResponse: visits.filter(
      (v) => v.firstResponseMs === null || v.scoreMs < v.firstResponseMs,
    ).length,
    correct: visits.filter((v) => v.scoreText === expectedScore).length,
    operations: medianOperations(visits),
    visits,
  };
}

export function summariseNodeRuns(runs: NodeViewRun[]): NodeSummary {
  return {
    runs: runs.length,
    ms: medianOf(runs, (r) => r.ms),
    graphql: medianOf(runs, (r) => r.graphql),
    rest: medianOf(runs, (r) => r.rest),
    requestBytes: medianOf(runs, (r) => r.requestBytes),
    responseBytes: medianOf(runs, (r) => r.responseBytes),
    operations: medianOperations(runs),
    score: runs[0]?.score ?? null,
  };
}

export function ratiosOf(
  cold: VisitSummary,
  warm: VisitSummary,
  extensionInNode: NodeSummary,
  baseline: NodeSummary,
): ScenarioResult['ratios'] {
  const requests = (s: { graphql: number; rest: number }) => s.graphql + s.rest;
  return {
    coldToRoundTrip: round(ratio(cold.scoreMs, cold.roundTripMs), 2),
    warmToCold: round(ratio(warm.scoreMs, cold.scoreMs), 2),
    requestsVsBaseline: round(ratio(requests(cold), requests(baseline)), 3),
    baselineTimesMoreRequests: round(ratio(requests(baseline), requests(cold)), 1),
    responseBytesVsBaseline: round(ratio(cold.responseBytes, baseline.responseBytes), 2),
    nodeTimeVsBaseline: round(ratio(extensionInNode.ms, baseline.ms), 3),
    coldVsBaselineTime: round(ratio(cold.scoreMs, baseline.ms), 3),
  };
}
