// The stale-health watch: on every configured instance, finds the token user's open objectives
// and key results (and every open OKR of the namespaces the user watches), judges each with the
// domain's staleness rules (spec §3), and reports the stale ones for the badge and the popup,
// with every watched namespace it could not check and why.
import { z } from 'zod';
import type { GitLabClient } from '../gitlab/client';
import { FEATURE_FLOORS, withCapabilities, type Capabilities } from '../gitlab/capabilities';
import { GitLabError } from '../gitlab/errors';
import { documentsFor } from '../gitlab/documents';
import { classify, type CarrierSettings } from '../gitlab/carriers/conventions';
import { chainOf, hasParentOf, nodeOf, parseReference } from '../gitlab/map';
import { PageInfoSchema, WorkItemSchema, widgetOf, type WorkItemResponse } from '../gitlab/schemas';
import { staleness, type StalenessOptions } from '../okr/staleness';
import type { OkrKind, OkrNode } from '../okr/model';
import type { Problem, StaleCode, StaleItem, StaleReport, UnwatchedNamespace } from '../messages';
import {
  carrierSettingsFor,
  type CarrierChoices,
  type InstanceRecord,
  type WatchedNamespace,
} from '../settings';
import { problemOf } from './problems';
import { noInstanceForWatchProblem, noTokenForWatchProblem } from './stale-words';

/** What the watch needs from the settings, read once a run. */
export interface StaleWatchSettings {
  watched: WatchedNamespace[];
  holidays: string[];
  maxAgeDays: number;
  businessDayDeadline: number;
  /** How each namespace keeps its OKRs (none chosen: GitLab's OKR types everywhere). */
  carriers?: CarrierChoices;
}

export interface StaleWatchPorts {
  instances(): Promise<InstanceRecord[]>;
  /** A client for the instance, or a thrown `problem` (`noToken` when none is stored). */
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  settings(): Promise<StaleWatchSettings>;
  /**
   * Namespaces of the instance the user has opened OKRs in (from the view cache): where to look
   * for the user's own OKRs on a GitLab without `currentUser.workItems`.
   */
  seenNamespaces?(instance: InstanceRecord): Promise<string[]>;
  now(): Date;
  timeZone(): string;
}

/** Worst first: the badge's colour is the first code any stale item has. */
export const STALE_CODES_WORST_FIRST: readonly StaleCode[] = ['noHealth', 'tooOld', 'notThisMonth'];

/** Problems the user must act on (a new token, access); the rest pass by themselves. */
const NEEDS_ACTION: ReadonlySet<Problem['kind']> = new Set([
  'unauthorized',
  'tokenExpired',
  'insufficientScope',
  'forbidden',
  'graphql',
  'malformed',
  'queryRefused',
  'noInstance',
  'invalidRequest',
  'unknown',
]);

export function needsAction(problem: Problem): boolean {
  return NEEDS_ACTION.has(problem.kind);
}

export function emptyReport(state: StaleReport['state'] = 'idle'): StaleReport {
  return {
    state,
    checkedAt: null,
    items: [],
    watchedCount: 0,
    ownCount: 0,
    failures: [],
    unwatched: [],
  };
}

// --- Finding the OKRs: one request per 100 items, never one per item -------------------------

const WorkItemListSchema = z.object({
  pageInfo: PageInfoSchema,
  nodes: z
    .array(WorkItemSchema.nullable())
    .transform((nodes) => nodes.filter((node): node is WorkItemResponse => node !== null)),
});
type WorkItemList = z.infer<typeof WorkItemListSchema>;

const MyOkrsResponseSchema = z.object({
  currentUser: z
    .object({ id: z.string().optional(), workItems: WorkItemListSchema.nullable() })
    .nullable(),
});
const ListRootSchema = z
  .object({ id: z.string().optional(), workItems: WorkItemListSchema.nullable() })
  .nullable()
  .optional();
/** A namespace's list from `namespace` (GitLab 18.1+) or, before, from `group` or `project`. */
const NamespaceOkrsResponseSchema = z.object({
  namespace: ListRootSchema,
  group: ListRootSchema,
  project: ListRootSchema,
});

