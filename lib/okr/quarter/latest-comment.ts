// The latest word a person left on an item: the newest comment that is not a system note and
// not GitLab's automation, as the report quotes it for items off track.
import { byAutomation } from '../check-in-note';
import type { IsoDateTime, Note } from '../model';

export interface LatestComment {
  body: string;
  at: IsoDateTime;
  author?: string;
}

/** The report quotes at most this many characters of a comment. */
export const QUOTE_LENGTH = 280;

export function latestCommentOf(notes: readonly Note[]): LatestComment | null {
  let latest: Note | null = null;
  let latestMs = -Infinity;
  for (const note of notes) {
    if (note.system || byAutomation(note) || note.body.trim() === '') continue;
    const ms = Date.parse(note.createdAt);
    if (!Number.isNaN(ms) && ms >= latestMs) {
      latest = note;
      latestMs = ms;
    }
  }
  return latest ? { body: latest.body, at: latest.createdAt, author: latest.author } : null;
}

/** A comment as one quoted line: whitespace collapsed, cut at a word near QUOTE_LENGTH. */
export function quoteOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_LENGTH) return flat;
  const cut = flat.slice(0, QUOTE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
