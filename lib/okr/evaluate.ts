// Everything the service layer shows for one node, computed in one call: score, GitLab's
// number and the drift, band, expected progress, staleness, rule warnings and child scores.
import type { OkrNode } from './model';
import { bandOf, expectedProgress, isBehind, type Band } from './grade';
import { checkRules, ruleSettingsFor, type PartialRuleSettings } from './rules';
import { staleOptionsOf } from './rules/health-stale';
import type { RuleContext, Warning } from './rules/rule';
import { driftOf, gitlabRollup, scoreOf, type Score } from './score';
import { stalenessOn, type Staleness } from './staleness';

export interface Evaluation {
  score: Score;
  /** GitLab's integer roll-up of the children (0..100), null without children. */
  gitlabRollup: number | null;
  /** Score minus GitLab's stored progress, in percentage points. */
  drift: number | null;
  band: Band;
  expected: number | null;
  behind: boolean;
  stale: Staleness;
  warnings: Warning[];
  children: { node: OkrNode; score: Score }[];
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
    })),
  };
}
