// Fault switches make the sandbox fail the way GitLab fails, in-process and over HTTP, and the
// request log shows what the extension sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { graphqlAt, itemAt, restAt, start } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const control = (body: unknown) =>
  fetch(`${sandbox.url}/__sandbox/control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ faults: unknown[]; latencyMs: number }>);

describe('faults', () => {
  it('429 carries Retry-After, RateLimit headers and "Retry later", for the next N requests only', async () => {
    sandbox.faults.add({ kind: 'status', status: 429, scope: 'graphql', times: 2, retryAfter: 30 });
    const limited = await fetch(`${sandbox.url}/api/graphql`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sandbox.tokens.api}`,
      },
      body: '{"query":"{ currentUser { username } }"}',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.text()).toBe('Retry later\n');
    expect((await graphqlAt(sandbox, '{ currentUser { username } }')).status).toBe(429);
    expect((await graphqlAt(sandbox, '{ currentUser { username } }')).status).toBe(200);
  });

  it('scopes: a REST fault leaves GraphQL alone', async () => {
    sandbox.faults.add({ kind: 'status', status: 500, scope: 'rest' });
    expect(await restAt(sandbox, '/api/v4/user')).toMatchObject({
      status: 500,
      json: { message: '500 Internal Server Error' },
    });
    expect((await graphqlAt(sandbox, '{ currentUser { username } }')).status).toBe(200);
  });

  it('401 / 403 / 404 answer in GitLab shapes', async () => {
    for (const status of [401, 403, 404] as const) {
      sandbox.faults.add({ kind: 'status', status, scope: 'all', times: 1 });
      expect((await restAt(sandbox, '/api/v4/user')).status).toBe(status);
    }
  });

  it('malformed JSON is a 200 whose body does not parse', async () => {
    sandbox.faults.add({ kind: 'malformedJson', times: 1 });
    const answer = await restAt(sandbox, '/api/v4/user');
    expect(answer.status).toBe(200);
    expect(answer.json).toBeNull();
    expect(answer.text.length).toBeGreaterThan(0);
  });

  it('GraphQL errors come back with HTTP 200 and data null', async () => {
    sandbox.faults.add({ kind: 'graphqlErrors', message: 'Internal server error', times: 1 });
    const answer = await graphqlAt(sandbox, '{ currentUser { username } }');
    expect([answer.status, answer.json]).toEqual([
      200,
      { data: null, errors: [{ message: 'Internal server error' }] },
    ]);
  });

  it('a missing widget disappears from work items', async () => {
    sandbox.faults.add({ kind: 'missingWidget', widget: 'PROGRESS', times: 1 });
    const types = (item: unknown) =>
      (item as { widgets: { type: string }[] }).widgets.map((w) => w.type);
    expect(types(await itemAt(sandbox, 'ally-kr2'))).not.toContain('PROGRESS');
    expect(types(await itemAt(sandbox, 'ally-kr2'))).toContain('PROGRESS');
  });

  it('latency delays the answer; a timeout holds it until the client gives up', async () => {
    sandbox.faults.add({ kind: 'latency', ms: 150, times: 1 });
    const before = Date.now();
    await restAt(sandbox, '/api/v4/user');
    expect(Date.now() - before).toBeGreaterThanOrEqual(140);

    sandbox.faults.add({ kind: 'timeout', scope: 'graphql', times: 1 });
    const held = fetch(`${sandbox.url}/api/graphql`, {
      method: 'POST',
      body: '{"query":"{ currentUser { username } }"}',
      signal: AbortSignal.timeout(300),
    });
    await expect(held).rejects.toThrow();
    expect(sandbox.requests().at(-1)).toMatchObject({ api: 'graphql', status: 0 });
  });

  it('are switched over HTTP too, and reset re-seeds the store', async () => {
    const state = await control({
      add: { kind: 'status', status: 500, scope: 'graphql' },
      latencyMs: 0,
    });
    expect(state.faults).toHaveLength(1);
    expect((await graphqlAt(sandbox, '{ currentUser { username } }')).status).toBe(500);
    expect((await control({ clear: true })).faults).toEqual([]);

    sandbox.store.setHealthStatus(sandbox.store.workItemBySeedKey('ally-kr2')!, 'atRisk', 1);
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(sandbox.store.workItemBySeedKey('ally-kr2')?.healthStatus).toBe('needsAttention');
  });

  it('refuses a switch it does not know', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/control`, {
      method: 'POST',
      body: JSON.stringify({ add: { kind: 'status', status: 418 } }),
    });
    expect(response.status).toBe(400);
  });
});

describe('request log', () => {
  it('records method, path, operation name, status and bytes; clear empties it', async () => {
    await graphqlAt(sandbox, 'query OkrView { currentUser { username } }');
    await restAt(sandbox, '/gitlab/api/v4/user');
    const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
      method: string;
      path: string;
      operationName: string | null;
      status: number;
      bytes: number;
    }[];
    expect(
      log.map(({ method, path, operationName, status }) => ({
        method,
        path,
        operationName,
        status,
      })),
    ).toEqual([
      { method: 'POST', path: '/api/graphql', operationName: 'OkrView', status: 200 },
      { method: 'GET', path: '/gitlab/api/v4/user', operationName: null, status: 200 },
    ]);
    expect(log.every((entry) => entry.bytes > 0)).toBe(true);
    await fetch(`${sandbox.url}/__sandbox/requests/clear`, { method: 'POST' });
    expect(sandbox.requests()).toEqual([]);
  });

  it("GitLab's own page script (session + CSRF token) pays the latency but no fault, logged apart", async () => {
    sandbox.faults.control({
      latencyMs: 120,
      add: { kind: 'status', status: 500, scope: 'graphql', times: 1 },
    });
    const item = sandbox.item('ally-kr2');
    const started = Date.now();
    const response = await fetch(`${sandbox.url}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'sandbox-csrf-token' },
      body: JSON.stringify({
        operationName: 'workItemByIid',
        query:
          'query workItemByIid($fullPath: ID!, $iid: String!) { workspace: namespace(fullPath: $fullPath) { workItem(iid: $iid) { title } } }',
        variables: { fullPath: item.fullPath, iid: item.iid },
      }),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { workspace: { workItem: { title: item.title } } },
    });
    expect(sandbox.requests().map((entry) => [entry.api, entry.operationName])).toEqual([
      ['app', 'workItemByIid'],
    ]);
    expect(sandbox.graphqlRequests()).toEqual([]);
    // The one-time fault is still there for the extension's request.
    expect((await graphqlAt(sandbox, '{ currentUser { username } }')).status).toBe(500);
  });
});
