// The data use cases the services need from GitLab: load an item's OKR tree (in as few requests
// as GitLab's limits allow), resolve the OKR work item types, list a DRI's objectives, and the
// writes behind quick-create. Each takes the client as an argument.
import type { ChainLink, HealthStatus, OkrKind, OkrNode, ProgressValues } from '../okr/model';
import { isOkr } from '../okr/rules/rule';
import { linkedIssuesOf } from '../okr/score';
import type { GitLabClient } from './client';
import { withCapabilities, type Capabilities } from './capabilities';
import {
  CARRIER_NAMES,
  DEFAULT_CARRIER_SETTINGS,
  isEpicType,
  quarterFromLabel,
  quarterLabelOf,
  type CarrierSettings,
} from './carriers/conventions';
import {
  CreateKeyResultMutation,
  CreateNoteMutation,
  documentsFor,
  DriObjectivesQuery,
  FindChildByTitleQuery,
  GroupMilestonesQuery,
  ProjectDriObjectivesQuery,
  ProjectMilestonesQuery,
  ProjectWorkItemTypesQuery,
  UpdateProgressMutation,
  WorkItemTypesQuery,
} from './documents';
import {
  GitLabError,
  malformedProblem,
  problemFromMutationErrors,
  unclearWriteProblem,
} from './errors';
import {
  calendarDate,
  chainLinkOf,
  ancestorsOf,
  chainOf,
  childrenOf,
  GITLAB_MAX_LEVELS,
  hasChildrenOf,
  hasParentOf,
  kindOfItem,
  linkedWorkItemsOf,
  nodeOf,
  parseReference,
  progressValuesOf,
  type MapContext,
} from './map';
import {
  CreateNoteResponseSchema,
  FindChildResponseSchema,
  NamespaceWorkItemsResponseSchema,
  OkrItemResponseSchema,
  ProjectWorkItemsResponseSchema,
  ScopeMilestonesResponseSchema,
  listRootOf,
  WorkItemCreateResponseSchema,
  WorkItemTypesResponseSchema,
  WorkItemUpdateResponseSchema,
  widgetOf,
  type NamespaceWorkItemsResponse,
  type ScopeMilestonesResponse,
  type WorkItemType,
  type WorkItemResponse,
} from './schemas';

/** GitLab's page size and its limit on `iids` per filter. */
const PAGE_SIZE = 100;
/** A list that goes on longer than this many pages is cut (and says so in its result). */
const MAX_LIST_PAGES = 10;

export interface ItemRef {
  /** Project or group full path. */
  fullPath: string;
  iid: string;
}

export interface LinkedKeyResult {
  keyResult: ChainLink;
  /** The key result's own parent chain, root first. */
  chain: ChainLink[];
}

export interface LoadedTree {
  /** The item; an objective with its descendants, a key result with its linked issues. */
  item: OkrNode;
  /** Ancestors, root first, direct parent last. */
  chain: ChainLink[];
  /** True when GitLab stopped the chain at an ancestor the user may not read. */
  chainTruncated: boolean;
  /** For an issue: the key results it relates to, each with its chain. */
  linkedKeyResults: LinkedKeyResult[];
  /** GraphQL requests this load made (1 for a key result or an issue). */
  requests: number;
}

function contextOf(client: GitLabClient, carrier?: CarrierSettings): MapContext {
  return { baseUrl: client.baseUrl, ...(carrier ? { carrier } : {}) };
}

function notFound(ref: ItemRef): GitLabError {
  return new GitLabError({
    kind: 'notFound',
    message: `GitLab did not find ${ref.fullPath}#${ref.iid}, or your account may not see it. Check the address and your access.`,
  });
}

/**
 * The children of a work item that count toward it, mapped with the parent's kind (an issue under
 * an objective epic is a key result): an objective's objectives and key results, a key result's
 * issues (a key result epic is scored from them); and whether all came.
 */
