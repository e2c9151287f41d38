// Which rows the quarter map lists for a view, its filters and its expanded rows: pure, so the
// page renders only what is in view and the rules are tested without a browser.
import type { MapItem } from '../../lib/okr/quarter/map-model';
import type { MapPageState } from '../../lib/map-state';

export interface MapRow {
  item: MapItem;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Listed only because a matching item sits below it (a filter or a view is on). */
  context: boolean;
}

export interface MapIndex {
  byUrl: Map<string, MapItem>;
  children: Map<string | null, MapItem[]>;
  depth: Map<string, number>;
}

export function indexOf(items: MapItem[]): MapIndex {
  const byUrl = new Map(items.map((item) => [item.url, item]));
  const children = new Map<string | null, MapItem[]>();
  for (const item of items) {
    // A parent the map does not hold (outside the scope) makes its child a top row.
    const parent = item.parentUrl && byUrl.has(item.parentUrl) ? item.parentUrl : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(item);
    else children.set(parent, [item]);
  }
  const depth = new Map<string, number>();
  const visit = (item: MapItem, level: number) => {
    if (depth.has(item.url)) return;
    depth.set(item.url, level);
    for (const child of children.get(item.url) ?? []) visit(child, level + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  return { byUrl, children, depth };
}

/** The item and everything below it. */
function subtreeOf(index: MapIndex, item: MapItem, into: Set<string>): void {
  if (into.has(item.url)) return;
  into.add(item.url);
  for (const child of index.children.get(item.url) ?? []) subtreeOf(index, child, into);
}

/** Whether a reference or URL names the item. */
export function names(item: MapItem, key: string): boolean {
  return item.reference === key || item.url === key;
}

/** True when the view or a filter narrows the list (the tree then opens along the matches). */
export function isNarrowed(state: MapPageState): boolean {
  return (
    state.view !== 'all' ||
    state.dri.length > 0 ||
    state.health.length > 0 ||
    state.staleOnly ||
    state.warningsOnly ||
    state.type !== 'all' ||
    state.search.trim() !== ''
  );
}

/** The items the view and the filters keep. `me` is the token user's username. */
export function matchingItems(
  items: MapItem[],
  index: MapIndex,
  state: MapPageState,
  me: string | null,
): Set<string> {
  let inView: (item: MapItem) => boolean = () => true;
  if (state.view === 'mine') inView = (item) => me !== null && item.dri === me;
  if (state.view === 'team') {
    const people = new Set(state.people.map((person) => person.replace(/^@/, '').toLowerCase()));
    const under = new Set<string>();
    for (const item of items)
      if (state.under.some((key) => names(item, key))) subtreeOf(index, item, under);
    inView = (item) =>
      (item.dri !== null && people.has(item.dri.toLowerCase())) || under.has(item.url);
  }
  const search = state.search.trim().toLowerCase();
  const matches = new Set<string>();
  for (const item of items) {
    if (!inView(item)) continue;
    if (state.dri.length > 0 && !state.dri.includes(item.dri ?? '')) continue;
    if (state.health.length > 0 && !state.health.includes(item.health ?? 'none')) continue;
    if (state.staleOnly && !item.stale) continue;
    if (state.warningsOnly && item.warnings.length === 0) continue;
    if (state.type !== 'all' && item.type !== state.type) continue;
    if (search && !`${item.title} ${item.reference}`.toLowerCase().includes(search)) continue;
    matches.add(item.url);
  }
  return matches;
}

/**
 * The rows to list, in tree order. Unnarrowed: the top objectives, and the children of expanded
 * rows. Narrowed: every match with the objectives above it (as context), open along the way.
 */
export function visibleRows(
  items: MapItem[],
  index: MapIndex,
  state: MapPageState,
  me: string | null,
): MapRow[] {
  const rows: MapRow[] = [];
  // A set of the open keys: "Expand all" opens hundreds, and every item is looked up in them.
  const openKeys = new Set(state.open);
  const open = new Set(
    items
      .filter((item) => openKeys.has(item.reference) || openKeys.has(item.url))
      .map((item) => item.url),
  );
  if (!isNarrowed(state)) {
    const walk = (item: MapItem) => {
      const children = index.children.get(item.url) ?? [];
      const expanded = open.has(item.url);
      rows.push({
        item,
        depth: index.depth.get(item.url) ?? 0,
        hasChildren: children.length > 0,
        expanded,
        context: false,
      });
      if (expanded) children.forEach(walk);
    };
    (index.children.get(null) ?? []).forEach(walk);
    return rows;
  }
  const matches = matchingItems(items, index, state, me);
  const shown = new Set<string>();
  for (const url of matches) {
    let current = index.byUrl.get(url);
    while (current && !shown.has(current.url)) {
      shown.add(current.url);
      current = current.parentUrl ? index.byUrl.get(current.parentUrl) : undefined;
    }
  }
  for (const item of items) {
    if (!shown.has(item.url)) continue;
    const children = index.children.get(item.url) ?? [];
    rows.push({
      item,
      depth: index.depth.get(item.url) ?? 0,
      hasChildren: children.length > 0,
      expanded: children.some((child) => shown.has(child.url)),
      context: !matches.has(item.url),
    });
  }
  return rows;
}

/** The references of every row above the item: opening them brings it into view. */
export function ancestorsOf(index: MapIndex, item: MapItem): MapItem[] {
  const chain: MapItem[] = [];
  let parent = item.parentUrl ? index.byUrl.get(item.parentUrl) : undefined;
  while (parent && !chain.includes(parent)) {
    chain.unshift(parent);
    parent = parent.parentUrl ? index.byUrl.get(parent.parentUrl) : undefined;
  }
  return chain;
}
