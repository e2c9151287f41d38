// GitLab's own number for an epic, which has no progress widget: its progress bar, the closed
// share of the weight of the issues below it, `round(rolledUpCompletedWeight / rolledUpWeight ×
// 100)`, or of the issues themselves when none carries a weight (spec/gitlab.md, "Where OKRs
// live"). Said beside the score with what it is and why the two differ.
import { percent, plain, plural } from './format';
import type { EpicRollup } from './model';
import type { ScoreMethod } from './score';

export interface EpicProgress {
  /** GitLab's whole percent (0..100). */
  percent: number;
  /** What GitLab counted: closed weight, or closed issues when there is no weight. */
  basis: 'weight' | 'issues';
  done: number;
  total: number;
}

/** GitLab's epic progress from its roll-up, or null when there is nothing to count. */
export function epicProgressOf(rollup: EpicRollup | null | undefined): EpicProgress | null {
  const weight = rollup?.weight;
  if (weight && weight.total > 0) {
    return {
      percent: Math.round((weight.completed / weight.total) * 100),
      basis: 'weight',
      done: weight.completed,
      total: weight.total,
    };
  }
  const issues = rollup?.issues;
  if (issues && issues.total > 0) {
    return {
      percent: Math.round((issues.closed / issues.total) * 100),
      basis: 'issues',
      done: issues.closed,
      total: issues.total,
    };
  }
  return null;
}

/** What GitLab's number is, e.g. "GitLab's epic progress: 40% of weight done (8 of 20)". */
export function epicProgressLabel(progress: EpicProgress): string {
  return progress.basis === 'weight'
    ? `GitLab's epic progress: ${plain(progress.percent)}% of weight done ` +
        `(${plain(progress.done)} of ${plain(progress.total)})`
    : `GitLab's epic progress: ${plain(progress.percent)}% of issues closed ` +
        `(${plain(progress.done)} of ${plural(progress.total, 'issue')})`;
}

/** How the score reads the work GitLab's bar counts, by the score's method. */
function scoreReading(method: ScoreMethod): string {
  switch (method) {
    case 'rollup':
      return 'the score averages what each child scores by its own method, with its okr weight';
    case 'childIssues':
    case 'linkedIssues':
    case 'issues':
      return 'the score counts an open issue by its checked tasks and each issue alike';
    case 'none':
      return 'the score has no data yet';
    default:
      return "the score reads the key result's own values";
  }
}

/**
 * Why GitLab's epic number differs from the score, in one sentence; null when they agree to
 * the point (or the score has no value).
 */
export function epicProgressNote(
  progress: EpicProgress,
  score: { value: number; noData: boolean; method: ScoreMethod },
): string | null {
  if (!score.noData && Math.abs(score.value * 100 - progress.percent) < 0.5) return null;
  const counted =
    progress.basis === 'weight'
      ? `GitLab counts only the weight of closed issues, ${plain(progress.done)} of ` +
        `${plain(progress.total)} = ${percent(progress.done / progress.total)}, so an open ` +
        `issue adds nothing however far along it is`
      : `GitLab counts closed issues, ${plain(progress.done)} of ${plain(progress.total)} = ` +
        `${percent(progress.done / progress.total)} (none carries a weight), so an open issue ` +
        `adds nothing however far along it is`;
  return `${counted}; ${scoreReading(score.method)}.`;
}