/** Follows `after` cursors until GitLab says there is no next page. */
async function allPages(fetchPage: (after: string | null) => Promise<WorkItemList | null>) {
  const items: WorkItemResponse[] = [];
  let after: string | null = null;
  // A page cap guards against a server that never ends a cursor chain (10,000 items).
  for (let page = 0; page < 100; page++) {
    const list = await fetchPage(after);
    if (!list) break;
    items.push(...list.nodes);
    if (!list.pageInfo.hasNextPage || !list.pageInfo.endCursor) break;
    after = list.pageInfo.endCursor;
  }
  return items;
}

/** The user's open OKRs on the whole instance (GitLab 17.10+: `currentUser.workItems`). */
export function listMyOkrs(client: GitLabClient, capabilities: Capabilities, username: string) {
  const document = documentsFor(capabilities).MyStaleWatchQuery;
  return allPages(async (after) => {
    const data = await client.graphql(document, { username, after }, MyOkrsResponseSchema);
    return data.currentUser?.workItems ?? null;
  });
}

/**
 * The list documents to try for a namespace, in order: `Namespace.workItems` from GitLab 18.1;
 * before it the path is a group's (subgroups and projects included) or a project's.
 */
function namespaceListDocuments(capabilities: Capabilities): string[] {
  const documents = documentsFor(capabilities);
  return capabilities.has('namespaceWorkItems')
    ? [documents.NamespaceStaleWatchQuery]
    : [documents.GroupStaleWatchQuery, documents.ProjectStaleWatchQuery];
}

/** Open OKRs in a namespace and below it; only the given assignees' when they are named. */
export async function listNamespaceOkrs(
  client: GitLabClient,
  capabilities: Capabilities,
  fullPath: string,
  assignees?: string[],
) {
  for (const document of namespaceListDocuments(capabilities)) {
    let found = false;
    const items = await allPages(async (after) => {
      const data = await client.graphql(
        document,
        { fullPath, after, ...(assignees ? { assignees } : {}) },
        NamespaceOkrsResponseSchema,
      );
      const root = data.namespace ?? data.group ?? data.project;
      found ||= Boolean(root);
      return root?.workItems ?? null;
    });
    if (found) return items;
  }
  throw Object.assign(new Error('namespace not found'), {
    problem: {
      kind: 'notFound',
      message: `The watched namespace ${fullPath} does not exist, or your account may not see it. Remove it from the watch in the options.`,
    } satisfies Problem,
  });
}

/** The top-level namespace of a path: `gitlab-com/okrs/team` → `gitlab-com`. */
export function topLevelOf(fullPath: string): string {
  return fullPath.split('/')[0] ?? fullPath;
}

export interface InstanceScope {
  username: string | null;
  /** Watched namespaces on this instance (everyone's OKRs there). */
  watched: string[];
  /**
   * Where to look for the user's own OKRs when the instance lacks `currentUser.workItems`:
   * the namespaces watched or seen, searched from their top-level group when it is readable.
   */
  known: string[];
  /**
   * Top-level groups set up to keep OKRs as epics, labelled issues or custom types, where the
   * user's own open items of every type are listed and classified; `null` stands for the whole
   * instance (a carrier chosen for every group, `*`). Empty: GitLab's OKR types only.
   */
  carrierPaths?: (string | null)[];
}

export interface FoundOkr {
  item: WorkItemResponse;
  assignedToYou: boolean;
}

// --- Carriers: which listed items are objectives and key results -----------------------------

/**
 * The configured namespaces whose items are listed beside GitLab's OKR types: every group with a
 * choice of its own (a custom type named as an OKR type has no `types` value to find it by), or
 * the whole instance when every group keeps its OKRs as epics and issues (`*`).
 */
export function carrierPathsOf(choices: CarrierChoices, baseUrl: string): (string | null)[] {
  const instance = choices[baseUrl] ?? {};
  if (instance['*']?.carrier === 'epics') return [null];
  return Object.keys(instance).filter((path) => path !== '*');
}

function labelsOf(item: WorkItemResponse): string[] {
  return (widgetOf(item, 'WorkItemWidgetLabels')?.labels?.nodes ?? []).map((label) => label.title);
}

function namespacePathOf(item: WorkItemResponse): string {
  return parseReference(item.reference)?.fullPath ?? '';
}

/**
 * An item's kind under its namespace's carrier settings (`classify`), reading its type and labels
 * and its direct parent's, the parent's kind under the parent's own namespace (an epic of another
 * group may hold the issue); null for anything that is no objective or key result.
 */
