// A quarter map narrowed to a view (the handbook's manager or functional-leader dashboards):
// the items kept, with the objectives above them as context so the report still reads as a
// tree, and the sums recounted over the kept items.
import type { HealthStatus } from '../model';
import type { MapItem, MapSummary, QuarterMap } from './map-model';

/** Items whose DRI is one of `people` (usernames, any case, with or without @). */
export function itemsOfPeople(map: QuarterMap, people: readonly string[]): Set<string> {
  const wanted = new Set(people.map((person) => person.replace(/^@/, '').toLowerCase()));
  return new Set(
    map.items
      .filter((item) => item.dri !== null && wanted.has(item.dri.toLowerCase()))
      .map((item) => item.url),
  );
}

function counts(items: MapItem[]): MapSummary['objectives'] {
  const tally = { total: items.length, onTrack: 0, needsAttention: 0, atRisk: 0, none: 0 };
  for (const item of items) tally[(item.health ?? 'none') as HealthStatus | 'none'] += 1;
  return tally;
}

/**
 * The map with only `kept` items and their ancestors. The sums count the kept items; the share
 * updated this month needs each item's last change, which the map does not carry, so a narrowed
 * map leaves it out (null) rather than show the whole scope's share as the view's.
 */
export function mapForView(map: QuarterMap, kept: ReadonlySet<string>): QuarterMap {
  if (kept.size === map.items.length) return map;
  const byUrl = new Map(map.items.map((item) => [item.url, item]));
  const shown = new Set<string>();
  for (const url of kept) {
    let current = byUrl.get(url);
    while (current && !shown.has(current.url)) {
      shown.add(current.url);
      current = current.parentUrl ? byUrl.get(current.parentUrl) : undefined;
    }
  }
  const matched = map.items.filter((item) => kept.has(item.url));
  const keyResults = matched.filter((item) => item.type === 'keyResult');
  const scores = keyResults.flatMap((item) => (item.score === null ? [] : [item.score]));
  return {
    ...map,
    items: map.items.filter((item) => shown.has(item.url)),
    summary: {
      objectives: counts(matched.filter((item) => item.type === 'objective')),
      keyResults: counts(keyResults),
      stale: matched.filter((item) => item.stale).length,
      updatedThisMonth: null,
      updatedSince: map.summary.updatedSince,
      averageScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      expected: map.summary.expected,
    },
  };
}

/** How the report's header names a view ("the items of @riley, @evan"); null for everything. */
export function viewWords(
  view: 'everything' | 'mine' | 'team',
  people: readonly string[],
): string | null {
  if (view === 'mine') return 'my items';
  if (view === 'team')
    return `the items of ${people.map((p) => `@${p.replace(/^@/, '')}`).join(', ')}`;
  return null;
}
