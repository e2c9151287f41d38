// The watch against the GitLab sandbox over real HTTP, counted from the sandbox's own request
// log: for 250+ OKRs assigned to the user, one request per 100 items per namespace, no more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { sandboxSchema } from '../../sandbox/graphql';
import { addGeneratedObjective } from '../../sandbox/seed/generate';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { createStaleWatch } from '../../../lib/services/stale-watch';
import { DEFAULT_EPIC_SETTINGS } from '../../../lib/gitlab/carriers/conventions';
import type { CarrierChoices } from '../../../lib/settings';

const NOW = '2026-11-21T10:00:00.000Z';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(async () => {
  await sandbox?.close();
});

function hasMyWorkItems(): boolean {
  const type = sandboxSchema().getType('CurrentUser');
  return !!type && 'getFields' in type && 'workItems' in type.getFields();
}

describe('requests of the watch for 250+ assigned OKRs', () => {
  // Over real HTTP on a shared machine: generating and reading 250 items takes seconds.
  it(
    'makes one request per 100 of the user’s items per namespace',
    { timeout: 30_000 },
    async () => {
      sandbox.reset();
      const tree = addGeneratedObjective(sandbox.store, {
        levels: 2,
        descendants: 250,
        namespacePath: 'gitlab-org/gitlab',
        assignee: 'casey',
        keyPrefix: 'load',
      });
      expect(tree.items.length).toBeGreaterThanOrEqual(250);
      const store = sandbox.store;
      const casey = store.userByUsername('casey')!.id;
      const mineUnder = (prefix: string) =>
        [...store.workItems.values()].filter(
          (item) =>
            item.state === 'opened' &&
            (item.type === 'Objective' || item.type === 'Key Result') &&
            item.assigneeIds.includes(casey) &&
            store.canRead(casey, item) &&
            (prefix === '' ||
              item.namespacePath === prefix ||
              item.namespacePath.startsWith(`${prefix}/`)),
        ).length;

      sandbox.clearRequests();
      const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
      const watch = createStaleWatch({
        instances: async () => [
          {
            baseUrl: client.baseUrl,
            origin: client.origin,
            addedAt: NOW,
            check: { ok: true, username: 'casey', checkedAt: NOW },
          },
        ],
        clientFor: async () => client,
        settings: async () => ({
          watched: [],
          holidays: [],
          maxAgeDays: 35,
          businessDayDeadline: 5,
        }),
        // The user once opened an OKR of the generated tree.
        seenNamespaces: async () => ['gitlab-org/gitlab'],
        now: () => new Date(NOW),
        timeZone: () => 'UTC',
      });
      const report = await watch.run();
      expect(report.state).toBe('ok');

      const operations = sandbox.graphqlRequests().map((request) => request.operationName);
      const count = (name: string) => operations.filter((operation) => operation === name).length;
      if (hasMyWorkItems()) {
        // GitLab 17.10+: the whole instance in one paged query.
        const mine = mineUnder('');
        expect(report.watchedCount).toBe(mine);
        expect(count('MyStaleWatchQuery')).toBe(Math.ceil(mine / 100));
        expect(operations).toHaveLength(Math.ceil(mine / 100));
      } else {
        // Older GitLab: one refused try, then the top-level group of the seen namespace.
        const mine = mineUnder('gitlab-org');
        expect(mine).toBeGreaterThanOrEqual(250);
        expect(report.watchedCount).toBe(mine);
        expect(count('MyStaleWatchQuery')).toBe(1);
        expect(count('NamespaceStaleWatchQuery')).toBe(Math.ceil(mine / 100));
        expect(operations).toHaveLength(1 + Math.ceil(mine / 100));
      }
    },
  );
});

describe('requests of the watch on every carrier', () => {
  /** A watch for casey with acme (and northwind, when seeded) kept as epics and issues. */
  function carrierWatch() {
    const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
    const groups = ['acme', 'northwind'].filter((path) => sandbox.store.namespaces.has(path));
    const carriers: CarrierChoices = {
      [client.baseUrl]: Object.fromEntries(groups.map((path) => [path, DEFAULT_EPIC_SETTINGS])),
    };
    const watch = createStaleWatch({
      instances: async () => [
        {
          baseUrl: client.baseUrl,
          origin: client.origin,
          addedAt: NOW,
          check: { ok: true, username: 'casey', checkedAt: NOW },
        },
      ],
      clientFor: async () => client,
      settings: async () => ({
        watched: [],
        holidays: [],
        maxAgeDays: 35,
        businessDayDeadline: 5,
        carriers,
      }),
      now: () => new Date(NOW),
      timeZone: () => 'UTC',
    });
    return { watch, groups };
  }

  const perOperation = () =>
    sandbox.graphqlRequests().reduce<Record<string, number>>((counts, request) => {
      const key = request.operationName ?? '';
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});

  it('the seed: one request for GitLab’s OKR types and one per group set up for a carrier', async () => {
    sandbox.reset();
    sandbox.clearRequests();
    const { watch, groups } = carrierWatch();
    const report = await watch.run();
    expect(report.state).toBe('ok');
    expect(report.unwatched).toEqual([]);
    const counts = perOperation();
    console.info('seed, casey, carriers', groups, counts, 'judged', report.watchedCount);
    expect(counts).toEqual({ MyStaleWatchQuery: 1, NamespaceCarrierWatchQuery: groups.length });
    // casey's acme objectives are counted with GitLab's own.
    expect(report.items.some((item) => item.reference.startsWith('acme'))).toBe(true);
  });

  it('300 of the user’s key result issues under objective epics: one request per 100, not one per item', async () => {
    sandbox.reset();
    const store = sandbox.store;
    const casey = store.userByUsername('casey')!.id;
    // GitLab holds at most 100 children a parent: 60 under each of acme's five objectives.
    const objectives = [1, 2, 3, 4, 5].map((n) => store.workItemBySeedKey(`acme-objective-${n}`)!);
    for (let index = 0; index < 300; index++) {
      const objective = objectives[index % objectives.length]!;
      const created = store.createWorkItem({
        namespacePath: 'acme/engineering',
        type: 'Issue',
        title: `Generated key result ${index + 1}`,
        authorId: casey,
        assigneeIds: [casey],
        parentId: objective.id,
      });
      expect(created.errors, JSON.stringify(created.errors)).toEqual([]);
    }
    sandbox.clearRequests();
    const { watch, groups } = carrierWatch();
    const report = await watch.run();
    const counts = perOperation();
    console.info('300 generated issues, casey, carriers', counts, 'judged', report.watchedCount);
    const inAcme = [...store.workItems.values()].filter(
      (item) =>
        item.state === 'opened' &&
        item.type !== 'Task' &&
        item.assigneeIds.includes(casey) &&
        item.namespacePath.split('/')[0] === 'acme',
    ).length;
    expect(inAcme).toBeGreaterThan(300);
    // Every other group set up (northwind) holds fewer than 100 of casey's items: one page each.
    expect(counts.NamespaceCarrierWatchQuery).toBe(Math.ceil(inAcme / 100) + groups.length - 1);
    expect(counts.MyStaleWatchQuery).toBe(1);
    // Every generated issue is a key result because its parent epic is labelled okr:o.
    expect(
      report.items.filter((item) => item.title.startsWith('Generated key result')),
    ).toHaveLength(300);
  });
});
