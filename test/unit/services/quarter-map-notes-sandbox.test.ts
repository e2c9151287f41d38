// The quarter map's notes against the sandbox, over HTTP: the tree first, then the items' notes
// in steps of batched requests (10 items each, never one per item); kept with the cached map by
// each item's last change, so a refresh reads again only the items changed since; and a failed
// step leaves the map and its cache as they were, with a problem to show.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CARRIER_SETTINGS,
  type CarrierSettings,
} from '../../../lib/gitlab/carriers/conventions';
import { createGitLabClient } from '../../../lib/gitlab/client';
import {
  createQuarterMapService,
  HISTORY_STEP,
  type MapRequest,
  type QuarterMapCache,
  type QuarterMapService,
} from '../../../lib/services/quarter-map';
import {
  createQuarterMapCache,
  type StoredQuarterMap,
} from '../../../lib/services/quarter-map-cache';
import { addGeneratedObjective } from '../../sandbox/seed/generate';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

/** A service on an in-memory storage that serialises as extension storage does. */
function serviceOnSandbox(
  options: { carrierSettings?: (fullPath: string) => CarrierSettings } = {},
): { service: QuarterMapService; request: MapRequest; cache: QuarterMapCache } {
  const stored = new Map<string, StoredQuarterMap>();
  let index: Record<string, string> = {};
  const instance = { baseUrl: sandbox.url, origin: new URL(sandbox.url).origin, addedAt: NOW };
  const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
  const cache = createQuarterMapCache({
    now: () => new Date(NOW),
    limit: 3,
    persistent: {
      load: async (key) => structuredClone(stored.get(key) ?? null),
      save: async (key, entry) => void stored.set(key, structuredClone(entry)),
      remove: async (key) => void stored.delete(key),
      index: async () => ({ ...index }),
      saveIndex: async (next) => void (index = { ...next }),
    },
  });
  const service = createQuarterMapService({
    instances: async () => [instance],
    clientFor: async () => client,
    carrierSettings: async (_baseUrl, fullPath) =>
      options.carrierSettings?.(fullPath) ?? DEFAULT_CARRIER_SETTINGS,
    cache,
    now: () => new Date(NOW),
    timeZone: () => 'UTC',
  });
  const quarter = sandbox.store.workItemBySeedKey('cto-objective-1')!;
  const milestone =
    quarter.milestoneId === null ? null : sandbox.store.milestone(quarter.milestoneId);
  return {
    service,
    cache,
    request: { baseUrl: sandbox.url, scope: ['gitlab-com/gitlab-okrs'], quarter: milestone!.title },
  };
}

const notesRequests = () => sandbox.graphqlRequests('ItemHistoryQuery').length;

/** Steps until every item's notes are read; the steps taken and the final map. */
async function readAll(service: QuarterMapService, request: MapRequest) {
  let steps = 0;
  for (;;) {
    const step = await service.readHistory(request);
    steps += 1;
    if (!step.ok) throw new Error(step.problem.message);
    if (step.done) return { steps, data: step.data };
    expect(step.progress.read).toBeLessThan(step.progress.total);
  }
}

