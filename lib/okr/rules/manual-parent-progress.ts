// A parent's percentage comes from its children; a different stored number was typed by hand.
import { z } from 'zod';
import { gitlabRollup } from '../score';
import { defineRule } from './rule';

export const manualParentProgress = defineRule({
  id: 'manual-parent-progress',
  severity: 'info',
  source:
    'Seed 001 "Scoring guidelines" 1: "Progress percentage is automatically updated based on ' +
    'child objectives or KRs."',
  needs: ['children'],
  settings: { tolerancePoints: z.number().min(0).default(0) },
  check(node, _context, settings) {
    if (node.kind !== 'objective' || node.childrenIncomplete) return [];
    const stored = node.progress?.progress;
    const rollup = gitlabRollup(node);
    if (stored == null || rollup === null) return [];
    if (Math.abs(stored - rollup) <= settings.tolerancePoints) return [];
    return [
      {
        message:
          `GitLab shows ${stored}% but the children roll up to ${rollup}%: the number was set by ` +
          `hand and is overwritten when a child changes; update the children instead.`,
      },
    ];
  },
});
