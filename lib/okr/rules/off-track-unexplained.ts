// When a key result goes off track, a comment or a link says why.
import { instantOf } from '../calendar';
import type { OkrNode } from '../model';
import { defineRule, isOpenOkr, linksIssueOrEpic } from './rule';

const OFF_TRACK_NOTE = /changed health status to \*\*(needs attention|at risk)\*\*/i;
const LINK_NOTE = /related to|linked item|as (?:a )?(?:linked|related)|added .*(?:#|&)\d+/i;
const DESCRIPTION_NOTE = /changed the description/i;

/** When the health last turned to needs attention or at risk (creation when no note says). */
function offTrackSince(node: OkrNode): number | null {
  let since: number | null = null;
  for (const note of node.notes) {
    if (!note.system || !OFF_TRACK_NOTE.test(note.body)) continue;
    const at = instantOf(note.createdAt);
    if (at !== null && (since === null || at > since)) since = at;
  }
  return since ?? instantOf(node.createdAt);
}

function explainedSince(node: OkrNode, since: number): boolean {
  return node.notes.some((note) => {
    const at = instantOf(note.createdAt);
    if (at === null || at < since) return false;
    if (!note.system) return note.body.trim().length > 0;
    if (LINK_NOTE.test(note.body)) return true;
    return DESCRIPTION_NOTE.test(note.body) && linksIssueOrEpic(node.description);
  });
}

export const offTrackUnexplained = defineRule({
  id: 'off-track-unexplained',
  severity: 'warning',
  source:
    'Seed 002 "Maintaining the status of OKRs": "If a key result is off track, it should be ' +
    'clear why. The notes should be updated or there should be a link to an issue, an epic".',
  needs: ['notes'],
  settings: {},
  check(node) {
    if (!isOpenOkr(node)) return [];
    if (node.health !== 'needsAttention' && node.health !== 'atRisk') return [];
    const since = offTrackSince(node);
    // Without a date for the change there is nothing to compare against: stay quiet.
    if (since === null || explainedSince(node, since)) return [];
    const health = node.health === 'atRisk' ? 'at risk' : 'needs attention';
    return [
      {
        message:
          `Health is "${health}" and nothing since says why: add a comment, or link the issue ` +
          `or epic with the details.`,
      },
    ];
  },
});
