// The sandbox's `POST /api/graphql` refuses what GitLab refuses before running a query, with
// GitLab's status and body: one query, each query of a multiplexed request on its own, the
// multiplexed request as a whole, and the `queryLimits` fault that forces a refusal.
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGitLabQuery } from '../../sandbox/gitlab-checks/index';
import { SCHEMA_FILE } from '../../sandbox/graphql';
import type { Sandbox } from '../../sandbox/server';
import { start } from './helpers';

const sandboxSchema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const signedIn = { authenticated: true };
const recursionError = (hash: string) =>
  `Recursive query - too many of fields '${hash}' detected\nin single branch of the query")\n`;

describe('POST /api/graphql refuses before running, as GitLab does', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await start();
  });
  afterAll(() => sandbox.close());

  const post = async (body: unknown, token: string | null = sandbox.tokens.api) => {
    const response = await fetch(`${sandbox.url}/api/graphql`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  const tooDeep = `{ currentUser { workItems(types: [OBJECTIVE]) { nodes { widgets {
    ... on WorkItemWidgetHierarchy { children { nodes { widgets {
      ... on WorkItemWidgetHierarchy { children { nodes { widgets { __typename } } } } } } } } } } } } }`;
  const fine = '{ currentUser { username } }';

  it('a refused query gets GitLab’s errors with HTTP 200 and no data', async () => {
    expect(await post({ query: tooDeep })).toEqual({
      status: 200,
      json: { errors: [{ message: recursionError('{"widgets"=>3}') }] },
    });
  });

  it('in a multiplexed request, the refused query does not stop the other', async () => {
    const answer = await post([{ query: tooDeep }, { query: fine }]);
    expect(answer).toEqual({
      status: 200,
      json: [
        { errors: [{ message: recursionError('{"widgets"=>3}') }] },
        { data: { currentUser: { username: expect.any(String) } } },
      ],
    });
  });

  it('a multiplexed request over the limit in total refuses every query, the total first', async () => {
    const heavy = `{ currentUser { workItems(types: [OBJECTIVE], search: "x") { nodes {
      ${Array.from({ length: 100 }, (_, i) => `t${i}: title`).join(' ')} } } } }`;
    const single = checkGitLabQuery(sandboxSchema, heavy, signedIn).measures?.complexity ?? 0;
    // (100 titles + nodes 1 + resolver 1 + sort 1 + search 5) × (1 + 100 %) + currentUser 1.
    expect(single).toBe(217);
    const total = `Query has complexity of ${2 * single}, which exceeds max complexity of 250`;
    expect(await post([{ query: heavy }, { query: heavy }])).toEqual({
      status: 200,
      json: [{ errors: [{ message: total }] }, { errors: [{ message: total }] }],
    });
    // Alone, each runs.
    expect((await post([{ query: heavy }])).json).toEqual([{ data: expect.any(Object) }]);
  });

  it('a request over 10,000 characters is refused whole with HTTP 422', async () => {
    const big = `${fine}${' '.repeat(10_001 - fine.length)}`;
    expect(await post({ query: big })).toEqual({
      status: 422,
      json: { errors: [{ message: 'Query too large' }] },
    });
    expect(await post([{ query: fine }, { query: big.slice(0, 9_990) }])).toEqual({
      status: 422,
      json: { errors: [{ message: 'Query too large' }] },
    });
  });

  it('anonymous callers get the stricter limits', async () => {
    const query = `{ queryComplexity { limit score } }`;
    const signed = (await post({ query })).json as { data: { queryComplexity: unknown } };
    const anon = (await post({ query }, null)).json as { data: { queryComplexity: unknown } };
    expect(signed.data.queryComplexity).toEqual({ limit: 250, score: 3 });
    expect(anon.data.queryComplexity).toEqual({ limit: 200, score: 3 });
  });

  it('the queryLimits fault refuses with the real checker’s words', async () => {
    sandbox.faults.add({ kind: 'queryLimits', limits: { maxComplexity: 1 }, times: 1 });
    expect(await post({ query: fine })).toEqual({
      status: 200,
      json: {
        errors: [{ message: 'Query has complexity of 2, which exceeds max complexity of 1' }],
      },
    });
    expect((await post({ query: fine })).json).toHaveProperty('data');
  });
});
