// Scores OKR nodes (spec §1): key results by the first method that applies, objectives as the
// weighted mean of their children, each with an explanation a person can check by hand. Also
// GitLab's own integer roll-up and the drift between the two.
import { daysBetween } from './calendar';
import { clamp01, formatDate, percent, percentNumber, plain, plural } from './format';
import type { CustomValues, IsoDate, OkrNode } from './model';
import { parseScoringBlock, type ScoringBlock, type RateInputs } from './scoring-block';

export type ScoreMethod =
  | 'rate'
  | 'milestones'
  | 'issues'
  | 'manual'
  | 'values'
  | 'customFields'
  | 'progress'
  | 'linkedIssues'
  | 'childIssues'
  | 'rollup'
  | 'none';

export interface Score {
  /** 0..1; 0 when noData. */
  value: number;
  /** True when nothing could be scored: the 0 is a placeholder, not a result. */
  noData: boolean;
  method: ScoreMethod;
  /** One line with the method, the inputs and the arithmetic. */
  explanation: string;
  /** One line per input. */
  details: string[];
  /** Contribution to the parent (from the okr block, default 1; 0 = not counted). */
  weight: number;
}

export interface ScoreContext {
  today: IsoDate;
  /**
   * Scores already computed (e.g. by scoreTree), looked up by node identity and filled as
   * nodes are scored, so scoring every node of a tree stays linear.
   */
  cache?: Map<OkrNode, Score>;
}

type BaseScore = Omit<Score, 'weight'>;

/** The score of one node (objectives are scored from their children, recursively). */
export function scoreOf(node: OkrNode, ctx: ScoreContext): Score {
  const cached = ctx.cache?.get(node);
  if (cached) return cached;
  const { block } = parseScoringBlock(node.description);
  const base =
    node.kind === 'issue'
      ? issueScore(node)
      : node.kind === 'objective' && !block?.method
        ? rollupScore(node, ctx)
        : keyResultScore(node, block);
  const score: Score = {
    ...withLatePenalty(base, block, node, ctx.today),
    weight: weightOf(block),
  };
  ctx.cache?.set(node, score);
  return score;
}

/** Scores every node of a tree in one pass; the map is keyed by node identity. */
export function scoreTree(root: OkrNode, ctx: { today: IsoDate }): Map<OkrNode, Score> {
  const cache = new Map<OkrNode, Score>();
  const visit = (node: OkrNode) => {
    // Children first, so each objective reads its children's scores from the cache.
    for (const child of node.children) visit(child);
    scoreOf(node, { today: ctx.today, cache });
  };
  visit(root);
  return cache;
}

function weightOf(block: ScoringBlock | null): number {
  return block?.weight ?? 1;
}

function noData(method: ScoreMethod, explanation: string, details: string[] = []): BaseScore {
  return { value: 0, noData: true, method, explanation, details };
}

function keyResultScore(node: OkrNode, block: ScoringBlock | null): BaseScore {
  // A method the owner declared wins even when it cannot be computed: showing "no data" with
  // the reason is more honest than quietly scoring the KR some other way.
  switch (block?.method) {
    case 'rate':
      return block.rate
        ? rateScore(block.rate)
        : noData('rate', 'Scored by rate, but the okr block is incomplete (see its problems).');
    case 'milestones':
      return milestoneScore(block);
    case 'issues':
      return workIssueScore(node, 'issues');
    case 'manual':
      return node.progress?.progress != null
        ? { ...progressScore(node.progress.progress), method: 'manual' }
        : noData('manual', 'Scored manually, but GitLab has no progress for it yet.');
    default:
      break;
  }
  const custom = node.customValues;
  if (custom && custom.start != null && custom.current != null && custom.target != null) {
    if (custom.start !== custom.target) {
      return customFieldsScore(custom, custom.start, custom.current, custom.target);
    }
  }
  const values = node.progress;
  if (
    values &&
    values.startValue != null &&
    values.endValue != null &&
    values.currentValue != null &&
    values.startValue !== values.endValue
  ) {
    return valuesScore(values.startValue, values.currentValue, values.endValue);
  }
  if (values?.progress != null) return progressScore(values.progress);
  if (workIssuesOf(node).length > 0) {
    return workIssueScore(node, linkedIssuesOf(node).length > 0 ? 'linkedIssues' : 'childIssues');
  }
  const incomplete = custom ? incompleteFieldsNote(custom) : null;
  return noData(
    'none',
    'No data: no okr block, no start/target values, no progress and no linked or child issues.',
    incomplete ? [incomplete] : [],
  );
}

