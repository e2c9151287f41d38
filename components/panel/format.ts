// How the panel words numbers, kinds and states: one place, so every section says it the same way.
import type { ProblemKind } from '../../lib/messages';
import { formatDate, formatDateTime, percent, plain, quarterLine } from '../../lib/okr/format';
import type { OkrView } from '../../lib/view';

type Kind = OkrView['item']['type'];
type Health = NonNullable<OkrView['item']['health']>;
type Band = OkrView['item']['score']['band'];

/** A 0..1 score as a percentage with at most one decimal: 0.476 → "47.6%", 0.5 → "50%". */
export { percent };

/** Dates in the reader's locale, one style everywhere (see lib/okr/format.ts). */
export { formatDate, formatDateTime };

/** The quarter and where it came from (see lib/okr/format.ts). */
export { quarterLine };

/** GitLab's 0..100 progress, which is already a percentage. */
export function gitlabPercent(value: number): string {
  return `${plain(Math.round(value * 10) / 10)}%`;
}

/** A signed difference in percentage points with a real minus sign: "−13.4 points", "+2 points". */
export function signedPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  const size = Math.abs(rounded);
  const sign = rounded < 0 ? '−' : '+';
  return `${sign}${plain(size)} ${size === 1 ? 'point' : 'points'}`;
}

export const KIND_LABEL: Record<Kind, string> = {
  objective: 'Objective',
  keyResult: 'Key result',
  issue: 'Issue',
};

export const HEALTH_LABEL: Record<Health, string> = {
  onTrack: 'On track',
  needsAttention: 'Needs attention',
  atRisk: 'At risk',
};

/** The health statuses GitLab offers, best first. */
export const HEALTH_VALUES = Object.keys(HEALTH_LABEL) as Health[];

/**
 * Beside a stale health status: that it is stale, and since when nothing changed on the item,
 * e.g. "stale · no update since Oct 12, 2026".
 */
export function staleNote(lastChange: string | null): string {
  return lastChange ? `stale · no update since ${formatDate(lastChange)}` : 'stale';
}

/** A health status in words, or that there is none. */
export function healthLabel(health: Health | null): string {
  return health ? HEALTH_LABEL[health] : 'No health status';
}

/** Band names say the range too, so the colour is never the only signal. */
export const BAND_LABEL: Record<Band, string> = {
  green: 'Green · 70% or more',
  amber: 'Amber · 40–69%',
  red: 'Red · below 40%',
  none: 'Not scored',
};

const METHOD_LABEL: Record<string, string> = {
  rate: 'Monthly rate against the target',
  milestones: 'Highest milestone reached',
  issues: 'Linked issues (scoring block)',
  manual: 'GitLab progress, set by hand',
  values: 'Start → target values',
  customFields: 'Start → target in custom fields',
  progress: 'GitLab progress',
  linkedIssues: 'Linked issues',
  childIssues: 'Child issues',
  rollup: 'Weighted mean of the children',
  none: 'No data',
};

export function methodLabel(method: string): string {
  return METHOD_LABEL[method] ?? method;
}

/** Links only to web pages: anything else from GitLab data renders as plain text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The headline for each kind of problem; the background's message says the details. */
export const PROBLEM_TITLE: Record<ProblemKind, string> = {
  noInstance: 'Set up OKR Lens for this GitLab',
  noToken: 'Set up OKR Lens',
  unauthorized: 'GitLab refused the token',
  tokenExpired: 'Your token has expired',
  insufficientScope: 'The token is missing a scope',
  forbidden: 'You can’t see this item’s OKR data',
  notFound: 'GitLab couldn’t find this item',
  okrsUnavailable: 'OKRs aren’t available here',
  notAnOkr: 'Not an objective or key result',
  carrierProposal: 'OKR Lens found OKRs kept another way',
  rateLimited: 'GitLab asked OKR Lens to slow down',
  timeout: 'GitLab took too long to answer',
  offline: 'You’re offline',
  server: 'GitLab had a problem',
  malformed: 'GitLab sent an answer OKR Lens can’t read',
  graphql: 'GitLab couldn’t run the query',
  limit: 'Too much to load at once',
  queryRefused: 'GitLab refused OKR Lens’s request',
  invalidRequest: 'OKR Lens made a request it shouldn’t have',
  unknown: 'Something went wrong',
};

/** Said when the background sends no message of its own. */
export const PROBLEM_FALLBACK: Record<ProblemKind, string> = {
  noInstance: 'Add this GitLab instance in the OKR Lens options to see scores and checks here.',
  noToken: 'Add a personal access token for this GitLab in the OKR Lens options.',
  unauthorized: 'The stored token no longer works. Create a new one and save it in the options.',
  tokenExpired: 'Create a new personal access token and save it in the OKR Lens options.',
  insufficientScope: 'The token needs the read_api scope to read OKRs (api to create key results).',
  forbidden: 'Your GitLab account doesn’t have access to this item or its parents.',
  notFound: 'It may have been moved or deleted, or your token can’t see it.',
  okrsUnavailable: 'Objectives and key results need GitLab Ultimate with OKRs switched on.',
  notAnOkr: 'OKR Lens shows objectives, key results and issues linked to key results.',
  carrierProposal: 'This group keeps its OKRs in epics, labels or types of its own.',
  rateLimited: 'OKR Lens will try again on its own.',
  timeout: 'OKR Lens will try again when you reload the page.',
  offline: 'OKR Lens will refresh when you’re back online.',
  server: 'GitLab answered with an error. Try again in a moment.',
  malformed: 'This GitLab version may not be supported yet.',
  graphql: 'This GitLab version may not support a field OKR Lens needs.',
  limit: 'This objective has more descendants than OKR Lens loads in one go.',
  queryRefused: 'This is a fault in OKR Lens, not in your GitLab: please report it.',
  invalidRequest: 'Reload the page to try again.',
  unknown: 'Reload the page to try again.',
};

/** Problems the options page fixes: their action leads there when the background gives none. */
export const SETUP_PROBLEMS: ReadonlySet<ProblemKind> = new Set<ProblemKind>([
  'noInstance',
  'noToken',
  'unauthorized',
  'tokenExpired',
  'insufficientScope',
]);

export const SETUP_ACTION_LABEL: Partial<Record<ProblemKind, string>> = {
  noInstance: 'Set up OKR Lens',
  noToken: 'Set up OKR Lens',
  unauthorized: 'Update the token',
  tokenExpired: 'Replace the token',
  insufficientScope: 'Update the token',
};
