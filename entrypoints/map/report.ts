// The map page's report and history wiring: the notes come from the background (`map:notes`),
// the text from the same assembly as `okr-lens report` (lib/services/quarter-report.ts), the
// file goes to the browser's downloads.
import type { MadeReport, ReportKind } from '../../components/map/ReportActions';
import type { LoadedHistory } from '../../components/map/RowHistory';
import type { IsoDate } from '../../lib/okr/model';
import type { MapItem, QuarterMap } from '../../lib/okr/quarter/map-model';
import { historyInMap, keyResultsUnder } from '../../lib/okr/quarter/objective-history';
import {
  historiesOf,
  notesNeeded,
  reportText,
  type ItemNotesLike,
  type ReportOptions,
} from '../../lib/services/quarter-report';
import type { MapBackend } from './backend';

export interface ReportContext {
  baseUrl: string;
  /** The map as the page lists it (view and filters applied). */
  map: QuarterMap;
  today: IsoDate;
  timeZone: string;
  /** The view in words, when the page is narrowed. */
  view: string | null;
}

const FORMAT: Record<ReportKind, ReportOptions['format']> = {
  keyReview: 'keyReview',
  monthly: 'monthly',
  csv: 'csv',
};

/** A file name that is safe everywhere: `key-review-FY24-Q2-2026-11-21.md`. */
function fileNameOf(kind: ReportKind, quarter: string, today: IsoDate): string {
  const safe = quarter.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'quarter';
  const stem = { keyReview: 'key-review', monthly: 'monthly-post', csv: 'quarter-map' }[kind];
  return `${stem}-${safe}-${today}.${kind === 'csv' ? 'csv' : 'md'}`;
}

async function notesFor(
  backend: MapBackend,
  baseUrl: string,
  urls: string[],
): Promise<{ ok: true; notes: Map<string, ItemNotesLike> } | { ok: false; message: string }> {
  if (urls.length === 0) return { ok: true, notes: new Map() };
  const answer = await backend.notes(baseUrl, urls);
  if (!answer.ok) return { ok: false, message: answer.problem.message };
  return { ok: true, notes: new Map(Object.entries(answer.notes)) };
}

export async function makeReport(
  backend: MapBackend,
  context: ReportContext,
  kind: ReportKind,
  since: IsoDate | null,
): Promise<MadeReport> {
  const options: ReportOptions = {
    format: FORMAT[kind],
    today: context.today,
    timeZone: context.timeZone,
    since: kind === 'keyReview' ? since : null,
    view: context.view,
  };
  const loaded = await notesFor(backend, context.baseUrl, notesNeeded(context.map, options));
  if (!loaded.ok) return { ok: false, message: loaded.message };
  return {
    ok: true,
    text: reportText(context.map, loaded.notes, options),
    fileName: fileNameOf(kind, context.map.quarter.title, context.today),
    mime: kind === 'csv' ? 'text/csv;charset=utf-8' : 'text/markdown;charset=utf-8',
  };
}

/** A row's history: a key result's recorded updates, an objective's rolled up from below. */
export async function loadRowHistory(
  backend: MapBackend,
  baseUrl: string,
  map: QuarterMap,
  item: MapItem,
): Promise<LoadedHistory> {
  const keyResults = keyResultsUnder(map, item.url);
  const loaded = await notesFor(
    backend,
    baseUrl,
    keyResults.map((kr) => kr.url),
  );
  if (!loaded.ok) return { ok: false, message: loaded.message };
  const histories = historiesOf(loaded.notes);
  return { ok: true, points: historyInMap(map, item.url, histories) };
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the object URL is not needed past this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
