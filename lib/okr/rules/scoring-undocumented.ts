// A percentage typed by hand needs a sentence saying how it is worked out.
import { parseScoringBlock } from '../scoring-block';
import { defineRule, scoreFor } from './rule';

const EXPLAINS_SCORING = /scor|calculat/i;

export const scoringUndocumented = defineRule({
  id: 'scoring-undocumented',
  severity: 'warning',
  source:
    'Seed 001 "Scoring guidelines" 2: "For manually updated percentages, ensure to include an ' +
    'explanation of how the percentage is calculated in the OKR description."',
  needs: [],
  settings: {},
  check(node, context) {
    if (node.kind !== 'keyResult') return [];
    const method = scoreFor(node, context).method;
    if (method !== 'progress' && method !== 'manual') return [];
    if (parseScoringBlock(node.description).block) return [];
    if (EXPLAINS_SCORING.test(node.description)) return [];
    return [
      {
        message:
          'The percentage is typed by hand and the description does not say how it is scored: ' +
          'add how it is calculated (e.g. "% of goal, 30 S2 bugs") or an okr scoring block.',
      },
    ];
  },
});
