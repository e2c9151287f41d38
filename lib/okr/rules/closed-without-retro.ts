// Closing an OKR after its quarter comes with a Good / Bad / Try retrospective.
import { localDateOf } from '../calendar';
import type { OkrNode } from '../model';
import { defineRule, isOkr } from './rule';

/** A comment with all three headings of the engineering retrospective format. */
export function hasRetro(node: OkrNode): boolean {
  return node.notes.some(
    (note) =>
      !note.system &&
      /\bgood\b/i.test(note.body) &&
      /\bbad\b/i.test(note.body) &&
      /\btry\b/i.test(note.body),
  );
}

export const closedWithoutRetro = defineRule({
  id: 'closed-without-retro',
  severity: 'info',
  source:
    'Seed 001 / seed 000 "OKR Retrospection": "OKR owners should retrospect as comments ' +
    'following our retrospection guidelines (good, bad, and try)".',
  needs: ['notes'],
  settings: {},
  check(node, context) {
    if (!isOkr(node) || node.state !== 'closed' || !node.closedAt) return [];
    const quarterEnd = node.milestone?.dueDate;
    const closedOn = localDateOf(node.closedAt, context.timeZone);
    if (!quarterEnd || !closedOn || closedOn <= quarterEnd) return [];
    if (hasRetro(node)) return [];
    // The handbook recommends one retrospective on the parent; a loaded parent with one counts.
    if (node.kind === 'keyResult' && context.parent && hasRetro(context.parent)) return [];
    return [
      {
        message:
          'Closed after its quarter without a retrospective: add a comment with what went well ' +
          '(Good), what did not (Bad) and what to Try next.',
      },
    ];
  },
});
