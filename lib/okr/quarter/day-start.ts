// The instant a calendar day begins in a time zone, so "changes since Dec 1" means since the
// reader's midnight, not UTC's.
import { dayNumber } from '../calendar';
import type { IsoDate, IsoDateTime } from '../model';

function offsetMs(instant: number, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(instant);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    return local - Math.floor(instant / 1000) * 1000;
  } catch {
    return 0; // an unknown zone reads as UTC, as calendar.ts does
  }
}

/** Midnight of `date` in `timeZone` as an ISO instant; null for a date that does not exist. */
export function startOfDay(date: IsoDate, timeZone: string): IsoDateTime | null {
  const day = dayNumber(date);
  if (day === null) return null;
  const utcMidnight = day * 86_400_000;
  // The zone's offset near that midnight, read twice to land right across a DST change.
  let start = utcMidnight - offsetMs(utcMidnight, timeZone);
  start = utcMidnight - offsetMs(start, timeZone);
  return new Date(start).toISOString();
}