const ROLE_NAMES = { start: 'Start', current: 'Current', target: 'Target' } as const;

/** The field's own name, or the role's when GitLab sent none. */
function fieldName(values: CustomValues, role: keyof typeof ROLE_NAMES): string {
  return values.fields[role]?.name ?? ROLE_NAMES[role];
}

/** Which custom fields a key result lacks for a score, e.g. "Current has no value". */
function incompleteFieldsNote(values: CustomValues): string | null {
  const roles = ['start', 'current', 'target'] as const;
  const missing = roles.filter((role) => values[role] == null);
  if (missing.length === 0) {
    return values.start === values.target
      ? `The custom fields ${fieldName(values, 'start')} and ${fieldName(values, 'target')} are ` +
          `equal (${plain(values.start ?? 0)}): there is no way to go from one to the other.`
      : null;
  }
  const names = missing.map((role) =>
    values.fields[role] ? fieldName(values, role) : `${ROLE_NAMES[role]} (no such field)`,
  );
  return `The custom fields need a value in ${names.join(', ')} to score.`;
}

/** "2/7" for the share of the way from initial to target; "0" and "1" when clamped. */
function shareText(value: number, initial: number, target: number): string {
  let num = value - initial;
  let den = target - initial;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (num <= 0) return '0';
  if (num >= den) return '1';
  return Number.isInteger(num) && Number.isInteger(den) ? `${num}/${den}` : plain(num / den);
}

function rateScore(rate: RateInputs): BaseScore {
  const { initial, target, monthly, months } = rate;
  const head = `${plain(initial)} → ${plain(target)} over ${plural(months, 'month')}`;
  if (monthly.length === 0) return noData('rate', `${head}: no month reported yet.`);
  const shares = monthly.map((value) => clamp01((value - initial) / (target - initial)));
  const value = clamp01(shares.reduce((sum, s) => sum + s, 0) / months);
  const terms = monthly.map((v) => shareText(v, initial, target)).join(' + ');
  const missing = months - monthly.length;
  const pending = missing > 0 ? ` (${plural(missing, 'month')} not reported yet, counted 0)` : '';
  const details = monthly.map((v, i) => {
    const share = shares[i] ?? 0;
    const note = share === 0 ? ' (no progress counts 0)' : share === 1 ? ' (target reached)' : '';
    return (
      `Month ${i + 1}: ${plain(v)}: (${plain(v)} − ${plain(initial)}) / ` +
      `(${plain(target)} − ${plain(initial)}) = ${percent(share)}${note}, ` +
      `adds ${percent(share / months)}`
    );
  });
  return {
    value,
    noData: false,
    method: 'rate',
    explanation: `${head}: ${terms} over ${months} = ${percent(value)}${pending}`,
    details,
  };
}

function milestoneScore(block: ScoringBlock): BaseScore {
  const all = block.milestones;
  if (all.length === 0) {
    return noData('milestones', 'Scored by milestones, but no "- [ ] 20% …" lines were found.');
  }
  const reached = all.filter((m) => m.done);
  const highest = reached.reduce<(typeof all)[number] | null>(
    (best, m) => (best === null || m.percent > best.percent ? m : best),
    null,
  );
  const value = clamp01((highest?.percent ?? 0) / 100);
  const details = all.map((m) => `[${m.done ? 'x' : ' '}] ${plain(m.percent)}% ${m.label}`.trim());
  const explanation = highest
    ? `${reached.length} of ${plural(all.length, 'milestone')} reached: ` +
      `highest checked is ${plain(highest.percent)}% (${highest.label}) = ${percent(value)}`
    : `0 of ${plural(all.length, 'milestone')} reached = 0%`;
  return { value, noData: false, method: 'milestones', explanation, details };
}

function valuesScore(start: number, current: number, end: number): BaseScore {
  const value = clamp01((current - start) / (end - start));
  return {
    value,
    noData: false,
    method: 'values',
    explanation:
      `Start → target ${plain(start)} → ${plain(end)}, now ${plain(current)}: ` +
      `(${plain(current)} − ${plain(start)}) / (${plain(end)} − ${plain(start)}) = ` +
      `${shareText(current, start, end)} = ${percent(value)}`,
    details: [`From GitLab's start, current and target values.`],
  };
}

