// The final scoring after the quarter's end (seed 002: "The first Key Review of the following
// quarter should offer a clear scoring for each KR"): every key result's final score under its
// top objective, and the ones still unscored, which someone must score before the review.
import { percent } from '../format';
import { bandOf } from '../grade';
import type { MapItem, QuarterMap } from './map-model';
import { driPhrase, driWord, itemLink, markdownText } from './report-words';
import { childrenByParent, descendantsOf, topItems } from './tree';

export interface FinalScoringRow {
  /** "1" for a top objective, "1.2" for its second key result. */
  number: string;
  item: MapItem;
}

export interface FinalScoring {
  rows: FinalScoringRow[];
  /** Key results with no score: nothing recorded to score them by. */
  unscored: FinalScoringRow[];
}

/** Top objectives and, under each, every key result below it (any depth), numbered. */
export function finalScoringOf(map: QuarterMap): FinalScoring {
  const children = childrenByParent(map);
  const rows: FinalScoringRow[] = [];
  topItems(map).forEach((top, index) => {
    const number = String(index + 1);
    rows.push({ number, item: top });
    const keyResults = descendantsOf(top, children).filter((item) => item.type === 'keyResult');
    keyResults.forEach((item, kr) => rows.push({ number: `${number}.${kr + 1}`, item }));
  });
  const unscored = rows.filter((row) => row.item.type === 'keyResult' && row.item.score === null);
  return { rows, unscored };
}

const BAND_WORDS = { red: 'red', amber: 'amber', green: 'green', none: '' } as const;

export function finalScoringMarkdown(map: QuarterMap): string {
  const { rows, unscored } = finalScoringOf(map);
  const lines = [
    `## Final scoring: ${markdownText(map.quarter.title)}`,
    '',
    '| # | Objective or key result | DRI | Final score | Band |',
    '|---|---|---|---|---|',
  ];
  for (const { number, item } of rows) {
    const top = item.type === 'objective';
    const score = item.score === null ? 'not scored' : percent(item.score);
    const cells = [
      number,
      top ? `**${itemLink(item)}**` : itemLink(item),
      driWord(item.dri),
      top ? `**${score}**` : score,
      BAND_WORDS[bandOf(item.score)],
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  if (unscored.length === 0) {
    lines.push('Every key result has a final score.');
  } else {
    lines.push(`Still unscored (${unscored.length}):`, '');
    for (const { number, item } of unscored) {
      lines.push(`- ${number} ${itemLink(item)}, ${driPhrase(item.dri)}`);
    }
  }
  return lines.join('\n');
}