function okrChildrenOf(
  item: WorkItemResponse,
  parentKind: OkrKind,
  context: MapContext,
): { nodes: { node: OkrNode; raw: WorkItemResponse }[]; complete: boolean } {
  const hierarchy = widgetOf(item, 'WorkItemWidgetHierarchy');
  const nodes = childrenOf(item)
    .filter((raw) => kindOfItem(raw, context, parentKind) !== null)
    .map((raw) => ({ node: nodeOf(raw, context, { parentKind }), raw }))
    .filter(({ node }) => (parentKind === 'keyResult' ? node.kind === 'issue' : isOkr(node)));
  const complete =
    Boolean(hierarchy?.children) && hierarchy?.children?.pageInfo?.hasNextPage !== true;
  return { nodes, complete };
}

function attachChildren(parent: OkrNode, children: OkrNode[], complete: boolean): void {
  parent.children = children;
  if (complete) delete parent.childrenIncomplete;
  else parent.childrenIncomplete = true;
}

function chunks<T>(list: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < list.length; index += size)
    result.push(list.slice(index, index + size));
  return result;
}

/**
 * Objectives of one namespace (by iid) with their children: the request behind one level.
 * Before GitLab 18.1 (no `Namespace.workItems`) only projects list work items, and OKRs live in
 * projects.
 */
async function objectivesWithChildren(
  client: GitLabClient,
  capabilities: Capabilities,
  namespace: { fullPath: string; isGroup: boolean },
  iids: string[],
): Promise<WorkItemResponse[]> {
  const documents = documentsFor(capabilities);
  const variables = { fullPath: namespace.fullPath, iids };
  if (capabilities.has('namespaceWorkItems')) {
    const data = await client.graphql(
      documents.OkrDescendantsQuery,
      variables,
      NamespaceWorkItemsResponseSchema,
    );
    return data.namespace?.workItems?.nodes ?? [];
  }
  // Before 18.1: epics are listed by their group, everything else by its project.
  if (namespace.isGroup) {
    const data = await client.graphql(
      documents.OkrDescendantsInGroupQuery,
      variables,
      NamespaceWorkItemsResponseSchema,
    );
    return data.group?.workItems?.nodes ?? [];
  }
  const data = await client.graphql(
    documents.OkrDescendantsInProjectQuery,
    variables,
    ProjectWorkItemsResponseSchema,
  );
  return data.project?.workItems?.nodes ?? [];
}

interface Pending {
  node: OkrNode;
  fullPath: string;
  /** An epic lives in a group: before GitLab 18.1 its group lists it, not a project. */
  isGroup: boolean;
  iid: string;
}

/** Whether an item's children are fetched on the next level: objectives' and key result epics'. */
function expands(node: OkrNode, raw: WorkItemResponse): boolean {
  if (hasChildrenOf(raw) === false) return false;
  return (
    node.kind === 'objective' || (node.kind === 'keyResult' && isEpicType(raw.workItemType?.name))
  );
}

function pendingOf(node: OkrNode, raw: WorkItemResponse, fallbackPath: string): Pending | null {
  const reference = parseReference(raw.reference);
  const iid = raw.iid ?? reference?.iid;
  if (!iid) return null;
  return {
    node,
    fullPath: reference?.fullPath ?? fallbackPath,
    isGroup: isEpicType(raw.workItemType?.name),
    iid,
  };
}

/**
 * Loads the objectives below the first level, level by level: for each level, one request per
 * namespace and 100 objectives (`namespace.workItems(iids:)` with their children), never one
 * request per node. Stops at `maxDepth` levels below the item, and at any item seen before.
 */
