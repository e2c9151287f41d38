// GitLab's GraphQL API over the sandbox store: schema.graphql (a subset of GitLab's schema), as
// far as the version profile has it, executed with graphql-js, with GitLab's pagination,
// permissions, mutation errors and notes. Documents are validated as GitLab's graphql-ruby
// validates them, in its words (versions/gitlab-validation.ts).
import { fileURLToPath } from 'node:url';
import {
  execute,
  getOperationAST,
  GraphQLError,
  isAbstractType,
  isObjectType,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import {
  ACCESS,
  gid,
  idFromGid,
  HIERARCHY_RESTRICTIONS,
  REMINDER_FREQUENCIES,
  rolledUpWeightOf,
  taskCompletionOf,
  WEIGHT_OPTIONS,
  weightProblem,
  typeInfo,
  WORK_ITEM_TYPES,
  type CustomFieldInput,
  type CustomFieldRecord,
  type HealthStatus,
  type LinkType,
  type Milestone,
  type Namespace,
  type NoteRecord,
  type SandboxStore,
  type User,
  type WidgetTypeName,
  type WorkItemRecord,
  type WorkItemTypeInfo,
  type WorkItemTypeName,
} from './store';
import {
  gitlabErrorOf,
  gitlabErrorsForDocument,
  variableErrorsFor,
  type GitLabGraphQLError,
} from './versions/gitlab-validation';
import { profileSchema } from './versions/profile-schema';
import { compareVersions, gitlabProfile, type GitLabProfile } from './versions/profiles';
import {
  analyzeGitLabQuery,
  gitLabLimits,
  isTooLarge,
  multiplexRefusals,
  QUERY_TOO_LARGE,
  type GitLabAnalysis,
  type GitLabLimits,
} from './gitlab-checks/index';

export const SCHEMA_FILE = fileURLToPath(new URL('./schema.graphql', import.meta.url));

/** GitLab's answer when a mutation is refused or its object is not visible. */
export const RESOURCE_ACCESS_ERROR =
  "The resource that you are attempting to access does not exist or you don't have permission to perform this action";

/** GitLab's page size cap for connections. */
export const MAX_PAGE_SIZE = 100;

export interface GraphQLContext {
  store: SandboxStore;
  /** The token's user; null for anonymous requests. */
  userId: number | null;
  /** False for `read_api` tokens: GitLab lets them query but not mutate. */
  canMutate: boolean;
  /** Scheme, host and relative URL root, e.g. `http://127.0.0.1:3999/gitlab`. */
  baseUrl: string;
  /** Widgets left out of every answer (the "missing widget" fault). */
  hiddenWidgets: WidgetTypeName[];
  /** The GitLab version the sandbox plays. */
  profile: GitLabProfile;
}

const WIDGET_TYPENAMES: Record<WidgetTypeName, string> = {
  ASSIGNEES: 'WorkItemWidgetAssignees',
  DESCRIPTION: 'WorkItemWidgetDescription',
  HIERARCHY: 'WorkItemWidgetHierarchy',
  LABELS: 'WorkItemWidgetLabels',
  MILESTONE: 'WorkItemWidgetMilestone',
  NOTES: 'WorkItemWidgetNotes',
  HEALTH_STATUS: 'WorkItemWidgetHealthStatus',
  PROGRESS: 'WorkItemWidgetProgress',
  LINKED_ITEMS: 'WorkItemWidgetLinkedItems',
  START_AND_DUE_DATE: 'WorkItemWidgetStartAndDueDate',
  WEIGHT: 'WorkItemWidgetWeight',
  CUSTOM_FIELDS: 'WorkItemWidgetCustomFields',
};

const LINK_FILTERS: Record<string, LinkType> = {
  RELATED: 'relates_to',
  BLOCKED_BY: 'is_blocked_by',
  BLOCKS: 'blocks',
};

/**
 * Whether the GitLab played has epics as work items: the Epic work item type of groups
 * (`namespace.workItemTypes`, "Introduced in GitLab 17.2") and epics read through `workItem` /
 * `workItems`. Before, epics were only the legacy `Epic` objects, which the sandbox does not serve.
 */
export const EPIC_WORK_ITEMS_FROM = { major: 17, minor: 2 } as const;

function hasEpicWorkItems(ctx: GraphQLContext): boolean {
  return compareVersions(ctx.profile.version, EPIC_WORK_ITEMS_FROM) >= 0;
}

/**
 * Custom work item types are generally available from GitLab 19.1 (their settings and
 * `workItemTypeCreate` were experiments in 18.10 and 19.0): an older profile lists none and
 * returns no item of one.
 */
export const CUSTOM_TYPES_FROM = { major: 19, minor: 1 } as const;

function hasCustomTypes(ctx: GraphQLContext): boolean {
  return compareVersions(ctx.profile.version, CUSTOM_TYPES_FROM) >= 0;
}

/**
 * Which work item types a project or a group offers: epics at group level only (GitLab's Epic type
 * is group-only), never in a project; group-level OKRs are a sandbox liberty.
 */
function typesOffered(ns: Namespace, ctx: GraphQLContext): WorkItemTypeInfo[] {
  const names: WorkItemTypeName[] =
    ns.kind === 'project'
      ? ['Issue', 'Task', 'Objective', 'Key Result']
      : ['Epic', 'Objective', 'Key Result'];
  const okrTypes = ctx.store.rootOf(ns).okrTypes !== false;
  const base = WORK_ITEM_TYPES.filter(
    (t) =>
      names.includes(t.name) &&
      (t.name !== 'Epic' || hasEpicWorkItems(ctx)) &&
      (okrTypes || (t.name !== 'Objective' && t.name !== 'Key Result')),
  );
  // A top-level group's custom types are listed in it and in everything below it.
  return hasCustomTypes(ctx) ? [...base, ...ctx.store.customTypesFor(ns)] : base;
}

/**
 * Whether items of this type can be created here: a custom type takes the issue type's place,
 * so its items live in projects only.
 */
function creatableIn(ns: Namespace, type: WorkItemTypeInfo): boolean {
  return !type.custom || ns.kind === 'project';
}

interface Widget {
  widgetType: WidgetTypeName;
  item: WorkItemRecord;
}
interface WidgetDefinition {
  widgetType: WidgetTypeName;
  owner: WorkItemTypeInfo;
}
interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

// ---- pagination ------------------------------------------------------------------------------

function cursorOf(id: number | string): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString('base64');
}

function idInCursor(cursor: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : null;
  } catch {
    return null;
  }
}

