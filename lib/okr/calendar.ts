// Calendar arithmetic on ISO dates: day numbers, weekdays, business days and the local date of a
// timestamp in the caller's time zone. Pure: "today" always comes in as an argument.
import type { IsoDate, IsoDateTime } from './model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date, or null when it is not a real date. */
export function dayNumber(date: IsoDate): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== null;
}

/** Whole days from `from` to `to` (negative when `to` is earlier); null if either is invalid. */
export function daysBetween(from: IsoDate, to: IsoDate): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

export function addDays(date: IsoDate, days: number): IsoDate | null {
  const day = dayNumber(date);
  return day === null ? null : dateOfDay(day + days);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 30);
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function weekdayOf(date: IsoDate): number | null {
  const day = dayNumber(date);
  // 1970-01-01 was a Thursday (4).
  return day === null ? null : (((day + 4) % 7) + 7) % 7;
}

export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export interface BusinessCalendar {
  holidays: readonly IsoDate[];
}

/** Holidays as day numbers, computed once per holiday list. */
const holidaySets = new WeakMap<readonly IsoDate[], Set<number>>();

function holidayDays(holidays: readonly IsoDate[]): Set<number> {
  let days = holidaySets.get(holidays);
  if (!days) {
    days = new Set(holidays.map(dayNumber).filter((day): day is number => day !== null));
    holidaySets.set(holidays, days);
  }
  return days;
}

function isBusinessDayNumber(day: number, holidays: Set<number>): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** Monday to Friday and not a configured holiday. */
export function isBusinessDay(date: IsoDate, calendar: BusinessCalendar): boolean {
  const day = dayNumber(date);
  return day !== null && isBusinessDayNumber(day, holidayDays(calendar.holidays));
}

/**
 * The date of the n-th business day (1-based) of the month `date` falls in. When the month has
 * fewer business days than n (only with absurd holiday lists), the month's last day.
 */
export function nthBusinessDayOfMonth(
  date: IsoDate,
  n: number,
  calendar: BusinessCalendar,
): IsoDate | null {
  const first = dayNumber(firstOfMonth(date));
  if (first === null) return null;
  const holidays = holidayDays(calendar.holidays);
  const last = first + daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7))) - 1;
  let counted = 0;
  for (let day = first; day <= last; day++) {
    if (isBusinessDayNumber(day, holidays) && ++counted >= n) return dateOfDay(day);
  }
  return dateOfDay(last);
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      // An unknown zone name must not break a rule or the badge: the caller falls back to UTC.
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/**
 * The calendar date a timestamp falls on in `timeZone` (UTC when the zone is unknown).
 * A bare `YYYY-MM-DD` is returned as is; an unreadable timestamp gives null.
 */
export function localDateOf(timestamp: IsoDateTime, timeZone: string): IsoDate | null {
  if (isIsoDate(timestamp)) return timestamp;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return null;
  const formatter = formatterFor(timeZone);
  if (!formatter) return new Date(ms).toISOString().slice(0, 10);
  const parts = formatter.formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Milliseconds since the epoch, or null for text that is not a timestamp. */
export function instantOf(timestamp: IsoDateTime | null | undefined): number | null {
  if (!timestamp) return null;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? null : ms;
}
