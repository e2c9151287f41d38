// Grade bands and expected progress (spec §1.4): where a score sits on the Google scale and
// whether it lags the share of the quarter that has passed.
import { dayNumber } from './calendar';
import type { IsoDate, OkrNode } from './model';

export type Band = 'red' | 'amber' | 'green' | 'none';

/** The default margin below expected progress before a node counts as behind. */
export const BEHIND_MARGIN = 0.25;

/** < 0.4 red, 0.4 up to 0.7 amber, 0.7 and above green; no score → none. */
export function bandOf(value: number | null): Band {
  if (value === null || Number.isNaN(value)) return 'none';
  if (value < 0.4) return 'red';
  if (value < 0.7) return 'amber';
  return 'green';
}

/** The period a node is measured over: its milestone's dates, else its own start and due. */
export function periodOf(node: OkrNode): { start: IsoDate; end: IsoDate } | null {
  const milestone = node.milestone;
  if (milestone?.startDate && milestone.dueDate) {
    return { start: milestone.startDate, end: milestone.dueDate };
  }
  if (node.startDate && node.dueDate) return { start: node.startDate, end: node.dueDate };
  return null;
}

/** The fraction of the node's quarter that has elapsed on `today` (0..1), or null. */
export function expectedProgress(node: OkrNode, today: IsoDate): number | null {
  const period = periodOf(node);
  if (!period) return null;
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  const now = dayNumber(today);
  if (start === null || end === null || now === null || end < start) return null;
  if (now >= end) return 1;
  if (now <= start) return 0;
  return (now - start) / (end - start);
}

/** "Behind" when the score lags expected progress by more than the margin. */
export function isBehind(
  value: number | null,
  expected: number | null,
  margin: number = BEHIND_MARGIN,
): boolean {
  if (value === null || expected === null) return false;
  return value < expected - margin;
}
