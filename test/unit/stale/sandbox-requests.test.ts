// The watch against the GitLab sandbox over real HTTP, counted from the sandbox's own request
// log: for 250+ OKRs assigned to the user, one request per 100 items per namespace, no more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { sandboxSchema } from '../../sandbox/graphql';
import { addGeneratedObjective } from '../../sandbox/seed/generate';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { createStaleWatch } from '../../../lib/services/stale-watch';

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
  it('makes one request per 100 of the user’s items per namespace', async () => {
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
      settings: async () => ({ watched: [], holidays: [], maxAgeDays: 35, businessDayDeadline: 5 }),
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
  });
});