describe('the quarter map’s notes on the sandbox', () => {
  it('reads every item’s notes in batches after the tree, and a refresh reads only what changed', async () => {
    const { service, request } = serviceOnSandbox();
    const first = await service.load(request);
    if (!first.ok) throw new Error(first.problem.message);
    const total = first.data.map.items.length;
    expect(first.data.history).toEqual({ read: 0, total, requests: 0 });
    expect(notesRequests()).toBe(0);

    const { steps, data } = await readAll(service, request);
    expect(steps).toBe(Math.ceil(total / HISTORY_STEP));
    // 10 items a request (per namespace): never one per item.
    expect(notesRequests()).toBeLessThanOrEqual(Math.ceil(total / 10) + 1);
    expect(data.history).toEqual({ read: total, total, requests: notesRequests() });
    // Every key result has its history now; the cache holds the map built with the notes.
    const keyResults = data.map.items.filter((item) => item.type === 'keyResult');
    for (const kr of keyResults) expect(data.histories[kr.url], kr.reference).toBeDefined();
    const cached = await service.peek(request);
    expect(cached?.ok && cached.data.map.items).toEqual(data.map.items);

    // A refresh with nothing changed: the notes come from the cache, no request for them.
    sandbox.clearRequests();
    const again = await service.load(request);
    if (!again.ok) throw new Error(again.problem.message);
    expect(again.data.history).toEqual({ read: total, total, requests: 0 });
    expect(again.data.map.items).toEqual(data.map.items);
    const done = await service.readHistory(request);
    expect(done.ok && done.done).toBe(true);
    expect(notesRequests()).toBe(0);

    // One key result checked in: only it (and what GitLab's roll-up touched above it) is read.
    const kr = sandbox.store.workItemBySeedKey('cto-kr-1-3')!;
    const casey = sandbox.store.userByUsername('casey')!.id;
    sandbox.store.setHealthStatus(kr, 'atRisk', casey, NOW);
    sandbox.clearRequests();
    const changed = await service.load(request);
    if (!changed.ok) throw new Error(changed.problem.message);
    expect(changed.data.history.read).toBe(total - 1);
    const { steps: oneStep, data: after } = await readAll(service, request);
    expect(oneStep).toBe(1);
    expect(notesRequests()).toBe(1);
    const row = after.map.items.find((item) => item.url === sandbox.urlOf('cto-kr-1-3'))!;
    expect(row.health).toBe('atRisk');
    // Changed to at risk a moment ago, nothing says why yet: the check that reads notes fires.
    expect(row.warnings.map((warning) => warning.rule)).toContain('off-track-unexplained');
  });

  it('keeps the map when GitLab refuses the notes, and says how far it got', async () => {
    const { service, request } = serviceOnSandbox();
    const loaded = await service.load(request);
    if (!loaded.ok) throw new Error(loaded.problem.message);
    sandbox.faults.control({ add: { kind: 'status', status: 500, scope: 'graphql' } });
    const step = await service.readHistory(request);
    expect(step.ok).toBe(false);
    if (step.ok) return;
    expect(step.problem.kind).toBe('server');
    expect(step.progress).toEqual({
      read: 0,
      total: loaded.data.map.items.length,
      requests: 0,
    });
    const cached = await service.peek(request);
    expect(cached?.ok && cached.data.map.items).toEqual(loaded.data.map.items);

    // Once GitLab answers again, the reading goes on.
    sandbox.faults.clear();
    const { data } = await readAll(service, request);
    expect(data.history.read).toBe(data.history.total);
  });

  it('keeps the refreshed map when a refresh lands during the last notes step', async () => {
    const { service, request } = serviceOnSandbox();
    const loaded = await service.load(request);
    if (!loaded.ok) throw new Error(loaded.problem.message);
    for (let read = loaded.data.history.read; ;) {
      const step = await service.readHistory(request);
      if (!step.ok || step.done) throw new Error('the last step came too soon');
      read = step.progress.read;
      if (loaded.data.history.total - read <= HISTORY_STEP) break;
    }
    // The last step's notes come slowly; meanwhile a key result turns at risk and the map is
    // refreshed with it.
    sandbox.faults.add({ kind: 'latency', ms: 1500, scope: 'graphql', times: 1 });
    const lastStep = service.readHistory(request);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const kr = sandbox.store.workItemBySeedKey('cto-kr-1-3')!;
    sandbox.store.setHealthStatus(kr, 'atRisk', sandbox.store.userByUsername('casey')!.id, NOW);
    const refreshed = await service.load(request);
    if (!refreshed.ok) throw new Error(refreshed.problem.message);
    const healthOf = (items: { url: string; health: string | null }[]) =>
      items.find((item) => item.url === sandbox.urlOf('cto-kr-1-3'))?.health;
    expect(healthOf(refreshed.data.map.items)).toBe('atRisk');

    // The refreshed page's first step is its own, not the old one's answer.
    const { data } = await readAll(service, request);
    expect(healthOf(data.map.items)).toBe('atRisk');
    const old = await lastStep;
    expect(old.ok && old.done).toBe(false);
    const cached = await service.peek(request);
    expect(cached?.ok && healthOf(cached.data.map.items)).toBe('atRisk');
  });

  it('never reloads a tree set aside for other maps: it asks for a refresh', async () => {
    const { service, request } = serviceOnSandbox();
    const quarters = await service.quarters({ baseUrl: request.baseUrl, scope: request.scope });
    if (!quarters.ok) throw new Error(quarters.problem.message);
    const others = quarters.quarters.map((q) => q.title).filter((t) => t !== request.quarter);
    expect(others.length).toBeGreaterThanOrEqual(3);
    const map = (quarter: string) => ({ ...request, quarter });

    // A map being read counts as in use: three maps opened after it do not push it out while
    // its steps go on between them.
    expect((await service.load(request)).ok).toBe(true);
    for (const quarter of others.slice(0, 3)) {
      expect((await service.load(map(quarter))).ok).toBe(true);
      sandbox.clearRequests();
      const step = await service.readHistory(request);
      expect(step.ok).toBe(true);
      expect(sandbox.graphqlRequests().length).toBe(notesRequests());
    }

    // Once it was left alone while three others loaded, its steps stop with a problem to show,
    // and they load nothing (no tree again, no notes read for a tree that would forget them).
    for (const quarter of others.slice(0, 3)) await service.load(map(quarter));
    sandbox.clearRequests();
    const step = await service.readHistory(request);
    expect(step.ok).toBe(false);
    if (step.ok) return;
    expect(step.problem.message).toContain('Refresh to read the history again');
    expect(sandbox.graphqlRequests()).toHaveLength(0);
    // A refresh reads on from the notes already read.
    const again = await service.load(request);
    if (!again.ok) throw new Error(again.problem.message);
    expect(again.data.history.read).toBeGreaterThan(0);
  });

  it('stores each map with the notes read by then, and a refresh goes on from the latest', async () => {
    const { service, request, cache } = serviceOnSandbox();
    const { mapKeyOf } = await import('../../../lib/services/quarter-map');
    const loaded = await service.load(request);
    if (!loaded.ok) throw new Error(loaded.problem.message);
    const step = await service.readHistory(request);
    if (!step.ok) throw new Error(step.problem.message);
    // The map stored by the load said no notes were read; a later step does not rewrite it.
    const stored = await cache.peek(mapKeyOf(request));
    expect(Object.keys(stored?.data.notes ?? {})).toHaveLength(0);
    expect(stored?.data.history.read).toBe(0);
    // A refresh keeps what the step read since (every item is unchanged).
    const again = await service.load(request);
    if (!again.ok) throw new Error(again.problem.message);
    expect(again.data.history.read).toBe(step.progress.read);
  });

  it('reads the notes of items across projects in full batches of one project each', async () => {
    const { service, request } = serviceOnSandbox();
    // Key results spread over three more projects, one after the other under each objective,
    // so the tree's order mixes the projects.
    const okrs = sandbox.store.namespace('gitlab-com/gitlab-okrs')!;
    const projects = ['alpha', 'beta', 'gamma'].map((name) =>
      sandbox.store.addNamespace({
        kind: 'project',
        fullPath: `gitlab-com/${name}`,
        name,
        visibility: okrs.visibility,
        members: new Map(okrs.members),
      }),
    );
    const objective = sandbox.store.workItemBySeedKey('cto-objective-1')!;
    const casey = sandbox.store.userByUsername('casey')!.id;
    for (let i = 0; i < 36; i += 1) {
      const created = sandbox.store.createWorkItem({
        namespacePath: projects[i % 3]!.fullPath,
        type: 'Key Result',
        title: `Spread key result ${i}`,
        authorId: casey,
        assigneeIds: [casey],
        milestoneId: objective.milestoneId,
        parentId: objective.id,
      });
      if (!created.item) throw new Error(created.errors.join('; '));
    }
    const loaded = await service.load(request);
    if (!loaded.ok) throw new Error(loaded.problem.message);
    const perNamespace = new Map<string, number>();
    for (const item of loaded.data.map.items) {
      const namespace = item.url.slice(sandbox.url.length + 1).split('/-/')[0]!;
      perNamespace.set(namespace, (perNamespace.get(namespace) ?? 0) + 1);
    }
    expect(perNamespace.size).toBe(4);
    sandbox.clearRequests();
    const { data } = await readAll(service, request);
    expect(data.history.read).toBe(data.history.total);
    const fewest = [...perNamespace.values()].reduce((sum, n) => sum + Math.ceil(n / 10), 0);
    expect(notesRequests()).toBe(fewest);
  });

  it('reads each scope’s key results by that scope’s custom field names', async () => {
    // The second scope keeps its key results' current value in a field named "Measured".
    const measuredFields = {
      ...DEFAULT_CARRIER_SETTINGS,
      fields: { start: ['Baseline'], current: ['Measured'], target: ['Goal'] },
    };
    const { service, request } = serviceOnSandbox({
      carrierSettings: (fullPath) =>
        fullPath === 'gitlab-org/gitlab' ? measuredFields : DEFAULT_CARRIER_SETTINGS,
    });
    const quarterOf = sandbox.store.workItemBySeedKey('cto-objective-1')!.milestoneId!;
    const { items } = addGeneratedObjective(sandbox.store, {
      levels: 1,
      fanout: 1,
      namespacePath: 'gitlab-org/gitlab',
      milestoneId: quarterOf,
      keyPrefix: 'measured',
    });
    const kr = items.find((item) => item.type === 'Key Result')!;
    const devon = sandbox.store.userByUsername('devon')!.id;
    const measured = sandbox.store.addCustomField({
      namespacePath: 'gitlab-org',
      name: 'Measured',
      fieldType: 'NUMBER',
      active: true,
      workItemTypeIds: [sandbox.store.typeByName('Key Result')!.id],
      createdById: devon,
    });
    const refused = sandbox.store.setCustomFieldValues(
      kr,
      [{ customFieldId: measured.id, numberValue: 12 }],
      devon,
    );
    expect(refused).toBeNull();

    const both = { ...request, scope: ['gitlab-com/gitlab-okrs', 'gitlab-org/gitlab'] };
    const loaded = await service.load(both);
    if (!loaded.ok) throw new Error(loaded.problem.message);
    const { data } = await readAll(service, both);
    const url = sandbox.urlOf('measured-1.1');
    expect(data.map.items.map((item) => item.url)).toContain(url);
    expect(data.histories[url]?.map((point) => point.value)).toContain(12);
  });
});
