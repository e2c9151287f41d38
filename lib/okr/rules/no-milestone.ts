// An OKR belongs to a quarter, and GitLab records the quarter as a milestone.
import { defineRule, isOpenOkr } from './rule';

export const noMilestone = defineRule({
  id: 'no-milestone',
  severity: 'warning',
  source:
    'Seed 002 "Criteria for Key Results": "Time Bound - has a due date. At GitLab, unless ' +
    'otherwise stated, this is within the quarter"; seed 001 "Entering OKRs" (the milestone ' +
    'indicates the quarter).',
  needs: [],
  settings: {},
  check(node) {
    if (!isOpenOkr(node) || node.milestone) return [];
    return [{ message: "No milestone: set the quarter's milestone (e.g. FY24-Q2)." }];
  },
});
