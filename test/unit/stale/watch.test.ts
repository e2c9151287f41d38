// The watch over GitLab through the real client and a fake GitLab: how many requests it makes
// (one per 100 items per namespace, never one per item), how it backs off on 429, and what it
// reports when a token is revoked, missing, or the instance is too old for the one-query path.
import { describe, expect, it, vi } from 'vitest';
import { createStaleWatch, type StaleWatchSettings } from '../../../lib/services/stale-watch';
import type { InstanceRecord } from '../../../lib/settings';
import type { StaleReport } from '../../../lib/messages';
import { GitLabError } from '../../../lib/gitlab/errors';
import {
  BASE_URL,
  clientFor,
  fakeGitLab,
  manyItems,
  workItem,
  type FakeGitLab,
} from './fake-gitlab';

const NOW = new Date('2026-11-20T12:00:00Z');

const instance: InstanceRecord = {
  baseUrl: BASE_URL,
  origin: BASE_URL,
  addedAt: '2026-01-01T00:00:00Z',
  check: { ok: true, username: 'dri', checkedAt: '2026-11-01T00:00:00Z' },
};

function watchOn(
  fake: FakeGitLab,
  settings: Partial<StaleWatchSettings> = {},
  sleep: (ms: number) => Promise<void> = async () => {},
) {
  // One client for every run, as the background keeps one per instance.
  const client = clientFor(fake, sleep);
  return createStaleWatch({
    instances: async () => [instance],
    clientFor: async () => client,
    settings: async () => ({
      watched: [],
      holidays: [],
      maxAgeDays: 35,
      businessDayDeadline: 5,
      ...settings,
    }),
    now: () => NOW,
    timeZone: () => 'UTC',
  });
}