/** A GitLab connection: cursor pagination, at most 100 a page, `count` of all matches. */
export function connection<T>(all: T[], args: PageArgs, idOf: (node: T) => number | string) {
  let start = 0;
  let end = all.length;
  if (args.after) {
    const id = idInCursor(args.after);
    const at = all.findIndex((node) => String(idOf(node)) === id);
    if (id === null) throw new GraphQLError('Please provide a valid cursor');
    start = at + 1;
  }
  if (args.before) {
    const id = idInCursor(args.before);
    const at = all.findIndex((node) => String(idOf(node)) === id);
    if (at >= 0) end = at;
  }
  const first = Math.min(args.first ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const last = args.last == null ? null : Math.min(args.last, MAX_PAGE_SIZE);
  if (first < 0 || (last !== null && last < 0)) throw new GraphQLError('Argument must be positive');
  let slice = all.slice(start, end);
  const beforeLast = slice.length;
  if (args.last != null && args.first == null)
    slice = slice.slice(Math.max(0, slice.length - (last ?? 0)));
  else slice = slice.slice(0, first);
  const edges = slice.map((node) => ({ cursor: cursorOf(idOf(node)), node }));
  return {
    count: all.length,
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage:
        args.last != null && args.first == null ? end < all.length : start + slice.length < end,
      hasPreviousPage:
        args.last != null && args.first == null
          ? slice.length < beforeLast || start > 0
          : start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

// ---- shapes ---------------------------------------------------------------------------------

function timeOfDate(date: string | null): string | null {
  return date === null ? null : `${date}T00:00:00Z`;
}

function userCore(ctx: GraphQLContext, user: User) {
  return {
    id: gid.user(user.id),
    username: user.username,
    name: user.name,
    bot: user.bot === true,
    avatarUrl: `/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    state: 'active',
    webUrl: `${ctx.baseUrl}/${user.username}`,
    webPath: `/${user.username}`,
    publicEmail: null,
  };
}

function milestoneShape(ctx: GraphQLContext, m: Milestone) {
  const today = ctx.store.nowIso().slice(0, 10);
  const ns = ctx.store.namespace(m.namespacePath);
  return {
    id: gid.milestone(m.id),
    iid: String(m.iid),
    title: m.title,
    description: m.description,
    state: m.state,
    startDate: timeOfDate(m.startDate),
    dueDate: timeOfDate(m.dueDate),
    expired: m.dueDate !== null && m.dueDate < today,
    upcoming: m.startDate !== null && m.startDate > today,
    webPath:
      ns?.kind === 'group'
        ? `/groups/${m.namespacePath}/-/milestones/${m.iid}`
        : `/${m.namespacePath}/-/milestones/${m.iid}`,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

function noteShape(ctx: GraphQLContext, item: WorkItemRecord, note: NoteRecord) {
  const author = ctx.store.users.get(note.authorId);
  return {
    id: gid.note(note.id),
    body: note.body,
    author: author ? userCore(ctx, author) : null,
    createdAt: note.createdAt,
    updatedAt: note.createdAt,
    system: note.system,
    systemNoteIconName: note.systemNoteIconName,
    internal: note.internal,
    url: `${ctx.baseUrl}${ctx.store.webPath(item)}#note_${note.id}`,
    discussionId: note.discussionId,
  };
}

function visibleNotes(
  ctx: GraphQLContext,
  item: WorkItemRecord,
  filter: string | undefined,
): NoteRecord[] {
  const ns = ctx.store.namespace(item.namespacePath);
  const seesInternal = ns !== undefined && ctx.store.accessLevel(ctx.userId, ns) >= 15;
  return item.notes.filter((note) => {
    if (note.internal && !seesInternal) return false;
    if (filter === 'ONLY_COMMENTS') return !note.system;
    if (filter === 'ONLY_ACTIVITY') return note.system;
    return true;
  });
}

function readable(ctx: GraphQLContext, item: WorkItemRecord | undefined): WorkItemRecord | null {
  if (item?.type === 'Epic' && !hasEpicWorkItems(ctx)) return null;
  if (item && ctx.store.typeInfo(item.type).custom && !hasCustomTypes(ctx)) return null;
  return item && ctx.store.canRead(ctx.userId, item) ? item : null;
}

/** The chain above an item that the user may read: it stops at the first hidden ancestor. */
function readableAncestors(ctx: GraphQLContext, item: WorkItemRecord): WorkItemRecord[] {
  const chain: WorkItemRecord[] = [];
  for (
    let p = ctx.store.parentOf(item);
    p && ctx.store.canRead(ctx.userId, p);
    p = ctx.store.parentOf(p)
  )
    chain.unshift(p);
  return chain;
}

function descendantsOf(ctx: GraphQLContext, item: WorkItemRecord): WorkItemRecord[] {
  return ctx.store.childrenOf(item.id).flatMap((child) => [child, ...descendantsOf(ctx, child)]);
}

// ---- lists ----------------------------------------------------------------------------------

/** `NegatedWorkItemFilterInput`, the part the sandbox serves. */
interface NegatedFilters {
  labelName?: string[] | null;
  types?: string[] | null;
  workItemTypeIds?: string[] | null;
}

/** `UnionedWorkItemFilterInput`, the part the sandbox serves. */
interface UnionedFilters {
  labelNames?: string[] | null;
}

interface WorkItemFilters extends PageArgs {
  iids?: string[] | null;
  types?: string[] | null;
  workItemTypeIds?: string[] | null;
  not?: NegatedFilters | null;
  or?: UnionedFilters | null;
  state?: string | null;
  assigneeUsernames?: string[] | null;
  milestoneTitle?: string[] | null;
  labelName?: string[] | null;
  search?: string | null;
  confidential?: boolean | null;
  sort?: string | null;
  includeDescendants?: boolean | null;
}

/** `ns` null = everywhere the user can see (`currentUser.workItems`, GitLab 17.10+). */
function workItemsIn(ctx: GraphQLContext, ns: Namespace | null, args: WorkItemFilters) {
  const { store } = ctx;
  const inScope = (item: WorkItemRecord) =>
    ns === null ||
    item.namespacePath === ns.fullPath ||
    (args.includeDescendants === true && item.namespacePath.startsWith(`${ns.fullPath}/`));
  const matches = [...store.workItems.values()].filter((item) => {
    if (!inScope(item) || !readable(ctx, item)) return false;
    if (args.iids && !args.iids.includes(String(item.iid))) return false;
    if (!typeMatches(store, item, args.types, args.workItemTypeIds, true)) return false;
    if (args.not && !typeMatches(store, item, args.not.types, args.not.workItemTypeIds, false))
      return false;
    if (!labelsMatch(store, item, args)) return false;
    if (args.state === 'opened' && item.state !== 'opened') return false;
    if (args.state === 'closed' && item.state !== 'closed') return false;
    if (args.confidential != null && item.confidential !== args.confidential) return false;
    if (args.assigneeUsernames?.length) {
      const usernames = item.assigneeIds.map((id) => store.users.get(id)?.username);
      if (!args.assigneeUsernames.every((u) => usernames.includes(u))) return false;
    }
    if (
      args.milestoneTitle?.length &&
      !args.milestoneTitle.includes(store.milestone(item.milestoneId)?.title ?? '\0')
    )
      return false;
    if (args.search) {
      const needle = args.search.toLowerCase();
      if (
        !item.title.toLowerCase().includes(needle) &&
        !item.description.toLowerCase().includes(needle)
      )
        return false;
    }
    return true;
  });
  return connection(sortWorkItems(matches, args.sort ?? 'CREATED_DESC'), args, (item) => item.id);
}

/**
 * The type filters: `types` (IssueType enum values) and `workItemTypeIds` (type global ids), both
 * meaning "one of these"; negated (`not:`), "none of these". An empty or absent list filters
 * nothing. `types` names system-defined types only (it filters on their ids), so an item of a
 * custom type is found through `workItemTypeIds` alone.
 */
function typeMatches(
  store: SandboxStore,
  item: WorkItemRecord,
  types: string[] | null | undefined,
  typeIds: string[] | null | undefined,
  wanted: boolean,
): boolean {
  const info = store.typeInfo(item.type);
  const enumName = info.custom ? null : info.enumName;
  if (types?.length && types.includes(enumName ?? '') !== wanted) return false;
  if (typeIds?.length && typeIds.includes(gid.type(info.id)) !== wanted) return false;
  return true;
}

/**
 * The label filters as GitLab's IssuableFinder applies them (app/finders/issuable_finder.rb
 * `by_label`, app/finders/issuables/label_filter.rb): `labelName` needs every label named (exact
 * titles), or is the wildcard `None` (no label) / `Any` (at least one); `or: { labelNames }` needs
 * at least one; `not: { labelName }` none of them.
 */
function labelsMatch(store: SandboxStore, item: WorkItemRecord, args: WorkItemFilters): boolean {
  const titles = item.labelIds.flatMap((id) => store.labels.get(id)?.title ?? []);
  const wanted = args.labelName ?? [];
  const wildcard = wanted.length === 1 ? wanted[0]?.toLowerCase() : undefined;
  if (wildcard === 'none') {
    if (titles.length > 0) return false;
  } else if (wildcard === 'any') {
    if (titles.length === 0) return false;
  } else if (!wanted.every((l) => titles.includes(l))) return false;
  const anyOf = args.or?.labelNames ?? [];
  if (anyOf.length && !anyOf.some((l) => titles.includes(l))) return false;
  const noneOf = args.not?.labelName ?? [];
  return !noneOf.some((l) => titles.includes(l));
}

function sortWorkItems(items: WorkItemRecord[], sort: string): WorkItemRecord[] {
  const key = sort.toUpperCase();
  const by =
    (value: (i: WorkItemRecord) => string | number) => (a: WorkItemRecord, b: WorkItemRecord) => {
      const [x, y] = [value(a), value(b)];
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    };
  const sorted = [...items];
  if (key.startsWith('UPDATED')) sorted.sort(by((i) => i.updatedAt));
  else if (key.startsWith('TITLE')) sorted.sort(by((i) => i.title.toLowerCase()));
  else if (key.startsWith('DUE_DATE')) sorted.sort(by((i) => i.dueDate ?? '9999'));
  else sorted.sort(by((i) => i.createdAt));
  return key.endsWith('_DESC') ? sorted.reverse() : sorted;
}

/** `#12`, `group/project#12`, or a work item / issue URL, as `workItemsByReference` accepts. */
function resolveReference(
  ctx: GraphQLContext,
  ref: string,
  contextPath: string | null,
): WorkItemRecord | undefined {
  const url = /\/(?:groups\/)?([\w.-]+(?:\/[\w.-]+)*)\/-\/(?:work_items|issues|epics)\/(\d+)/.exec(
    ref,
  );
  if (url?.[1] && url[2]) {
    const path = url[1].replace(/^gitlab\//, '');
    return (
      ctx.store.workItemByIid(path, Number(url[2])) ??
      ctx.store.workItemByIid(url[1], Number(url[2]))
    );
  }
  const full = /^([\w.-]+(?:\/[\w.-]+)*)?[#&](\d+)$/.exec(ref.trim());
  if (!full?.[2]) return undefined;
  const path = full[1] ?? contextPath;
  return path ? ctx.store.workItemByIid(path, Number(full[2])) : undefined;
}

// ---- resolvers ------------------------------------------------------------------------------

function namespaceFields() {
  return {
    workItem: (ns: Namespace, args: { iid: string }, ctx: GraphQLContext) =>
      readable(ctx, ctx.store.workItemByIid(ns.fullPath, Number(args.iid))),
    workItems: (ns: Namespace, args: WorkItemFilters, ctx: GraphQLContext) =>
      workItemsIn(ctx, ns, args),
    // ee/app/graphql/resolvers/issuables/custom_fields_resolver.rb over the top-level group's
    // fields: `active`, `fieldType`, `search` (name, case-insensitive) and `workItemTypeId`.
    customFields: (
      ns: Namespace,
      args: PageArgs & {
        active?: boolean | null;
        fieldType?: string | null;
        search?: string | null;
        workItemTypeId?: string | null;
      },
      ctx: GraphQLContext,
    ) =>
      connection(
        ctx.store
          .customFieldsOf(ns)
          .filter((f) => args.active == null || f.active === args.active)
          .filter((f) => !args.fieldType || f.fieldType === args.fieldType)
          .filter((f) => !args.search || f.name.toLowerCase().includes(args.search.toLowerCase()))
          .filter(
            (f) =>
              !args.workItemTypeId ||
              f.workItemTypeIds.some((id) => gid.type(id) === args.workItemTypeId),
          ),
        args,
        (f) => f.id,
      ),
    workItemTypes: (
      ns: Namespace,
      args: PageArgs & { name?: string | null },
      ctx: GraphQLContext,
    ) =>
      connection(
        typesOffered(ns, ctx).filter((t) => !args.name || t.enumName === args.name),
        args,
        (t) => t.id,
      ),
    webUrl: (ns: Namespace, _: unknown, ctx: GraphQLContext) =>
      ns.kind === 'group'
        ? `${ctx.baseUrl}/groups/${ns.fullPath}`
        : `${ctx.baseUrl}/${ns.fullPath}`,
    path: (ns: Namespace) => ns.fullPath.split('/').at(-1),
    fullName: (ns: Namespace, _: unknown, ctx: GraphQLContext) => fullNameOf(ctx, ns),
    visibility: (ns: Namespace) => ns.visibility,
  };
}

type MilestoneSortValue =
  | 'DUE_DATE_ASC'
  | 'DUE_DATE_DESC'
  | 'EXPIRED_LAST_DUE_DATE_ASC'
  | 'EXPIRED_LAST_DUE_DATE_DESC'
  | 'UPDATED_ASC'
  | 'UPDATED_DESC'
  | 'CREATED_ASC'
  | 'CREATED_DESC'
  | 'updated_asc'
  | 'updated_desc'
  | 'created_asc'
  | 'created_desc';

interface MilestoneArgs extends PageArgs {
  ids?: string[] | null;
  state?: 'active' | 'closed' | null;
  title?: string | null;
  searchTitle?: string | null;
  containingDate?: string | null;
  timeframe?: { start: string; end: string } | null;
  sort?: MilestoneSortValue | null;
  includeAncestors?: boolean | null;
  /** Group only (GitLab's project resolver has no such argument). */
  includeDescendants?: boolean | null;
}

/**
 * Whose milestones `Project.milestones` / `Group.milestones` list, as GitLab chooses them
 * (app/graphql/resolvers/project_milestones_resolver.rb and group_milestones_resolver.rb, through
 * app/api/concerns/milestones/group_project_params.rb, which the REST API shares):
 * - a project: its own; with `includeAncestors`, also its group's and that group's ancestors'
 *   (no visibility filter on those groups);
 * - a group: its own; `includeAncestors` adds its ancestors, `includeDescendants` its subgroups
 *   and every project below it (GroupProjectsFinder with include_subgroups, the ones whose
 *   issues the user may see); with both, the whole hierarchy. The groups are cut to the ones the
 *   user may see (`public_or_visible_to_user`).
 * Every argument is in each version profile: none carries GitLab's "Introduced in" note, and the
 * resolvers had them long before 17.0 (group `includeDescendants` and project `includeAncestors`
 * in 13.x, group `includeAncestors` with them in the shared concern in 14.x).
 */
function milestoneOwners(ctx: GraphQLContext, ns: Namespace, args: MilestoneArgs): Set<string> {
  const { store } = ctx;
  const ancestors = (from: Namespace | undefined) => {
    const found: Namespace[] = [];
    for (let up = from; up; up = store.parentNamespace(up)) found.push(up);
    return found;
  };
  if (ns.kind === 'project') {
    const owners = new Set([ns.fullPath]);
    if (args.includeAncestors)
      for (const group of ancestors(store.parentNamespace(ns))) owners.add(group.fullPath);
    return owners;
  }
  if (!args.includeAncestors && !args.includeDescendants) return new Set([ns.fullPath]);
  const below = (other: Namespace) => other.fullPath.startsWith(`${ns.fullPath}/`);
  const groups = [ns, ...(args.includeAncestors ? ancestors(store.parentNamespace(ns)) : [])];
  const projects: Namespace[] = [];
  if (args.includeDescendants)
    for (const other of store.namespaces.values())
      if (below(other)) (other.kind === 'group' ? groups : projects).push(other);
  return new Set(
    [...groups, ...projects]
      .filter((owner) => store.canReadNamespace(ctx.userId, owner))
      .map((owner) => owner.fullPath),
  );
}

/**
 * `Project.milestones` / `Group.milestones`: the owners above, filtered and ordered as
 * app/graphql/resolvers/milestones_resolver.rb and app/finders/milestones_finder.rb do. `state`
 * defaults to all; `ids` and `title` together match either; `searchTitle` is GitLab's fuzzy
 * match (lib/gitlab/sql/pattern.rb: 3 characters or more anywhere in the title, ignoring case,
 * a shorter term equals it); `timeframe` and `containingDate` keep milestones overlapping the
 * range (app/models/concerns/timebox.rb `within_timeframe`: at least one date, an open side
 * overlaps); `timeframe` with its end before its start is refused
 * (app/graphql/types/range_input_type.rb). Sorted by due date (soonest first, undated last)
 * unless `sort` says otherwise.
 */
function milestonesOf(ctx: GraphQLContext, ns: Namespace, args: MilestoneArgs) {
  const { store } = ctx;
  if (args.timeframe && args.timeframe.end < args.timeframe.start)
    throw new GraphQLError('start must be before end');
  const ids = (args.ids ?? []).map((id) => {
    const parsed = idFromGid(id, 'Milestone');
    if (parsed === null) throw new GraphQLError(`${id} is not a valid ID for Milestone.`);
    return parsed;
  });
  const owners = milestoneOwners(ctx, ns, args);
  const state = args.state ?? 'all';
  const term = args.searchTitle?.trim().toLowerCase() ?? '';
  const within = (m: Milestone, start: string, end: string) =>
    (m.startDate !== null || m.dueDate !== null) &&
    (m.startDate === null || m.startDate <= end) &&
    (m.dueDate === null || m.dueDate >= start);
  const containing = args.containingDate?.slice(0, 10);
  const found = [...store.milestones.values()].filter(
    (m) =>
      owners.has(m.namespacePath) &&
      (ids.length === 0 && !args.title
        ? true
        : ids.includes(m.id) || (!!args.title && m.title === args.title)) &&
      (term === '' ||
        (term.length >= 3
          ? m.title.toLowerCase().includes(term)
          : m.title.toLowerCase() === term)) &&
      (state === 'all' || m.state === state) &&
      (!args.timeframe || within(m, args.timeframe.start, args.timeframe.end)) &&
      (!containing || within(m, containing, containing)),
  );
  const sorted = sortMilestones(found, args.sort ?? 'DUE_DATE_ASC', ctx);
  return connection(
    sorted.map((m) => milestoneShape(ctx, m)),
    args,
    (m) => m.id,
  );
}

/** GitLab's milestone orders (app/models/concerns/timebox.rb `sort_by_attribute`, `sort_with_expired_last`). */
function sortMilestones(list: Milestone[], sort: MilestoneSortValue, ctx: GraphQLContext) {
  const today = ctx.store.nowIso().slice(0, 10);
  const key = sort.toUpperCase();
  const byDue = (a: Milestone, b: Milestone, descending: boolean) => {
    if (a.dueDate === b.dueDate) return a.id - b.id;
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return descending ? b.dueDate.localeCompare(a.dueDate) : a.dueDate.localeCompare(b.dueDate);
  };
  // Non-expired with a due date, then non-expired without one, then expired.
  const expiredRank = (m: Milestone) => (m.dueDate === null ? 1 : m.dueDate < today ? 2 : 0);
  const compare: Record<string, (a: Milestone, b: Milestone) => number> = {
    DUE_DATE_ASC: (a, b) => byDue(a, b, false),
    DUE_DATE_DESC: (a, b) => byDue(a, b, true),
    EXPIRED_LAST_DUE_DATE_ASC: (a, b) => expiredRank(a) - expiredRank(b) || byDue(a, b, false),
    EXPIRED_LAST_DUE_DATE_DESC: (a, b) => expiredRank(a) - expiredRank(b) || byDue(a, b, true),
    UPDATED_ASC: (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id,
    UPDATED_DESC: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id,
    CREATED_ASC: (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
    CREATED_DESC: (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  };
  return [...list].sort(compare[key] ?? compare.DUE_DATE_ASC);
}

interface GroupLabelArgs extends PageArgs {
  title?: string | null;
  searchTerm?: string | null;
  searchIn: ('TITLE' | 'DESCRIPTION')[];
  includeAncestorGroups: boolean;
  includeDescendantGroups: boolean;
  onlyGroupLabels: boolean;
}

/**
 * `Group.labels`, as GitLab's LabelsFinder answers it for a group (app/finders/labels_finder.rb,
 * app/graphql/resolvers/group_labels_resolver.rb and labels_resolver.rb): the group's labels
 * (and its ancestors' or descendant groups' when asked), the group labels of the groups its
 * projects sit in, and those projects' own labels unless `onlyGroupLabels`; projects of
 * descendant groups only with `includeDescendantGroups`. `title` matches exactly; `searchTerm`
 * goes through `Label.search(term, search_in:)`, GitLab's fuzzy match (lib/gitlab/sql/pattern.rb):
 * a term of 3 characters or more is found anywhere in the field, ignoring case, a shorter one
 * must equal it. Sorted by title; only what the user may read.
 */
function groupLabels(ctx: GraphQLContext, group: Namespace, args: GroupLabelArgs) {
  const { store } = ctx;
  const below = (path: string, top: string) => path.startsWith(`${top}/`);
  const readable = [...store.namespaces.values()].filter((ns) =>
    store.canReadNamespace(ctx.userId, ns),
  );
  const groups = new Set([group.fullPath]);
  if (args.includeAncestorGroups)
    for (let up = store.parentNamespace(group); up; up = store.parentNamespace(up))
      groups.add(up.fullPath);
  const inScope = (ns: Namespace) =>
    args.includeDescendantGroups
      ? below(ns.fullPath, group.fullPath)
      : store.parentNamespace(ns)?.fullPath === group.fullPath;
  for (const ns of readable)
    if (ns.kind === 'group' && args.includeDescendantGroups && inScope(ns)) groups.add(ns.fullPath);
  const projects = new Set(
    readable.filter((ns) => ns.kind === 'project' && inScope(ns)).map((ns) => ns.fullPath),
  );
  for (const path of projects) {
    const parent = store.parentNamespace(store.namespace(path)!);
    if (parent) groups.add(parent.fullPath);
  }
  const term = args.searchTerm?.trim().toLowerCase() ?? '';
  const matches = (text: string | null) => {
    const value = (text ?? '').toLowerCase();
    return term.length >= 3 ? value.includes(term) : value === term;
  };
  return [...store.labels.values()]
    .filter(
      (label) =>
        groups.has(label.namespacePath) ||
        (!args.onlyGroupLabels && projects.has(label.namespacePath)),
    )
    .filter((label) => args.title == null || label.title === args.title)
    .filter(
      (label) =>
        !term ||
        (args.searchIn.includes('TITLE') && matches(label.title)) ||
        (args.searchIn.includes('DESCRIPTION') && matches(label.description)),
    )
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((label) => ({ ...label, id: store.labelGid(label) }));
}

/** Every type that may sit somewhere below this one (GitLab's `WorkItems::Type#descendant_types`). */
function descendantTypes(store: SandboxStore, name: WorkItemTypeName): WorkItemTypeName[] {
  const found: WorkItemTypeName[] = [];
  const visit = (parent: WorkItemTypeName) => {
    for (const child of store.typeInfo(parent).allowedChildTypes) {
      if (found.includes(child)) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(name);
  return found;
}

/**
 * GitLab's `max_depth_reached?(child_type)` (app/models/work_item.rb): a child of the item's own
 * type would go past the restriction's maximum depth.
 */
function depthLimitReached(
  ctx: GraphQLContext,
  item: WorkItemRecord,
  childType: WorkItemTypeName,
): boolean {
  if (childType !== item.type) return false;
  const restriction = HIERARCHY_RESTRICTIONS.find(
    (r) => r.parent === item.type && r.child === childType,
  );
  return restriction !== undefined && ctx.store.sameTypeLevel(item) >= restriction.maximumDepth;
}

function fullNameOf(ctx: GraphQLContext, ns: Namespace): string {
  const parent = ctx.store.parentNamespace(ns);
  return parent ? `${fullNameOf(ctx, parent)} / ${ns.name}` : ns.name;
}

function findNamespace(
  ctx: GraphQLContext,
  fullPath: string,
  kind?: Namespace['kind'],
): Namespace | null {
  const ns = ctx.store.namespace(fullPath);
  if (!ns || (kind && ns.kind !== kind) || !ctx.store.canReadNamespace(ctx.userId, ns)) return null;
  return ns;
}

function requireMutationAccess(ctx: GraphQLContext): number {
  if (!ctx.canMutate || ctx.userId === null) throw new GraphQLError(RESOURCE_ACCESS_ERROR);
  return ctx.userId;
}

function workItemForWrite(ctx: GraphQLContext, id: string): WorkItemRecord {
  const userId = requireMutationAccess(ctx);
  const item = ctx.store.workItem(idFromGid(id, 'WorkItem') ?? -1);
  const ns = item && ctx.store.namespace(item.namespacePath);
  if (!item || !ns || !ctx.store.canRead(userId, item) || !ctx.store.canWrite(userId, ns))
    throw new GraphQLError(RESOURCE_ACCESS_ERROR);
  return item;
}

function userIdsFrom(ctx: GraphQLContext, ids: string[]): number[] {
  return ids
    .map((id) => idFromGid(id, 'User'))
    .filter((id): id is number => id !== null && ctx.store.users.has(id));
}

interface WidgetInputs {
  weightWidget?: { weight?: number | null } | null;
  customFieldsWidget?:
    { customFieldId: string; numberValue?: number | null; textValue?: string | null }[] | null;
  assigneesWidget?: { assigneeIds: string[] } | null;
  descriptionWidget?: { description: string } | null;
  healthStatusWidget?: { healthStatus?: HealthStatus | null } | null;
  milestoneWidget?: { milestoneId?: string | null } | null;
  startAndDueDateWidget?: {
    startDate?: string | null;
    dueDate?: string | null;
    isFixed?: boolean | null;
  } | null;
  labelsWidget?: {
    labelIds?: string[];
    addLabelIds?: string[] | null;
    removeLabelIds?: string[] | null;
  } | null;
}

/** `customFieldsWidget` with the fields' numeric ids (an id of another model counts as none). */
function customFieldInputs(
  widget: NonNullable<WidgetInputs['customFieldsWidget']>,
): CustomFieldInput[] {
  return widget.map((entry) => ({
    customFieldId: idFromGid(entry.customFieldId, 'Issuables::CustomField') ?? 0,
    ...(entry.numberValue !== undefined ? { numberValue: entry.numberValue } : {}),
    ...(entry.textValue !== undefined ? { textValue: entry.textValue } : {}),
  }));
}

/**
 * Checks ids in the widget inputs before anything is written, as GitLab validates first (its
 * custom field callback runs inside the save's transaction: a refusal leaves nothing written).
 * `target` is the item, or what is about to be created.
 */
function widgetProblems(
  ctx: GraphQLContext,
  ns: Namespace,
  input: WidgetInputs,
  target?: { namespacePath: string; type: WorkItemTypeName },
): string[] {
  const problems: string[] = [];
  if (target && input.customFieldsWidget?.length) {
    const custom = ctx.store.customFieldsProblem(
      target,
      customFieldInputs(input.customFieldsWidget),
    );
    if (custom) problems.push(custom);
  }
  const weight = weightProblem(input.weightWidget?.weight ?? null);
  if (weight) problems.push(weight);
  const milestoneId = input.milestoneWidget?.milestoneId;
  if (milestoneId) {
    const m = ctx.store.milestone(idFromGid(milestoneId, 'Milestone'));
    if (!m || !ctx.store.milestonesFor(ns).includes(m))
      problems.push("Milestone doesn't exist or you don't have permission to view it");
  }
  return problems;
}

function applyWidgets(
  ctx: GraphQLContext,
  item: WorkItemRecord,
  input: WidgetInputs,
  actorId: number,
  writeNotes: boolean,
): void {
  const { store } = ctx;
  if (input.assigneesWidget) {
    const before = item.assigneeIds;
    item.assigneeIds = userIdsFrom(ctx, input.assigneesWidget.assigneeIds);
    const added = item.assigneeIds
      .filter((id) => !before.includes(id))
      .map((id) => `@${store.users.get(id)?.username}`);
    if (writeNotes && added.length)
      store.addNote(item, {
        authorId: actorId,
        body: `assigned to ${added.join(' and ')}`,
        system: true,
        systemNoteIconName: 'user',
      });
  }
  if (input.descriptionWidget) item.description = input.descriptionWidget.description;
  if (input.milestoneWidget) {
    const m = input.milestoneWidget.milestoneId
      ? store.milestone(idFromGid(input.milestoneWidget.milestoneId, 'Milestone'))
      : undefined;
    item.milestoneId = m?.id ?? null;
    if (writeNotes)
      store.addNote(item, {
        authorId: actorId,
        body: m ? `changed milestone to %"${m.title}"` : 'removed milestone',
        system: true,
        systemNoteIconName: 'milestone',
      });
  }
  if (input.startAndDueDateWidget) {
    if (input.startAndDueDateWidget.startDate !== undefined)
      item.startDate = input.startAndDueDateWidget.startDate ?? null;
    if (input.startAndDueDateWidget.dueDate !== undefined)
      item.dueDate = input.startAndDueDateWidget.dueDate ?? null;
  }
  if (input.labelsWidget) {
    const ids = (list: string[] | null | undefined) =>
      (list ?? [])
        .map((id) => idFromGid(id, 'Label'))
        .filter((id): id is number => id !== null && store.labels.has(id));
    const add = ids(input.labelsWidget.labelIds ?? input.labelsWidget.addLabelIds);
    const remove = ids(input.labelsWidget.removeLabelIds);
    item.labelIds = store.labelIdsAfter(item, add, remove);
  }
  if (input.weightWidget && input.weightWidget.weight !== undefined) {
    // ee/app/services/work_items/callbacks/weight.rb: only where `weight_available?` (an epic's
    // weight widget is not editable: GitLab ignores the value and keeps rolling up).
    if (WEIGHT_OPTIONS[store.baseTypeOf(item.type)]?.editable)
      item.weight = input.weightWidget.weight ?? null;
  }
  if (input.customFieldsWidget?.length)
    store.setCustomFieldValues(item, customFieldInputs(input.customFieldsWidget), actorId);
  if (input.healthStatusWidget && input.healthStatusWidget.healthStatus !== undefined) {
    if (writeNotes)
      store.setHealthStatus(item, input.healthStatusWidget.healthStatus ?? null, actorId);
    else item.healthStatus = input.healthStatusWidget.healthStatus ?? null;
  }
}

// ---- quick actions -------------------------------------------------------------------------

interface QuickActionsRun {
  /** The body without the commands GitLab ran (commands it does not offer stay as text). */
  content: string;
  /** `Notes::QuickActionsStatus#to_h` (app/models/notes/quick_actions_status.rb). */
  status: {
    commandNames: string[];
    commandsOnly: boolean;
    messages: string[] | null;
    errorMessages: string[] | null;
  };
}

/**
 * The one quick action the sandbox knows, `/checkin_reminder`, as GitLab runs it
 * (ee/lib/ee/gitlab/quick_actions/work_item_actions.rb): offered only where the project's
 * `okr_checkin_reminders` flag is on, on objectives, to users who may `admin_issue` in the
 * project (Planner or more). Anywhere else GitLab does not extract it: the line stays in the
 * comment as literal text and nothing reports an error. The status follows
 * app/services/notes/create_service.rb (`do_commands`): the extracted command names, whether the
 * body held commands only, the execution messages, and "Failed to apply commands." for a body of
 * commands only that produced no message (an unknown frequency).
 */
function runQuickActions(
  ctx: GraphQLContext,
  item: WorkItemRecord,
  body: string,
  actorId: number,
): QuickActionsRun {
  const ns = ctx.store.namespace(item.namespacePath);
  const offered =
    ns?.okrCheckinReminders === true &&
    item.type === 'Objective' &&
    ctx.store.accessLevel(actorId, ns) >= ACCESS.planner;
  const commandNames: string[] = [];
  const messages: string[] = [];
  const kept: string[] = [];
  for (const line of body.split('\n')) {
    const command = offered ? /^\/checkin_reminder(?:\s+(\S+))?\s*$/.exec(line.trim()) : null;
    if (!command) {
      kept.push(line);
      continue;
    }
    commandNames.push('checkin_reminder');
    const frequency = REMINDER_FREQUENCIES.find(
      (f) => f === command[1]?.toLowerCase().replace(/-/g, '_'),
    );
    if (!frequency) continue;
    ctx.store.setCheckinReminder(item, frequency, actorId);
    messages.push('Checkin reminder has been enabled.');
  }
  const content = kept.join('\n').trim();
  const commandsOnly = content === '' && commandNames.length > 0;
  const failed = commandsOnly && messages.length === 0;
  return {
    content,
    status: {
      commandNames,
      commandsOnly,
      messages: messages.length ? [messages.join(' ')] : null,
      errorMessages: failed ? ['Failed to apply commands.'] : null,
    },
  };
}

function createResolvers() {
  return {
    Query: {
      currentUser: (_: unknown, __: unknown, ctx: GraphQLContext) => {
        const user = ctx.userId === null ? undefined : ctx.store.users.get(ctx.userId);
        return user ? userCore(ctx, user) : null;
      },
      namespace: (_: unknown, args: { fullPath: string }, ctx: GraphQLContext) =>
        findNamespace(ctx, args.fullPath),
      project: (_: unknown, args: { fullPath: string }, ctx: GraphQLContext) =>
        findNamespace(ctx, args.fullPath, 'project'),
      group: (_: unknown, args: { fullPath: string }, ctx: GraphQLContext) =>
        findNamespace(ctx, args.fullPath, 'group'),
      workItem: (_: unknown, args: { id: string }, ctx: GraphQLContext) =>
        readable(ctx, ctx.store.workItem(idFromGid(args.id, 'WorkItem') ?? -1)),
      workItemsByReference: (
        _: unknown,
        args: PageArgs & { contextNamespacePath?: string | null; refs: string[] },
        ctx: GraphQLContext,
      ) => {
        if (args.refs.length > 10)
          throw new GraphQLError(
            'Number of references exceeds the limit. Please provide no more than 10 references at the same time.',
          );
        const found = args.refs
          .map((ref) =>
            readable(ctx, resolveReference(ctx, ref, args.contextNamespacePath ?? null)),
          )
          .filter((item): item is WorkItemRecord => item !== null);
        return connection([...new Set(found)], args, (item) => item.id);
      },
      queryComplexity: (
        _: unknown,
        __: unknown,
        ctx: GraphQLContext & { complexity?: number; maxComplexity?: number },
      ) => ({ limit: ctx.maxComplexity ?? 250, score: ctx.complexity ?? 0 }),
      // app/graphql/types/query_type.rb `field :metadata` with `authorize :read_instance_metadata`:
      // null for an anonymous caller.
      metadata: (_: unknown, __: unknown, ctx: GraphQLContext) =>
        ctx.userId === null ? null : instanceMetadata(ctx.profile),
    },

    CurrentUser: {
      workItems: (_: unknown, args: WorkItemFilters, ctx: GraphQLContext) =>
        workItemsIn(ctx, null, args),
    },
    Namespace: {
      ...namespaceFields(),
      id: (ns: Namespace) => (ns.kind === 'group' ? gid.group(ns.id) : gid.namespace(ns.id)),
    },
    Project: {
      ...namespaceFields(),
      id: (ns: Namespace) => gid.project(ns.id),
      nameWithNamespace: (ns: Namespace, _: unknown, ctx: GraphQLContext) => fullNameOf(ctx, ns),
      group: (ns: Namespace, _: unknown, ctx: GraphQLContext) =>
        ctx.store.parentNamespace(ns) ?? null,
      namespace: (ns: Namespace, _: unknown, ctx: GraphQLContext) =>
        ctx.store.parentNamespace(ns) ?? null,
      milestones: (ns: Namespace, args: MilestoneArgs, ctx: GraphQLContext) =>
        milestonesOf(ctx, ns, args),
    },
    Group: {
      ...namespaceFields(),
      labels: (ns: Namespace, args: GroupLabelArgs, ctx: GraphQLContext) =>
        connection(groupLabels(ctx, ns, args), args, (l) => l.id),
      milestones: (ns: Namespace, args: MilestoneArgs, ctx: GraphQLContext) =>
        milestonesOf(ctx, ns, args),
      id: (ns: Namespace) => gid.group(ns.id),
      parent: (ns: Namespace, _: unknown, ctx: GraphQLContext) =>
        ctx.store.parentNamespace(ns) ?? null,
    },

    WorkItem: {
      id: (item: WorkItemRecord) => gid.workItem(item.id),
      iid: (item: WorkItemRecord) => String(item.iid),
      state: (item: WorkItemRecord) => (item.state === 'opened' ? 'OPEN' : 'CLOSED'),
      reference: (item: WorkItemRecord, args: { full?: boolean }, ctx: GraphQLContext) =>
        ctx.store.reference(item, args.full === true),
      webUrl: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) =>
        `${ctx.baseUrl}${ctx.store.webPath(item)}`,
      webPath: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) =>
        `${new URL(ctx.baseUrl).pathname.replace(/\/$/, '')}${ctx.store.webPath(item)}`,
      author: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) => {
        const author = ctx.store.users.get(item.authorId);
        return author ? userCore(ctx, author) : null;
      },
      workItemType: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) =>
        ctx.store.typeInfo(item.type),
      namespace: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) =>
        ctx.store.namespace(item.namespacePath) ?? null,
      project: (item: WorkItemRecord, _: unknown, ctx: GraphQLContext) => {
        const ns = ctx.store.namespace(item.namespacePath);
        return ns?.kind === 'project' ? ns : null;
      },
      widgets: (
        item: WorkItemRecord,
        args: { onlyTypes?: string[] | null; exceptTypes?: string[] | null },
        ctx: GraphQLContext,
        info: GraphQLResolveInfo,
      ): Widget[] =>
        ctx.store
          .typeInfo(item.type)
          // A widget the played GitLab does not have yet (its type is not in the profile's schema).
          .widgets.filter((w) => info.schema.getType(WIDGET_TYPENAMES[w]) !== undefined)
          .filter((w) => !ctx.hiddenWidgets.includes(w))
          .filter((w) => !args.onlyTypes || args.onlyTypes.includes(w))
          .filter((w) => !args.exceptTypes?.includes(w))
          .map((widgetType) => ({ widgetType, item })),
    },

    WorkItemType: {
      id: (t: WorkItemTypeInfo) => gid.type(t.id),
      widgetDefinitions: (
        t: WorkItemTypeInfo,
        _: unknown,
        __: GraphQLContext,
        info: GraphQLResolveInfo,
      ): WidgetDefinition[] =>
        t.widgets
          .filter((w) => info.schema.getType(WIDGET_TYPENAMES[w]) !== undefined)
          .map((widgetType) => ({ widgetType, owner: t })),
    },
    WorkItemWidgetDefinition: {
      __resolveType: (d: WidgetDefinition, _: unknown, info: GraphQLResolveInfo) =>
        d.widgetType === 'HIERARCHY'
          ? 'WorkItemWidgetDefinitionHierarchy'
          : d.widgetType === 'WEIGHT'
            ? 'WorkItemWidgetDefinitionWeight'
            : d.widgetType === 'CUSTOM_FIELDS' &&
                info.schema.getType('WorkItemWidgetDefinitionCustomFields')
              ? 'WorkItemWidgetDefinitionCustomFields'
              : 'WorkItemWidgetDefinitionGeneric',
    },
    WorkItemWidgetDefinitionCustomFields: { type: (d: WidgetDefinition) => d.widgetType },
    WorkItemWidgetDefinitionGeneric: { type: (d: WidgetDefinition) => d.widgetType },
    WorkItemWidgetDefinitionWeight: {
      type: (d: WidgetDefinition) => d.widgetType,
      editable: (d: WidgetDefinition) =>
        WEIGHT_OPTIONS[d.owner.custom?.base ?? d.owner.name]?.editable === true,
      rollUp: (d: WidgetDefinition) =>
        WEIGHT_OPTIONS[d.owner.custom?.base ?? d.owner.name]?.rollup === true,
    },
    WorkItemWidgetDefinitionHierarchy: {
      type: (d: WidgetDefinition) => d.widgetType,
      allowedChildTypes: (d: WidgetDefinition, args: PageArgs) =>
        connection(d.owner.allowedChildTypes.map(typeInfo), args, (t) => t.id),
      // A custom type delegates `allowed_parent_types` to its base type.
      allowedParentTypes: (d: WidgetDefinition, args: PageArgs) =>
        connection(
          WORK_ITEM_TYPES.filter((t) =>
            t.allowedChildTypes.includes(d.owner.custom?.base ?? d.owner.name),
          ),
          args,
          (t) => t.id,
        ),
    },

    WorkItemWidget: { __resolveType: (w: Widget) => WIDGET_TYPENAMES[w.widgetType] },
    WorkItemWidgetAssignees: {
      type: (w: Widget) => w.widgetType,
      allowsMultipleAssignees: () => true,
      assignees: (w: Widget, args: PageArgs, ctx: GraphQLContext) =>
        connection(
          w.item.assigneeIds.flatMap((id) => {
            const user = ctx.store.users.get(id);
            return user ? [userCore(ctx, user)] : [];
          }),
          args,
          (u) => u.id,
        ),
    },
    WorkItemWidgetDescription: {
      type: (w: Widget) => w.widgetType,
      description: (w: Widget) => w.item.description,
      edited: () => false,
      lastEditedAt: () => null,
      taskCompletionStatus: (w: Widget) => taskCompletionOf(w.item.description),
    },
    WorkItemWidgetHealthStatus: {
      type: (w: Widget) => w.widgetType,
      healthStatus: (w: Widget) => w.item.healthStatus,
      rolledUpHealthStatus: (w: Widget, _: unknown, ctx: GraphQLContext) => {
        const open = descendantsOf(ctx, w.item).filter((d) => d.state === 'opened');
        return (['onTrack', 'needsAttention', 'atRisk'] as const).map((healthStatus) => ({
          healthStatus,
          count: open.filter((d) => d.healthStatus === healthStatus).length,
        }));
      },
    },
    WorkItemWidgetHierarchy: {
      type: (w: Widget) => w.widgetType,
      parent: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        readable(ctx, ctx.store.parentOf(w.item)),
      hasParent: (w: Widget) => w.item.parentId !== null,
      ancestors: (w: Widget, args: PageArgs, ctx: GraphQLContext) =>
        connection(readableAncestors(ctx, w.item), args, (i) => i.id),
      children: (w: Widget, args: PageArgs & { state?: string | null }, ctx: GraphQLContext) =>
        connection(
          ctx.store
            .childrenOf(w.item.id)
            .filter((c) => ctx.store.canRead(ctx.userId, c))
            .filter((c) => !args.state || (args.state === 'OPEN') === (c.state === 'opened')),
          args,
          (i) => i.id,
        ),
      hasChildren: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        ctx.store.childrenOf(w.item.id).some((c) => ctx.store.canRead(ctx.userId, c)),
      depthLimitReachedByType: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        ctx.store.typeInfo(w.item.type).allowedChildTypes.map((name) => ({
          workItemType: typeInfo(name),
          depthLimitReached: depthLimitReached(ctx, w.item, name),
        })),
      // app/models/work_items/widgets/hierarchy.rb `rolled_up_counts_by_type`: for each type that
      // may sit anywhere below this one (`descendant_types`), its descendants counted by state.
      rolledUpCountsByType: (w: Widget, _: unknown, ctx: GraphQLContext) => {
        const below = ctx.store.descendantsOf(w.item);
        return descendantTypes(ctx.store, w.item.type).map((name) => {
          const ofType = below.filter((d) => d.type === name);
          const opened = ofType.filter((d) => d.state === 'opened').length;
          return {
            workItemType: typeInfo(name),
            countsByState: { all: ofType.length, opened, closed: ofType.length - opened },
          };
        });
      },
    },
    WorkItemWidgetWeight: {
      type: (w: Widget) => w.widgetType,
      // ee/app/models/work_items/widgets/weight.rb: `weight` only where editable, the roll-ups only
      // where the type rolls up (epics).
      weight: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        WEIGHT_OPTIONS[ctx.store.baseTypeOf(w.item.type)]?.editable ? w.item.weight : null,
      rolledUpWeight: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        WEIGHT_OPTIONS[ctx.store.baseTypeOf(w.item.type)]?.rollup
          ? rolledUpWeightOf(ctx.store.descendantsOf(w.item)).rolledUpWeight
          : null,
      rolledUpCompletedWeight: (w: Widget, _: unknown, ctx: GraphQLContext) =>
        WEIGHT_OPTIONS[ctx.store.baseTypeOf(w.item.type)]?.rollup
          ? rolledUpWeightOf(ctx.store.descendantsOf(w.item)).rolledUpCompletedWeight
          : null,
      widgetDefinition: (w: Widget, _: unknown, ctx: GraphQLContext): WidgetDefinition => ({
        widgetType: 'WEIGHT',
        owner: ctx.store.typeInfo(w.item.type),
      }),
    },
    WorkItemWidgetCustomFields: {
      type: (w: Widget) => w.widgetType,
      // ee/app/models/work_items/widgets/custom_fields.rb: one entry per active field of the item's
      // top-level group for its type, with the item's value or null.
      customFieldValues: (
        w: Widget,
        args: { customFieldIds?: string[] | null },
        ctx: GraphQLContext,
      ) => {
        const wanted = args.customFieldIds?.length
          ? args.customFieldIds.map((id) => idFromGid(id, 'Issuables::CustomField'))
          : null;
        return ctx.store
          .activeFieldsFor(w.item)
          .filter((field) => !wanted || wanted.includes(field.id))
          .map((field) => ({ customField: field, value: w.item.customValues[field.id] ?? null }));
      },
    },
    WorkItemCustomFieldValue: {
      __resolveType: (v: { customField: CustomFieldRecord }) =>
        v.customField.fieldType === 'TEXT' ? 'WorkItemTextFieldValue' : 'WorkItemNumberFieldValue',
    },
    CustomField: {
      id: (f: CustomFieldRecord) => gid.customField(f.id),
      createdBy: (f: CustomFieldRecord, _: unknown, ctx: GraphQLContext) => {
        const user = ctx.store.users.get(f.createdById);
        return user ? userCore(ctx, user) : null;
      },
      updatedBy: (f: CustomFieldRecord, _: unknown, ctx: GraphQLContext) => {
        const user = ctx.store.users.get(f.createdById);
        return user ? userCore(ctx, user) : null;
      },
      selectOptions: (f: CustomFieldRecord) =>
        f.fieldType === 'SINGLE_SELECT' || f.fieldType === 'MULTI_SELECT' ? [] : null,
      workItemTypes: (f: CustomFieldRecord, _: unknown, ctx: GraphQLContext) =>
        f.workItemTypeIds.flatMap(
          (id) => [...WORK_ITEM_TYPES, ...ctx.store.customTypes].find((t) => t.id === id) ?? [],
        ),
    },
    WorkItemWidgetLabels: {
      type: (w: Widget) => w.widgetType,
      labels: (w: Widget, args: PageArgs, ctx: GraphQLContext) =>
        connection(
          w.item.labelIds.flatMap((id) => {
            const label = ctx.store.labels.get(id);
            return label ? [{ ...label, id: ctx.store.labelGid(label) }] : [];
          }),
          args,
          (l) => l.id,
        ),
    },
    WorkItemWidgetLinkedItems: {
      type: (w: Widget) => w.widgetType,
      linkedItems: (
        w: Widget,
        args: PageArgs & { filter?: string | null },
        ctx: GraphQLContext,
      ) => {
        const wanted = args.filter ? LINK_FILTERS[args.filter] : undefined;
        const links = w.item.links.flatMap((link) => {
          const target = readable(ctx, ctx.store.workItem(link.targetId));
          if (!target || (wanted && link.linkType !== wanted)) return [];
          return [
            {
              linkId: gid.link(link.id),
              linkType: link.linkType,
              linkCreatedAt: link.createdAt,
              linkUpdatedAt: link.createdAt,
              workItem: target,
              workItemState: target.state === 'opened' ? 'OPEN' : 'CLOSED',
            },
          ];
        });
        return connection(links, args, (l) => l.linkId);
      },
    },
    WorkItemWidgetMilestone: {
      type: (w: Widget) => w.widgetType,
      milestone: (w: Widget, _: unknown, ctx: GraphQLContext) => {
        const m = ctx.store.milestone(w.item.milestoneId);
        return m ? milestoneShape(ctx, m) : null;
      },
    },
    WorkItemWidgetNotes: {
      type: (w: Widget) => w.widgetType,
      discussions: (
        w: Widget,
        args: PageArgs & { filter?: string; sort?: string },
        ctx: GraphQLContext,
      ) => {
        const notes = visibleNotes(ctx, w.item, args.filter);
        const ordered = args.sort === 'CREATED_DESC' ? [...notes].reverse() : notes;
        const discussions = ordered.map((note) => ({
          id: gid.discussion(note.discussionId),
          createdAt: note.createdAt,
          notes: noteShape(ctx, w.item, note),
        }));
        return connection(discussions, args, (d) => d.id);
      },
      notes: (w: Widget, args: PageArgs & { filter?: string }, ctx: GraphQLContext) =>
        connection(
          visibleNotes(ctx, w.item, args.filter).map((note) => noteShape(ctx, w.item, note)),
          args,
          (n) => n.id,
        ),
    },
    Discussion: {
      notes: (d: { notes: ReturnType<typeof noteShape> }, args: PageArgs) =>
        connection([d.notes], args, (n) => n.id),
    },
    WorkItemWidgetProgress: {
      type: (w: Widget) => w.widgetType,
      progress: (w: Widget) => w.item.progress?.progress ?? null,
      startValue: (w: Widget) => w.item.progress?.startValue ?? null,
      currentValue: (w: Widget) => w.item.progress?.currentValue ?? null,
      endValue: (w: Widget) => w.item.progress?.endValue ?? null,
      updatedAt: (w: Widget) => w.item.progress?.updatedAt ?? null,
    },
    WorkItemWidgetStartAndDueDate: {
      type: (w: Widget) => w.widgetType,
      startDate: (w: Widget) => w.item.startDate,
      dueDate: (w: Widget) => w.item.dueDate,
      isFixed: () => true,
      rollUp: () => false,
    },

    Mutation: {
      workItemCreate: (
        _: unknown,
        {
          input,
        }: {
          input: WidgetInputs & {
            namespacePath?: string | null;
            title: string;
            workItemTypeId: string;
            confidential?: boolean | null;
            hierarchyWidget?: { parentId?: string | null } | null;
            clientMutationId?: string;
          };
        },
        ctx: GraphQLContext,
      ) => {
        const userId = requireMutationAccess(ctx);
        const ns = input.namespacePath ? ctx.store.namespace(input.namespacePath) : undefined;
        if (!ns || !ctx.store.canReadNamespace(userId, ns) || !ctx.store.canWrite(userId, ns))
          throw new GraphQLError(RESOURCE_ACCESS_ERROR);
        const type = typesOffered(ns, ctx).find((t) => gid.type(t.id) === input.workItemTypeId);
        const payload = (errors: string[], workItem: WorkItemRecord | null = null) => ({
          clientMutationId: input.clientMutationId ?? null,
          errors,
          workItem,
        });
        if (!type || !creatableIn(ns, type))
          return payload([`Work item type with id ${input.workItemTypeId} is not available`]);
        let parentId: number | null = null;
        if (input.hierarchyWidget?.parentId) {
          const parent = readable(
            ctx,
            ctx.store.workItem(idFromGid(input.hierarchyWidget.parentId, 'WorkItem') ?? -1),
          );
          if (!parent)
            return payload([
              'No matching work item found. Make sure that you are adding a valid work item ID.',
            ]);
          parentId = parent.id;
        }
        const problems = widgetProblems(ctx, ns, input, {
          namespacePath: ns.fullPath,
          type: type.name,
        });
        if (problems.length) return payload(problems);
        const created = ctx.store.createWorkItem({
          namespacePath: ns.fullPath,
          type: type.name,
          title: input.title,
          authorId: userId,
          confidential: input.confidential ?? false,
          parentId,
        });
        if (!created.item) return payload(created.errors);
        applyWidgets(ctx, created.item, input, userId, false);
        return payload([], created.item);
      },

      workItemUpdate: (
        _: unknown,
        {
          input,
        }: {
          input: WidgetInputs & {
            id: string;
            title?: string | null;
            confidential?: boolean | null;
            stateEvent?: 'CLOSE' | 'REOPEN' | null;
            hierarchyWidget?: { parentId?: string | null; childrenIds?: string[] | null } | null;
            progressWidget?: {
              currentValue: number;
              startValue?: number | null;
              endValue?: number | null;
            } | null;
            clientMutationId?: string;
          };
        },
        ctx: GraphQLContext,
      ) => {
        const item = workItemForWrite(ctx, input.id);
        const actorId = ctx.userId as number;
        const ns = ctx.store.namespace(item.namespacePath) as Namespace;
        const payload = (errors: string[]) => ({
          clientMutationId: input.clientMutationId ?? null,
          errors,
          workItem: errors.length ? null : item,
        });

        const progress = input.progressWidget;
        if (progress) {
          if (!ctx.store.typeInfo(item.type).widgets.includes('PROGRESS'))
            return payload([
              'Following widget keys are not supported by ' +
                item.type +
                ' type: [:progress_widget]',
            ]);
          const start = progress.startValue ?? item.progress?.startValue ?? 0;
          const end = progress.endValue ?? item.progress?.endValue ?? 100;
          if (start === end) return payload(['Start value cannot be same as end value']);
        }
        const problems = widgetProblems(ctx, ns, input, item);
        if (problems.length) return payload(problems);

        if (input.title != null) item.title = input.title;
        if (input.confidential != null) item.confidential = input.confidential;
        applyWidgets(ctx, item, input, actorId, true);
        if (input.hierarchyWidget) {
          const { parentId, childrenIds } = input.hierarchyWidget;
          if (parentId !== undefined) {
            const parent =
              parentId === null
                ? null
                : readable(ctx, ctx.store.workItem(idFromGid(parentId, 'WorkItem') ?? -1));
            if (parentId !== null && !parent)
              return payload([
                'No matching work item found. Make sure that you are adding a valid work item ID.',
              ]);
            const problem = ctx.store.setParent(item, parent?.id ?? null);
            if (problem) return payload([problem]);
          }
          for (const childId of childrenIds ?? []) {
            const child = readable(ctx, ctx.store.workItem(idFromGid(childId, 'WorkItem') ?? -1));
            if (!child)
              return payload([
                'No matching work item found. Make sure that you are adding a valid work item ID.',
              ]);
            const problem = ctx.store.setParent(child, item.id);
            if (problem) return payload([problem]);
          }
        }
        if (progress) ctx.store.setProgress(item, progress, actorId);
        if (input.stateEvent)
          ctx.store.setState(item, input.stateEvent === 'CLOSE' ? 'closed' : 'opened', actorId);
        ctx.store.touch(item);
        return payload([]);
      },

      createNote: (
        _: unknown,
        {
          input,
        }: {
          input: {
            noteableId: string;
            body: string;
            internal?: boolean | null;
            clientMutationId?: string;
          };
        },
        ctx: GraphQLContext,
      ) => {
        const id = idFromGid(input.noteableId, 'WorkItem') ?? idFromGid(input.noteableId, 'Issue');
        // GitLab's `create_note`: whoever may read the item may comment (Guests included).
        const actorId = requireMutationAccess(ctx);
        const item = readable(ctx, id === null ? undefined : ctx.store.workItem(id));
        if (!item) throw new GraphQLError(RESOURCE_ACCESS_ERROR);
        const run = runQuickActions(ctx, item, input.body, actorId);
        const payload = (errors: string[], note: NoteRecord | null) => ({
          clientMutationId: input.clientMutationId ?? null,
          errors,
          note: note ? noteShape(ctx, item, note) : null,
          quickActionsStatus: run.status,
        });
        // A body of commands only leaves no note (Notes::CreateService skips the save).
        if (run.status.commandsOnly) return payload([], null);
        if (!run.content) return payload(["Note can't be blank"], null);
        const note = ctx.store.addNote(item, {
          authorId: actorId,
          body: run.content,
          internal: input.internal ?? false,
        });
        ctx.store.touch(item);
        return payload([], note);
      },

      destroyNote: (
        _: unknown,
        { input }: { input: { id: string; clientMutationId?: string } },
        ctx: GraphQLContext,
      ) => {
        const userId = requireMutationAccess(ctx);
        const noteId = idFromGid(input.id, 'Note');
        const item = noteId === null ? undefined : ctx.store.itemOfNote(noteId);
        const note = item?.notes.find((n) => n.id === noteId);
        // GitLab lets the author (or a maintainer) delete a comment; system notes never.
        if (!item || !note || note.system || note.authorId !== userId)
          throw new GraphQLError(RESOURCE_ACCESS_ERROR);
        ctx.store.removeNote(item, note.id);
        return { clientMutationId: input.clientMutationId ?? null, errors: [], note: null };
      },
    },
  };
}

const executableSchemas = new Map<string, GraphQLSchema>();

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Puts the resolvers on a profile's schema. Done by hand rather than with @graphql-tools/schema:
 * under vitest that package and this file can load two copies of `graphql` (ESM and CJS), which
 * graphql-js refuses to mix. Types and fields an older profile lacks simply get no resolver.
 */
function attachResolvers(schema: GraphQLSchema, resolvers: ResolverMap): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type) continue;
    if (isAbstractType(type)) {
      type.resolveType = fields.__resolveType as GraphQLTypeResolver<unknown, unknown>;
      continue;
    }
    if (!isObjectType(type)) continue;
    const schemaFields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = schemaFields[fieldName];
      // Project, Group and Namespace share resolvers; GitLab's Project lacks a few of those fields.
      if (field) field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}

/**
 * The executable schema of a version profile (default: the one `SANDBOX_GITLAB_VERSION` names,
 * else latest), built once per profile: parsing the SDL is the slow part.
 */
export function sandboxSchema(profile: GitLabProfile = gitlabProfile()): GraphQLSchema {
  let schema = executableSchemas.get(profile.name);
  if (!schema) {
    schema = attachResolvers(profileSchema(profile), createResolvers() as ResolverMap);
    executableSchemas.set(profile.name, schema);
  }
  return schema;
}

/** What GitLab's `metadata` answers (app/graphql/types/app_config/instance_metadata_type.rb). */
export function instanceMetadata(profile: GitLabProfile) {
  return {
    version: profile.versionString,
    revision: profile.revision,
    // The sandbox runs no GitLab agent server (KAS).
    kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null },
    enterprise: true,
  };
}

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const checkedDocuments = new Map<
  string,
  { document: DocumentNode } | { errors: GitLabGraphQLError[] }
>();

/**
 * A query parsed and validated for a profile. Clients send the same few documents again and
 * again, so the answer is kept (for the last 200 documents).
 */
function checkedDocument(
  profile: GitLabProfile,
  query: string,
): { document: DocumentNode } | { errors: GitLabGraphQLError[] } {
  const key = `${profile.name}\n${query}`;
  const known = checkedDocuments.get(key);
  if (known) return known;
  let checked: { document: DocumentNode } | { errors: GitLabGraphQLError[] };
  try {
    const document = parse(query);
    const errors = gitlabErrorsForDocument(sandboxSchema(profile), document, {
      suggestNames: profile.suggestsNames,
      version: profile.version,
    });
    checked = errors.length ? { errors } : { document };
  } catch (error) {
    checked = { errors: [gitlabErrorOf(error as GraphQLError)] };
  }
  if (checkedDocuments.size >= 200) {
    const oldest = checkedDocuments.keys().next().value;
    if (oldest !== undefined) checkedDocuments.delete(oldest);
  }
  checkedDocuments.set(key, checked);
  return checked;
}

/** How `POST /api/graphql` answers: the HTTP status and the JSON body. */
export interface GraphQLAnswer {
  status: number;
  body: GraphQLResult | GraphQLResult[];
}

type GraphQLResult = ExecutionResult | { errors: GitLabGraphQLError[] };

/** One query of a request, as far as GitLab got with it before running it. */
type PreparedQuery =
  | { kind: 'invalid'; errors: readonly (GitLabGraphQLError | GraphQLError)[] }
  | {
      kind: 'valid';
      document: DocumentNode;
      variables: Record<string, unknown>;
      operationName: string | undefined;
      analysis: GitLabAnalysis | null;
    };

/**
 * Parses, validates and analyses one query the way GitLab does before running anything: the
 * document's validation errors alone, else the variables', else GitLab's checks (./gitlab-checks).
 */
function prepare(
  body: GraphQLRequestBody,
  ctx: GraphQLContext,
  limits: GitLabLimits,
): PreparedQuery {
  if (typeof body.query !== 'string' || !body.query.trim())
    return { kind: 'invalid', errors: [new GraphQLError('No query string was present')] };
  const variables =
    typeof body.variables === 'object' && body.variables !== null
      ? (body.variables as Record<string, unknown>)
      : {};
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const schema = sandboxSchema(ctx.profile);
  const checked = checkedDocument(ctx.profile, body.query);
  if ('errors' in checked) return { kind: 'invalid', errors: checked.errors };
  const { document } = checked;
  const operation = getOperationAST(document, operationName);
  if (operation) {
    const badValues = variableErrorsFor(schema, operation, variables);
    if (badValues.length) return { kind: 'invalid', errors: badValues };
  }
  const analysis = analyzeGitLabQuery(schema, document, { limits, operationName, variables });
  return { kind: 'valid', document, variables, operationName, analysis };
}

function refusalsOf(messages: readonly string[]): GitLabGraphQLError[] {
  return messages.map((message) => ({ message }));
}

function asGitLabError(error: GitLabGraphQLError | GraphQLError): GitLabGraphQLError {
  return error instanceof GraphQLError ? (error.toJSON() as GitLabGraphQLError) : error;
}

function run(
  query: Extract<PreparedQuery, { kind: 'valid' }>,
  ctx: GraphQLContext,
  limits: GitLabLimits,
): Promise<ExecutionResult> | ExecutionResult {
  return execute({
    schema: sandboxSchema(ctx.profile),
    document: query.document,
    variableValues: query.variables,
    operationName: query.operationName,
    contextValue: {
      ...ctx,
      complexity: query.analysis?.measures.complexity ?? 0,
      maxComplexity: limits.maxComplexity,
    },
  });
}

/**
 * Answers `POST /api/graphql` (one query, or a multiplexed JSON array of them) as GitLab does:
 * a request over GitLab's size limit is refused whole (HTTP 422); each query GitLab's checks
 * refuse (recursion, depth, complexity; for an array also the array's total complexity) gets
 * GitLab's errors and does not run; the others run. See ./gitlab-checks/.
 */
export async function executeGraphQLRequest(
  request: GraphQLRequestBody | GraphQLRequestBody[],
  ctx: GraphQLContext,
  limitOverrides: Partial<GitLabLimits> = {},
): Promise<GraphQLAnswer> {
  const limits = { ...gitLabLimits(ctx.userId !== null), ...limitOverrides };
  const bodies = [request].flat();
  const texts = bodies.map((body) => (typeof body.query === 'string' ? body.query : ''));
  if (isTooLarge(texts, limits.maxQuerySize))
    return { status: 422, body: { errors: [{ message: QUERY_TOO_LARGE }] } };

  const prepared = bodies.map((body) => prepare(body, ctx, limits));
  const analyses = prepared.map((query) => (query.kind === 'valid' ? query.analysis : null));
  // graphql-ruby scores a multiplex as a whole only when it is one (GitlabSchema.multiplex).
  const refusals = Array.isArray(request)
    ? multiplexRefusals(analyses, limits.maxComplexity)
    : analyses.map((analysis) => analysis?.errors ?? []);
  const results = await Promise.all(
    prepared.map((query, index): GraphQLResult | Promise<GraphQLResult> => {
      const mine = refusalsOf(refusals[index] ?? []);
      if (query.kind === 'invalid')
        return { errors: [...query.errors.map(asGitLabError), ...mine] };
      return mine.length ? { errors: mine } : run(query, ctx, limits);
    }),
  );
  return { status: 200, body: Array.isArray(request) ? results : (results[0] as GraphQLResult) };
}
