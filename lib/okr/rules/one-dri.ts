// Every OKR has exactly one directly responsible individual.
import { defineRule, isOpenOkr } from './rule';

export const oneDri = defineRule({
  id: 'one-dri',
  severity: 'warning',
  source:
    'Seed 000 "Ally.io for OKRs": "Ensure that only one DRI is assign to the OKR/KR"; seed 002 ' +
    '"Criteria for Objectives": "Clear, Responsible Party".',
  needs: [],
  settings: {},
  check(node) {
    if (!isOpenOkr(node)) return [];
    const count = node.assignees.length;
    if (count === 1) return [];
    if (count === 0) {
      return [{ message: 'Nobody is assigned: assign the one person responsible (the DRI).' }];
    }
    const names = node.assignees.map((person) => `@${person.username}`).join(', ');
    return [
      {
        message:
          `${count} assignees (${names}): keep one DRI; shared ownership usually means the ` +
          `OKR can be split.`,
      },
    ];
  },
});