export function kindUnderCarrier(
  item: WorkItemResponse,
  settingsFor: (fullPath: string) => CarrierSettings,
): OkrKind | null {
  const parent = widgetOf(item, 'WorkItemWidgetHierarchy')?.parent ?? null;
  const parentKind = parent
    ? classify(
        { typeName: parent.workItemType?.name, labels: labelsOf(parent) },
        settingsFor(namespacePathOf(parent)),
      )
    : null;
  return classify(
    { typeName: item.workItemType?.name, labels: labelsOf(item), parentKind },
    settingsFor(namespacePathOf(item)),
  );
}

/** The kind of a listed item on an instance with these carrier choices. */
export function kindOnInstance(
  choices: CarrierChoices,
  baseUrl: string,
): (item: WorkItemResponse) => OkrKind | null {
  return (item) => kindUnderCarrier(item, (path) => carrierSettingsFor(choices, baseUrl, path));
}

/** The user's open items of every type in a carrier's namespace, or on the whole instance. */
async function listMineInCarrier(
  client: GitLabClient,
  capabilities: Capabilities,
  fullPath: string | null,
  username: string,
): Promise<WorkItemResponse[]> {
  const documents = documentsFor(capabilities);
  if (fullPath === null) {
    return allPages(async (after) => {
      const data = await client.graphql(
        documents.MyCarrierWatchQuery,
        { username, after },
        MyOkrsResponseSchema,
      );
      return data.currentUser?.workItems ?? null;
    });
  }
  const document = capabilities.has('namespaceWorkItems')
    ? documents.NamespaceCarrierWatchQuery
    : documents.GroupCarrierWatchQuery;
  let found = false;
  const items = await allPages(async (after) => {
    const data = await client.graphql(
      document,
      { fullPath, username, after },
      NamespaceOkrsResponseSchema,
    );
    const root = data.namespace ?? data.group;
    found ||= Boolean(root);
    return root?.workItems ?? null;
  });
  if (!found) throw carrierGroupNotFound(fullPath);
  return items;
}

function carrierGroupNotFound(fullPath: string): Error {
  return Object.assign(new Error('carrier group not found'), {
    problem: {
      kind: 'notFound',
      message: `The group ${fullPath}, set up in the options for how it keeps its OKRs, does not exist, or your account may not see it.`,
    } satisfies Problem,
  });
}

/**
 * The user's own items where a carrier is configured, one paged query per group (or one for the
 * whole instance); before GitLab 17.10 the whole instance is searched under the known top-level
 * groups. A group that cannot be read is reported, the others still count.
 */
async function findMineInCarriers(
  client: GitLabClient,
  scope: InstanceScope,
  username: string,
): Promise<{ items: WorkItemResponse[]; unwatched: Omit<UnwatchedNamespace, 'baseUrl'>[] }> {
  const items: WorkItemResponse[] = [];
  const unwatched: Omit<UnwatchedNamespace, 'baseUrl'>[] = [];
  const paths = scope.carrierPaths ?? [];
  for (const path of paths) {
    const wanted = await withCapabilities(client, async (capabilities) =>
      path !== null || capabilities.has('currentUserWorkItems')
        ? [path]
        : [...new Set(scope.known.map(topLevelOf))],
    );
    for (const fullPath of wanted) {
      try {
        items.push(
          ...(await withCapabilities(client, (capabilities) =>
            listMineInCarrier(client, capabilities, fullPath, username),
          )),
        );
      } catch (error) {
        const problem = watchProblemOf(error);
        if (!problem || fullPath === null) throw error;
        // Before 17.10 a known path may be a private parent: the native search reports those.
        if (path === null && problem.kind === 'notFound') continue;
        unwatched.push({ fullPath, problem });
      }
    }
  }
  return { items, unwatched };
}

/** Why one watched namespace cannot be checked, or null when the whole instance failed. */
function watchProblemOf(error: unknown): Problem | null {
  const problem = problemOf(error);
  // Not found or not readable (GitLab answers null), or a query GitLab refused for it: that
  // namespace only. A token (401, 403), rate limit or network problem stops the whole instance,
  // and the instance's failure says so.
  return ['notFound', 'okrsUnavailable', 'graphql'].includes(problem.kind) ? problem : null;
}

/**
 * Every OKR to judge on one instance: every open OKR of the watched namespaces (one paged query
 * each), and the user's own (instance-wide in one paged query), without duplicates; and the
 * watched namespaces that could not be checked, with why (the others still count). The
 * documents follow the instance's version (lib/gitlab/capabilities.ts): before GitLab 17.10 there
 * is no instance-wide list of one's own, and the known namespaces are searched instead.
 */
