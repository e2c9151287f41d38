// Turns a loaded OKR tree and the domain's verdicts into the OkrView the panel, the popup and
// the CLI show. Pure: the same inputs give the same view.
import {
  evaluate,
  localDateOf,
  stalenessOfLink,
  type RuleContext,
  type RuleSettings,
  type Staleness,
} from '../okr';
import { blankNode, type ChainLink, type OkrNode } from '../okr/model';
import type { ChainStep, OkrView, StepStale } from '../view';
import type { LoadedTree } from '../gitlab/okr-repository';
import type { CarrierId, CarrierSettings } from '../gitlab/carriers/conventions';
import type { CustomValues, Quarter } from '../okr/model';
import type { CarrierIdView, CustomValuesView, QuarterView } from '../view';

// The view's copies of the model's shapes must stay the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShapes: [Same<CarrierId, CarrierIdView>, Same<CustomValues, CustomValuesView>] = [
  true,
  true,
];
void sameShapes;

export interface ViewInputs {
  tree: LoadedTree;
  /** The moment the data was fetched. */
  now: Date;
  timeZone: string;
  settings?: RuleSettings;
  /** Extra data some rules need (the DRI's other objectives…), fetched only when they are on. */
  context?: Partial<RuleContext>;
  holidays?: string[];
  /** URLs or references of objectives allowed to have no parent (the `unaligned` rule). */
  topLevelObjectives?: string[];
  /** How the namespace keeps its OKRs (GitLab's OKR types when absent). */
  carrier?: CarrierSettings;
}

function quarterViewOf(quarter: Quarter | null): QuarterView | null {
  if (!quarter) return null;
  return {
    title: quarter.title,
    source: quarter.source ?? 'milestone',
    startDate: quarter.startDate,
    dueDate: quarter.dueDate,
  };
}

/**
 * Ancestors are scored from GitLab's stored progress: their subtrees are not loaded. Their
 * health is judged from their last change, as the item's own would be (`judge`).
 */
export function chainStepOf(
  link: ChainLink,
  judge: (link: ChainLink) => Staleness | null = () => null,
): ChainStep {
  return {
    url: link.url,
    reference: link.reference,
    type: link.kind,
    title: link.title,
    state: link.state,
    health: link.health,
    score: link.gitlabProgress === null ? null : link.gitlabProgress / 100,
    ...stepStale(judge(link)),
  };
}

/** What a step shows of a verdict: only that it is stale, and since when nothing changed. */
function stepStale(verdict: Staleness | null): { stale?: StepStale } {
  return verdict?.stale ? { stale: { lastChange: verdict.lastUpdate } } : {};
}

/**
 * The direct parent as the rules see it: the last chain link (its subtree is not loaded), null
 * when GitLab says there is none, and unknown when the chain was cut at a hidden ancestor.
 */
export function parentOf(
  tree: Pick<LoadedTree, 'chain' | 'chainTruncated'>,
): OkrNode | null | undefined {
  const link = tree.chain[tree.chain.length - 1];
  if (!link) return tree.chainTruncated ? undefined : null;
  return {
    ...blankNode({ id: link.id, kind: link.kind, title: link.title, state: link.state }),
    reference: link.reference,
    url: link.url,
    health: link.health,
    progress:
      link.gitlabProgress === null
        ? null
        : {
            progress: link.gitlabProgress,
            startValue: null,
            currentValue: null,
            endValue: null,
            updatedAt: null,
          },
    // Its other children are not loaded: rules must not count them.
    childrenIncomplete: true,
  };
}

function stepOfNode(node: OkrNode, score: number | null, stale: Staleness): ChainStep {
  return {
    url: node.url,
    reference: node.reference,
    type: node.kind,
    title: node.title,
    state: node.state,
    health: node.health,
    score,
    ...stepStale(stale),
  };
}

export function buildOkrView(inputs: ViewInputs): OkrView {
  const { tree, now, timeZone } = inputs;
  const nowIso = now.toISOString();
  const context: RuleContext = {
    today: localToday(now, timeZone),
    now: nowIso,
    timeZone,
    parent: parentOf(tree),
    calendar: { holidays: inputs.holidays ?? [] },
    topLevelObjectives: inputs.topLevelObjectives ?? [],
    ...(inputs.carrier
      ? {
          quarterSource: inputs.carrier.quarter.source,
          quarterLabelPattern: inputs.carrier.quarter.labelPattern,
        }
      : {}),
    ...inputs.context,
  };
  const verdict = evaluate(tree.item, context, inputs.settings);
  const item = tree.item;
  const score = verdict.score;
  const gitlabProgress = verdict.gitlabProgress;
  const quarter = quarterViewOf(item.milestone);
  const value = score.noData ? null : score.value;
  const judge = (link: ChainLink) =>
    stalenessOfLink(link, link.lastChange ?? null, context, inputs.settings);

  return {
    item: {
      id: item.id,
      url: item.url,
      reference: item.reference,
      type: item.kind,
      title: item.title,
      state: item.state,
      health: item.health,
      assignees: item.assignees.map(({ username, name }) => ({ username, name })),
      milestone: quarter?.source === 'milestone' ? quarter.title : null,
      quarter,
      carrier: inputs.carrier?.carrier ?? 'workItemTypes',
      customValues: item.customValues ?? null,
      score: {
        value,
        method: score.method,
        explanation: score.explanation,
        details: score.details,
        band: verdict.band,
        expected: verdict.expected,
        behind: verdict.behind,
      },
      gitlabProgress,
      ...(verdict.gitlabLabel ? { gitlabLabel: verdict.gitlabLabel } : {}),
      progress: item.progress
        ? {
            progress: item.progress.progress,
            startValue: item.progress.startValue,
            currentValue: item.progress.currentValue,
            endValue: item.progress.endValue,
          }
        : null,
      gitlabRollup: verdict.gitlabRollup,
      drift: verdict.drift,
      ...(verdict.gitlabNote ? { gitlabNote: verdict.gitlabNote } : {}),
      stale: verdict.stale,
    },
    chain: tree.chain.map((link) => chainStepOf(link, judge)),
    chainTruncated: tree.chainTruncated,
    // The domain scored the children on the way to the item's score: reuse, don't rescore.
    children: verdict.children.map(({ node, score: childScore, stale }) => ({
      ...stepOfNode(node, childScore.noData ? null : childScore.value, stale),
      weight: childScore.weight,
      method: childScore.method,
    })),
    warnings: verdict.warnings.map(({ rule, severity, message, source }) => ({
      rule,
      severity,
      message,
      source,
    })),
    linkedKeyResults: tree.linkedKeyResults.map(({ keyResult, chain }) => ({
      keyResult: chainStepOf(keyResult, judge),
      chain: chain.map((link) => chainStepOf(link, judge)),
    })),
    fetchedAt: nowIso,
  };
}

/** The calendar date at `now` where the user is. */
export function localToday(now: Date, timeZone: string): string {
  return localDateOf(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
}
