// The quarter map the naive way, the baseline the map's loader is measured against: the quarter's
// objectives listed page by page (the same list the extension reads), then every item of every
// tree asked for alone, one request each, as a tool without batching would. Same GitLab client,
// same map builder, so only the loading strategy differs.
import { operations } from '../../lib/gitlab/documents';
import type { GitLabClient } from '../../lib/gitlab/client';
import { kindOf, nodeOf, parseReference, type MapContext } from '../../lib/gitlab/map';
import {
  listRootOf,
  NamespaceWorkItemsResponseSchema,
  widgetOf,
  type NamespaceWorkItemsResponse,
  type WorkItemResponse,
} from '../../lib/gitlab/schemas';
import { buildQuarterMap, type QuarterRoot } from '../../lib/services/quarter-map-builder';
import type { LoadedQuarterMap } from '../../lib/services/quarter-map';
import { fetchItem, loadChildren, type ItemRef } from './baseline';
import { BaselineNodeQuery } from './baseline-documents';

/** The quarter's objectives, every page of the list (100 a page). */
async function listQuarterObjectives(
  client: GitLabClient,
  fullPath: string,
  quarterTitle: string,
): Promise<{ items: WorkItemResponse[]; pages: number }> {
  const items: WorkItemResponse[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    pages += 1;
    const data: NamespaceWorkItemsResponse = await client.graphql(
      operations.NamespaceQuarterObjectivesQuery,
      { fullPath, milestoneTitle: quarterTitle, after },
      NamespaceWorkItemsResponseSchema,
    );
    const connection = listRootOf(data)?.workItems;
    if (!connection) throw new Error(`Baseline: ${fullPath} not found`);
    items.push(...connection.nodes);
    after = connection.pageInfo?.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null;
  } while (after);
  return { items, pages };
}

function refOf(item: WorkItemResponse, fallbackPath: string): ItemRef | null {
  const reference = parseReference(item.reference);
  const iid = item.iid ?? reference?.iid;
  return iid ? { fullPath: reference?.fullPath ?? fallbackPath, iid } : null;
}

/** Oldest first by project and iid, as the extension orders the map's top objectives. */
function byReference(a: ItemRef, b: ItemRef): number {
  return a.fullPath.localeCompare(b.fullPath) || Number(a.iid) - Number(b.iid);
}

export interface NaiveQuarterMap {
  data: LoadedQuarterMap;
  /** Pages of the objectives' list (the rest of the requests are one per item). */
  listPages: number;
}

/** One scope's quarter map: list, then every item alone (siblings in parallel, capped by the client). */
export async function naiveQuarterMap(
  client: GitLabClient,
  input: { fullPath: string; quarterTitle: string },
  clock: { now: Date; timeZone: string },
): Promise<NaiveQuarterMap> {
  const context: MapContext = { baseUrl: client.baseUrl };
  const listed = await listQuarterObjectives(client, input.fullPath, input.quarterTitle);
  const objectives = listed.items.filter((item) => kindOf(item.workItemType?.name) === 'objective');
  const ids = new Set(objectives.map((item) => item.id));
  const tops = objectives
    .filter((item) => {
      const parentId = widgetOf(item, 'WorkItemWidgetHierarchy')?.parent?.id;
      return !parentId || !ids.has(parentId);
    })
    .flatMap((item) => refOf(item, input.fullPath) ?? [])
    .sort(byReference);
  const roots: QuarterRoot[] = await Promise.all(
    tops.map(async (ref) => {
      const fetched = await fetchItem(client, BaselineNodeQuery, ref);
      const node = nodeOf(fetched.raw, context);
      await loadChildren(client, node, fetched.raw, ref, context, 1);
      return { node, hasParent: fetched.parent !== null };
    }),
  );
  const milestone = roots
    .map((root) => root.node.milestone)
    .find((quarter) => quarter?.title === input.quarterTitle && quarter.startDate);
  const built = buildQuarterMap({
    scope: [input.fullPath],
    quarter: {
      title: input.quarterTitle,
      start: milestone?.startDate ?? null,
      end: milestone?.dueDate ?? null,
    },
    roots,
    carrier: 'workItemTypes',
    now: clock.now,
    timeZone: clock.timeZone,
  });
  const { details: _details, ...rest } = built;
  // No notes read: the extension's first answer has none either (they come in later steps).
  const history = { read: 0, total: built.map.items.length, requests: 0 };
  return { data: { ...rest, requests: 0, truncated: false, history }, listPages: listed.pages };
}
