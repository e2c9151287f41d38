// A score far below the share of the quarter that has passed needs attention now.
import { z } from 'zod';
import { percent } from '../format';
import { BEHIND_MARGIN, expectedProgress, isBehind } from '../grade';
import { defineRule, isOpenOkr, scoreFor } from './rule';

export const behindSchedule = defineRule({
  id: 'behind-schedule',
  severity: 'warning',
  source:
    'Spec §1.4 "Expected progress": behind when score < expected − 0.25; seed 002 "Maintaining ' +
    'the status of OKRs" (needs attention / at risk).',
  needs: [],
  settings: { behindMargin: z.number().min(0).max(1).default(BEHIND_MARGIN) },
  check(node, context, settings) {
    if (!isOpenOkr(node)) return [];
    const expected = expectedProgress(node, context.today);
    const score = scoreFor(node, context);
    if (score.noData || !isBehind(score.value, expected, settings.behindMargin)) return [];
    return [
      {
        message:
          `At ${percent(score.value)} with ${percent(expected ?? 0)} of the quarter gone: ` +
          `set the health to needs attention or at risk and say what will change.`,
      },
    ];
  },
});
