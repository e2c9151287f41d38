// The monthly progress post (seed 002: "CEO OKR progress will be shared in the first week of
// the month" in Slack channels), in the short form of the handbook's OKR lists (seed 001
// "Active OKRs": a numbered objective with its linked title, then "1. **KR**: [title](link)"),
// each line ending in the score and health.
import { formatDate, percent, plural, type DateFormatOptions } from '../format';
import type { IsoDate } from '../model';
import type { MapItem, QuarterMap } from './map-model';
import { healthWord, itemLink, markdownText, scoreWord } from './report-words';
import { childrenByParent, descendantsOf, topItems } from './tree';

export interface MonthlyPostInput {
  map: QuarterMap;
  today: IsoDate;
  dates?: DateFormatOptions;
}

const status = (item: MapItem) => `${scoreWord(item.score)}, ${healthWord(item.health)}`;

export function monthlyPostMarkdown({ map, today, dates }: MonthlyPostInput): string {
  const { summary } = map;
  const kr = summary.keyResults;
  const average =
    summary.averageScore === null
      ? ''
      : `, average ${percent(summary.averageScore)}${summary.expected === null ? '' : ` against ${percent(summary.expected)} expected`}`;
  const lines = [
    `**${markdownText(map.quarter.title)} OKR progress, ${formatDate(today, dates)}**: ` +
      `${plural(kr.total, 'key result')}${average}; ${kr.atRisk} at risk, ` +
      `${kr.needsAttention} needs attention, ${summary.stale} stale.`,
    '',
  ];
  const children = childrenByParent(map);
  topItems(map).forEach((top, index) => {
    if (top.type === 'keyResult') {
      lines.push(`${index + 1}. **KR**: ${itemLink(top)}: ${status(top)}`);
      return;
    }
    lines.push(`${index + 1}. ${itemLink(top)}: ${status(top)}`);
    const keyResults = descendantsOf(top, children).filter((item) => item.type === 'keyResult');
    for (const item of keyResults) lines.push(`   1. **KR**: ${itemLink(item)}: ${status(item)}`);
  });
  return `${lines.join('\n')}\n`;
}
