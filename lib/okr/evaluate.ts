// Everything the service layer shows for one node, computed in one call: score, GitLab's
// number and the drift, band, expected progress, staleness, rule warnings and child scores.
import type { OkrNode } from './model';
import { bandOf, expectedProgress, isBehind, type Band } from './grade';
import { epicProgressLabel, epicProgressNote, epicProgressOf } from './epic-progress';
import { gitlabFormulaNote } from './gitlab-progress';
import { checkRules, ruleSettingsFor, type PartialRuleSettings } from './rules';
import { staleOptionsOf } from './rules/health-stale';
import type { RuleContext, Warning } from './rules/rule';
import { driftOf, gitlabRollup, scoreOf, type Score } from './score';
import { lastChangeOf, stalenessByLastChange, stalenessOn, type Staleness } from './staleness';
import type { IsoDateTime } from './model';

export interface Evaluation {
  score: Score;
  /**
   * GitLab's own number (0..100): its stored progress, or for an epic its progress bar (closed
   * weight, or closed issues); null when GitLab keeps none.
   */
  gitlabProgress: number | null;
  /** What GitLab's number is, when it is not a progress field ("GitLab's epic progress: …"). */
  gitlabLabel: string | null;
  /** GitLab's integer roll-up of the children (0..100), null without children or for epics. */
  gitlabRollup: number | null;
  /** Score minus GitLab's number, in percentage points. */
  drift: number | null;
  /** Why GitLab's number is what it is, when its formula explains it. */
  gitlabNote: string | null;
  band: Band;
  expected: number | null;
  behind: boolean;
  stale: Staleness;
  warnings: Warning[];
  /** Each child's score, and its health verdict from its last change (its notes are not loaded). */
  children: { node: OkrNode; score: Score; stale: Staleness }[];
}

export function evaluate(
  node: OkrNode,
  context: RuleContext,
  settings?: PartialRuleSettings,
): Evaluation {
  const scores = context.scores ?? new Map<OkrNode, Score>();
  const score = scoreOf(node, { today: context.today, cache: scores });
  const expected = expectedProgress(node, context.today);
  const { behindMargin } = ruleSettingsFor('behind-schedule', settings);
  const epic = node.progress?.progress == null ? epicProgressOf(node.epicRollup) : null;
  const gitlabProgress = node.progress?.progress ?? epic?.percent ?? null;
  return {
    score,
    gitlabProgress,
    gitlabLabel: epic ? epicProgressLabel(epic) : null,
    // GitLab rolls up progress fields; an epic's bar is its own arithmetic, not this roll-up.
    gitlabRollup: node.epicRollup ? null : gitlabRollup(node),
    drift: driftOf(score, gitlabProgress),
    gitlabNote: epic
      ? epicProgressNote(epic, score)
      : node.kind === 'keyResult'
        ? gitlabFormulaNote(node.progress)
        : null,
    band: bandOf(score.noData ? null : score.value),
    expected,
    behind: !score.noData && isBehind(score.value, expected, behindMargin),
    stale: stalenessOn(
      node,
      context.today,
      staleOptionsOf(context, ruleSettingsFor('health-stale', settings)),
    ),
    warnings: checkRules(node, { ...context, scores }, settings),
    children: node.children.map((child) => ({
      node: child,
      score: scoreOf(child, { today: context.today, cache: scores }),
      stale: stalenessOfLink(child, lastChangeOf(child), context, settings),
    })),
  };
}

/**
 * The health verdict of an item seen only in passing (a child, an ancestor, a linked key
 * result), from the last change GitLab records on it, with the item's own staleness settings.
 */
export function stalenessOfLink(
  link: Pick<OkrNode, 'kind' | 'state' | 'health'>,
  lastChange: IsoDateTime | null,
  context: RuleContext,
  settings?: PartialRuleSettings,
): Staleness {
  const options = staleOptionsOf(context, ruleSettingsFor('health-stale', settings));
  return stalenessByLastChange(link, lastChange, context.today, options);
}
