// The OKR view use case: for a work item reference, answer at once from the cache (peek) and
// fetch a fresh view from GitLab (load), with one request in flight per item.
import { DEFAULT_CARRIER_SETTINGS, type CarrierSettings } from '../gitlab/carriers/conventions';
import type { GitLabClient } from '../gitlab/client';
import { loadItemTree, listDriObjectives } from '../gitlab/okr-repository';
import { requiredData, type RuleSettings } from '../okr';
import { basePathOf, instanceForRef } from '../instances';
import { workItemRefFromUrl } from '../page';
import type { ViewResult, WorkItemRef } from '../messages';
import type { OkrNode } from '../okr/model';
import type { InstanceRecord } from '../settings';
import { buildOkrView } from './view-builder';
import { cacheKeyOf, type ViewCache } from './view-cache';
import { noInstanceProblem, problemOf } from './problems';

export interface ViewServicePorts {
  instances(): Promise<InstanceRecord[]>;
  /** A client for the instance, or a thrown `problem` (e.g. no token stored). */
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  cache: ViewCache;
  now(): Date;
  timeZone(): string;
  ruleSettings?(): Promise<RuleSettings | undefined>;
  holidays?(): Promise<string[]>;
  /** URLs or references of objectives allowed to have no parent. */
  topLevelObjectives?(): Promise<string[]>;
  /**
   * How the item's namespace keeps its OKRs: the extension reads the user's choice for the
   * instance and top-level group (lib/settings.ts `carrierSettingsFor`), the CLI passes the
   * settings it was given. GitLab's OKR types when absent.
   */
  carrierSettings?(ref: WorkItemRef, instance: InstanceRecord): Promise<CarrierSettings>;
}

export interface ViewService {
  peek(ref: WorkItemRef): Promise<ViewResult | null>;
  load(ref: WorkItemRef): Promise<ViewResult>;
  /**
   * Starts loading a view that is about to be asked for (a page opening): the next `load` of the
   * item within `PREFETCH_TTL_MS` takes this load, in flight or done, instead of another request.
   */
  prefetch(ref: WorkItemRef): void;
}

/** How long a prefetched view waits for the `load` that takes it over. */
export const PREFETCH_TTL_MS = 30_000;

/**
 * The top-level list as the `unaligned` rule matches it: each URL of this instance also as its
 * reference (`group/project#12`), so a link copied from a list's drawer or an `/-/issues/` page
 * counts as the item it shows.
 */
export function topLevelEntriesOn(entries: string[], instance: InstanceRecord): string[] {
  const basePath = basePathOf(instance);
  return entries.flatMap((entry) => {
    const ref = workItemRefFromUrl(entry, { basePath });
    return ref && ref.origin === instance.origin ? [entry, `${ref.fullPath}#${ref.iid}`] : [entry];
  });
}

export function createViewService(ports: ViewServicePorts): ViewService {
  const inFlight = new Map<string, Promise<ViewResult>>();
  const prefetched = new Map<string, { at: number; result: Promise<ViewResult> }>();

  async function fetchView(ref: WorkItemRef): Promise<ViewResult> {
    const instance = instanceForRef(await ports.instances(), ref);
    if (!instance) return { ok: false, problem: noInstanceProblem(ref) };
    try {
      const client = await ports.clientFor(instance);
      const settings = await ports.ruleSettings?.();
      const carrier = (await ports.carrierSettings?.(ref, instance)) ?? DEFAULT_CARRIER_SETTINGS;
      const needs = requiredData(settings);
      // The DRI's other objectives are one more request, made only when the rule is on, and
      // started as soon as the item is known so it runs alongside the descendant levels.
      let driObjectives: Promise<OkrNode[] | undefined> = Promise.resolve(undefined);
      const tree = await loadItemTree(
        client,
        { fullPath: ref.fullPath, iid: ref.iid },
        {
          carrier,
          onItem: (item) => {
            const dri = item.assignees.length === 1 ? item.assignees[0] : undefined;
            // GitLab lists objectives by type only: on the epics carrier the rule stays quiet.
            if (carrier.carrier !== 'workItemTypes') return;
            if (!needs.has('driObjectives') || item.kind !== 'objective' || !dri || !item.milestone)
              return;
            driObjectives = listDriObjectives(client, {
              fullPath: ref.fullPath,
              username: dri.username,
              milestoneTitle: item.milestone.title,
            }).catch(() => undefined);
          },
        },
      );
      const item = tree.item;
      if (item.kind === 'issue' && tree.linkedKeyResults.length === 0) {
        return {
          ok: false,
          problem: { kind: 'notAnOkr', message: 'This issue counts toward no key result.' },
        };
      }
      const now = ports.now();
      const timeZone = ports.timeZone();
      const driOpenObjectives = await driObjectives;
      const view = buildOkrView({
        tree,
        now,
        timeZone,
        settings,
        holidays: (await ports.holidays?.()) ?? [],
        topLevelObjectives: topLevelEntriesOn((await ports.topLevelObjectives?.()) ?? [], instance),
        context: driOpenObjectives ? { driOpenObjectives } : {},
        carrier,
      });
      await ports.cache.put(ref, view);
      return { ok: true, view, source: 'network' };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  return {
    async peek(ref) {
      const cached = await ports.cache.peek(ref);
      return cached ? { ok: true, view: cached.view, source: 'cache' } : null;
    },
    load(ref) {
      const key = cacheKeyOf(ref);
      const early = prefetched.get(key);
      prefetched.delete(key);
      if (early && ports.now().getTime() - early.at < PREFETCH_TTL_MS) return early.result;
      return loadOnce(ref, key);
    },
    prefetch(ref) {
      const key = cacheKeyOf(ref);
      const at = ports.now().getTime();
      for (const [other, entry] of prefetched)
        if (at - entry.at >= PREFETCH_TTL_MS) prefetched.delete(other);
      prefetched.set(key, { at, result: loadOnce(ref, key) });
    },
  };

  /** One request in flight per item: a second caller shares the first one's answer. */
  function loadOnce(ref: WorkItemRef, key: string): Promise<ViewResult> {
    const running = inFlight.get(key);
    if (running) return running;
    const request = fetchView(ref).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
    return request;
  }
}
