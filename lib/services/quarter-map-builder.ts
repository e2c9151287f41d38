// Turns a scope's loaded objective trees into the QuarterMap the map page, the Key Review report
// and the CLI read: every item in tree order, scored, judged and checked with the same domain
// calls the panel makes (evaluate, stalenessOfLink), so a row of the map and the panel of the
// same item agree. Pure: the same inputs give the same map.
import {
  evaluate,
  expectedProgress,
  firstOfMonth,
  lastChangeOf,
  localDateOf,
  stalenessOfLink,
  type RuleContext,
  type RuleSettings,
  type Score,
  type Staleness,
} from '../okr';
import { blankNode, type HealthStatus, type OkrNode } from '../okr/model';
import type { MapItem, MapSummary, QuarterMap } from '../okr/quarter/map-model';
import { localToday } from './view-builder';

export interface QuarterRoot {
  node: OkrNode;
  /** GitLab says it has a parent (one outside the scope or the quarter, or one you cannot read). */
  hasParent: boolean;
}

export interface QuarterMapInputs {
  scope: string[];
  quarter: { title: string; start: string | null; end: string | null };
  roots: QuarterRoot[];
  /** How the scope keeps its OKRs ('workItemTypes' | 'epics'). */
  carrier: string;
  now: Date;
  timeZone: string;
  settings?: RuleSettings;
  holidays?: string[];
  /** URLs or references of objectives allowed to have no parent (the `unaligned` rule). */
  topLevelObjectives?: string[];
}

/** What a row shows on demand beside the contract's fields: the score's arithmetic, the words. */
export interface MapItemDetails {
  explanation: string;
  scoreDetails: string[];
  /** Why GitLab's number is what it is, when its formula explains it. */
  gitlabNote: string | null;
  /** The stale verdict in words ("Last health or progress update on …"). */
  staleReason: string;
  warnings: { rule: string; severity: MapItem['warnings'][number]['severity']; message: string }[];
}

/** What every row shows beside the contract's fields, small enough to send with the map. */
export interface MapRowFacts {
  /** Score minus GitLab's number, in percentage points (as the panel shows it). */
  drift: number | null;
  /** The score lags the expected progress by more than the rules' margin. */
  behind: boolean;
}

export interface BuiltQuarterMap {
  map: QuarterMap;
  /** By item URL. */
  facts: Record<string, MapRowFacts>;
  /** By item URL: the words behind a row, sent to the page only when a row is explained. */
  details: Record<string, MapItemDetails>;
}

interface Placed {
  node: OkrNode;
  parent: OkrNode | null;
  root: QuarterRoot;
}

/** Every node of the trees, parents before children, each once (a node met twice is skipped). */
function inTreeOrder(roots: QuarterRoot[]): Placed[] {
  const placed: Placed[] = [];
  const seen = new Set<string>();
  const visit = (node: OkrNode, parent: OkrNode | null, root: QuarterRoot) => {
    if (seen.has(node.id) || node.kind === 'issue') return;
    seen.add(node.id);
    placed.push({ node, parent, root });
    for (const child of node.children) visit(child, node, root);
  };
  for (const root of roots) visit(root.node, null, root);
  return placed;
}

/** The DRI as the map names one: the first assignee. */
function driOf(node: OkrNode): string | null {
  return node.assignees[0]?.username ?? null;
}

/**
 * GitLab's own number for the item: the progress widget, or an epic's progress bar from its
 * issues' weights (issue counts when nothing is weighted), as GitLab draws it.
 */
export function gitlabNumberOf(node: OkrNode): number | null {
  if (node.progress?.progress !== null && node.progress?.progress !== undefined)
    return node.progress.progress;
  const rollup = node.epicRollup;
  if (rollup?.weight && rollup.weight.total > 0)
    return Math.round((rollup.weight.completed / rollup.weight.total) * 100);
  if (rollup?.issues && rollup.issues.total > 0)
    return Math.round((rollup.issues.closed / rollup.issues.total) * 100);
  return null;
}

/** The open objectives each DRI holds in the quarter, for the too-many-objectives rule. */
function objectivesByDri(placed: Placed[], quarterTitle: string): Map<string, OkrNode[]> {
  const byDri = new Map<string, OkrNode[]>();
  for (const { node } of placed) {
    if (node.kind !== 'objective' || node.state !== 'opened') continue;
    if (node.milestone?.title !== quarterTitle || node.assignees.length !== 1) continue;
    const dri = driOf(node);
    if (!dri) continue;
    byDri.set(dri, [...(byDri.get(dri) ?? []), node]);
  }
  return byDri;
}

/** A parent outside the map: GitLab says there is one, the map did not load it. */
function unloadedParent(root: QuarterRoot): OkrNode | null | undefined {
  return root.hasParent ? undefined : null;
}

