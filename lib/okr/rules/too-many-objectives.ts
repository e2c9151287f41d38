// A DRI holding more than three open objectives in one quarter has lost focus.
import { z } from 'zod';
import type { OkrNode } from '../model';
import { defineRule } from './rule';

function sameQuarter(a: OkrNode, b: OkrNode): boolean {
  return a.milestone !== null && b.milestone !== null && a.milestone.title === b.milestone.title;
}

export const tooManyObjectives = defineRule({
  id: 'too-many-objectives',
  severity: 'warning',
  source:
    'Seed 002 "Criteria for Objectives", Focused: "A person or team should have no more than ' +
    '3 Objectives"; seed 000 "Guidelines": "only have 3 OKRs per quarter" (3x3).',
  needs: ['driObjectives'],
  settings: { maxObjectives: z.number().int().min(1).default(3) },
  check(node, context, settings) {
    const dri = node.assignees[0];
    if (node.kind !== 'objective' || node.state !== 'opened' || !dri || !node.milestone) return [];
    // Count distinct ids so the node itself, listed or not, counts once.
    const ids = new Set<string>([node.id]);
    for (const other of context.driOpenObjectives ?? []) {
      if (other.kind === 'objective' && other.state === 'opened' && sameQuarter(node, other)) {
        ids.add(other.id);
      }
    }
    if (ids.size <= settings.maxObjectives) return [];
    return [
      {
        message:
          `@${dri.username} holds ${ids.size} open objectives in ${node.milestone.title} ` +
          `(at most ${settings.maxObjectives}): keep the ${settings.maxObjectives} that matter ` +
          `most and drop or merge the others.`,
      },
    ];
  },
});
