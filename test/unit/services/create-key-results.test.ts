// The quick-create use case against a fake GitLab: one item per draft however often it is sent,
// a retry after an unclear failure adopts the item GitLab made, a failed value update leaves the
// item recorded and a retry sets only the values, and the batch is refused up front for a
// read-only token, a namespace without OKRs and a parent at GitLab's limits.
import { describe, expect, it } from 'vitest';
import { GitLabError } from '@/lib/gitlab/errors';
import type { CreatedItem, KeyResultSubmission, ParentSnapshot, WorkItemRef } from '@/lib/messages';
import {
  createKeyResultService,
  MAX_CHILDREN,
  type CreatePorts,
  type KeyResultGateway,
} from '@/lib/services/create-key-results';
import type { CreateAttempt, InstanceRecord } from '@/lib/settings';

const ref: WorkItemRef = {
  origin: 'https://gitlab.example.com',
  basePath: '',
  fullPath: 'okrs/engineering',
  iid: '7',
  route: 'work_item',
  namespaceKind: 'project',
};

const apiInstance: InstanceRecord = {
  baseUrl: 'https://gitlab.example.com',
  origin: 'https://gitlab.example.com',
  addedAt: '2026-11-01T00:00:00.000Z',
  check: { ok: true, username: 'ada', scopes: ['api'], checkedAt: '2026-11-01T00:00:00.000Z' },
};

function parent(overrides: Partial<ParentSnapshot> = {}): ParentSnapshot {
  return {
    id: 'gid://gitlab/WorkItem/70',
    reference: 'okrs/engineering#7',
    url: 'https://gitlab.example.com/okrs/engineering/-/work_items/7',
    title: 'Ship a calmer on-call',
    kind: 'objective',
    state: 'opened',
    milestone: { id: 'gid://gitlab/Milestone/3', title: 'FY27-Q4', startDate: null, dueDate: null },
    children: [],
    childrenIncomplete: false,
    ...overrides,
  };
}

function draft(localId: string, overrides: Partial<KeyResultSubmission> = {}): KeyResultSubmission {
  return {
    localId,
    title: `Cut pages from 40 to 10 (${localId})`,
    description: '### Overview\n',
    assigneeIds: ['gid://gitlab/User/1'],
    milestoneId: 'gid://gitlab/Milestone/3',
    dueDate: null,
    healthStatus: 'onTrack',
    progress: { startValue: 40, currentValue: 40, endValue: 10 },
    ...overrides,
  };
}

