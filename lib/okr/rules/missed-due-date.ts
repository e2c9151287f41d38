// Past its target date and not done: the owner decides what happens now.
import { daysBetween } from '../calendar';
import { formatDate, percent, plural } from '../format';
import { defineRule, dueDateOf, isOpenOkr, scoreFor } from './rule';

export const missedDueDate = defineRule({
  id: 'missed-due-date',
  severity: 'warning',
  source:
    'Seed 002 "Target Dates in Key Results": "You might score an OKR as 0% if it misses its ' +
    'target date. Or … penalize it 10% for each week it\'s delayed."',
  needs: [],
  settings: {},
  check(node, context) {
    if (!isOpenOkr(node)) return [];
    const due = dueDateOf(node);
    const late = due ? daysBetween(due, context.today) : null;
    if (!due || late === null || late <= 0) return [];
    const score = scoreFor(node, context);
    if (!score.noData && score.value >= 1) return [];
    const at = score.noData ? 'with no score' : `at ${percent(score.value)}`;
    return [
      {
        message:
          `Due ${formatDate(due)} (${plural(late, 'day')} ago) ${at}: finish it, or agree a new date and ` +
          `note how the delay is scored.`,
      },
    ];
  },
});
