// Everything the service layer shows for one node, computed in one call: score, GitLab's
// number and the drift, band, expected progress, staleness, rule warnings and child scores.
import type { OkrNode } from './model';
import { bandOf, expectedProgress, isBehind, type Band } from './grade';
import { gitlabFormulaNote } from './gitlab-progress';
import { checkRules, ruleSettingsFor, type PartialRuleSettings } from './rules';
import { staleOptionsOf } from './rules/health-stale';
import type { RuleContext, Warning } from './rules/rule';
import { driftOf, gitlabRollup, scoreOf, type Score } from './score';
import { lastChangeOf, stalenessByLastChange, stalenessOn, type Staleness } from './staleness';
import type { IsoDateTime } from './model';

export interface Evaluation {
  score: Score;
  /** GitLab's integer roll-up of the children (0..100), null without children. */
  gitlabRollup: number | null;
  /** Score minus GitLab's stored progress, in percentage points. */
  drift: number | null;
  /** Why GitLab's stored number is what it is, when its formula explains it (key results). */
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
  return {
    score,
    gitlabRollup: gitlabRollup(node),
    drift: driftOf(score, node.progress?.progress ?? null),
    gitlabNote: node.kind === 'keyResult' ? gitlabFormulaNote(node.progress) : null,
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
