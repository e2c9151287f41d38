// A parent's percentage comes from its children; one a person typed in is overwritten by GitLab's
// next roll-up. It fires only when it can know the number was typed: GitLab recomputes a parent
// only when a child's percentage changes and only where the project rolls up
// (ee/app/models/work_items/progress.rb), it averages every child, also those the reader may not
// see, and it writes its roll-up note as its automation bot
// (ee/app/workers/work_items/update_parent_objectives_progress_worker.rb). So a plain difference
// from the visible children proves nothing; the parent's latest progress note, written by a
// person and naming the number GitLab shows, does.
import { z } from 'zod';
import { localDateOf } from '../calendar';
import { byAutomation } from '../check-in-note';
import type { Note, OkrNode } from '../model';
import { gitlabRollup } from '../score';
import { defineRule } from './rule';

const PROGRESS_NOTE = /changed progress to \*\*(\d+)%?\*\*/;

/** The parent's newest progress note, if the loaded notes hold one. */
function lastProgressNote(node: OkrNode): { note: Note; value: number } | null {
  for (let i = node.notes.length - 1; i >= 0; i -= 1) {
    const note = node.notes[i];
    const match = note?.system ? PROGRESS_NOTE.exec(note.body) : null;
    if (note && match?.[1]) return { note, value: Number(match[1]) };
  }
  return null;
}

export const manualParentProgress = defineRule({
  id: 'manual-parent-progress',
  severity: 'info',
  source:
    'Seed 001 "Scoring guidelines" 1: "Progress percentage is automatically updated based on ' +
    'child objectives or KRs."',
  needs: ['children', 'notes'],
  settings: { tolerancePoints: z.number().min(0).default(0) },
  check(node, context, settings) {
    if (node.kind !== 'objective' || node.children.length === 0) return [];
    const stored = node.progress?.progress;
    const last = lastProgressNote(node);
    // No note, GitLab's own roll-up, or a note about another number: not known to be typed.
    if (stored == null || !last || byAutomation(last.note) || !last.note.author) return [];
    if (last.value !== stored) return [];
    const rollup = gitlabRollup(node);
    if (rollup === null) return [];
    if (!node.childrenIncomplete && Math.abs(stored - rollup) <= settings.tolerancePoints)
      return [];
    const on = localDateOf(last.note.createdAt, context.timeZone) ?? last.note.createdAt;
    const children = node.childrenIncomplete
      ? `the ${node.children.length} loaded children roll up to ${rollup}%`
      : `its children roll up to ${rollup}%`;
    return [
      {
        message:
          `GitLab shows ${stored}%, typed in by @${last.note.author} on ${on}; ${children}. ` +
          `Where GitLab rolls progress up, the next change to a child's progress replaces it: ` +
          `update the children instead.`,
      },
    ];
  },
});
