// The words of a history's text alternative: what each recorded update says, read aloud.
import { formatDate, percent, plain, type DateFormatOptions } from '../../lib/okr/format';
import type { HistoryChange, HistoryPoint } from '../../lib/okr/quarter/history';

const HEALTH = { onTrack: 'On track', needsAttention: 'Needs attention', atRisk: 'At risk' };
const CHANGE: Record<HistoryChange, string> = {
  progress: 'progress',
  value: 'value',
  health: 'health',
  checkIn: 'check-in',
};

export function healthText(health: HistoryPoint['health']): string {
  return health === null ? 'No health status' : HEALTH[health];
}

export function progressText(point: HistoryPoint): string {
  return point.progress === null ? 'not recorded' : percent(point.progress);
}

export function valueText(point: HistoryPoint): string {
  return point.value === null ? '' : plain(point.value);
}

export function changesText(point: HistoryPoint): string {
  return point.changes.map((change) => CHANGE[change]).join(', ');
}

/** One sentence: how many updates, from what to what, against what was expected today. */
export function historySummary(
  points: readonly HistoryPoint[],
  expectedToday: number | null,
  dates?: DateFormatOptions,
): string {
  if (points.length === 0) return 'No recorded update this quarter.';
  const first = points[0]!;
  const last = points.at(-1)!;
  const count = points.length === 1 ? '1 recorded update' : `${points.length} recorded updates`;
  const span =
    points.length === 1
      ? `on ${formatDate(first.at, dates)}`
      : `from ${formatDate(first.at, dates)} to ${formatDate(last.at, dates)}`;
  const progress =
    last.progress === null ? 'no progress recorded' : `progress now ${percent(last.progress)}`;
  const expected = expectedToday === null ? '' : `, ${percent(expectedToday)} expected today`;
  return `${count} ${span}; ${progress}${expected}; ${healthText(last.health).toLowerCase()}.`;
}
