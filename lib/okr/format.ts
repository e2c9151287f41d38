// How numbers and dates appear in explanations: percentages with at most one decimal, plain
// numbers without trailing zeros (so a person can redo the arithmetic from the text), and dates
// in one style from the reader's locale, the same in the panel, the popup, the options and the CLI.
import { isIsoDate } from './calendar';

/** 0.69444 → "69.4"; 0.5 → "50". */
export function percentNumber(fraction: number): string {
  return plain(Math.round(fraction * 1000) / 10);
}

/** 0.69444 → "69.4%". */
export function percent(fraction: number): string {
  return `${percentNumber(fraction)}%`;
}

/** A number with at most two decimals and no trailing zeros: 2.5, 17, 0.33. */
export function plain(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Whose dates: the reader's locale and time zone unless a caller (a test) fixes them. */
export interface DateFormatOptions {
  locale?: string;
  timeZone?: string;
}

/**
 * A date in the reader's locale, e.g. "Dec 10, 2026" (en-US), "10 Dec 2026" (en-GB),
 * "10.12.2026" (de). A calendar date (`2026-12-10`) names a day, not an instant, so it is shown
 * as that day in every time zone; a timestamp is shown on the day it falls in the reader's zone.
 * Text that is not a date is shown as given.
 */
export function formatDate(value: string, options: DateFormatOptions = {}): string {
  return formatWith('date', value, options);
}

/** A timestamp with its time of day, e.g. "Dec 10, 2026, 10:00 AM" (en-US). */
export function formatDateTime(value: string, options: DateFormatOptions = {}): string {
  return formatWith('dateTime', value, options);
}

type DateStyle = 'date' | 'dateTime';

const DAY_SHAPED = /^\d{4}-\d{2}-\d{2}$/;

function formatWith(style: DateStyle, value: string, options: DateFormatOptions): string {
  const calendarDay = isIsoDate(value);
  // Date.parse rolls "2026-02-30" over to March: a day that does not exist is shown as written.
  if (!calendarDay && DAY_SHAPED.test(value)) return value;
  const ms = calendarDay ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (Number.isNaN(ms)) return value;
  // A calendar date is read at midnight UTC, so it is shown in UTC to stay the same day.
  const timeZone = calendarDay && style === 'date' ? 'UTC' : options.timeZone;
  return formatterFor(style, options.locale, timeZone).format(ms);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(
  style: DateStyle,
  locale: string | undefined,
  timeZone: string | undefined,
): Intl.DateTimeFormat {
  const key = `${style}|${locale ?? ''}|${timeZone ?? ''}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    const shape: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...shape, timeZone });
    } catch {
      // An unknown locale or zone name must not hide a date: fall back to the reader's own.
      formatter = new Intl.DateTimeFormat(undefined, shape);
    }
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

/** A quarter as the panel and the CLI name it (the model's `Quarter`, or the view's). */
interface QuarterWords {
  title: string;
  source?: 'milestone' | 'label' | 'dates' | undefined;
  startDate: string | null;
  dueDate: string | null;
}

/** Where the quarter came from, as the panel says it. */
const QUARTER_SOURCE: Record<NonNullable<QuarterWords['source']>, string> = {
  milestone: 'from its milestone',
  label: 'from its quarter label',
  dates: "from the epic's start and due dates",
};

/**
 * The quarter and where it came from, e.g. "FY24-Q2 (May 1, 2023 – Jul 31, 2023), from its
 * quarter label".
 */
export function quarterLine(quarter: QuarterWords): string {
  const dates =
    quarter.startDate && quarter.dueDate
      ? `${formatDate(quarter.startDate)} – ${formatDate(quarter.dueDate)}`
      : null;
  const name = quarter.title
    ? dates
      ? `${quarter.title} (${dates})`
      : quarter.title
    : (dates ?? 'unnamed');
  return `${name}, ${QUARTER_SOURCE[quarter.source ?? 'milestone']}`;
}
