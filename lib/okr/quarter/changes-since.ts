// What changed since a date, per item: its score and health then (from its recorded history, or
// from an earlier map kept as a snapshot) and the warnings it did not have then.
import type { HealthStatus, IsoDateTime } from '../model';
import type { HistoryPoint } from './history';
import { stateAt } from './history';
import type { MapItem, MapSeverity, QuarterMap } from './map-model';
import { childrenByParent } from './tree';

/** An item as it stood at the date. `warnings` is known only from a snapshot of that time. */
export interface ItemThen {
  score: number | null;
  health: HealthStatus | null;
  /** Rule ids it carried then; undefined when no snapshot says. */
  warnings?: string[];
}

export interface ItemChange {
  item: MapItem;
  scoreThen: number | null;
  healthThen: HealthStatus | null;
  scoreChanged: boolean;
  healthChanged: boolean;
  /** Warnings it has now and did not have then; null when nothing says what it had then. */
  newWarnings: { rule: string; severity: MapSeverity }[] | null;
  /** Not in the earlier snapshot: created (or moved into the scope) since. */
  isNew: boolean;
}

/** The items of an earlier map, as they stood then (score, health and warnings all known). */
export function thenFromSnapshot(earlier: QuarterMap): Map<string, ItemThen> {
  return new Map(
    earlier.items.map((item) => [
      item.url,
      { score: item.score, health: item.health, warnings: item.warnings.map((w) => w.rule) },
    ]),
  );
}

function recordedAfter(
  points: readonly HistoryPoint[],
  since: number,
  recorded: (point: HistoryPoint) => boolean,
): boolean {
  return points.some((point) => Date.parse(point.at) > since && recorded(point));
}

const changesHealth = (point: HistoryPoint) =>
  point.changes.includes('health') || point.changes.includes('checkIn');
const changesProgress = (point: HistoryPoint) =>
  point.progress !== null &&
  (point.changes.includes('progress') ||
    point.changes.includes('value') ||
    point.changes.includes('checkIn'));

/**
 * Each item's state at `since` from its recorded history. Where nothing was recorded after the
 * date the item stands as it does now, so an item without history never shows a change. A key
 * result's score then is its recorded progress then; an objective's moves by the mean of its
 * scored children's moves (the children's weights are not in the map), so it changes only
 * where a child's did.
 */
export function thenFromHistories(
  map: QuarterMap,
  histories: ReadonlyMap<string, readonly HistoryPoint[]>,
  since: IsoDateTime,
): Map<string, ItemThen> {
  const sinceMs = Date.parse(since);
  const children = childrenByParent(map);
  const then = new Map<string, ItemThen>();
  // Children come after their parents in tree order: walk backwards so they are known first.
  for (const item of [...map.items].reverse()) {
    const points = histories.get(item.url) ?? [];
    const before = stateAt(points, since);
    const health = recordedAfter(points, sinceMs, changesHealth)
      ? (before?.health ?? null)
      : item.health;
    then.set(item.url, { score: scoreThen(item, points, before, sinceMs, children, then), health });
  }
  return then;
}

function scoreThen(
  item: MapItem,
  points: readonly HistoryPoint[],
  before: HistoryPoint | null,
  sinceMs: number,
  children: Map<string, MapItem[]>,
  then: Map<string, ItemThen>,
): number | null {
  const kids = children.get(item.url) ?? [];
  if (kids.length === 0) {
    return recordedAfter(points, sinceMs, changesProgress)
      ? (before?.progress ?? null)
      : item.score;
  }
  if (item.score === null) return null;
  const scored = kids.filter((kid) => kid.score !== null);
  if (scored.length === 0) return item.score;
  const moved = scored.reduce(
    (sum, kid) => sum + ((then.get(kid.url)?.score ?? 0) - kid.score!),
    0,
  );
  return Math.min(1, Math.max(0, item.score + moved / scored.length));
}

/** Scores closer than half a tenth of a point are the same to a reader. */
const SAME_SCORE = 0.0005;

/** The change of one item against how it stood then (an item missing from `then` is new). */
export function changeOf(item: MapItem, then: ReadonlyMap<string, ItemThen>): ItemChange {
  const was = then.get(item.url);
  if (!was) {
    return {
      item,
      scoreThen: null,
      healthThen: null,
      scoreChanged: false,
      healthChanged: false,
      newWarnings: null,
      isNew: true,
    };
  }
  const scoreChanged =
    (was.score === null) !== (item.score === null) ||
    (was.score !== null && item.score !== null && Math.abs(was.score - item.score) >= SAME_SCORE);
  const known = was.warnings;
  return {
    item,
    scoreThen: was.score,
    healthThen: was.health,
    scoreChanged,
    healthChanged: was.health !== item.health,
    newWarnings: known ? item.warnings.filter((w) => !known.includes(w.rule)) : null,
    isNew: false,
  };
}

/** Whether a change is worth a line in the report. */
export function isNoteworthy(change: ItemChange): boolean {
  return (
    change.isNew ||
    change.scoreChanged ||
    change.healthChanged ||
    (change.newWarnings !== null && change.newWarnings.length > 0)
  );
}