/** The same arithmetic as GitLab's start/current/target values, from custom number fields. */
function customFieldsScore(
  fields: CustomValues,
  start: number,
  current: number,
  target: number,
): BaseScore {
  const value = clamp01((current - start) / (target - start));
  const [startName, currentName, targetName] = (['start', 'current', 'target'] as const).map(
    (role) => fieldName(fields, role),
  );
  return {
    value,
    noData: false,
    method: 'customFields',
    explanation:
      `${startName} → ${targetName} ${plain(start)} → ${plain(target)} (custom fields), ` +
      `now ${plain(current)} in ${currentName}: ` +
      `(${plain(current)} − ${plain(start)}) / (${plain(target)} − ${plain(start)}) = ` +
      `${shareText(current, start, target)} = ${percent(value)}`,
    details: [`From the custom number fields ${startName}, ${currentName} and ${targetName}.`],
  };
}

function progressScore(progress: number): BaseScore {
  const value = clamp01(progress / 100);
  return {
    value,
    noData: false,
    method: 'progress',
    explanation: `GitLab progress: ${plain(progress)}% = ${percent(value)}`,
    details: [`The percentage typed into GitLab's progress field.`],
  };
}

/** Items linked to a KR that count as work: issues, not other objectives or key results. */
export function linkedIssuesOf(node: OkrNode): OkrNode[] {
  return node.linkedItems.filter((item) => item.kind === 'issue');
}

/**
 * A key result's child issues (a key result epic's issues, on the epics carrier): they count
 * toward it as linked issues do. Objectives' children are scored by roll-up instead.
 */
export function childIssuesOf(node: OkrNode): OkrNode[] {
  return node.kind === 'keyResult' ? node.children.filter((child) => child.kind === 'issue') : [];
}

/** The issues whose completion scores a key result: linked ones, then child ones, each once. */
export function workIssuesOf(node: OkrNode): OkrNode[] {
  const seen = new Set<string>();
  return [...linkedIssuesOf(node), ...childIssuesOf(node)].filter((issue) => {
    if (seen.has(issue.id)) return false;
    seen.add(issue.id);
    return true;
  });
}

/** Seed 000: closed = 100%, open without tasks = 0%, open with tasks = checked / total. */
export function issueCompletion(issue: OkrNode): number {
  if (issue.state === 'closed') return 1;
  const tasks = issue.tasks;
  if (!tasks || tasks.total <= 0) return 0;
  return clamp01(tasks.completed / tasks.total);
}

function issueState(issue: OkrNode): string {
  if (issue.state === 'closed') return 'closed, counts 100% whatever its tasks';
  if (!issue.tasks || issue.tasks.total <= 0) return 'open, no tasks';
  return `open, ${issue.tasks.completed} of ${issue.tasks.total} tasks checked`;
}

/**
 * "4 linked issues (2 closed, 2 open)", "3 child issues (…)", "5 linked and child issues (…)":
 * what the sum's terms are, one per issue.
 */
function workIssueCount(total: number, closed: number, noun: string): string {
  const open = total - closed;
  const parts = [closed > 0 ? `${closed} closed` : '', open > 0 ? `${open} open` : ''];
  return `${plural(total, noun)} (${parts.filter(Boolean).join(', ')})`;
}

function workIssueNoun(node: OkrNode): string {
  const linked = linkedIssuesOf(node).length > 0;
  const child = childIssuesOf(node).length > 0;
  if (linked && child) return 'linked and child issue';
  return child ? 'child issue' : 'linked issue';
}

function workIssueScore(
  node: OkrNode,
  method: 'issues' | 'linkedIssues' | 'childIssues',
): BaseScore {
  const issues = workIssuesOf(node);
  if (issues.length === 0) return noData(method, 'Scored by linked issues, but none is linked.');
  const completions = issues.map(issueCompletion);
  const value = clamp01(completions.reduce((sum, c) => sum + c, 0) / issues.length);
  const closed = issues.filter((issue) => issue.state === 'closed').length;
  const terms = completions.map((c) => percentNumber(c / issues.length)).join(' + ');
  const details = issues.map((issue, i) => {
    const c = completions[i] ?? 0;
    return (
      `${issue.reference || issue.title} (${issueState(issue)}): ${percent(c)} × 1/${issues.length}` +
      ` = ${percentNumber(c / issues.length)}`
    );
  });
  if (node.childrenIncomplete && childIssuesOf(node).length > 0) {
    details.push(`Not all child issues were loaded: the score covers the ${issues.length} loaded.`);
  }
  return {
    value,
    noData: false,
    method,
    explanation: `${workIssueCount(issues.length, closed, workIssueNoun(node))}: ${terms} = ${percent(value)}`,
    details,
  };
}

function issueScore(issue: OkrNode): BaseScore {
  const value = issueCompletion(issue);
  return {
    value,
    noData: false,
    method: 'linkedIssues',
    explanation: `Issue ${issueState(issue)} = ${percent(value)}`,
    details: [],
  };
}