export async function findWatchedOkrs(
  client: GitLabClient,
  scope: InstanceScope,
): Promise<{ found: FoundOkr[]; unwatched: Omit<UnwatchedNamespace, 'baseUrl'>[] }> {
  const found = new Map<string, FoundOkr>();
  const add = (items: WorkItemResponse[], assigned: boolean | null) => {
    for (const item of items) {
      const mine =
        assigned ?? (scope.username !== null && assigneesOf(item).includes(scope.username));
      const known = found.get(item.id);
      found.set(item.id, { item, assignedToYou: mine || (known?.assignedToYou ?? false) });
    }
  };

  const unwatched: Omit<UnwatchedNamespace, 'baseUrl'>[] = [];
  const read: string[] = [];
  for (const fullPath of scope.watched) {
    try {
      add(
        await withCapabilities(client, (capabilities) =>
          listNamespaceOkrs(client, capabilities, fullPath),
        ),
        null,
      );
      read.push(fullPath);
    } catch (error) {
      const problem = watchProblemOf(error);
      if (!problem) throw error;
      unwatched.push({ fullPath, problem });
    }
  }
  const { username } = scope;
  if (username) {
    // Only the watched namespaces that were read cover the user's own OKRs under them.
    const searched = { ...scope, watched: read };
    const mine = await withCapabilities(client, (capabilities) => {
      if (capabilities.has('currentUserWorkItems'))
        return listMyOkrs(client, capabilities, username);
      if (searched.known.length === 0) throw nowhereToLookProblem(capabilities.version);
      return listMineWithoutMyWorkItems(client, capabilities, searched, username);
    });
    add(mine, true);
    const carried = await findMineInCarriers(client, scope, username);
    add(carried.items, true);
    unwatched.push(...carried.unwatched);
  }
  return { found: [...found.values()], unwatched };
}

/**
 * Before GitLab 17.10 nothing lists a user's OKRs across the instance: without a namespace to look
 * in (watched, or one the user opened an OKR in) the count would be silently empty. Say so.
 */
function nowhereToLookProblem(version: string | null): GitLabError {
  return new GitLabError({
    kind: 'graphql',
    message: `This GitLab${version ? ` (${version})` : ''} cannot list your OKRs across the instance: that needs GitLab ${FEATURE_FLOORS.currentUserWorkItems}. Watch the group your OKRs are in (OKR Lens options), or open one of your OKRs in GitLab, and OKR Lens will look there.`,
  });
}

function isNotFound(error: unknown): boolean {
  return problemOf(error).kind === 'notFound';
}

/**
 * Older GitLab: the user's own OKRs are searched under the top-level group of every known
 * namespace (one paged query for a group covers all its projects); when that group is not
 * readable (a private parent), under the known namespaces themselves. A watched namespace is
 * searched in full anyway, so nothing under it is searched twice.
 */