async function loadDescendants(
  client: GitLabClient,
  capabilities: Capabilities,
  firstLevel: { node: OkrNode; raw: WorkItemResponse }[],
  fallbackPath: string,
  maxDepth: number,
  seen: Set<string>,
  carrier?: CarrierSettings,
): Promise<number> {
  const context = contextOf(client, carrier);
  let requests = 0;
  let frontier: Pending[] = firstLevel.flatMap(({ node, raw }) => {
    const pending = expands(node, raw) ? pendingOf(node, raw, fallbackPath) : null;
    return pending ? [pending] : [];
  });

  for (let depth = 2; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const byNamespace = new Map<string, Pending[]>();
    for (const pending of frontier) {
      const key = `${pending.isGroup ? 'group' : 'project'}:${pending.fullPath}`;
      const group = byNamespace.get(key) ?? [];
      group.push(pending);
      byNamespace.set(key, group);
    }
    const batches = [...byNamespace.values()].flatMap((group) =>
      chunks(group, PAGE_SIZE).map((batch) => ({
        namespace: { fullPath: group[0]!.fullPath, isGroup: group[0]!.isGroup },
        batch,
      })),
    );
    requests += batches.length;
    const answers = await Promise.all(
      batches.map(({ namespace, batch }) =>
        objectivesWithChildren(
          client,
          capabilities,
          namespace,
          batch.map((pending) => pending.iid),
        ),
      ),
    );
    const next: Pending[] = [];
    batches.forEach(({ namespace, batch }, index) => {
      const returned = answers[index] ?? [];
      const byId = new Map(returned.map((raw) => [raw.id, raw]));
      for (const pending of batch) {
        const raw = byId.get(pending.node.id);
        if (!raw) continue; // not readable any more: it stays marked incomplete
        const { nodes, complete } = okrChildrenOf(raw, pending.node.kind, context);
        const fresh = nodes.filter(({ node }) => !seen.has(node.id));
        fresh.forEach(({ node }) => seen.add(node.id));
        attachChildren(
          pending.node,
          fresh.map(({ node }) => node),
          complete && fresh.length === nodes.length,
        );
        for (const { node, raw: childRaw } of fresh) {
          if (!expands(node, childRaw)) continue;
          const child = pendingOf(node, childRaw, namespace.fullPath);
          if (child) next.push(child);
        }
      }
    });
    frontier = next;
  }
  return requests;
}

/**
 * One item's OKR tree. A key result's or an issue's view is ONE GraphQL request; an objective's
 * is one request for the item and its children plus, per further level, one request per
 * namespace and 100 objectives on that level.
 */
export async function loadItemTree(
  client: GitLabClient,
  ref: ItemRef,
  options: {
    maxDepth?: number;
    /**
     * Called with the item as soon as the first answer is in, before its descendants load, so
     * a caller can start requests of its own (e.g. the DRI's objectives) alongside them.
     */
    onItem?: (item: OkrNode) => void;
    /** How the namespace keeps its OKRs (lib/settings.ts `carrierSettingsFor`); OKR types when absent. */
    carrier?: CarrierSettings;
  } = {},
): Promise<LoadedTree> {
  const maxDepth = Math.min(Math.max(options.maxDepth ?? GITLAB_MAX_LEVELS, 1), GITLAB_MAX_LEVELS);
  const carrier = options.carrier ?? DEFAULT_CARRIER_SETTINGS;
  const context = contextOf(client, carrier);
  const data = await withCapabilities(client, (capabilities) =>
    client.graphql(
      documentsFor(capabilities).OkrItemQuery,
      { fullPath: ref.fullPath, iid: ref.iid },
      OkrItemResponseSchema,
    ),
  );
  const raw = data.namespace?.workItem;
  if (!raw) throw notFound(ref);
  // An issue under an objective epic is a key result: its kind depends on its parent's.
  const parentRaw = ancestorsOf(raw).at(-1);
  const parentKind = parentRaw ? kindOfItem(parentRaw, context) : null;
  if (!kindOfItem(raw, context, parentKind)) throw notAnOkr(raw, carrier);
  const item = nodeOf(raw, context, { parentKind });
  options.onItem?.(item);
  const { chain, chainTruncated } = chainOf(raw, context);
  let requests = 1;
  const linkedKeyResults: LinkedKeyResult[] = [];

  if (item.kind === 'objective') {
    const seen = new Set<string>([item.id, ...chain.map((link) => link.id)]);
    const { nodes, complete } = okrChildrenOf(raw, 'objective', context);
    const fresh = nodes.filter(({ node }) => !seen.has(node.id));
    fresh.forEach(({ node }) => seen.add(node.id));
    attachChildren(
      item,
      fresh.map(({ node }) => node),
      complete && fresh.length === nodes.length,
    );
    // The item's answer taught the client its version (when it had to): the levels use it too.
    requests += await withCapabilities(client, (capabilities) =>
      loadDescendants(client, capabilities, fresh, ref.fullPath, maxDepth, seen, carrier),
    );
  } else {
    // Only issues count toward a key result's score; a related objective is not its input.
    item.linkedItems = linkedIssuesOf(item);
  }
  if (item.kind === 'keyResult' && isEpicType(raw.workItemType?.name)) {
    // A key result epic is scored from its child issues, which came with it.
    const { nodes, complete } = okrChildrenOf(raw, 'keyResult', context);
    attachChildren(
      item,
      nodes.map(({ node }) => node),
      complete,
    );
  }

  if (item.kind === 'issue') {
    for (const linked of linkedWorkItemsOf(raw)) {
      if (kindOfItem(linked, context) !== 'keyResult') continue;
      linkedKeyResults.push({
        keyResult: chainLinkOf(linked, context),
        chain: chainOf(linked, context).chain,
      });
    }
    // An issue under a key result epic counts toward it as a linked one does.
    const parent = chain.at(-1);
    if (
      parentKind === 'keyResult' &&
      parent &&
      !linkedKeyResults.some((l) => l.keyResult.id === parent.id)
    ) {
      linkedKeyResults.unshift({ keyResult: parent, chain: chain.slice(0, -1) });
    }
  }
  return { item, chain, chainTruncated, linkedKeyResults, requests };
}

