// How the quarter map words its numbers and states: the panel's words (components/panel/format.ts)
// plus the few the map alone needs, so the map and the panel say the same thing the same way.
import { formatDate, plural } from '../../lib/okr/format';
import type { MapItem } from '../../lib/okr/quarter/map-model';
import type { ProblemKind } from '../../lib/messages';
import { PROBLEM_TITLE } from '../panel/format';

export {
  gitlabPercent,
  HEALTH_LABEL,
  healthLabel,
  KIND_LABEL,
  methodLabel,
  percent,
  safeHref,
  signedPoints,
  staleNote,
} from '../panel/format';

/**
 * The map names a group or project, not an item: the panel's headlines for the kinds that speak
 * of "this item" are said of the map's scope instead.
 */
const MAP_PROBLEM_TITLE: Partial<Record<ProblemKind, string>> = {
  notFound: 'GitLab couldn’t find this group or project',
  forbidden: 'You can’t see this group’s or project’s OKRs',
  okrsUnavailable: 'No OKRs to map here',
  notAnOkr: 'No OKRs to map here',
};

export function mapProblemTitle(kind: ProblemKind): string {
  return MAP_PROBLEM_TITLE[kind] ?? PROBLEM_TITLE[kind];
}

export const VIEW_LABEL = {
  all: 'Everything',
  team: 'My team',
  mine: 'Mine',
} as const;

export const SEVERITY_LABEL: Record<MapItem['warnings'][number]['severity'], [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['suggestion', 'suggestions'],
};

/** "Updated just now", "Updated 1 minute ago", "Updated 3 hours ago", then the date. */
export function updatedAgo(storedAt: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(storedAt)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'Updated just now';
  if (minutes < 60) return `Updated ${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `Updated ${plural(hours, 'hour')} ago`;
  return `Updated on ${formatDate(storedAt)}`;
}

/** Warnings counted by severity, worst first: [['error', 1], ['warning', 2]]. */
export function warningCounts(item: MapItem): [keyof typeof SEVERITY_LABEL, number][] {
  const order = ['error', 'warning', 'info'] as const;
  return order
    .map((severity) => [severity, item.warnings.filter((w) => w.severity === severity).length])
    .filter(([, count]) => (count as number) > 0) as [keyof typeof SEVERITY_LABEL, number][];
}

export function countWords(count: number, [one, many]: [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}
