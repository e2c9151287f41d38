// How far the map's history (its items' notes) is read, in the freshness line: one calm line
// while it is read, the requests it took once done, and one sentence naming what is missing
// when GitLab did not answer.
import type { Problem } from '../../lib/messages';
import { PROBLEM_TITLE } from '../panel/format';

export type HistoryStatus =
  | { state: 'reading'; read: number; total: number }
  | { state: 'done'; requests: number }
  | { state: 'failed'; read: number; total: number; problem: Problem };

/** The problem's title inside a sentence: "You’re offline" → "you’re offline"; names keep theirs. */
function reasonOf(problem: Problem): string {
  const title = PROBLEM_TITLE[problem.kind];
  const firstWord = title.split(' ')[0] ?? '';
  // GitLab, OKR: a name (a capital past the first letter) stays as it is.
  return /^[A-Z][^A-Z]*$/.test(firstWord) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

export function historyStatusWords(status: HistoryStatus): string | null {
  switch (status.state) {
    case 'reading':
      return `Reading history: ${status.read} of ${status.total} items`;
    case 'done':
      return status.requests > 0 ? `history in ${status.requests} more requests` : null;
    case 'failed':
      return (
        `History not read for ${status.total - status.read} of ${status.total} items ` +
        `(${reasonOf(status.problem)}): their sparklines and the checks that read notes are missing. ` +
        'Refresh to read the history again.'
      );
  }
}

export function HistoryStatusLine({ status }: { status: HistoryStatus | null }) {
  if (!status) return null;
  const words = historyStatusWords(status);
  // Present even with no words (all notes came from the cache): tests and assistive
  // technology can tell the history is complete.
  return (
    <span
      className={status.state === 'failed' ? undefined : 'map-muted'}
      data-testid="map-history-status"
      data-state={status.state}
    >
      {words && ` · ${words}`}
    </span>
  );
}