/** Where a quarter's objectives were looked for, and which of them head the map's tree. */
export interface QuarterScopeTree {
  /** The scope's top objectives for the quarter, each with its descendants loaded. */
  roots: { node: OkrNode; hasParent: boolean }[];
  /** GraphQL requests this load made: list pages plus one per level, namespace and 100 objectives. */
  requests: number;
  /** True when the list of the quarter's objectives was longer than OKR Lens reads. */
  truncated: boolean;
}

/**
 * How a scope's objectives for one quarter are listed under its carrier: the documents to try in
 * order (`Namespace.workItems` from GitLab 18.1; a group's or a project's before it) and the
 * filter variables, one set per listing. GitLab's OKR types filter by type and milestone. Epics
 * filter by type and the quarter's label or milestone: the configured source first, then the
 * other, as `quarterOf` reads an epic's quarter (a quarter taken from the epics' own dates is
 * listed unfiltered); GitLab ANDs its filters, so each source is its own listing, and the caller
 * keeps the objectives whose quarter is the one asked for.
 */
function quarterListOf(
  capabilities: Capabilities,
  settings: CarrierSettings,
  quarterTitle: string,
): { documents: string[]; variables: Record<string, unknown>[] } {
  const documents = documentsFor(capabilities);
  if (settings.carrier === 'epics') {
    const source = settings.quarter.source;
    const label = quarterLabelOf(settings.quarter.labelPattern, quarterTitle);
    const byLabel = { labelName: [label], milestoneTitle: null };
    const byMilestone = { labelName: null, milestoneTitle: [quarterTitle] };
    return {
      documents: capabilities.has('namespaceWorkItems')
        ? [documents.NamespaceQuarterEpicsQuery]
        : [documents.GroupQuarterEpicsQuery],
      variables:
        source === 'dates'
          ? [{ labelName: null, milestoneTitle: null }]
          : source === 'label'
            ? [byLabel, byMilestone]
            : [byMilestone, byLabel],
    };
  }
  return {
    documents: capabilities.has('namespaceWorkItems')
      ? [documents.NamespaceQuarterObjectivesQuery]
      : [documents.GroupQuarterObjectivesQuery, documents.ProjectQuarterObjectivesQuery],
    variables: [{ milestoneTitle: quarterTitle }],
  };
}

/** Oldest first by namespace and iid (`group/project#12` before `group/project#100`). */
function iidOrder(a: WorkItemResponse, b: WorkItemResponse): number {
  const left = parseReference(a.reference);
  const right = parseReference(b.reference);
  return (
    (left?.fullPath ?? '').localeCompare(right?.fullPath ?? '') ||
    Number(left?.iid ?? a.iid ?? 0) - Number(right?.iid ?? b.iid ?? 0)
  );
}

/** How many pages of a quarter's objectives the map reads (100 each). */
const MAX_QUARTER_PAGES = 30;

/**
 * Every page of a list, trying each document until one finds the namespace (a path may be a
 * group's or a project's); null when none does.
 */