describe('requests for 250 assigned OKRs', () => {
  it('asks once per 100 items for your own OKRs on the instance: 3 requests', async () => {
    const fake = fakeGitLab({ mine: manyItems(250) });
    const report = await watchOn(fake).run();
    expect(fake.requests.map((r) => r.operationName)).toEqual([
      'MyStaleWatchQuery',
      'MyStaleWatchQuery',
      'MyStaleWatchQuery',
    ]);
    expect(report.watchedCount).toBe(250);
    expect(report.items).toHaveLength(250); // all last updated in October: stale on the 20th
  });

  it('adds one request per 100 items per watched namespace, and counts an OKR once', async () => {
    const mine = manyItems(250);
    const team = [...mine.slice(0, 50), ...manyItems(130, { from: 1000, username: 'colleague' })];
    const fake = fakeGitLab({ mine, namespaces: { 'okrs/team': team, 'okrs/empty': [] } });
    const report = await watchOn(fake, {
      watched: [
        { baseUrl: BASE_URL, fullPath: 'okrs/team' },
        { baseUrl: BASE_URL, fullPath: 'okrs/empty' },
      ],
    }).run();
    const perOperation = fake.requests.reduce<Record<string, number>>((counts, request) => {
      const key = `${request.operationName} ${String(request.variables.fullPath ?? '')}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    expect(perOperation).toEqual({
      MyStaleWatchQuery: 3, // 250 items
      'NamespaceStaleWatchQuery okrs/team': 2, // 180 items
      'NamespaceStaleWatchQuery okrs/empty': 1,
    });
    expect(report.watchedCount).toBe(380);
    expect(report.items.filter((item) => !item.assignedToYou)).toHaveLength(130);
  });

  it('on a GitLab without currentUser.workItems, looks under the watched top-level group instead', async () => {
    const fake = fakeGitLab({
      mine: 'unsupported',
      namespaces: { okrs: manyItems(250), 'okrs/team': manyItems(20, { from: 500 }) },
    });
    const watch = watchOn(fake, { watched: [{ baseUrl: BASE_URL, fullPath: 'okrs/team' }] });
    const first = await watch.run();
    expect(first.state).toBe('ok');
    expect(first.watchedCount).toBe(270);
    const assigneeFilter = fake.requests.find((r) => r.variables.fullPath === 'okrs')?.variables;
    expect(assigneeFilter?.assignees).toEqual(['dri']);
    // The next run remembers the instance lacks the field: no failing request again.
    fake.requests.length = 0;
    await watch.run();
    expect(fake.requests.map((r) => r.operationName)).not.toContain('MyStaleWatchQuery');
    expect(fake.requests).toHaveLength(4); // 3 pages under okrs, 1 for okrs/team
  });
});

describe('on a GitLab without currentUser.workItems and a private top-level group', () => {
  it('searches the namespaces the user opened OKRs in, once each, and nothing twice', async () => {
    const fake = fakeGitLab({
      mine: 'unsupported',
      namespaces: { 'corp/okrs': manyItems(120), 'corp/okrs/sub': manyItems(5, { from: 900 }) },
    });
    const watch = createStaleWatch({
      instances: async () => [instance],
      clientFor: async () => clientFor(fake),
      settings: async () => ({ watched: [], holidays: [], maxAgeDays: 35, businessDayDeadline: 5 }),
      seenNamespaces: async () => ['corp/okrs', 'corp/okrs/sub'],
      now: () => NOW,
      timeZone: () => 'UTC',
    });
    const report = await watch.run();
    expect(report.state).toBe('ok');
    expect(report.watchedCount).toBe(120);
    expect(
      fake.requests.map((r) => `${r.operationName} ${String(r.variables.fullPath ?? '')}`),
    ).toEqual([
      'MyStaleWatchQuery ',
      'VersionQuery ', // GitLab refused a field: asked once which version it is (17.9)
      'GroupStaleWatchQuery corp', // not readable: GitLab answers null…
      'ProjectStaleWatchQuery corp', // …as a group and as a project
      'GroupStaleWatchQuery corp/okrs',
      'GroupStaleWatchQuery corp/okrs',
    ]);
  });
});

describe('rate limits', () => {
  it('waits as Retry-After says, then continues with the same page', async () => {
    const fake = fakeGitLab({
      mine: manyItems(150),
      before: (_request, count) =>
        count === 2
          ? new Response('Retry later', { status: 429, headers: { 'Retry-After': '7' } })
          : undefined,
    });
    const sleep = vi.fn(async (_ms: number) => {});
    const report = await watchOn(fake, {}, sleep).run();
    expect(sleep).toHaveBeenCalledWith(7000);
    expect(fake.requests.map((r) => r.variables.after ?? null)).toEqual([
      null,
      'cursor-100',
      'cursor-100',
    ]);
    expect(report.items).toHaveLength(150);
  });

  it('reports a long Retry-After as a rate limit and keeps the items it knew', async () => {
    const fake = fakeGitLab({
      mine: manyItems(3),
      before: () => new Response('Retry later', { status: 429, headers: { 'Retry-After': '600' } }),
    });
    const previous: StaleReport = {
      state: 'ok',
      checkedAt: '2026-11-20T11:30:00Z',
      watchedCount: 1,
      failures: [],
      items: (await watchOn(fakeGitLab({ mine: manyItems(1) })).run()).items,
    };
    const report = await watchOn(fake).run(previous);
    expect(report.state).toBe('failed');
    expect(report.failures[0]?.problem).toMatchObject({
      kind: 'rateLimited',
      retryAfterMs: 600_000,
    });
    expect(report.items).toHaveLength(1);
  });
});

describe('failures the user must act on', () => {
  it('says the token is refused, and drops what an unreadable account knew', async () => {
    const fake = fakeGitLab({
      before: () => new Response(JSON.stringify({ message: '401 Unauthorized' }), { status: 401 }),
    });
    const previous = await watchOn(fakeGitLab({ mine: manyItems(2) })).run();
    const report = await watchOn(fake).run(previous);
    expect(report.state).toBe('failed');
    expect(report.items).toEqual([]);
    expect(report.failures[0]?.problem.kind).toBe('unauthorized');
    expect(report.failures[0]?.problem.message).toMatch(/token/);
  });

  it('skips an instance without a token (gitlab.com before set-up) without failing', async () => {
    const watch = createStaleWatch({
      instances: async () => [instance],
      clientFor: async () => {
        throw new GitLabError({ kind: 'noToken', message: 'No token' });
      },
      settings: async () => ({ watched: [], holidays: [], maxAgeDays: 35, businessDayDeadline: 5 }),
      now: () => NOW,
      timeZone: () => 'UTC',
    });
    const report = await watch.run();
    expect(report).toMatchObject({ state: 'idle', failures: [], items: [] });
  });

  it('reports a partial failure when one of two instances fails', async () => {
    const good = fakeGitLab({ mine: [workItem({ id: 1, health: null })] });
    const bad = fakeGitLab({ before: () => new Response('{}', { status: 401 }) });
    const other: InstanceRecord = {
      ...instance,
      baseUrl: 'https://other.example.com',
      origin: 'https://other.example.com',
    };
    const watch = createStaleWatch({
      instances: async () => [instance, other],
      clientFor: async (record) => (record.baseUrl === BASE_URL ? clientFor(good) : clientFor(bad)),
      settings: async () => ({ watched: [], holidays: [], maxAgeDays: 35, businessDayDeadline: 5 }),
      now: () => NOW,
      timeZone: () => 'UTC',
    });
    const report = await watch.run();
    expect(report.state).toBe('partial');
    expect(report.items).toHaveLength(1);
    expect(report.failures.map((f) => f.baseUrl)).toEqual(['https://other.example.com']);
  });
});

describe('watches that cannot be checked', () => {
  it('names a watched namespace that does not exist, and still counts the rest', async () => {
    const fake = fakeGitLab({
      mine: [workItem({ id: 1, health: null })],
      namespaces: { 'okrs/team': manyItems(2, { from: 10, username: 'colleague' }) },
    });
    const report = await watchOn(fake, {
      watched: [
        { baseUrl: BASE_URL, fullPath: 'gone/team' },
        { baseUrl: BASE_URL, fullPath: 'okrs/team' },
      ],
    }).run();
    expect(report.state).toBe('ok');
    expect(report.failures).toEqual([]);
    expect(report.unwatched).toEqual([
      {
        baseUrl: BASE_URL,
        fullPath: 'gone/team',
        problem: expect.objectContaining({ kind: 'notFound' }),
      },
    ]);
    expect(report.unwatched?.[0]?.problem.message).toContain('gone/team');
    expect(report.items).toHaveLength(3);
    expect(report).toMatchObject({ watchedCount: 3, ownCount: 1 });
  });

  it('says a watch on an instance without a token can never run', async () => {
    const watch = createStaleWatch({
      instances: async () => [
        {
          ...instance,
          baseUrl: 'https://gitlab.com',
          origin: 'https://gitlab.com',
          check: undefined,
        },
        instance,
      ],
      clientFor: async (record) => {
        if (record.baseUrl === 'https://gitlab.com')
          throw new GitLabError({ kind: 'noToken', message: 'No token' });
        return clientFor(fakeGitLab({ mine: [] }));
      },
      settings: async () => ({
        watched: [
          { baseUrl: 'https://gitlab.com', fullPath: 'gitlab-org/okrs' },
          { baseUrl: 'https://gone.example.com', fullPath: 'okrs' },
        ],
        holidays: [],
        maxAgeDays: 35,
        businessDayDeadline: 5,
      }),
      now: () => NOW,
      timeZone: () => 'UTC',
    });
    const report = await watch.run();
    expect(report.state).toBe('ok');
    expect(report.unwatched?.map((entry) => [entry.fullPath, entry.problem.kind])).toEqual([
      ['okrs', 'noInstance'],
      ['gitlab-org/okrs', 'noToken'],
    ]);
    expect(report.unwatched?.[1]?.problem.message).toContain('no token for https://gitlab.com');
  });

  it('on a GitLab before 18.1 lists a watched namespace as a group, and counts it', async () => {
    const fake = fakeGitLab({
      mine: [workItem({ id: 1, health: null })],
      namespaces: { 'okrs/team': manyItems(3, { from: 100, username: 'someone' }) },
      before: (request) =>
        request.operationName === 'NamespaceStaleWatchQuery'
          ? Response.json({
              errors: [{ message: "Field 'workItems' doesn't exist on type 'Namespace'" }],
            })
          : undefined,
    });
    const report = await watchOn(fake, {
      watched: [{ baseUrl: BASE_URL, fullPath: 'okrs/team' }],
    }).run();
    expect(report.state).toBe('ok');
    expect(report.items).toHaveLength(4);
    expect(report.unwatched).toEqual([]);
    expect(fake.requests.map((r) => r.operationName)).toContain('GroupStaleWatchQuery');
  });

  it('lets a refused token fail the whole instance, not one watch', async () => {
    const fake = fakeGitLab({ before: () => new Response('{}', { status: 401 }) });
    const report = await watchOn(fake, {
      watched: [{ baseUrl: BASE_URL, fullPath: 'okrs/team' }],
    }).run();
    expect(report.state).toBe('failed');
    expect(report.failures[0]?.problem.kind).toBe('unauthorized');
    expect(report.unwatched).toEqual([]);
  });
});

describe('on a GitLab without currentUser.workItems and no namespace to look in', () => {
  it('says what it needs instead of counting nothing', async () => {
    const fake = fakeGitLab({ mine: 'unsupported', namespaces: { okrs: manyItems(3) } });
    const report = await watchOn(fake).run();
    expect(report.state).toBe('failed');
    expect(report.failures[0]?.problem.message).toMatch(
      /17\.9\.0-ee\) cannot list your OKRs across the instance: that needs GitLab 17\.10\. Watch the group/,
    );
  });
});
