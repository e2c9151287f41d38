// A due date beyond the quarter's end means the OKR is not bound to its quarter.
import { formatDate } from '../format';
import { defineRule, dueDateOf, isOpenOkr } from './rule';

export const dueAfterQuarter = defineRule({
  id: 'due-after-quarter',
  severity: 'warning',
  source:
    'Seed 002 "Criteria for Key Results": "Time Bound - has a due date. At GitLab, unless ' +
    'otherwise stated, this is within the quarter."',
  needs: [],
  settings: {},
  check(node) {
    if (!isOpenOkr(node)) return [];
    const due = dueDateOf(node);
    const quarterEnd = node.milestone?.dueDate;
    if (!due || !quarterEnd || due <= quarterEnd) return [];
    return [
      {
        message:
          `Due ${formatDate(due)}, after ${node.milestone?.title || 'the quarter'} ends on ` +
          `${formatDate(quarterEnd)}: move the due date into the quarter or the OKR to the ` +
          `next quarter's ${node.milestone?.source === 'label' ? 'label' : 'milestone'}.`,
      },
    ];
  },
});
