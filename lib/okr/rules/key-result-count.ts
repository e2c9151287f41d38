// An objective is measured by one to three key results; more dilutes it.
import { z } from 'zod';
import { defineRule } from './rule';

export const keyResultCount = defineRule({
  id: 'key-result-count',
  severity: 'warning',
  source:
    'Seed 000 "Guidelines": "The goal is to only have 3 OKRs per quarter and each OKR should ' +
    'only have 1 to 3 KRs" (3x3).',
  needs: ['children'],
  settings: { maxKeyResults: z.number().int().min(1).default(3) },
  check(node, _context, settings) {
    if (node.kind !== 'objective') return [];
    // Unloaded children can only add key results, so a count already over the limit stands.
    const count = node.children.filter((child) => child.kind === 'keyResult').length;
    if (count <= settings.maxKeyResults) return [];
    return [
      {
        message:
          `This objective has ${count} key results (at most ${settings.maxKeyResults}): keep ` +
          `the ones that best measure it, and move the rest to a child objective or drop them.`,
      },
    ];
  },
});
