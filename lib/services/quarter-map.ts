// The quarter map use case: every OKR item of one or more groups or projects for one quarter, as
// a QuarterMap, answered from the cache at once (peek) and loaded from GitLab in batches (load),
// with one load in flight per map; and the quarters a scope can be shown for. Once the tree is
// in, its items' notes are read in steps (`readHistory`, a few batched requests each) and the map
// is built again with them; the notes are kept with the cached map by each item's last change,
// so a refresh reads again only the items changed since. Ports are arguments, as for the OKR view.
import type { CarrierSettings } from '../gitlab/carriers/conventions';
import type { GitLabClient } from '../gitlab/client';
import { FEATURE_FLOORS, gitlabVersion, isAtLeast, versionNumbers } from '../gitlab/capabilities';
import { loadItemNotes, namespacePathOf, REFERENCES_LIMIT } from '../gitlab/item-history';
import { listQuarterLabels, listScopeMilestones, loadQuarterTree } from '../gitlab/okr-repository';
import { latestOf, type RuleSettings } from '../okr';
import type { OkrNode } from '../okr/model';
import type { ValueFields } from '../okr/quarter/history';
import { fiscalQuarterDates } from '../okr/fiscal-quarter';
import type { InstanceRecord } from '../settings';
import type { Problem } from '../messages';
import { problemOf } from './problems';
import { localToday } from './view-builder';
import {
  buildQuarterMap,
  okrNodesOf,
  type BuiltQuarterMap,
  type MapItemDetails,
  type QuarterRoot,
  type ReadNotes,
} from './quarter-map-builder';

/** Which map: an instance, the groups or projects it covers, and the quarter's title. */
export interface MapRequest {
  baseUrl: string;
  scope: string[];
  quarter: string;
}

/** How far the notes of a map's items are read. */
export interface HistoryProgress {
  /** Items whose notes are read (or known to be unreadable) for their current state. */
  read: number;
  total: number;
  /** GraphQL requests the notes took since the tree was loaded (0 when all came cached). */
  requests: number;
}

/** A map as the page receives it: the rows' facts come along, their words on demand. */
export interface LoadedQuarterMap extends Omit<BuiltQuarterMap, 'details'> {
  /** GraphQL requests the load made (0 for an answer from the cache). */
  requests: number;
  /** True when a scope held more objectives for the quarter than OKR Lens reads. */
  truncated: boolean;
  history: HistoryProgress;
}

/**
 * An item's notes as the cache keeps them: read when the item last changed at `changedAt` (null
 * `read`: GitLab did not return the item). A newer change means they are read again.
 */
export interface CachedNotes {
  changedAt: string | null;
  read: ReadNotes | null;
}

/** A map as the cache keeps it: with every row's words (`details`) and the items' notes. */
export interface CachedQuarterMap extends LoadedQuarterMap {
  details: BuiltQuarterMap['details'];
  /** By item URL. */
  notes?: Record<string, CachedNotes>;
}

/** One step of reading a map's notes: how far it is, and the map built with them once done. */
export type HistoryStepResult =
  | { ok: true; done: false; progress: HistoryProgress }
  | { ok: true; done: true; progress: HistoryProgress; data: LoadedQuarterMap; storedAt: string }
  | { ok: false; problem: Problem; progress: HistoryProgress | null };

export type DetailsResult = { ok: true; details: MapItemDetails } | { ok: false; problem: Problem };

export type MapResult =
  | { ok: true; data: LoadedQuarterMap; storedAt: string; source: 'cache' | 'network' }
  | { ok: false; problem: Problem };

export interface QuarterOption {
  title: string;
  start: string | null;
  end: string | null;
  /** Where it was found: a milestone, or (epics carrier) a quarter label. */
  source: 'milestone' | 'label';
}

export type QuartersResult =
  { ok: true; quarters: QuarterOption[]; current: string | null } | { ok: false; problem: Problem };

export interface QuarterMapCache {
  peek(key: string): Promise<{ storedAt: string; data: CachedQuarterMap } | null>;
  put(key: string, data: CachedQuarterMap): Promise<void>;
}