/** A small GitLab: children of the parent, with switchable failures. */
function fakeGitLab() {
  const items: (CreatedItem & { parentId: string; createdAt: string; values?: number[] })[] = [];
  const calls = { create: 0, update: 0, find: 0 };
  const faults = {
    /** The next create is applied, but its answer is lost. */
    createTimesOutAfterSaving: false,
    createFailsWith: null as GitLabError | null,
    updateFailsWith: null as GitLabError | null,
  };
  let snapshot = parent();
  let typeId: string | null = 'gid://gitlab/WorkItems::Type/7';
  const gateway: KeyResultGateway = {
    loadParent: async () => ({
      ...snapshot,
      children: [
        ...snapshot.children,
        ...items.map((item) => ({
          id: item.id,
          title: item.title,
          kind: 'keyResult' as const,
          state: 'opened' as const,
        })),
      ],
    }),
    keyResultTypeId: async () => typeId,
    async createKeyResult(input) {
      calls.create += 1;
      if (faults.createFailsWith) throw faults.createFailsWith;
      const id = items.length + 100;
      const item = {
        id: `gid://gitlab/WorkItem/${id}`,
        reference: `okrs/engineering#${id}`,
        url: `https://gitlab.example.com/okrs/engineering/-/work_items/${id}`,
        title: input.title,
        parentId: input.parentId,
        createdAt: new Date(clock.time + clock.gitlabSkewMs).toISOString(),
      };
      items.push(item);
      if (faults.createTimesOutAfterSaving) {
        faults.createTimesOutAfterSaving = false;
        throw new GitLabError(
          { kind: 'timeout', message: 'GitLab did not answer within 30 seconds.' },
          { unclear: true },
        );
      }
      return { id: item.id, reference: item.reference, url: item.url, title: item.title };
    },
    async updateProgress(input) {
      calls.update += 1;
      if (faults.updateFailsWith) throw faults.updateFailsWith;
      const item = items.find((candidate) => candidate.id === input.id);
      if (!item) throw new Error('no such item');
      item.values = [input.startValue, input.currentValue, input.endValue];
    },
    async findRecentChildByTitle(input) {
      calls.find += 1;
      const found = items.find(
        (item) =>
          item.parentId === input.parentId &&
          item.title === input.title &&
          item.createdAt >= input.since,
      );
      return found
        ? { id: found.id, reference: found.reference, url: found.url, title: found.title }
        : null;
    },
    members: async () => [{ id: 'gid://gitlab/User/1', username: 'ada', name: 'Ada' }],
    milestones: async () => [],
    // A native objective's key results stay in its project: nothing below is asked.
    issueProjects: async () => [],
    typesOf: async () => [],
    numberFields: async () => [],
    labels: async () => [],
    writesCustomFields: () => true,
    updateCustomFields: async () => undefined,
  };
  const clock = {
    time: Date.parse('2026-11-21T10:00:00.000Z'),
    /** How far GitLab's clock is from the browser's. */
    gitlabSkewMs: 0,
    now: () => new Date(clock.time),
  };
  return {
    items,
    calls,
    faults,
    gateway,
    clock,
    setParent: (next: ParentSnapshot) => void (snapshot = next),
    withoutOkrs: () => void (typeId = null),
  };
}

function setup(instance: InstanceRecord = apiInstance) {
  const gitlab = fakeGitLab();
  const attempts = new Map<string, CreateAttempt>();
  const changed: string[] = [];
  const ports: CreatePorts = {
    instances: async () => [instance],
    gatewayFor: async () => gitlab.gateway,
    attempts: {
      get: async (localId) => attempts.get(localId) ?? null,
      put: async (attempt) => void attempts.set(attempt.localId, attempt),
    },
    now: gitlab.clock.now,
    changed: async (origin) => void changed.push(origin),
  };
  return { gitlab, attempts, changed, service: createKeyResultService(ports) };
}