async function listEveryPage(
  client: GitLabClient,
  documents: string[],
  variables: Record<string, unknown>,
  maxPages: number,
): Promise<{ items: WorkItemResponse[]; requests: number; truncated: boolean } | null> {
  let requests = 0;
  for (const document of documents) {
    const items: WorkItemResponse[] = [];
    let after: string | null = null;
    let found = false;
    let truncated = false;
    for (let page = 0; ; page += 1) {
      if (page === maxPages) {
        truncated = true;
        break;
      }
      requests += 1;
      const data: NamespaceWorkItemsResponse = await client.graphql(
        document,
        { ...variables, after },
        NamespaceWorkItemsResponseSchema,
      );
      const connection = listRootOf(data)?.workItems;
      if (!connection) break;
      found = true;
      items.push(...connection.nodes);
      if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    if (found) return { items, requests, truncated };
  }
  return null;
}

function scopeNotFound(fullPath: string): GitLabError {
  return new GitLabError({
    kind: 'notFound',
    message: `GitLab did not find ${fullPath}, or your account may not see it. Check the address and your access.`,
  });
}

/**
 * Every objective of one quarter in a group or project and below it, as trees: the objectives
 * whose parent is not among them are the roots, and every root's descendants are loaded level by
 * level in batches (`loadDescendants`), never one request per item. An objective of the quarter
 * that sits under another one is met again as its descendant, once.
 */
export async function loadQuarterTree(
  client: GitLabClient,
  input: {
    fullPath: string;
    /** The quarter's title: a milestone's, or what the quarter label names (`FY24-Q2`). */
    quarterTitle: string;
    /** How the scope keeps its OKRs; GitLab's OKR types when not given. */
    settings?: CarrierSettings;
  },
): Promise<QuarterScopeTree> {
  const settings = input.settings ?? DEFAULT_CARRIER_SETTINGS;
  const context = contextOf(client, input.settings);
  return withCapabilities(client, async (capabilities) => {
    const { documents, variables } = quarterListOf(capabilities, settings, input.quarterTitle);
    let requests = 0;
    let truncated = false;
    const listedItems: WorkItemResponse[] = [];
    for (const filter of variables) {
      const listed = await listEveryPage(
        client,
        documents,
        { fullPath: input.fullPath, ...filter },
        MAX_QUARTER_PAGES,
      );
      if (!listed) throw scopeNotFound(input.fullPath);
      requests += listed.requests;
      truncated ||= listed.truncated;
      listedItems.push(...listed.items);
    }
    const nodes = listedItems.map((raw) => ({ raw, node: nodeOf(raw, context) }));
    // On the epics carrier an epic listed by one source may keep another quarter by the source
    // read first (a milestone of last quarter and this quarter's label): its quarter decides.
    const objectives = nodes.filter(
      ({ node }) =>
        node.kind === 'objective' &&
        (settings.carrier !== 'epics' || node.milestone?.title === input.quarterTitle),
    );
    const ids = new Set(objectives.map(({ raw }) => raw.id));
    const seen = new Set<string>();
    const roots: { node: OkrNode; raw: WorkItemResponse; hasParent: boolean }[] = [];
    for (const { node, raw } of objectives) {
      if (seen.has(node.id)) continue;
      const parentId = widgetOf(raw, 'WorkItemWidgetHierarchy')?.parent?.id;
      if (parentId && ids.has(parentId)) continue;
      seen.add(node.id);
      roots.push({ node, raw, hasParent: Boolean(parentId) || hasParentOf(raw) === true });
    }
    // GitLab lists newest first; the map reads in the order the objectives were made.
    roots.sort((a, b) => iidOrder(a.raw, b.raw));
    // The roots' own children are the first level: loadDescendants fetches from depth 2 on, so
    // one more level than GitLab nests keeps every descendant.
    requests += await loadDescendants(
      client,
      capabilities,
      roots,
      input.fullPath,
      GITLAB_MAX_LEVELS + 1,
      seen,
      input.settings,
    );
    return {
      roots: roots.map(({ node, hasParent }) => ({ node, hasParent })),
      requests,
      truncated,
    };
  });
}

/**
 * The quarters a scope that names them by label holds: the quarter labels (`okrq:{quarter}`) on
 * its epics, by the quarter's title, newest pages first.
 */
export async function listQuarterLabels(
  client: GitLabClient,
  input: { fullPath: string; settings: CarrierSettings },
): Promise<string[]> {
  return withCapabilities(client, async (capabilities) => {
    const documents = documentsFor(capabilities);
    const listed = await listEveryPage(
      client,
      capabilities.has('namespaceWorkItems')
        ? [documents.NamespaceEpicLabelsQuery]
        : [documents.GroupEpicLabelsQuery],
      { fullPath: input.fullPath },
      MAX_LIST_PAGES,
    );
    if (!listed) throw scopeNotFound(input.fullPath);
    const titles = new Set<string>();
    for (const raw of listed.items) {
      for (const label of widgetOf(raw, 'WorkItemWidgetLabels')?.labels?.nodes ?? []) {
        const quarter = quarterFromLabel(input.settings.quarter.labelPattern, label.title);
        if (quarter) titles.add(quarter);
      }
    }
    return [...titles];
  });
}

export interface ScopeMilestone {
  title: string;
  /** Calendar dates (`2026-11-01`), when the milestone has them. */
  startDate: string | null;
  dueDate: string | null;
}

/**
 * The milestones a group or project can show a quarter for, open and closed: a group's own, its
 * subgroups' and projects' and its ancestors'; a project's own and its groups'. A path with a
 * slash is tried as a project first, then as a group (a subgroup); one without, the other way.
 */
export async function listScopeMilestones(
  client: GitLabClient,
  input: { fullPath: string },
): Promise<ScopeMilestone[]> {
  const asProject = input.fullPath.includes('/');
  const documents = asProject
    ? [ProjectMilestonesQuery, GroupMilestonesQuery]
    : [GroupMilestonesQuery, ProjectMilestonesQuery];
  for (const document of documents) {
    const milestones: ScopeMilestone[] = [];
    let after: string | null = null;
    let found = false;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const data: ScopeMilestonesResponse = await client.graphql(
        document,
        { fullPath: input.fullPath, after },
        ScopeMilestonesResponseSchema,
      );
      const connection = (data.group ?? data.project)?.milestones;
      if (!connection) break;
      found = true;
      for (const milestone of connection.nodes)
        milestones.push({
          title: milestone.title,
          startDate: calendarDate(milestone.startDate),
          dueDate: calendarDate(milestone.dueDate),
        });
      if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    if (found) return milestones;
  }
  throw scopeNotFound(input.fullPath);
}

/** Why OKR Lens shows nothing for this item, in the carrier's words. */
function notAnOkr(raw: WorkItemResponse, carrier: CarrierSettings): GitLabError {
  const typeName = raw.workItemType?.name;
  if (carrier.carrier === 'epics' && isEpicType(typeName)) {
    const labels = [...carrier.objectiveLabels, ...carrier.keyResultLabels]
      .map((set) => set.join(' + '))
      .join(', ');
    return new GitLabError({
      kind: 'notAnOkr',
      message: `This epic carries none of the labels that make an epic an objective or a key result here (${labels}): OKR Lens has nothing to show for it. The OKR Lens options say which labels count (${CARRIER_NAMES.epics}).`,
    });
  }
  return new GitLabError({
    kind: 'notAnOkr',
    message: `This is a ${typeName ?? 'work item'}, not an objective, a key result or an issue: OKR Lens has nothing to show here.`,
  });
}

export interface WorkItemTypeRef {
  id: string;
  name: string;
  /** Types this type may have as children (from its hierarchy widget definition). */
  allowedChildTypes: { id: string; name: string }[];
}

export interface OkrTypes {
  objective: WorkItemTypeRef;
  keyResult: WorkItemTypeRef;
}

/**
 * The work item types GitLab offers in a namespace (a project: its custom types included), with
 * their widget definitions: from `Namespace.workItemTypes` (17.2) or, before, the project's.
 */
export async function namespaceWorkItemTypes(
  client: GitLabClient,
  fullPath: string,
): Promise<WorkItemType[]> {
  const data = await withCapabilities(client, (capabilities) =>
    client.graphql(
      capabilities.has('namespaceWorkItemTypes') ? WorkItemTypesQuery : ProjectWorkItemTypesQuery,
      { fullPath },
      WorkItemTypesResponseSchema,
    ),
  );
  const namespace = data.namespace ?? data.project;
  if (!namespace) throw scopeNotFound(fullPath);
  return namespace.workItemTypes?.nodes ?? [];
}

/** The Objective and Key Result type ids of a namespace; a problem when OKRs are off there. */
export async function resolveOkrTypes(client: GitLabClient, fullPath: string): Promise<OkrTypes> {
  const types = await namespaceWorkItemTypes(client, fullPath);
  const refOf = (name: string): WorkItemTypeRef | undefined => {
    const type = types.find((candidate) => candidate.name === name);
    if (!type) return undefined;
    const hierarchy = type.widgetDefinitions?.find((definition) => definition.type === 'HIERARCHY');
    return {
      id: type.id,
      name: type.name,
      allowedChildTypes: hierarchy?.allowedChildTypes?.nodes ?? [],
    };
  };
  const objective = refOf('Objective');
  const keyResult = refOf('Key Result');
  if (!objective || !keyResult) {
    throw new GitLabError({
      kind: 'okrsUnavailable',
      message: `OKRs are not available in ${fullPath}: they need GitLab Ultimate with OKRs turned on. Ask your GitLab administrator to enable them.`,
    });
  }
  return { objective, keyResult };
}

/** Every page of one list (up to the page limit); empty where GitLab finds no such namespace. */
async function listPages(
  client: GitLabClient,
  document: string,
  variables: Record<string, unknown>,
): Promise<WorkItemResponse[]> {
  return (await listEveryPage(client, [document], variables, MAX_LIST_PAGES))?.items ?? [];
}

/** Open objectives `username` holds in one milestone, for the too-many-objectives rule. */
export async function listDriObjectives(
  client: GitLabClient,
  input: { fullPath: string; username: string; milestoneTitle: string },
): Promise<OkrNode[]> {
  const context = contextOf(client);
  const list = await withCapabilities(client, (capabilities) =>
    listPages(
      client,
      capabilities.has('namespaceWorkItems') ? DriObjectivesQuery : ProjectDriObjectivesQuery,
      input,
    ),
  );
  return list.map((raw) => nodeOf(raw, context)).filter((node) => node.kind === 'objective');
}

/** A work item GitLab created (or one found again after an unclear attempt). */
export interface CreatedItem extends ChainLink {
  iid: string;
  createdAt: string | null;
}

function createdItemOf(raw: WorkItemResponse, context: MapContext): CreatedItem {
  return { ...chainLinkOf(raw, context), iid: raw.iid ?? '', createdAt: raw.createdAt ?? null };
}

/** The work item a mutation returned; its errors, or no item at all, as a GitLabError. */
function mutationResult(
  payload: { errors: string[]; workItem?: WorkItemResponse | null | undefined } | null,
  action: string,
): WorkItemResponse {
  if (payload && payload.errors.length > 0) {
    throw new GitLabError(problemFromMutationErrors(action, payload.errors));
  }
  if (!payload?.workItem) {
    throw new GitLabError(unclearWriteProblem(malformedProblem()), { unclear: true });
  }
  return payload.workItem;
}

export interface KeyResultDraftInput {
  /** Project (or group) where the key result is created. */
  namespacePath: string;
  /** The parent objective's global id. */
  parentId: string;
  /** The Key Result type id from `resolveOkrTypes`. */
  typeId: string;
  title: string;
  description?: string;
  assigneeIds?: string[];
  milestoneId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  healthStatus?: HealthStatus | null;
  /** Label global ids: the key-result label and the quarter label, where the carrier has them. */
  labelIds?: string[];
  /** Custom number values (GitLab 17.10+): start, current and target on an issue or custom type. */
  customFields?: { customFieldId: string; numberValue: number }[];
}

/**
 * Creates a key result under its objective. Sent once: when the outcome is unclear the error
 * says so (`error.unclear`), and the caller looks for it with `findRecentChildByTitle`.
 */
export async function createKeyResult(
  client: GitLabClient,
  draft: KeyResultDraftInput,
): Promise<CreatedItem> {
  const input: Record<string, unknown> = {
    namespacePath: draft.namespacePath,
    title: draft.title,
    workItemTypeId: draft.typeId,
    hierarchyWidget: { parentId: draft.parentId },
  };
  if (draft.description) input.descriptionWidget = { description: draft.description };
  if (draft.assigneeIds?.length) input.assigneesWidget = { assigneeIds: draft.assigneeIds };
  if (draft.milestoneId) input.milestoneWidget = { milestoneId: draft.milestoneId };
  if (draft.healthStatus) input.healthStatusWidget = { healthStatus: draft.healthStatus };
  if (draft.labelIds?.length) input.labelsWidget = { labelIds: draft.labelIds };
  // In the same request as the item (`WorkItemCreateInput.customFieldsWidget`, 17.10): the key
  // result never exists without its values. A type without the widget is refused whole, before
  // anything is made ("Following widget keys are not supported by … type",
  // app/graphql/mutations/work_items/widgetable.rb).
  if (draft.customFields?.length) input.customFieldsWidget = draft.customFields;
  if (draft.startDate || draft.dueDate) {
    input.startAndDueDateWidget = {
      ...(draft.startDate ? { startDate: draft.startDate } : {}),
      ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
      isFixed: true,
    };
  }
  const data = await client.graphql(
    CreateKeyResultMutation,
    { input },
    WorkItemCreateResponseSchema,
  );
  const workItem = mutationResult(data.workItemCreate, 'create the key result');
  return createdItemOf(workItem, contextOf(client));
}

function checkedInteger(name: string, value: number | null | undefined): void {
  if (value !== null && value !== undefined && !Number.isInteger(value)) {
    throw new GitLabError({
      kind: 'invalidRequest',
      message: `GitLab stores whole numbers only: round the ${name} (${value}) and try again.`,
    });
  }
}

/** Sets start, current and target values; GitLab computes the percentage from them. */
export async function updateProgress(
  client: GitLabClient,
  input: { id: string; startValue?: number | null; currentValue: number; endValue?: number | null },
): Promise<ProgressValues> {
  checkedInteger('start value', input.startValue);
  checkedInteger('current value', input.currentValue);
  checkedInteger('target value', input.endValue);
  if (
    input.startValue !== undefined &&
    input.startValue !== null &&
    input.startValue === input.endValue
  ) {
    throw new GitLabError({
      kind: 'invalidRequest',
      message: 'GitLab rejects a start value equal to the target value: change one of them.',
    });
  }
  const data = await client.graphql(
    UpdateProgressMutation,
    {
      id: input.id,
      currentValue: input.currentValue,
      startValue: input.startValue ?? null,
      endValue: input.endValue ?? null,
    },
    WorkItemUpdateResponseSchema,
  );
  const workItem = mutationResult(data.workItemUpdate, 'set the progress');
  return progressValuesOf(widgetOf(workItem, 'WorkItemWidgetProgress'));
}

/**
 * Adds a comment. A body made only of quick actions (e.g. `/checkin_reminder weekly`) creates
 * no note: the result is then null.
 */
export async function createNote(
  client: GitLabClient,
  input: { noteableId: string; body: string },
): Promise<{ id: string; createdAt: string } | null> {
  const data = await client.graphql(CreateNoteMutation, input, CreateNoteResponseSchema);
  const payload = data.createNote;
  if (payload && payload.errors.length > 0) {
    throw new GitLabError(problemFromMutationErrors('add the comment', payload.errors));
  }
  const note = payload?.note;
  return note ? { id: note.id, createdAt: note.createdAt } : null;
}

/**
 * The newest child of `parentId` titled `title` and created at or after `since`: the key result
 * an unclear earlier attempt may already have created, so a retry does not make it twice.
 */
export async function findRecentChildByTitle(
  client: GitLabClient,
  input: { parentId: string; title: string; since: string | Date },
): Promise<CreatedItem | null> {
  const since = new Date(input.since).getTime();
  const data = await client.graphql(
    FindChildByTitleQuery,
    { parentId: input.parentId },
    FindChildResponseSchema,
  );
  const parent = data.workItem;
  if (!parent) return null;
  const wanted = input.title.trim();
  const matches = childrenOf(parent).filter(
    (child) =>
      (child.title ?? '').trim() === wanted &&
      child.createdAt !== null &&
      child.createdAt !== undefined &&
      Date.parse(child.createdAt) >= since,
  );
  matches.sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
  const newest = matches[0];
  return newest ? createdItemOf(newest, contextOf(client)) : null;
}
