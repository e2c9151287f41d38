// The whole quarter map as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma,
// quote or line break quoted, quotes doubled). A text cell starting with = + - @ (or a tab or
// carriage return) is prefixed with ' so a spreadsheet shows it instead of running it as a
// formula (OWASP "CSV Injection").
import { percentNumber } from '../format';
import type { MapItem, QuarterMap } from './map-model';
import { depthsOf } from './tree';

const COLUMNS = [
  'depth',
  'type',
  'reference',
  'title',
  'url',
  'parent_url',
  'carrier',
  'score_percent',
  'method',
  'gitlab_progress_percent',
  'expected_percent',
  'health',
  'stale',
  'stale_since',
  'dri',
  'warnings',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet will not run. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as RFC 4180 writes it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const fraction = (value: number | null) => (value === null ? '' : percentNumber(value));

function rowOf(item: MapItem, depth: number): string[] {
  return [
    String(depth),
    item.type,
    safeText(item.reference),
    safeText(item.title),
    safeText(item.url),
    safeText(item.parentUrl ?? ''),
    safeText(item.carrier),
    fraction(item.score),
    safeText(item.method),
    item.gitlabProgress === null ? '' : String(item.gitlabProgress),
    fraction(item.expected),
    item.health ?? '',
    item.stale ? 'yes' : 'no',
    item.staleSince ?? '',
    safeText(item.dri ?? ''),
    safeText(item.warnings.map((w) => `${w.rule}:${w.severity}`).join(' ')),
  ];
}

export function quarterCsv(map: QuarterMap): string {
  const depths = depthsOf(map);
  const rows = [[...COLUMNS], ...map.items.map((item) => rowOf(item, depths.get(item.url) ?? 0))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
