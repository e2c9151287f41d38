// The expected line of a burn-up chart (spec §1.4): 0 at the quarter's start rising evenly to 1
// at its end, the share of the quarter that has passed.
import { dayNumber } from '../calendar';
import type { IsoDate } from '../model';

export interface QuarterDates {
  start: IsoDate | null;
  end: IsoDate | null;
}

export interface ExpectedPoint {
  date: IsoDate;
  expected: number;
}

/** The two ends of the expected line, or null when the quarter's dates are unknown. */
export function expectedLine(quarter: QuarterDates): [ExpectedPoint, ExpectedPoint] | null {
  const { start, end } = quarter;
  if (!start || !end) return null;
  const from = dayNumber(start);
  const to = dayNumber(end);
  if (from === null || to === null || to < from) return null;
  return [
    { date: start, expected: 0 },
    { date: end, expected: 1 },
  ];
}

/** Expected progress on a day: 0 before the start, 1 from the end on; null without dates. */
export function expectedOn(quarter: QuarterDates, date: IsoDate): number | null {
  const line = expectedLine(quarter);
  const day = dayNumber(date);
  if (!line || day === null) return null;
  const from = dayNumber(line[0].date)!;
  const to = dayNumber(line[1].date)!;
  if (day >= to) return 1;
  if (day <= from) return 0;
  return (day - from) / (to - from);
}

/** Whether the quarter has ended on `today` (its last day is over). */
export function quarterEnded(quarter: QuarterDates, today: IsoDate): boolean {
  const end = quarter.end ? dayNumber(quarter.end) : null;
  const now = dayNumber(today);
  return end !== null && now !== null && now > end;
}
