// An objective wrapping a single child adds a level without adding a measure.
import { defineRule } from './rule';

export const singleChild = defineRule({
  id: 'single-child',
  severity: 'warning',
  source:
    'Seed 000 "Guidelines": "Don\'t create a KR object if it only has one child. Just use the ' +
    'child as your KR instead."',
  needs: ['children'],
  settings: {},
  check(node) {
    if (node.kind !== 'objective' || node.childrenIncomplete) return [];
    if (node.children.length !== 1) return [];
    const child = node.children[0]!;
    return [
      {
        message:
          `This objective has only one child ("${child.title}"): use that child directly ` +
          `instead, or add the other key results that measure this objective.`,
      },
    ];
  },
});
