// Every objective cascades from a parent, except the configured top-level ones.
import { defineRule, isOpenOkr } from './rule';

export const unaligned = defineRule({
  id: 'unaligned',
  severity: 'info',
  source:
    'Seed 001 "CTO OKR alignment and scoring": "all OKRs that are CTO aligned should be ' +
    'children of the CTO-level OKRs"; seed 002 "Cascade!".',
  needs: ['parent'],
  settings: {},
  check(node, context) {
    // Key results are included: one without a parent objective counts towards nothing.
    if (!isOpenOkr(node) || context.parent !== null) return [];
    const topLevel = context.topLevelObjectives ?? [];
    if (topLevel.includes(node.url) || topLevel.includes(node.reference)) return [];
    const what = node.kind === 'objective' ? 'objective' : 'key result';
    return [
      {
        message:
          `This ${what} has no parent: set the objective it contributes to as its parent, or ` +
          `add it to the top-level objectives in the options.`,
      },
    ];
  },
});