async function listMineWithoutMyWorkItems(
  client: GitLabClient,
  capabilities: Capabilities,
  scope: InstanceScope,
  username: string,
): Promise<WorkItemResponse[]> {
  const searched = [...scope.watched];
  const covered = (path: string) =>
    searched.some((done) => path === done || path.startsWith(`${done}/`));
  const items: WorkItemResponse[] = [];
  const search = async (fullPath: string) => {
    try {
      items.push(...(await listNamespaceOkrs(client, capabilities, fullPath, [username])));
      searched.push(fullPath);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  for (const root of [...new Set(scope.known.map(topLevelOf))]) {
    if (covered(root) || (await search(root))) continue;
    for (const path of scope.known.filter((p) => topLevelOf(p) === root && p !== root)) {
      if (!covered(path)) await search(path);
    }
  }
  return items;
}

function assigneesOf(item: WorkItemResponse): string[] {
  const widget = item.widgets?.find((w) => w.__typename === 'WorkItemWidgetAssignees');
  if (!widget || !('assignees' in widget)) return [];
  return widget.assignees?.nodes.map((user) => user.username) ?? [];
}

// --- Judging ---------------------------------------------------------------------------------

function staleItemOf(
  found: FoundOkr,
  node: OkrNode,
  verdict: { code: StaleCode; reason: string; lastUpdate: string | null },
  baseUrl: string,
): StaleItem {
  const { chain } = chainOf(found.item, { baseUrl });
  // GitLab keeps its check-in reminder on the progress record: only an item with the progress
  // widget (GitLab's Objective type) can have one, not an objective epic.
  const remindable = widgetOf(found.item, 'WorkItemWidgetProgress') !== undefined;
  return {
    baseUrl,
    id: node.id,
    reference: node.reference,
    url: node.url,
    title: node.title,
    kind: node.kind === 'objective' ? 'objective' : 'keyResult',
    dri: node.assignees.map((person) => person.name),
    health: node.health,
    code: verdict.code,
    reason: verdict.reason,
    lastUpdate: verdict.lastUpdate,
    chain: chain.map((link) => ({ title: link.title, url: link.url, reference: link.reference })),
    ...valuesOf(node),
    topLevel: node.kind === 'objective' && remindable && hasParentOf(found.item) === false,
    assignedToYou: found.assignedToYou,
  };
}

/**
 * The values a check-in edits: GitLab's progress widget (GitLab's OKR types), or the custom
 * number fields Start / Current / Target of a key result kept as an issue, an epic or a custom
 * type, with the field the new current value is written to (GitLab computes no percentage there).
 */
function valuesOf(node: OkrNode): Pick<StaleItem, 'progress' | 'currentField'> {
  if (node.progress) {
    const { progress, startValue, currentValue, endValue } = node.progress;
    return { progress: { progress, startValue, currentValue, endValue } };
  }
  const custom = node.customValues;
  if (!custom?.fields.current) return { progress: null };
  return {
    progress: {
      progress: null,
      startValue: custom.start,
      currentValue: custom.current,
      endValue: custom.target,
    },
    currentField: custom.fields.current,
  };
}

/** GitLab's OKR types only, as a namespace nobody configured keeps them. */
const nativeKind = kindOnInstance({}, '');

/**
 * The stale ones among the found OKRs, worst reason first, then the longest silent first. Each
 * listed item is an objective or a key result as its namespace's carrier says (`kindOf`);
 * anything else listed (a plain issue, a task) is not judged.
 */
export function judgeStale(
  found: FoundOkr[],
  baseUrl: string,
  options: StalenessOptions,
  kindOf: (item: WorkItemResponse) => OkrKind | null = nativeKind,
): { items: StaleItem[]; judged: number; judgedOwn: number } {
  const items: StaleItem[] = [];
  let judged = 0;
  let judgedOwn = 0;
  for (const entry of found) {
    const kind = kindOf(entry.item);
    if (kind !== 'objective' && kind !== 'keyResult') continue;
    const node = { ...nodeOf(entry.item, { baseUrl }), kind };
    judged++;
    if (entry.assignedToYou) judgedOwn++;
    const verdict = staleness(node, options);
    if (!verdict.stale || verdict.code === 'fresh' || verdict.code === 'closed') continue;
    items.push(staleItemOf(entry, node, { ...verdict, code: verdict.code }, baseUrl));
  }
  return { items: sortStale(items), judged, judgedOwn };
}

export function sortStale(items: StaleItem[]): StaleItem[] {
  const rank = (code: StaleCode) => STALE_CODES_WORST_FIRST.indexOf(code);
  return [...items].sort(
    (a, b) =>
      rank(a.code) - rank(b.code) ||
      (a.lastUpdate ?? '').localeCompare(b.lastUpdate ?? '') ||
      a.reference.localeCompare(b.reference),
  );
}

// --- One run over every instance -------------------------------------------------------------

export function scopeOf(
  instance: InstanceRecord,
  settings: StaleWatchSettings,
  seen: string[] = [],
): InstanceScope {
  const watched = settings.watched
    .filter((namespace) => namespace.baseUrl === instance.baseUrl)
    .map((namespace) => namespace.fullPath);
  const carrierPaths = carrierPathsOf(settings.carriers ?? {}, instance.baseUrl);
  const carrierGroups = carrierPaths.filter((path): path is string => path !== null);
  return {
    username: instance.check?.username ?? null,
    watched,
    // A group set up for a carrier is a place the user keeps OKRs: an older GitLab looks there.
    known: [...new Set([...watched, ...seen, ...carrierGroups])],
    carrierPaths,
  };
}

export interface StaleWatch {
  /** Runs the watch over every instance with a token. `previous` keeps items of failed instances. */
  run(previous?: StaleReport | null): Promise<StaleReport>;
}

type InstanceRun =
  | { items: StaleItem[]; judged: number; judgedOwn: number; unwatched: UnwatchedNamespace[] }
  | { problem: Problem }
  | { noToken: true };

/** Watches on instances that are not set up (any more): they can never run. */
function watchesWithoutInstance(
  watched: StaleWatchSettings['watched'],
  instances: InstanceRecord[],
): UnwatchedNamespace[] {
  const configured = new Set(instances.map((instance) => instance.baseUrl));
  return watched
    .filter((namespace) => !configured.has(namespace.baseUrl))
    .map((namespace) => ({ ...namespace, problem: noInstanceForWatchProblem(namespace.baseUrl) }));
}

export function createStaleWatch(ports: StaleWatchPorts): StaleWatch {
  async function runInstance(
    instance: InstanceRecord,
    settings: StaleWatchSettings,
    options: StalenessOptions,
  ): Promise<InstanceRun> {
    let client: GitLabClient;
    try {
      client = await ports.clientFor(instance);
    } catch (error) {
      const problem = problemOf(error);
      return problem.kind === 'noToken' ? { noToken: true } : { problem };
    }
    const seen = (await ports.seenNamespaces?.(instance).catch(() => [])) ?? [];
    const scope = scopeOf(instance, settings, seen);
    if (!scope.username && scope.watched.length === 0) {
      return {
        problem: {
          kind: 'unauthorized',
          message: `OKR Lens does not know whose OKRs to watch on ${instance.baseUrl}: check the token again in the options.`,
        },
      };
    }
    try {
      const { found, unwatched } = await findWatchedOkrs(client, scope);
      return {
        ...judgeStale(
          found,
          instance.baseUrl,
          options,
          kindOnInstance(settings.carriers ?? {}, instance.baseUrl),
        ),
        unwatched: unwatched.map((entry) => ({ baseUrl: instance.baseUrl, ...entry })),
      };
    } catch (error) {
      return { problem: problemOf(error) };
    }
  }

  return {
    async run(previous) {
      const [instances, settings] = await Promise.all([ports.instances(), ports.settings()]);
      const now = ports.now();
      const options: StalenessOptions = {
        now: now.toISOString(),
        timeZone: ports.timeZone(),
        holidays: settings.holidays,
        maxAgeDays: settings.maxAgeDays,
        businessDayDeadline: settings.businessDayDeadline,
      };
      const report = { ...emptyReport('ok'), checkedAt: now.toISOString() };
      const unwatched = watchesWithoutInstance(settings.watched, instances);
      let ownCount = 0;
      let watchedInstances = 0;
      let failedInstances = 0;
      for (const instance of instances) {
        const result = await runInstance(instance, settings, options);
        if ('noToken' in result) {
          // An instance without a token (gitlab.com before set-up) is not watched, not failing;
          // but a namespace watched there can never be checked, and says so.
          unwatched.push(
            ...settings.watched
              .filter((namespace) => namespace.baseUrl === instance.baseUrl)
              .map((namespace) => ({
                ...namespace,
                problem: noTokenForWatchProblem(instance.baseUrl),
              })),
          );
          continue;
        }
        watchedInstances++;
        if ('problem' in result) {
          failedInstances++;
          report.failures.push({ baseUrl: instance.baseUrl, problem: result.problem });
          // A passing problem (rate limit, timeout) keeps what was known; a revoked token does not.
          if (!needsAction(result.problem)) {
            report.items.push(
              ...(previous?.items ?? []).filter((item) => item.baseUrl === instance.baseUrl),
            );
          }
          continue;
        }
        report.items.push(...result.items);
        report.watchedCount += result.judged;
        ownCount += result.judgedOwn;
        unwatched.push(...result.unwatched);
      }
      report.items = sortStale(report.items);
      if (watchedInstances === 0) report.state = 'idle';
      else if (failedInstances === watchedInstances) report.state = 'failed';
      else if (failedInstances > 0) report.state = 'partial';
      return { ...report, ownCount, unwatched };
    },
  };
}

/** The report after one item was checked in: it leaves the list at once. */
export function withoutItem(report: StaleReport, baseUrl: string, id: string): StaleReport {
  return {
    ...report,
    items: report.items.filter((item) => !(item.baseUrl === baseUrl && item.id === id)),
  };
}
