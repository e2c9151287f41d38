// An open objective with nothing under it cannot be scored.
import { defineRule } from './rule';

export const emptyObjective = defineRule({
  id: 'empty-objective',
  severity: 'info',
  source:
    'Seed 001 "Deciding between an objective and key result in GitLab": "If there will be no ' +
    'children, create a key result."',
  needs: ['children'],
  settings: {},
  check(node) {
    if (node.kind !== 'objective' || node.state !== 'opened') return [];
    if (node.children.length > 0 || node.childrenIncomplete) return [];
    return [
      {
        message:
          'This objective has no key results or child objectives: add key results, or recreate ' +
          'it as a key result if it will have no children.',
      },
    ];
  },
});
