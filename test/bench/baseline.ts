// The naive baseline the extension is measured against: what a straightforward client would do.
// One GraphQL request for the viewed item, then one per ancestor (walking up by parent) and one
// per descendant (walking down by children), no batching and no cache. It goes through the same
// GitLab client and builds the same view, so only the loading strategy differs.
import type { CarrierSettings } from '../../lib/gitlab/carriers/conventions';
import type { GitLabClient } from '../../lib/gitlab/client';
import { chainLinkOf, kindOf, nodeOf, parseReference, type MapContext } from '../../lib/gitlab/map';
import type { LoadedTree } from '../../lib/gitlab/okr-repository';
import { z } from 'zod';
import { WorkItemSchema, widgetOf, type WorkItemResponse } from '../../lib/gitlab/schemas';
import type { ChainLink, OkrNode } from '../../lib/okr/model';
import { buildOkrView, localToday } from '../../lib/services/view-builder';
import type { OkrView } from '../../lib/view';
import { BaselineItemQuery, BaselineNodeQuery } from './baseline-documents';

export interface ItemRef {
  fullPath: string;
  iid: string;
}

/** GitLab's own limit on objective levels; the extension stops there too. */
const MAX_LEVELS = 9;

/** The work item is parsed twice: by the adapter's schema, and for the parent it drops. */
const BaselineResponseSchema = z.object({
  namespace: z.object({ workItem: z.unknown() }).nullable(),
});

const ParentSchema = z.object({
  widgets: z
    .array(
      z.looseObject({
        __typename: z.string(),
        parent: z
          .object({ id: z.string(), iid: z.string(), reference: z.string().optional() })
          .nullable()
          .optional(),
      }),
    )
    .nullable()
    .optional(),
});

export interface FetchedItem {
  raw: WorkItemResponse;
  parent: ItemRef | null;
}

export async function fetchItem(
  client: GitLabClient,
  document: string,
  ref: ItemRef,
): Promise<FetchedItem> {
  let childrenAfter: string | null = null;
  let first: FetchedItem | null = null;
  const children: WorkItemResponse[] = [];
  // Children come 100 at a time; a longer list takes more requests of the same item.
  do {
    const data = await client.graphql(
      document,
      { fullPath: ref.fullPath, iid: ref.iid, childrenAfter },
      BaselineResponseSchema,
    );
    const unparsed = data.namespace?.workItem;
    if (!unparsed) throw new Error(`Baseline: ${ref.fullPath}#${ref.iid} not found`);
    const item = WorkItemSchema.parse(unparsed);
    first ??= { raw: item, parent: parentRefOf(unparsed, ref.fullPath) };
    const page = widgetOf(item, 'WorkItemWidgetHierarchy')?.children;
    children.push(...(page?.nodes ?? []));
    childrenAfter = page?.pageInfo?.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (childrenAfter);
  const hierarchy = widgetOf(first.raw, 'WorkItemWidgetHierarchy');
  if (hierarchy?.children) hierarchy.children = { nodes: children };
  return first;
}

function refOf(raw: WorkItemResponse, fallbackPath: string): ItemRef | null {
  const reference = parseReference(raw.reference);
  const iid = raw.iid ?? reference?.iid;
  return iid ? { fullPath: reference?.fullPath ?? fallbackPath, iid } : null;
}

function parentRefOf(unparsed: unknown, fallbackPath: string): ItemRef | null {
  const widgets = ParentSchema.parse(unparsed).widgets ?? [];
  const parent = widgets.find((widget) => widget.parent)?.parent;
  return parent ? refOf(parent, fallbackPath) : null;
}

/**
 * The children that may be objectives or key results. Their references carry no labels, so on
 * the epics carrier (where an epic is an objective by its label) every child but a task is
 * fetched and classified once read, as a naive client would.
 */
function childRefsOf(raw: WorkItemResponse, fallbackPath: string, context: MapContext): ItemRef[] {
  const nodes = widgetOf(raw, 'WorkItemWidgetHierarchy')?.children?.nodes ?? [];
  return nodes
    .filter((child) => {
      if (context.carrier?.carrier === 'epics') return child.workItemType?.name !== 'Task';
      const kind = kindOf(child.workItemType?.name);
      return kind === 'objective' || kind === 'keyResult';
    })
    .flatMap((child) => refOf(child, fallbackPath) ?? []);
}

/** Ancestors one request each, walking up from the item: root first in the result. */
async function loadChain(
  client: GitLabClient,
  item: FetchedItem,
  context: MapContext,
): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  for (let next = item.parent; next;) {
    const parent = await fetchItem(client, BaselineNodeQuery, next);
    chain.unshift(chainLinkOf(parent.raw, context));
    next = parent.parent;
  }
  return chain;
}

/** Descendants one request each; siblings in parallel (the client caps what is in flight). */
export async function loadChildren(
  client: GitLabClient,
  node: OkrNode,
  raw: WorkItemResponse,
  ref: ItemRef,
  context: MapContext,
  level: number,
): Promise<void> {
  if (node.kind !== 'objective' || level >= MAX_LEVELS) return;
  const children = await Promise.all(
    childRefsOf(raw, ref.fullPath, context).map(async (childRef) => {
      const { raw: childRaw } = await fetchItem(client, BaselineNodeQuery, childRef);
      const child = nodeOf(childRaw, context, { parentKind: node.kind });
      await loadChildren(client, child, childRaw, childRef, context, level + 1);
      return child;
    }),
  );
  node.children = children.filter(
    (child) => child.kind === 'objective' || child.kind === 'keyResult',
  );
  delete node.childrenIncomplete;
}

/** The item's tree, the naive way. */
export async function loadTreeNaively(
  client: GitLabClient,
  ref: ItemRef,
  carrier?: CarrierSettings,
): Promise<LoadedTree> {
  const context: MapContext = { baseUrl: client.baseUrl, ...(carrier ? { carrier } : {}) };
  const fetched = await fetchItem(client, BaselineItemQuery, ref);
  const raw = fetched.raw;
  let item = nodeOf(raw, context);
  const [chain] = await Promise.all([
    loadChain(client, fetched, context),
    loadChildren(client, item, raw, ref, context, 1),
  ]);
  // An issue's kind depends on its parent's (an issue under an objective epic is a key result);
  // an issue has no OKR children, so nothing loaded above is lost.
  const parentKind = chain.at(-1)?.kind ?? null;
  if (item.kind === 'issue' && parentKind) item = nodeOf(raw, context, { parentKind });
  if (item.kind !== 'objective') {
    item.linkedItems = item.linkedItems.filter((linked) => linked.kind === 'issue');
  }
  return { item, chain, chainTruncated: false, linkedKeyResults: [], requests: 0 };
}

/** The baseline's view of an item: naive loading, the product's own view builder. */
export async function naiveView(
  client: GitLabClient,
  ref: ItemRef,
  clock: { now: Date; timeZone: string },
  carrier?: CarrierSettings,
): Promise<OkrView> {
  const tree = await loadTreeNaively(client, ref, carrier);
  return buildOkrView({
    tree,
    now: clock.now,
    timeZone: clock.timeZone,
    context: { today: localToday(clock.now, clock.timeZone) },
    ...(carrier ? { carrier } : {}),
  });
}
