// A key result points to the issue or epic where its work happens.
import { workIssuesOf } from '../score';
import { defineRule, linksIssueOrEpic } from './rule';

export const missingIssueLink = defineRule({
  id: 'missing-issue-link',
  severity: 'info',
  source:
    'Seed 001 "Entering OKRs": "If a GitLab issue or epic exists, make sure to include a link ' +
    'to it"; seed 000 "Guidelines": "All Ally KRs should have a link to a GitLab issue".',
  needs: ['linkedItems'],
  settings: {},
  check(node) {
    if (node.kind !== 'keyResult' || node.state !== 'opened') return [];
    // A "relates to" link is a link too: an owner who linked the issue has done what is asked,
    // and so are a key result epic's child issues.
    if (linksIssueOrEpic(node.description) || workIssuesOf(node).length > 0) return [];
    return [
      {
        message:
          'No issue or epic is linked: if one tracks this work, add its link to the description.',
      },
    ];
  },
});
