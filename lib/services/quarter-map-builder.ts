// Turns a scope's loaded objective trees into the QuarterMap the map page, the Key Review report
// and the CLI read: every item in tree order, scored, judged and checked with the same domain
// calls the panel makes (evaluate, stalenessOfLink), so a row of the map and the panel of the
// same item agree. An item whose notes are given is judged as the panel judges its own item
// (every rule, staleness from the notes) and gets its history; one without is judged as the
// panel judges the children it lists. Pure: the same inputs give the same map.
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
import { blankNode, type HealthStatus, type Note, type OkrNode } from '../okr/model';
import { epicProgressOf } from '../okr/epic-progress';
import { historyOf, type HistoryPoint, type ValueFields } from '../okr/quarter/history';
import type { MapItem, MapSummary, QuarterMap } from '../okr/quarter/map-model';
import { historyInMap, keyResultsUnder } from '../okr/quarter/objective-history';
import { localToday } from './view-builder';

/** What GitLab recorded on an item, as lib/gitlab/item-history.ts reads it. */
export interface ReadNotes {
  notes: Note[];
  /** The progress widget's start and target, when the item keeps its value in its own units. */
  scale: { start: number; target: number } | null;
}

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
  /** By item URL: the notes read so far; an item missing here is judged without its notes. */
  notes?: ReadonlyMap<string, ReadNotes>;
  /**
   * The custom fields key results keep their values in (their history reads them): the same for
   * every item, or by item URL (a map of several scopes, each with its own names).
   */
  fields?: ValueFields | null | ((url: string) => ValueFields | null);
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
  /**
   * By item URL: its recorded updates (a key result's own, an objective's rolled up from its
   * key results), for the items whose notes (and all of whose key results' notes) were read.
   */
  histories: Record<string, HistoryPoint[]>;
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

/** Every objective and key result of the trees, each once, parents first. */
export function okrNodesOf(roots: QuarterRoot[]): OkrNode[] {
  return inTreeOrder(roots).map(({ node }) => node);
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
  return epicProgressOf(node.epicRollup)?.percent ?? null;
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

/**
 * The trees with each item's read notes on it (the tree query loads none), copied so the
 * caller's nodes stay as loaded. Each node is copied once, so a node met twice stays one node.
 */
function withNotes(roots: QuarterRoot[], notes: ReadonlyMap<string, ReadNotes>): QuarterRoot[] {
  if (notes.size === 0) return roots;
  const copies = new Map<OkrNode, OkrNode>();
  const copy = (node: OkrNode): OkrNode => {
    const done = copies.get(node);
    if (done) return done;
    const read = node.kind === 'issue' ? undefined : notes.get(node.url);
    const copied: OkrNode = { ...node, notes: read ? read.notes : node.notes, children: [] };
    copies.set(node, copied);
    copied.children = node.children.map(copy);
    return copied;
  };
  return roots.map((root) => ({ ...root, node: copy(root.node) }));
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
    scores: new Map<OkrNode, Score>(),
  };
  const notes = inputs.notes ?? new Map<string, ReadNotes>();
  const placed = inTreeOrder(withNotes(inputs.roots, notes));
  const driObjectives = objectivesByDri(placed, inputs.quarter.title);
  const items: MapItem[] = [];
  const details: Record<string, MapItemDetails> = {};
  const facts: Record<string, MapRowFacts> = {};
  const verdicts: { node: OkrNode; stale: Staleness; score: Score }[] = [];

  for (const { node, parent, root } of placed) {
    const dri = driOf(node);
    const notesRead = notes.has(node.url);
    const context: RuleContext = {
      ...base,
      // Without its notes, the rules that read them stay quiet on the row (the panel of the
      // item runs them) until they are read.
      ...(notesRead ? {} : { missing: ['notes'] }),
      parent: parent ?? unloadedParent(root),
      ...(parent ? { siblings: parent.children.filter((sibling) => sibling !== node) } : {}),
      ...(dri && node.kind === 'objective'
        ? { driOpenObjectives: driObjectives.get(dri) ?? [] }
        : {}),
    };
    const verdict = evaluate(node, context, settings);
    // With its notes, staleness is the panel's verdict on its own item (from the recorded
    // updates); without, the one it gives the children it lists (from the last change).
    const stale = notesRead
      ? verdict.stale
      : stalenessOfLink(node, lastChangeOf(node), context, settings);
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

  const map: QuarterMap = {
    scope: inputs.scope,
    quarter: inputs.quarter,
    generatedAt: now.toISOString(),
    summary: summaryOf(verdicts, inputs.quarter, today, timeZone),
    items,
  };
  return { map, facts, details, histories: historiesIn(map, notes, inputs.fields) };
}

/**
 * Each item's history, when it can be told: a key result's from its notes, an objective's rolled
 * up from its key results once every one of them was read (a half-read roll-up would draw a
 * fall that never happened).
 */
function historiesIn(
  map: QuarterMap,
  notes: ReadonlyMap<string, ReadNotes>,
  fields: QuarterMapInputs['fields'],
): Record<string, HistoryPoint[]> {
  const fieldsOf = (url: string) => (typeof fields === 'function' ? fields(url) : (fields ?? null));
  const own = new Map<string, HistoryPoint[]>();
  for (const item of map.items) {
    const read = item.type === 'keyResult' ? notes.get(item.url) : undefined;
    if (read)
      own.set(item.url, historyOf(read.notes, { scale: read.scale, fields: fieldsOf(item.url) }));
  }
  const histories: Record<string, HistoryPoint[]> = {};
  for (const item of map.items) {
    if (item.type === 'keyResult') {
      const points = own.get(item.url);
      if (points) histories[item.url] = points;
      continue;
    }
    if (!notes.has(item.url)) continue;
    if (keyResultsUnder(map, item.url).every((kr) => own.has(kr.url)))
      histories[item.url] = historyInMap(map, item.url, own);
  }
  return histories;
}

/**
 * The 1st of the month the "updated" share counts from: today's month, or the quarter's last
 * month once it is over (the monthly update the handbook asks for, as of the quarter's end).
 */
export function updatedSinceOf(quarter: QuarterMapInputs['quarter'], today: string): string {
  const reference = quarter.end && quarter.end < today ? quarter.end : today;
  return firstOfMonth(reference);
}

function summaryOf(
  verdicts: { node: OkrNode; stale: Staleness; score: Score }[],
  quarter: QuarterMapInputs['quarter'],
  today: string,
  timeZone: string,
): MapSummary {
  const objectives = emptyHealthCounts();
  const keyResults = emptyHealthCounts();
  const monthStart = updatedSinceOf(quarter, today);
  const countUntil = quarter.end && quarter.end < today ? quarter.end : today;
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
    // A quarter already over counts the updates of its last month, not the ones made since.
    const counted = changedOn !== null && changedOn >= monthStart && changedOn <= countUntil;
    if (counted) updatedThisMonth += 1;
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
    updatedSince: monthStart,
    averageScore:
      keyResultScores.length === 0
        ? null
        : keyResultScores.reduce((sum, value) => sum + value, 0) / keyResultScores.length,
    expected: expectedProgress(quarterNode, today),
  };
}