function emptyHealthCounts(): MapSummary['objectives'] {
  return { total: 0, onTrack: 0, needsAttention: 0, atRisk: 0, none: 0 };
}

function countHealth(counts: MapSummary['objectives'], health: HealthStatus | null): void {
  counts.total += 1;
  counts[health ?? 'none'] += 1;
}

export function buildQuarterMap(inputs: QuarterMapInputs): BuiltQuarterMap {
  const { now, timeZone, settings } = inputs;
  const today = localToday(now, timeZone);
  const base: RuleContext = {
    today,
    now: now.toISOString(),
    timeZone,
    calendar: { holidays: inputs.holidays ?? [] },
    topLevelObjectives: inputs.topLevelObjectives ?? [],
    // Notes are not loaded for a whole quarter: rules that read them stay quiet here (the
    // panel of the item runs them), and staleness is judged from the last change, as the
    // panel judges the children it lists.
    missing: ['notes'],
    scores: new Map<OkrNode, Score>(),
  };
  const placed = inTreeOrder(inputs.roots);
  const driObjectives = objectivesByDri(placed, inputs.quarter.title);
  const items: MapItem[] = [];
  const details: Record<string, MapItemDetails> = {};
  const facts: Record<string, MapRowFacts> = {};
  const verdicts: { node: OkrNode; stale: Staleness; score: Score }[] = [];

  for (const { node, parent, root } of placed) {
    const dri = driOf(node);
    const context: RuleContext = {
      ...base,
      parent: parent ?? unloadedParent(root),
      ...(parent ? { siblings: parent.children.filter((sibling) => sibling !== node) } : {}),
      ...(dri && node.kind === 'objective'
        ? { driOpenObjectives: driObjectives.get(dri) ?? [] }
        : {}),
    };
    const verdict = evaluate(node, context, settings);
    const stale = stalenessOfLink(node, lastChangeOf(node), context, settings);
    verdicts.push({ node, stale, score: verdict.score });
    const gitlabProgress = gitlabNumberOf(node);
    items.push({
      url: node.url,
      reference: node.reference,
      type: node.kind === 'objective' ? 'objective' : 'keyResult',
      carrier: inputs.carrier,
      title: node.title,
      parentUrl: parent?.url ?? null,
      score: verdict.score.noData ? null : verdict.score.value,
      method: verdict.score.method,
      gitlabProgress,
      expected: verdict.expected,
      health: node.health,
      stale: stale.stale,
      staleSince: stale.stale ? stale.lastUpdate : null,
      dri,
      warnings: verdict.warnings.map(({ rule, severity }) => ({ rule, severity })),
    });
    facts[node.url] = { drift: verdict.drift, behind: verdict.behind };
    details[node.url] = {
      explanation: verdict.score.explanation,
      scoreDetails: verdict.score.details,
      gitlabNote: verdict.gitlabNote,
      staleReason: stale.reason,
      warnings: verdict.warnings.map(({ rule, severity, message }) => ({
        rule,
        severity,
        message,
      })),
    };
  }

  return {
    map: {
      scope: inputs.scope,
      quarter: inputs.quarter,
      generatedAt: now.toISOString(),
      summary: summaryOf(verdicts, inputs.quarter, today, timeZone),
      items,
    },
    facts,
    details,
  };
}

function summaryOf(
  verdicts: { node: OkrNode; stale: Staleness; score: Score }[],
  quarter: QuarterMapInputs['quarter'],
  today: string,
  timeZone: string,
): MapSummary {
  const objectives = emptyHealthCounts();
  const keyResults = emptyHealthCounts();
  const monthStart = firstOfMonth(today);
  let stale = 0;
  let updatedThisMonth = 0;
  const keyResultScores: number[] = [];
  for (const { node, stale: verdict, score } of verdicts) {
    if (verdict.stale) stale += 1;
    if (node.kind === 'objective') {
      countHealth(objectives, node.health);
      continue;
    }
    countHealth(keyResults, node.health);
    const lastChange = lastChangeOf(node);
    const changedOn = lastChange ? localDateOf(lastChange, timeZone) : null;
    if (changedOn && changedOn >= monthStart) updatedThisMonth += 1;
    if (!score.noData) keyResultScores.push(score.value);
  }
  const quarterNode = {
    ...blankNode({ id: 'quarter', kind: 'objective', title: quarter.title, state: 'opened' }),
    startDate: quarter.start,
    dueDate: quarter.end,
  };
  return {
    objectives,
    keyResults,
    stale,
    updatedThisMonth: keyResults.total === 0 ? null : updatedThisMonth / keyResults.total,
    averageScore:
      keyResultScores.length === 0
        ? null
        : keyResultScores.reduce((sum, value) => sum + value, 0) / keyResultScores.length,
    expected: expectedProgress(quarterNode, today),
  };
}
