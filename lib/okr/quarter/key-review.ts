// The Key Review material as Markdown (seed 002 "Maintaining the status of OKRs": the most
// recent update presented in the Key Review, why a key result is off track, and a clear
// scoring for each KR at the first Key Review after the quarter): per top objective its score,
// health, what changed since a date, the items at risk or needing attention with their latest
// comment, and the stale items with their DRIs; after the quarter's end, the final scoring.
import { formatDate, percent, plural, type DateFormatOptions } from '../format';
import type { IsoDate } from '../model';
import { changeOf, isNoteworthy, type ItemChange, type ItemThen } from './changes-since';
import { quarterEnded } from './expected-line';
import { finalScoringMarkdown } from './final-scoring';
import { quoteOf, type LatestComment } from './latest-comment';
import type { MapItem, QuarterMap } from './map-model';
import { driPhrase, healthWord, itemLink, markdownText, scoreWord } from './report-words';
import { childrenByParent, descendantsOf, topItems } from './tree';

export interface KeyReviewInput {
  map: QuarterMap;
  /** The reader's date the report is written on. */
  today: IsoDate;
  /** Report changes since this date; null for none. */
  since: IsoDate | null;
  /** How each item stood on `since` (changes-since.ts); items missing from it are new. */
  then?: ReadonlyMap<string, ItemThen>;
  /** The latest comment of items, by URL (at least of those at risk or needing attention). */
  comments?: ReadonlyMap<string, LatestComment>;
  /** The view the map is narrowed to ("the items of @riley"), when it is. */
  view?: string | null;
  dates?: DateFormatOptions;
}

export function keyReviewMarkdown(input: KeyReviewInput): string {
  const { map } = input;
  const date = (value: string) => formatDate(value, input.dates);
  const lines: string[] = [`# Key Review: ${markdownText(map.quarter.title)}`, ''];
  lines.push(headerLine(input, date), '', summaryLine(input, date), '');
  if (input.since && input.then && !snapshotKnowsWarnings(input.then)) {
    lines.push(
      `New warnings since ${date(input.since)} are not listed: no saved map from that date to compare with.`,
      '',
    );
  }
  const children = childrenByParent(map);
  const tops = topItems(map);
  if (tops.length === 0)
    lines.push('No objectives or key results in this scope for the quarter.', '');
  tops.forEach((top, index) => {
    lines.push(...objectiveSection(top, index + 1, descendantsOf(top, children), input, date));
  });
  if (quarterEnded(map.quarter, input.today)) lines.push(finalScoringMarkdown(map), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function headerLine(input: KeyReviewInput, date: (value: string) => string): string {
  const { map } = input;
  const { start, end } = map.quarter;
  const dates = start && end ? `, ${date(start)} to ${date(end)}` : '';
  const view = input.view ? ` (${markdownText(input.view)})` : '';
  return (
    `Scope: ${map.scope.map(markdownText).join(', ')}${view}. Quarter ${markdownText(map.quarter.title)}${dates}. ` +
    `Written on ${date(input.today)}.`
  );
}

function summaryLine(input: KeyReviewInput, date: (value: string) => string): string {
  const { summary } = input.map;
  const kr = summary.keyResults;
  const parts = [
    `${plural(summary.objectives.total, 'objective')} and ${plural(kr.total, 'key result')}`,
  ];
  if (kr.total > 0) {
    parts[0] +=
      ` (${kr.onTrack} on track, ${kr.needsAttention} needs attention, ${kr.atRisk} at risk, ` +
      `${kr.none} without health status)`;
  }
  parts.push(`${summary.stale} stale`);
  if (summary.averageScore !== null) {
    const expected =
      summary.expected === null ? '' : ` against ${percent(summary.expected)} expected`;
    parts.push(`average key result score ${percent(summary.averageScore)}${expected}`);
  }
  if (summary.updatedThisMonth !== null) {
    parts.push(
      `${percent(summary.updatedThisMonth)} of key results updated since ${date(summary.updatedSince)}`,
    );
  }
  return `**Summary**: ${parts.join('; ')}.`;
}

function snapshotKnowsWarnings(then: ReadonlyMap<string, ItemThen>): boolean {
  for (const was of then.values()) return was.warnings !== undefined;
  return true;
}

function objectiveSection(
  top: MapItem,
  number: number,
  below: MapItem[],
  input: KeyReviewInput,
  date: (value: string) => string,
): string[] {
  const lines = [
    `## ${number}. ${itemLink(top)}`,
    '',
    `Score **${scoreWord(top.score)}**, health **${healthWord(top.health)}**, ${driPhrase(top.dri)}.`,
    '',
  ];
  if (input.since && input.then) {
    lines.push(`**Since ${date(input.since)}**`, '');
    const then = input.then;
    const changes = [top, ...below].map((item) => changeOf(item, then)).filter(isNoteworthy);
    if (changes.length === 0) lines.push('- No recorded change.');
    for (const change of changes) lines.push(`- ${changeLine(change, change.item === top)}`);
    lines.push('');
  }
  const offTrack = [top, ...below].filter(
    (item) => item.health === 'atRisk' || item.health === 'needsAttention',
  );
  // At risk first, each group in tree order.
  offTrack.sort((a, b) => Number(b.health === 'atRisk') - Number(a.health === 'atRisk'));
  lines.push('**At risk and needs attention**', '');
  if (offTrack.length === 0) lines.push('- None.');
  for (const item of offTrack) lines.push(`- ${offTrackLine(item, input.comments, date)}`);
  lines.push('');
  const stale = [top, ...below].filter((item) => item.stale);
  lines.push('**Stale**', '');
  if (stale.length === 0) lines.push('- None.');
  for (const item of stale) {
    const since = item.staleSince ? `, nothing recorded since ${date(item.staleSince)}` : '';
    lines.push(`- ${itemLink(item)}${since}; ${driPhrase(item.dri)}.`);
  }
  lines.push('');
  return lines;
}

function changeLine(change: ItemChange, isTop: boolean): string {
  const name = isTop ? 'This objective' : itemLink(change.item);
  if (change.isNew)
    return `${name}: new, ${scoreWord(change.item.score)}, ${healthWord(change.item.health)}.`;
  const parts: string[] = [];
  if (change.scoreChanged) {
    // Nothing recorded before the date: GitLab had no value for it yet.
    const then = change.scoreThen === null ? 'not set' : scoreWord(change.scoreThen);
    parts.push(`score ${then} → ${scoreWord(change.item.score)}`);
  }
  if (change.healthChanged) {
    parts.push(`health ${healthWord(change.healthThen)} → ${healthWord(change.item.health)}`);
  }
  if (change.newWarnings && change.newWarnings.length > 0) {
    const rules = change.newWarnings.map((w) => `${w.rule} (${w.severity})`).join(', ');
    parts.push(`new ${change.newWarnings.length === 1 ? 'warning' : 'warnings'} ${rules}`);
  }
  return `${name}: ${parts.join('; ')}.`;
}

function offTrackLine(
  item: MapItem,
  comments: ReadonlyMap<string, LatestComment> | undefined,
  date: (value: string) => string,
): string {
  const head = `${item.health === 'atRisk' ? 'At risk' : 'Needs attention'}: ${itemLink(item)}, ${scoreWord(item.score)}, ${driPhrase(item.dri)}.`;
  const comment = comments?.get(item.url);
  if (!comment) return `${head} No comment yet.`;
  const by = comment.author ? `@${comment.author}` : 'someone';
  return `${head} Latest comment by ${by} on ${date(comment.at)}: "${markdownText(quoteOf(comment.body))}"`;
}