export interface QuarterMapPorts {
  instances(): Promise<InstanceRecord[]>;
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  /** How the namespace keeps its OKRs (carrierSettingsFor over the stored choices). */
  carrierSettings(baseUrl: string, fullPath: string): Promise<CarrierSettings>;
  cache: QuarterMapCache;
  now(): Date;
  timeZone(): string;
  ruleSettings?(): Promise<RuleSettings | undefined>;
  holidays?(): Promise<string[]>;
  topLevelObjectives?(): Promise<string[]>;
}

export interface QuarterMapService {
  peek(request: MapRequest): Promise<MapResult | null>;
  load(request: MapRequest): Promise<MapResult>;
  quarters(request: Omit<MapRequest, 'quarter'>): Promise<QuartersResult>;
  /** The words behind one row of the last map loaded for the request. */
  details(request: MapRequest, url: string): Promise<DetailsResult>;
  /**
   * Reads the notes of up to `HISTORY_STEP` items of the map last loaded for the request; once
   * none is left, the map built with every item's notes. It never loads the tree: when the tree
   * was set aside (more maps open than are kept), it answers with a problem asking for a refresh.
   */
  readHistory(request: MapRequest): Promise<HistoryStepResult>;
}

/**
 * Items whose notes one history step reads at most: four requests of GitLab's 10 references of
 * one group or project each (the unread items are taken by namespace, so a request is full but
 * for a namespace's last few), side by side (the client caps requests in flight and waits out
 * rate limits), so the page can say how far it is between steps.
 */
export const HISTORY_STEP = 40;

/** What the page receives of a cached map: everything but the rows' words and the raw notes. */
function withoutDetails({
  details: _details,
  notes: _notes,
  ...loaded
}: CachedQuarterMap): LoadedQuarterMap {
  return loaded;
}

/** A scope's tree as loaded, kept in memory while its notes are read. */
interface LoadedTrees {
  scope: string[];
  quarterTitle: string;
  roots: QuarterRoot[];
  carrier: string;
  /** The custom fields each scope keeps key results' values in, by scope path. */
  fields: Record<string, ValueFields | null>;
  baseUrl: string;
  requests: number;
  truncated: boolean;
  /** The items' notes known for their current state, by URL; grows as steps read them. */
  notes: Record<string, CachedNotes>;
  historyRequests: number;
}

/** How many loaded trees stay in memory (the maps open in a few tabs). */
const TREES_KEPT = 3;

/** What an item's notes are keyed by: its last change as the tree shows it (a note touches it). */
export function changeKeyOf(node: OkrNode): string | null {
  return latestOf([node.updatedAt, node.progress?.updatedAt]);
}

/** The cached notes still true of the tree: those of items unchanged since they were read. */
function notesStillTrue(
  roots: QuarterRoot[],
  cached: Record<string, CachedNotes> | undefined,
): Record<string, CachedNotes> {
  const kept: Record<string, CachedNotes> = {};
  if (!cached) return kept;
  for (const node of okrNodesOf(roots)) {
    const entry = cached[node.url];
    if (entry && entry.changedAt === changeKeyOf(node)) kept[node.url] = entry;
  }
  return kept;
}

/**
 * The custom fields an item's history reads: those of the scope it lives in (the longest scope
 * path holding its namespace), else the first scope's.
 */
export function fieldsForItem(
  url: string,
  baseUrl: string,
  byScope: Record<string, ValueFields | null>,
): ValueFields | null {
  const namespace = namespacePathOf(url, baseUrl);
  const holding = Object.keys(byScope)
    .filter((scope) => namespace === scope || namespace?.startsWith(`${scope}/`))
    .sort((a, b) => b.length - a.length)[0];
  return byScope[holding ?? Object.keys(byScope)[0] ?? ''] ?? null;
}

/**
 * The items one history step reads: the unread ones by namespace, in whole batches of GitLab's
 * 10 references, up to HISTORY_STEP; so the step's requests are as few as its items allow.
 */
