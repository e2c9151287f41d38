// A key result states a number to reach ("from x to y").
import { defineRule } from './rule';

export const notMeasurable = defineRule({
  id: 'not-measurable',
  severity: 'info',
  source:
    'Seed 002 "Criteria for Key Results": "Measurable … Quantifying Key Results strongly ' +
    'preferred"; "How to Write OKRs": "Verb + what you\'re going to measure + from x to y".',
  needs: [],
  settings: {},
  check(node) {
    // Only digits count: number words ("two") are rare in KR titles and ambiguous.
    if (node.kind !== 'keyResult' || /\d/.test(node.title)) return [];
    return [
      {
        message:
          'The title has no number: say what is measured and the target, e.g. "from 92% to 95%".',
      },
    ];
  },
});