describe('creating key results', () => {
  it('creates each draft under the parent with its values, and refreshes the instance', async () => {
    const { gitlab, service, changed } = setup();
    const result = await service.submit(ref, [draft('a'), draft('b')]);
    expect(result.ok && result.outcomes.map((o) => o.state)).toEqual(['created', 'created']);
    expect(gitlab.items.map((item) => [item.parentId, item.values])).toEqual([
      ['gid://gitlab/WorkItem/70', [40, 40, 10]],
      ['gid://gitlab/WorkItem/70', [40, 40, 10]],
    ]);
    expect(result.ok && result.outcomes[0]?.item?.url).toMatch(/work_items\/100$/);
    expect(changed).toEqual([ref.origin]);
  });

  it('skips the value update for a draft without values', async () => {
    const { gitlab, service } = setup();
    await service.submit(ref, [draft('a', { progress: null })]);
    expect(gitlab.calls.update).toBe(0);
  });

  it('creates one item when the same draft is sent twice at once (double click)', async () => {
    const { gitlab, service } = setup();
    const [first, second] = await Promise.all([
      service.submit(ref, [draft('a')]),
      service.submit(ref, [draft('a')]),
    ]);
    expect(gitlab.items).toHaveLength(1);
    expect(first.ok && first.outcomes[0]?.item?.id).toBe(second.ok && second.outcomes[0]?.item?.id);
  });

  it('does not create again a draft already created (a popup reopened and sent it again)', async () => {
    const { gitlab, service } = setup();
    await service.submit(ref, [draft('a')]);
    const again = await service.submit(ref, [draft('a')]);
    expect(gitlab.items).toHaveLength(1);
    expect(again.ok && again.outcomes[0]?.state).toBe('created');
  });

  it('after a timeout that GitLab survived, a retry finds the item instead of making a second', async () => {
    const { gitlab, service } = setup();
    gitlab.faults.createTimesOutAfterSaving = true;
    const first = await service.submit(ref, [draft('a')]);
    expect(first.ok && first.outcomes[0]?.state).toBe('unclear');
    expect(first.ok && first.outcomes[0]?.problem?.message).toMatch(/not clear/);
    gitlab.clock.time += 30_000;
    const retry = await service.submit(ref, [draft('a')]);
    expect(gitlab.items).toHaveLength(1);
    expect(retry.ok && retry.outcomes[0]).toMatchObject({ state: 'created', recovered: true });
    expect(gitlab.items[0]?.values).toEqual([40, 40, 10]);
  });

  it('finds the item after a timeout even when GitLab’s clock is hours behind the browser’s', async () => {
    const { gitlab, service } = setup();
    gitlab.clock.gitlabSkewMs = -3 * 60 * 60 * 1000;
    gitlab.faults.createTimesOutAfterSaving = true;
    await service.submit(ref, [draft('a')]);
    const retry = await service.submit(ref, [draft('a')]);
    expect(gitlab.items).toHaveLength(1);
    expect(retry.ok && retry.outcomes[0]).toMatchObject({ state: 'created', recovered: true });
  });

  it('does not take a same-titled key result that existed before for the one it sent', async () => {
    const { gitlab, service } = setup();
    await service.submit(ref, [draft('old', { title: 'Cut pages from 40 to 10' })]);
    gitlab.faults.createFailsWith = new GitLabError(
      { kind: 'timeout', message: 'GitLab did not answer within 30 seconds.' },
      { unclear: true },
    );
    await service.submit(ref, [draft('new', { title: 'Cut pages from 40 to 10' })]);
    gitlab.faults.createFailsWith = null;
    const retry = await service.submit(ref, [draft('new', { title: 'Cut pages from 40 to 10' })]);
    expect(retry.ok && retry.outcomes[0]).toMatchObject({ state: 'created' });
    expect(retry.ok && retry.outcomes[0]?.recovered).toBeUndefined();
    expect(gitlab.items).toHaveLength(2);
  });

  it('after a timeout where GitLab made nothing, a retry looks, finds nothing, and creates', async () => {
    const { gitlab, service } = setup();
    gitlab.faults.createFailsWith = new GitLabError(
      { kind: 'offline', message: 'GitLab could not be reached.' },
      { unclear: true },
    );
    await service.submit(ref, [draft('a')]);
    gitlab.faults.createFailsWith = null;
    const retry = await service.submit(ref, [draft('a')]);
    expect(gitlab.calls.find).toBe(1);
    expect(gitlab.items).toHaveLength(1);
    expect(retry.ok && retry.outcomes[0]?.state).toBe('created');
  });

  it('a failed value update keeps the created item, and a retry sets only the values', async () => {
    const { gitlab, service } = setup();
    gitlab.faults.updateFailsWith = new GitLabError({ kind: 'server', message: 'HTTP 500.' });
    const first = await service.submit(ref, [draft('a')]);
    const outcome = first.ok ? first.outcomes[0] : undefined;
    expect(outcome?.state).toBe('progressFailed');
    expect(outcome?.item?.url).toMatch(/work_items\/100$/);
    expect(outcome?.problem?.message).toMatch(/was created.*values were not set/);
    gitlab.faults.updateFailsWith = null;
    const retry = await service.submit(ref, [draft('a')]);
    expect(retry.ok && retry.outcomes[0]?.state).toBe('created');
    expect(gitlab.calls.create).toBe(1);
    expect(gitlab.items[0]?.values).toEqual([40, 40, 10]);
  });

  it('a refused create (GitLab made nothing) is retried as a fresh create', async () => {
    const { gitlab, service } = setup();
    gitlab.faults.createFailsWith = new GitLabError({
      kind: 'invalidRequest',
      message: 'GitLab did not create the key result: Title is too long.',
    });
    const first = await service.submit(ref, [draft('a')]);
    expect(first.ok && first.outcomes[0]?.state).toBe('failed');
    gitlab.faults.createFailsWith = null;
    await service.submit(ref, [draft('a')]);
    expect(gitlab.calls.find).toBe(0);
    expect(gitlab.items).toHaveLength(1);
  });

  it('stops the batch at a rate limit, marking the rest as not created', async () => {
    const { gitlab, service } = setup();
    gitlab.faults.createFailsWith = new GitLabError(
      { kind: 'rateLimited', message: 'Try again in 30 seconds.', retryAfterMs: 30_000 },
      { status: 429 },
    );
    const result = await service.submit(ref, [draft('a'), draft('b'), draft('c')]);
    expect(gitlab.calls.create).toBe(1);
    expect(result.ok && result.outcomes.map((o) => [o.state, o.problem?.kind])).toEqual([
      ['failed', 'rateLimited'],
      ['failed', 'rateLimited'],
      ['failed', 'rateLimited'],
    ]);
  });
});

