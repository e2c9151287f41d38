// Titles carry neither the quarter (the milestone or the quarter label says it) nor the type or
// score (GitLab shows them), as the handbook asks.
import type { OkrNode, Quarter } from '../model';
import { defineRule, isOkr } from './rule';

const PERIOD =
  /^\s*[[(]?\s*((?:FY\s?\d{2,4}[\s_/-]*Q[1-4]|CY\s?\d{2,4}[\s_/-]*Q[1-4]|\d{4}[\s_/-]*Q[1-4]|Q[1-4](?:[\s_/-]*FY\s?\d{2,4})?))\b\s*[\])]?/i;
const TYPE = /^\s*((?:[\w-]+\s+)?(?:OKR|KR|Objective|Key\s+Result)\s*[\d.]*\s*:)/i;
const SCORE = /^\s*([[(]\s*\d+(?:\.\d+)?\s*%?\s*[\])]|score\s*:)/i;

/** The offending prefix of a title, and what kind it is. */
export function titlePrefixOf(
  title: string,
): { prefix: string; kind: 'period' | 'type' | 'score' } | null {
  const period = PERIOD.exec(title);
  if (period) return { prefix: period[0].trim(), kind: 'period' };
  const type = TYPE.exec(title);
  if (type) return { prefix: (type[1] ?? '').trim(), kind: 'type' };
  const score = SCORE.exec(title);
  if (score) return { prefix: (score[1] ?? '').trim(), kind: 'score' };
  return null;
}

const ADVICE = {
  period: 'drop it, the milestone already says which quarter',
  type: 'drop it, GitLab already shows whether this is an objective or a key result',
  score: 'drop it, the score lives in the progress field',
} as const;

/** What already says the quarter, by where the quarter came from. */
const QUARTER_HOLDER: Record<NonNullable<Quarter['source']>, string> = {
  milestone: 'the milestone',
  label: 'the quarter label',
  dates: "the epic's dates",
};

/** Without a quarter nothing says it yet: the title's quarter moves there. */
const PERIOD_WITHOUT_MILESTONE =
  'set the quarter as the milestone instead and drop it from the title';

function adviceFor(kind: keyof typeof ADVICE, quarter: Quarter | null): string {
  if (kind !== 'period') return ADVICE[kind];
  if (!quarter) return PERIOD_WITHOUT_MILESTONE;
  return `drop it, ${QUARTER_HOLDER[quarter.source ?? 'milestone']} already says which quarter`;
}

/**
 * A quarter label's quarter written again anywhere in the title ("Ship X in FY24-Q2" with the
 * label `okrq:FY24-Q2`): the label says it already.
 */
function repeatsQuarterLabel(node: OkrNode): string | null {
  const quarter = node.milestone;
  if (quarter?.source !== 'label' || !quarter.title) return null;
  const escaped = quarter.title
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[-_\s]+/g, '[\\s_-]*');
  const found = new RegExp(`(?:^|[^\\w])(${escaped})(?![\\w])`, 'i').exec(node.title);
  return found?.[1] ?? null;
}

export const titlePrefix = defineRule({
  id: 'title-prefix',
  severity: 'warning',
  source:
    'Seed 001 "Entering OKRs": "Avoid adding a "FYXX-QX" prefix as it\'s indicated by the ' +
    'milestone"; seed 000 "Guidelines": "We drop the OKR: and KR: Prefixes".',
  needs: [],
  settings: {},
  check(node) {
    if (!isOkr(node)) return [];
    const found = titlePrefixOf(node.title);
    if (found) {
      const advice = adviceFor(found.kind, node.milestone);
      return [{ message: `The title starts with "${found.prefix}": ${advice}.` }];
    }
    const repeated = repeatsQuarterLabel(node);
    if (!repeated) return [];
    return [
      {
        message: `The title repeats the quarter "${repeated}": drop it, the quarter label already says which quarter.`,
      },
    ];
  },
});
