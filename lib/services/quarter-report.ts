// The Key Review report, the monthly post and the CSV from a quarter map and its items' notes:
// the one assembly the map page and `okr-lens report` share, so both print the same text.
import type { DateFormatOptions } from '../okr/format';
import type { IsoDate, Note } from '../okr/model';
import { thenFromHistories, thenFromSnapshot, type ItemThen } from '../okr/quarter/changes-since';
import { quarterCsv } from '../okr/quarter/csv';
import { startOfDay } from '../okr/quarter/day-start';
import { CONVENTIONS } from '../gitlab/carriers/conventions';
import {
  historyOf,
  type HistoryPoint,
  type ValueFields,
  type ValueScale,
} from '../okr/quarter/history';
import { keyReviewMarkdown } from '../okr/quarter/key-review';
import { latestCommentOf, type LatestComment } from '../okr/quarter/latest-comment';
import type { MapItem, QuarterMap } from '../okr/quarter/map-model';
import { monthlyPostMarkdown } from '../okr/quarter/monthly-post';

export type ReportFormat = 'keyReview' | 'monthly' | 'csv' | 'json';

/** What GitLab holds for an item's history (lib/gitlab/item-history.ts). */
export interface ItemNotesLike {
  notes: Note[];
  scale: ValueScale | null;
}

export interface ReportOptions {
  format: ReportFormat;
  /** The reader's date. */
  today: IsoDate;
  timeZone: string;
  /** Changes since this date (Key Review only). */
  since?: IsoDate | null;
  /** A map saved on (or near) `since`: then it says what each item had, warnings included. */
  earlier?: QuarterMap | null;
  /** The view the map is narrowed to, in words (map-view.ts viewWords). */
  view?: string | null;
  /** The custom fields key results keep their values in; the conventions' names by default. */
  fields?: ValueFields | null;
  dates?: DateFormatOptions;
}

const offTrack = (item: MapItem) => item.health === 'atRisk' || item.health === 'needsAttention';

/**
 * The items whose notes the report reads: every item when changes since a date are asked for
 * without an earlier map (their history says how they stood), else those at risk or needing
 * attention (their latest comment). None for the monthly post, CSV or JSON.
 */
export function notesNeeded(map: QuarterMap, options: ReportOptions): string[] {
  if (options.format !== 'keyReview') return [];
  if (options.since && !options.earlier) return map.items.map((item) => item.url);
  return map.items.filter(offTrack).map((item) => item.url);
}

/** Each item's history from its notes. */
export function historiesOf(
  notes: ReadonlyMap<string, ItemNotesLike>,
  fields: ValueFields | null = CONVENTIONS.fields,
): Map<string, HistoryPoint[]> {
  const histories = new Map<string, HistoryPoint[]>();
  for (const [url, loaded] of notes) {
    histories.set(url, historyOf(loaded.notes, { scale: loaded.scale, fields }));
  }
  return histories;
}

function thenOf(
  map: QuarterMap,
  notes: ReadonlyMap<string, ItemNotesLike>,
  options: ReportOptions,
): Map<string, ItemThen> | undefined {
  if (!options.since) return undefined;
  if (options.earlier) return thenFromSnapshot(options.earlier);
  const since = startOfDay(options.since, options.timeZone) ?? `${options.since}T00:00:00Z`;
  return thenFromHistories(map, historiesOf(notes, options.fields ?? CONVENTIONS.fields), since);
}

function commentsOf(map: QuarterMap, notes: ReadonlyMap<string, ItemNotesLike>) {
  const comments = new Map<string, LatestComment>();
  for (const item of map.items.filter(offTrack)) {
    const comment = latestCommentOf(notes.get(item.url)?.notes ?? []);
    if (comment) comments.set(item.url, comment);
  }
  return comments;
}

/** The report in the asked format, as text. */
export function reportText(
  map: QuarterMap,
  notes: ReadonlyMap<string, ItemNotesLike>,
  options: ReportOptions,
): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(map, null, 2)}\n`;
    case 'csv':
      return quarterCsv(map);
    case 'monthly':
      return monthlyPostMarkdown({ map, today: options.today, dates: options.dates });
    case 'keyReview':
      return keyReviewMarkdown({
        map,
        today: options.today,
        since: options.since ?? null,
        then: thenOf(map, notes, options),
        comments: commentsOf(map, notes),
        view: options.view ?? null,
        dates: options.dates,
      });
  }
}