describe('refusing the whole batch up front', () => {
  it('says a read_api token can only read, before calling GitLab', async () => {
    const readOnly: InstanceRecord = {
      ...apiInstance,
      check: { ...apiInstance.check!, scopes: ['read_api'] },
    };
    const { gitlab, service } = setup(readOnly);
    const result = await service.submit(ref, [draft('a')]);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'insufficientScope' } });
    expect(!result.ok && result.problem.message).toMatch(/read_api.*api scope/);
    expect(gitlab.calls.create).toBe(0);
    const context = await service.context(ref);
    expect(context.ok).toBe(false);
  });

  it('says OKRs are not available when the namespace has no Key Result type', async () => {
    const { gitlab, service } = setup();
    gitlab.withoutOkrs();
    const result = await service.submit(ref, [draft('a')]);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'okrsUnavailable' } });
  });

  it('refuses children under a key result', async () => {
    const { gitlab, service } = setup();
    gitlab.setParent(parent({ kind: 'keyResult' }));
    const result = await service.submit(ref, [draft('a')]);
    expect(!result.ok && result.problem.message).toMatch(/key result cannot have children/i);
    expect(gitlab.calls.create).toBe(0);
  });

  it('refuses more children than GitLab allows, saying how many still fit', async () => {
    const { gitlab, service } = setup();
    const children = Array.from({ length: MAX_CHILDREN - 1 }, (_, index) => ({
      title: `KR ${index}`,
      kind: 'keyResult' as const,
      state: 'opened' as const,
    }));
    gitlab.setParent(parent({ children }));
    const result = await service.submit(ref, [draft('a'), draft('b')]);
    expect(!result.ok && result.problem.message).toMatch(/99 children.*only 1 more/);
    const single = await service.submit(ref, [draft('a')]);
    expect(single.ok).toBe(true);
  });

  it('says when the instance is not configured or has no token', async () => {
    const { service } = setup();
    const elsewhere = await service.submit({ ...ref, origin: 'https://other.example' }, [
      draft('a'),
    ]);
    expect(elsewhere).toMatchObject({ ok: false, problem: { kind: 'noInstance' } });
    const noToken = createKeyResultService({
      instances: async () => [apiInstance],
      gatewayFor: async () => {
        throw new GitLabError({ kind: 'noToken', message: 'Add a token in OKR Lens options.' });
      },
      attempts: { get: async () => null, put: async () => undefined },
      now: () => new Date(),
      changed: async () => undefined,
    });
    expect(await noToken.submit(ref, [draft('a')])).toMatchObject({
      ok: false,
      problem: { kind: 'noToken' },
    });
  });
});

describe('the form context', () => {
  it('offers the members and milestones, the parent milestone first when GitLab did not list it', async () => {
    const { service } = setup();
    const result = await service.context(ref);
    expect(result.ok && result.context.members.map((m) => m.username)).toEqual(['ada']);
    expect(result.ok && result.context.milestones.map((m) => m.title)).toEqual(['FY27-Q4']);
    expect(result.ok && result.context.me).toBe('ada');
  });
});
