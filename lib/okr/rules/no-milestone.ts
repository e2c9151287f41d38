// An OKR belongs to a quarter. GitLab records it as a milestone; teams keeping OKRs as epics may
// record it as a quarter label (`okrq:FY24-Q2`) or as the epic's start and due dates instead,
// and any of them is the quarter (the mapping reads each into `milestone`, saying where from).
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
  check(node, context) {
    if (!isOpenOkr(node) || node.milestone) return [];
    switch (context.quarterSource) {
      case 'label': {
        const example = (context.quarterLabelPattern ?? 'okrq:{quarter}').replace(
          '{quarter}',
          'FY24-Q2',
        );
        return [
          {
            message: `No quarter: add the quarter's label (e.g. ${example}) or its milestone.`,
          },
        ];
      }
      case 'dates':
        return [
          {
            message:
              "No quarter: set the epic's start and due dates to the quarter's, or its milestone.",
          },
        ];
      default:
        return [{ message: "No milestone: set the quarter's milestone (e.g. FY24-Q2)." }];
    }
  },
});
