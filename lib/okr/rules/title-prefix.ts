// Titles carry neither the quarter (the milestone says it) nor the type or score (GitLab shows
// them), as the handbook asks.
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

/** Without a milestone nothing says the quarter yet: the title's quarter moves there. */
const PERIOD_WITHOUT_MILESTONE =
  'set the quarter as the milestone instead and drop it from the title';

function adviceFor(kind: keyof typeof ADVICE, hasMilestone: boolean): string {
  return kind === 'period' && !hasMilestone ? PERIOD_WITHOUT_MILESTONE : ADVICE[kind];
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
    if (!found) return [];
    const advice = adviceFor(found.kind, node.milestone !== null);
    return [{ message: `The title starts with "${found.prefix}": ${advice}.` }];
  },
});
