// An objective's history rolled up from its children's (spec §1.3): at every recorded update of
// any child, the weighted mean of the children's progress then, and the worst of their health.
import { instantOf } from '../calendar';
import type { HealthStatus } from '../model';
import type { HistoryChange, HistoryPoint } from './history';
import type { MapItem, QuarterMap } from './map-model';
import { childrenByParent, descendantsOf } from './tree';

export interface ChildHistory {
  points: readonly HistoryPoint[];
  /** Contribution to the parent (spec §1.1 `weight`), default 1; 0 leaves it out. */
  weight?: number;
}

const SEVERITY: Record<HealthStatus, number> = { onTrack: 0, needsAttention: 1, atRisk: 2 };

/** The worst health among some (at risk before needs attention before on track). */
export function worstHealth(healths: (HealthStatus | null)[]): HealthStatus | null {
  let worst: HealthStatus | null = null;
  for (const health of healths) {
    if (health !== null && (worst === null || SEVERITY[health] > SEVERITY[worst])) worst = health;
  }
  return worst;
}

/**
 * One point per instant at which a child recorded an update. A child with nothing recorded yet
 * counts 0, as GitLab's own roll-up counts a child without progress; with no counted child (all
 * of weight 0) the progress is null.
 */
export function rolledUpHistory(children: readonly ChildHistory[]): HistoryPoint[] {
  const counted = children.filter((child) => (child.weight ?? 1) > 0);
  const events = children
    .flatMap((child, index) => child.points.map((point) => ({ index, point })))
    .map((event) => ({ ...event, ms: instantOf(event.point.at) }))
    .filter((event): event is typeof event & { ms: number } => event.ms !== null)
    .sort((a, b) => a.ms - b.ms);

  const latest = new Map<number, HistoryPoint>();
  const points: HistoryPoint[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    latest.set(event.index, event.point);
    const changes = new Set<HistoryChange>(event.point.changes);
    // Updates of several children at the same instant make one point.
    while (i + 1 < events.length && events[i + 1]!.ms === event.ms) {
      const next = events[++i]!;
      latest.set(next.index, next.point);
      next.point.changes.forEach((change) => changes.add(change));
    }
    points.push({
      at: event.point.at,
      progress: weightedProgress(counted, children, latest),
      value: null,
      health: worstHealth(children.map((_, index) => latest.get(index)?.health ?? null)),
      changes: [...changes],
    });
  }
  return points;
}

function weightedProgress(
  counted: readonly ChildHistory[],
  children: readonly ChildHistory[],
  latest: Map<number, HistoryPoint>,
): number | null {
  if (counted.length === 0) return null;
  let sum = 0;
  let weights = 0;
  children.forEach((child, index) => {
    const weight = child.weight ?? 1;
    if (weight <= 0) return;
    sum += weight * (latest.get(index)?.progress ?? 0);
    weights += weight;
  });
  return sum / weights;
}

/** The key results at or below an item of the map: whose notes its history is made of. */
export function keyResultsUnder(map: QuarterMap, url: string): MapItem[] {
  const item = map.items.find((candidate) => candidate.url === url);
  if (!item) return [];
  if (item.type === 'keyResult') return [item];
  return descendantsOf(item, childrenByParent(map)).filter((child) => child.type === 'keyResult');
}

/**
 * An item's history in the map: a key result's own; an objective's rolled up from its direct
 * children's, each of those the same way (equal weights: the map does not carry weights).
 */
export function historyInMap(
  map: QuarterMap,
  url: string,
  keyResultHistories: ReadonlyMap<string, readonly HistoryPoint[]>,
): HistoryPoint[] {
  const children = childrenByParent(map);
  const seen = new Set<string>();
  const historyOf = (itemUrl: string): HistoryPoint[] => {
    if (seen.has(itemUrl)) return []; // a cycle in bad data must not hang the page
    seen.add(itemUrl);
    const kids = children.get(itemUrl) ?? [];
    if (kids.length === 0) return [...(keyResultHistories.get(itemUrl) ?? [])];
    return rolledUpHistory(kids.map((kid) => ({ points: historyOf(kid.url) })));
  };
  return historyOf(url);
}
