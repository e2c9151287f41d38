// The quarter map's items as a tree: parents before children, linked by `parentUrl`.
import type { MapItem, QuarterMap } from './map-model';

/** The items whose parent is not in the map: the top objectives (or orphans of a view). */
export function topItems(map: QuarterMap): MapItem[] {
  const urls = new Set(map.items.map((item) => item.url));
  return map.items.filter((item) => item.parentUrl === null || !urls.has(item.parentUrl));
}

/** Each item's direct children, in the map's order. */
export function childrenByParent(map: QuarterMap): Map<string, MapItem[]> {
  const children = new Map<string, MapItem[]>();
  for (const item of map.items) {
    if (item.parentUrl === null) continue;
    const list = children.get(item.parentUrl) ?? [];
    list.push(item);
    children.set(item.parentUrl, list);
  }
  return children;
}

/** Every item under `root` (not root itself), depth first in tree order. */
export function descendantsOf(root: MapItem, children: Map<string, MapItem[]>): MapItem[] {
  const found: MapItem[] = [];
  const seen = new Set<string>([root.url]);
  const visit = (item: MapItem) => {
    for (const child of children.get(item.url) ?? []) {
      if (seen.has(child.url)) continue; // a cycle in bad data must not hang the report
      seen.add(child.url);
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Each item's depth below its top item (0 for a top item). */
export function depthsOf(map: QuarterMap): Map<string, number> {
  const byUrl = new Map(map.items.map((item) => [item.url, item]));
  const depths = new Map<string, number>();
  const depthOf = (item: MapItem, guard: number): number => {
    const known = depths.get(item.url);
    if (known !== undefined) return known;
    const parent = item.parentUrl === null ? undefined : byUrl.get(item.parentUrl);
    const depth = parent && guard < map.items.length ? depthOf(parent, guard + 1) + 1 : 0;
    depths.set(item.url, depth);
    return depth;
  };
  map.items.forEach((item) => depthOf(item, 0));
  return depths;
}