export function historyStepOf(unread: OkrNode[], baseUrl: string): OkrNode[] {
  const byNamespace = new Map<string, OkrNode[]>();
  for (const node of unread) {
    const namespace = namespacePathOf(node.url, baseUrl) ?? '';
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), node]);
  }
  const step: OkrNode[] = [];
  for (const nodes of byNamespace.values()) {
    for (let i = 0; i < nodes.length; i += REFERENCES_LIMIT) {
      const batch = nodes.slice(i, i + REFERENCES_LIMIT);
      if (step.length + batch.length > HISTORY_STEP) return step;
      step.push(...batch);
    }
  }
  return step;
}

/** Why a history step cannot go on: its tree was set aside for maps opened since. */
function historySetAside(): Problem {
  return {
    kind: 'limit',
    message:
      'OKR Lens set this map’s history aside to make room for other open maps. Refresh to read the history again.',
  };
}

/** Scope entries as GitLab paths: `https://gitlab.com/gitlab-com/` → `gitlab-com`. */
export function scopePathOf(entry: string, baseUrl: string): string {
  let path = entry.trim();
  if (path.startsWith(baseUrl)) path = path.slice(baseUrl.length);
  path = path.replace(/^\/+|\/+$/g, '').replace(/^groups\//, '');
  const routeEnd = path.indexOf('/-/');
  return routeEnd >= 0 ? path.slice(0, routeEnd) : path;
}

export function mapKeyOf(request: MapRequest): string {
  const scope = [...new Set(request.scope)].sort().join(',');
  return `${request.baseUrl}|${scope}|${request.quarter}`;
}

function noInstance(baseUrl: string): Problem {
  return {
    kind: 'noInstance',
    message: `${baseUrl} is not set up in OKR Lens. Add it in the options to see its quarter map.`,
  };
}

function noScope(): Problem {
  return {
    kind: 'invalidRequest',
    message: 'Name a group or project to map, e.g. gitlab-com or gitlab-com/gitlab-okrs.',
  };
}

/**
 * The quarter that holds `today`, else the latest that started before it, else the first. Of
 * several milestones that hold today (a year, a quarter, a sprint), a quarter's title is
 * preferred, then the shortest span: the map is a quarter's.
 */
export function currentQuarterOf(quarters: QuarterOption[], today: string): string | null {
  const dated = quarters.filter((quarter) => quarter.start && quarter.end);
  const span = (q: QuarterOption) => Date.parse(q.end ?? '') - Date.parse(q.start ?? '');
  const holding = dated
    .filter((q) => (q.start ?? '') <= today && today <= (q.end ?? ''))
    .sort(
      (a, b) =>
        Number(fiscalQuarterDates(b.title) !== null) -
          Number(fiscalQuarterDates(a.title) !== null) || span(a) - span(b),
    );
  if (holding[0]) return holding[0].title;
  const started = dated
    .filter((quarter) => (quarter.start ?? '') <= today)
    .sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
  return started[0]?.title ?? quarters[0]?.title ?? null;
}

export function createQuarterMapService(ports: QuarterMapPorts): QuarterMapService {
  const inFlight = new Map<string, Promise<MapResult>>();
  const historyInFlight = new Map<string, Promise<HistoryStepResult>>();
  const loadedTrees = new Map<string, LoadedTrees>();

  async function instanceOf(baseUrl: string): Promise<InstanceRecord | null> {
    return (await ports.instances()).find((instance) => instance.baseUrl === baseUrl) ?? null;
  }

  /** The map of a loaded tree, built with the notes known so far, as the cache keeps it. */
  async function buildFrom(request: MapRequest, trees: LoadedTrees): Promise<CachedQuarterMap> {
    const read = new Map<string, ReadNotes>();
    for (const [url, entry] of Object.entries(trees.notes))
      if (entry.read) read.set(url, entry.read);
    const built = buildQuarterMap({
      scope: trees.scope,
      quarter: quarterDatesOf(request.quarter, trees.roots),
      roots: trees.roots,
      carrier: trees.carrier,
      now: ports.now(),
      timeZone: ports.timeZone(),
      settings: await ports.ruleSettings?.(),
      holidays: (await ports.holidays?.()) ?? [],
      topLevelObjectives: (await ports.topLevelObjectives?.()) ?? [],
      notes: read,
      fields: (url) => fieldsForItem(url, trees.baseUrl, trees.fields),
    });
    return {
      ...built,
      requests: trees.requests,
      truncated: trees.truncated,
      history: {
        read: built.map.items.filter((item) => trees.notes[item.url]).length,
        total: built.map.items.length,
        requests: trees.historyRequests,
      },
      // A copy: the steps after it go on adding to the tree's notes, not to this map's.
      notes: { ...trees.notes },
    };
  }

  function keepTrees(key: string, trees: LoadedTrees): void {
    loadedTrees.delete(key); // the newest goes last
    loadedTrees.set(key, trees);
    for (const old of [...loadedTrees.keys()].slice(0, Math.max(0, loadedTrees.size - TREES_KEPT)))
      loadedTrees.delete(old);
  }

  async function fetchMap(request: MapRequest): Promise<MapResult> {
    const instance = await instanceOf(request.baseUrl);
    if (!instance) return { ok: false, problem: noInstance(request.baseUrl) };
    const scope = [...new Set(request.scope.map((entry) => scopePathOf(entry, instance.baseUrl)))];
    if (scope.length === 0 || scope.some((path) => path === ''))
      return { ok: false, problem: noScope() };
    try {
      const client = await ports.clientFor(instance);
      const roots: QuarterRoot[] = [];
      const seen = new Set<string>();
      let requests = 0;
      let truncated = false;
      let carrier = 'workItemTypes';
      const fields: Record<string, ValueFields | null> = {};
      // Scopes load one after the other: one scope's levels already run side by side, and the
      // client caps requests in flight anyway.
      for (const fullPath of scope) {
        const settings = await ports.carrierSettings(instance.baseUrl, fullPath);
        carrier = settings.carrier;
        fields[fullPath] = settings.fields;
        const tree = await loadQuarterTree(client, {
          fullPath,
          quarterTitle: request.quarter,
          settings,
        });
        requests += tree.requests;
        truncated ||= tree.truncated;
        for (const root of tree.roots) {
          if (seen.has(root.node.id)) continue;
          seen.add(root.node.id);
          roots.push(root);
        }
      }
      const key = mapKeyOf(request);
      // The notes read before (stored with the map, or read since by steps of the tree in
      // memory), for the items that did not change since: no request for them.
      const before = await ports.cache.peek(key);
      const known = { ...before?.data.notes, ...loadedTrees.get(key)?.notes };
      const trees: LoadedTrees = {
        scope,
        quarterTitle: request.quarter,
        roots,
        carrier,
        fields,
        baseUrl: instance.baseUrl,
        requests,
        truncated,
        notes: notesStillTrue(roots, known),
        historyRequests: 0,
      };
      keepTrees(key, trees);
      // A step still reading the old tree is no answer for the new one.
      historyInFlight.delete(key);
      const data = await buildFrom(request, trees);
      // The page is answered while storage writes: the cache holds the map in memory at once,
      // and a big map's write to extension storage takes a while (it never fails the map).
      ports.cache.put(key, data).catch(() => undefined);
      return {
        ok: true,
        data: withoutDetails(data),
        storedAt: ports.now().toISOString(),
        source: 'network',
      };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  function progressOf(trees: LoadedTrees): HistoryProgress {
    const nodes = okrNodesOf(trees.roots);
    return {
      read: nodes.filter((node) => trees.notes[node.url]).length,
      total: nodes.length,
      requests: trees.historyRequests,
    };
  }

  async function historyStep(request: MapRequest): Promise<HistoryStepResult> {
    const key = mapKeyOf(request);
    // Never a tree loaded here: the notes read since would be lost with it, and the page would
    // read them again, round after round, while maps push one another out.
    const trees = loadedTrees.get(key);
    if (!trees) return { ok: false, problem: historySetAside(), progress: null };
    keepTrees(key, trees); // a map being read is in use
    const unread = okrNodesOf(trees.roots).filter((node) => !trees.notes[node.url]);
    const step = historyStepOf(unread, trees.baseUrl);
    if (step.length > 0) {
      const instance = await instanceOf(request.baseUrl);
      if (!instance) return { ok: false, problem: noInstance(request.baseUrl), progress: null };
      try {
        const client = await ports.clientFor(instance);
        const { byUrl, requests } = await loadItemNotes(
          client,
          step.map((node) => node.url),
        );
        trees.historyRequests += requests;
        for (const node of step)
          trees.notes[node.url] = {
            changedAt: changeKeyOf(node),
            read: byUrl.get(node.url) ?? null,
          };
      } catch (error) {
        return { ok: false, problem: problemOf(error), progress: progressOf(trees) };
      }
    }
    // A refresh while the notes were read: the map is the new tree's now. Its own steps read
    // what it lacks; this one neither builds nor stores the old tree's map.
    const current = loadedTrees.get(key);
    if (current !== trees) {
      return current
        ? { ok: true, done: false, progress: progressOf(current) }
        : { ok: false, problem: historySetAside(), progress: null };
    }
    const progress = progressOf(trees);
    if (progress.read < progress.total) return { ok: true, done: false, progress };
    const data = await buildFrom(request, trees);
    ports.cache.put(key, data).catch(() => undefined); // answered while storage writes, as a load is
    return {
      ok: true,
      done: true,
      progress,
      data: withoutDetails(data),
      storedAt: ports.now().toISOString(),
    };
  }

  function loadOnce(request: MapRequest): Promise<MapResult> {
    const key = mapKeyOf(request);
    const running = inFlight.get(key);
    if (running) return running;
    const loading = fetchMap(request).finally(() => inFlight.delete(key));
    inFlight.set(key, loading);
    return loading;
  }

  return {
    async peek(request) {
      const cached = await ports.cache.peek(mapKeyOf(request));
      return cached
        ? {
            ok: true,
            data: {
              ...withoutDetails(cached.data),
              requests: 0,
              history: { ...cached.data.history, requests: 0 },
            },
            storedAt: cached.storedAt,
            source: 'cache',
          }
        : null;
    },
    async details(request, url) {
      const details = (await ports.cache.peek(mapKeyOf(request)))?.data.details[url];
      return details
        ? { ok: true, details }
        : {
            ok: false,
            problem: {
              kind: 'notFound',
              message: 'This row is no longer in the map: refresh the map to see why it reads so.',
            },
          };
    },
    load: loadOnce,
    readHistory(request) {
      const key = mapKeyOf(request);
      const running = historyInFlight.get(key);
      if (running) return running;
      const reading = historyStep(request).finally(() => historyInFlight.delete(key));
      historyInFlight.set(key, reading);
      return reading;
    },
    async quarters(request) {
      const instance = await instanceOf(request.baseUrl);
      if (!instance) return { ok: false, problem: noInstance(request.baseUrl) };
      const scope = request.scope.map((entry) => scopePathOf(entry, instance.baseUrl));
      if (scope.length === 0 || scope.some((path) => path === ''))
        return { ok: false, problem: noScope() };
      try {
        const client = await ports.clientFor(instance);
        const byTitle = new Map<string, QuarterOption>();
        let epicScopes = false;
        for (const fullPath of scope) {
          const settings = await ports.carrierSettings(instance.baseUrl, fullPath);
          epicScopes ||= settings.carrier === 'epics';
          for (const source of quarterSourcesOf(settings)) {
            const found =
              source === 'label'
                ? await quarterLabelsOf(client, fullPath, settings)
                : await milestonesOf(client, fullPath);
            // One option a title: the same quarter kept by several groups or projects (or as a
            // label and a milestone); the first copy with dates wins.
            for (const quarter of found) {
              const kept = byTitle.get(quarter.title);
              if (!kept || (!kept.start && quarter.start)) byTitle.set(quarter.title, quarter);
            }
          }
        }
        if (byTitle.size === 0 && epicScopes) {
          const tooOld = await epicsUnreadableOn(client);
          if (tooOld) return { ok: false, problem: tooOld };
        }
        const quarters = byStartDate([...byTitle.values()]);
        const today = localToday(ports.now(), ports.timeZone());
        return { ok: true, quarters, current: currentQuarterOf(quarters, today) };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    },
  };
}

/**
 * Why a scope kept as epics shows no quarter on a GitLab before 17.2: it serves no epics as work
 * items (no epic, no quarter label on one); null on a newer (or an unknown) version.
 */
async function epicsUnreadableOn(client: GitLabClient): Promise<Problem | null> {
  const version = await gitlabVersion(client);
  if (!version || isAtLeast(version, FEATURE_FLOORS.epicWorkItems)) return null;
  const numbers = versionNumbers(version);
  return {
    kind: 'okrsUnavailable',
    message: `GitLab ${numbers ? numbers.join('.') : version} does not serve epics as work items, which OKR Lens needs to map OKRs kept as epics and labelled issues (GitLab ${FEATURE_FLOORS.epicWorkItems} or later). Ask your GitLab administrator about an upgrade.`,
  };
}

/**
 * Quarters newest first (by start date), undated ones last by title: the switcher opens near
 * today, however many old milestones a group has kept.
 */
export function byStartDate(quarters: QuarterOption[]): QuarterOption[] {
  return [...quarters].sort(
    (a, b) =>
      Number(a.start === null) - Number(b.start === null) ||
      (b.start ?? '').localeCompare(a.start ?? '') ||
      a.title.localeCompare(b.title),
  );
}

/**
 * Where a scope's quarters are found. GitLab's OKR types keep them as milestones. On the epics
 * carrier an item's quarter is read from the configured source first and the others after it
 * (`quarterOf`), so both milestones and quarter labels are offered, a label-keeping group's
 * labels first. Quarters kept only as epics' start and due dates are not listed: that would take
 * reading every epic of the scope (such a map is opened by naming its quarter in the URL).
 */
export function quarterSourcesOf(settings: CarrierSettings): QuarterOption['source'][] {
  if (settings.carrier !== 'epics') return ['milestone'];
  return settings.quarter.source === 'label' ? ['label', 'milestone'] : ['milestone', 'label'];
}

/** The quarter's dates, from the milestone its objectives carry. */
function quarterDatesOf(
  title: string,
  roots: QuarterRoot[],
): { title: string; start: string | null; end: string | null } {
  const milestone = roots
    .map((root) => root.node.milestone)
    .find((quarter) => quarter?.title === title && quarter.startDate && quarter.dueDate);
  return { title, start: milestone?.startDate ?? null, end: milestone?.dueDate ?? null };
}

/** The quarters a scope names by label (`okrq:FY24-Q2`), with their fiscal dates when known. */
async function quarterLabelsOf(
  client: GitLabClient,
  fullPath: string,
  settings: CarrierSettings,
): Promise<QuarterOption[]> {
  const titles = await listQuarterLabels(client, { fullPath, settings });
  return titles.map((title) => {
    const dates = fiscalQuarterDates(title);
    return {
      title,
      start: dates?.startDate ?? null,
      end: dates?.dueDate ?? null,
      source: 'label' as const,
    };
  });
}

/**
 * The milestones a scope entry can show: a group's own, its subgroups' and projects' and its
 * ancestors'; a project's own and its groups' (open and closed).
 */
async function milestonesOf(client: GitLabClient, fullPath: string): Promise<QuarterOption[]> {
  const milestones = await listScopeMilestones(client, { fullPath });
  return milestones.map((milestone) => ({
    title: milestone.title,
    start: milestone.startDate,
    end: milestone.dueDate,
    source: 'milestone' as const,
  }));
}