function rollupScore(node: OkrNode, ctx: ScoreContext): BaseScore {
  const children = node.children.map((child) => ({ child, score: scoreOf(child, ctx) }));
  const counted = children.filter(({ score }) => score.weight > 0);
  const details = children.map(({ child, score }) => {
    const what = score.noData ? 'no data (counts 0)' : `${percent(score.value)} by ${score.method}`;
    const weight = score.weight > 0 ? `weight ${plain(score.weight)}` : 'weight 0, not counted';
    return `${child.title}: ${what}, ${weight}`;
  });
  if (node.childrenIncomplete) {
    // Unloaded children are unknown, not zero: score what was loaded and say so.
    details.push(`Not all children were loaded: the score covers the ${children.length} loaded.`);
  }
  if (counted.length === 0) {
    return noData(
      'rollup',
      children.length === 0
        ? node.childrenIncomplete
          ? 'The children were not loaded: nothing to roll up yet.'
          : 'No children to roll up.'
        : `All ${plural(children.length, 'child', 'children')} have weight 0: nothing to roll up.`,
      details,
    );
  }
  const totalWeight = counted.reduce((sum, { score }) => sum + score.weight, 0);
  const value = clamp01(
    counted.reduce((sum, { score }) => sum + score.weight * score.value, 0) / totalWeight,
  );
  const equal = counted.every(({ score }) => score.weight === 1);
  const terms = counted
    .map(({ score }) =>
      equal ? percentNumber(score.value) : `${plain(score.weight)} × ${percentNumber(score.value)}`,
    )
    .join(' + ');
  const label = plural(counted.length, 'child', 'children');
  const explanation = equal
    ? `Mean of ${label}: (${terms}) / ${counted.length} = ${percent(value)}`
    : `Weighted mean of ${label}: (${terms}) / ${plain(totalWeight)} = ${percent(value)}`;
  return {
    value,
    noData: counted.every(({ score }) => score.noData),
    method: 'rollup',
    explanation,
    details,
  };
}

/**
 * Seed 002 "Target Dates in Key Results": `late: zero` scores a missed date 0; `late: 10%/week`
 * takes 10 points per started week of delay. The delay runs to the day the item closed, or to
 * today while it is open. An open item already at 100% is taken as met on time: nothing records
 * when it got there.
 */
function withLatePenalty(
  base: BaseScore,
  block: ScoringBlock | null,
  node: OkrNode,
  today: IsoDate,
): BaseScore {
  if (!block?.due || !block.late || base.noData) return base;
  const closedOn = node.state === 'closed' && node.closedAt ? node.closedAt.slice(0, 10) : null;
  const delay = daysBetween(block.due, closedOn ?? today);
  if (delay === null || delay <= 0) return base;
  if (!closedOn && base.value >= 1) return base;
  const late = `${plural(delay, 'day')} past due ${formatDate(block.due)}`;
  if (block.late.kind === 'zero') {
    return {
      ...base,
      value: 0,
      explanation: `${base.explanation}; ${late}, late: zero → 0%`,
      details: [
        ...base.details,
        `Missed the due date ${formatDate(block.due)}: scored 0 (late: zero).`,
      ],
    };
  }
  const weeks = Math.ceil(delay / 7);
  const penalty = (weeks * block.late.points) / 100;
  const value = clamp01(base.value - penalty);
  return {
    ...base,
    value,
    explanation:
      `${base.explanation}; ${late}: ${plural(weeks, 'week')} × ${plain(block.late.points)} ` +
      `points = −${percentNumber(penalty)} → ${percent(value)}`,
    details: [
      ...base.details,
      `Late penalty: ${plain(block.late.points)} points per started week after ${formatDate(block.due)}.`,
    ],
  };
}

/**
 * GitLab's own roll-up of a parent's stored progress: ⌊Σ children's progress / n⌋ over all
 * direct children, children without progress counting 0. Null without children.
 */
export function gitlabRollup(node: OkrNode): number | null {
  const n = node.children.length;
  if (n === 0) return null;
  const sum = node.children.reduce((total, child) => total + (child.progress?.progress ?? 0), 0);
  return Math.floor(sum / n);
}

/** Computed score minus GitLab's number, in percentage points (one decimal). */
export function driftOf(score: Score, gitlabProgress: number | null): number | null {
  if (score.noData || gitlabProgress == null) return null;
  const drift = Math.round((score.value * 100 - gitlabProgress) * 10) / 10;
  return Object.is(drift, -0) ? 0 : drift;
}
