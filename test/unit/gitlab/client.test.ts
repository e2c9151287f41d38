// The GitLab client's behaviour a user notices: a sentence that says what to do for each kind of
// failure, waiting when GitLab asks, never more than a few requests at once, never a repeated
// write, and the token staying in the Authorization header and out of every message.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createGitLabClient,
  isInsideInstance,
  type RequestRecord,
} from '../../../lib/gitlab/client';
import { GitLabError } from '../../../lib/gitlab/errors';
import { complexityMessage } from '../../sandbox/gitlab-checks/complexity';
import { depthMessage } from '../../sandbox/gitlab-checks/depth';
import { QUERY_TOO_LARGE } from '../../sandbox/gitlab-checks/index';
import { recursionMessage } from '../../sandbox/gitlab-checks/recursion';
import { fakeFetch, json, noSleep, type Handler } from './fake-gitlab';

const TOKEN = 'glpat-VerySecretToken123';
const BASE = 'https://gitlab.example.com/gitlab';
const ReadDocument = 'query OkrItemQuery($fullPath: ID!) { namespace(fullPath: $fullPath) { id } }';
const WriteDocument =
  'mutation CreateNoteMutation($noteableId: NoteableID!, $body: String!) { createNote(input: { noteableId: $noteableId, body: $body }) { errors } }';
const AnySchema = z.object({ namespace: z.object({ id: z.string() }).nullable() });
const WriteSchema = z.object({ createNote: z.object({ errors: z.array(z.string()) }) });

function setup(handler: Handler, options: Partial<Parameters<typeof createGitLabClient>[0]> = {}) {
  const fake = fakeFetch(handler);
  const sleeps: number[] = [];
  const records: RequestRecord[] = [];
  const client = createGitLabClient({
    baseUrl: BASE,
    token: TOKEN,
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRequest: (record) => records.push(record),
    ...options,
  });
  return { client, requests: fake.requests, sleeps, records };
}

async function failureOf(promise: Promise<unknown>): Promise<GitLabError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GitLabError);
  return error as GitLabError;
}

const read = (client: ReturnType<typeof setup>['client']) =>
  client.graphql(ReadDocument, { fullPath: 'acme/okrs' }, AnySchema);
const write = (client: ReturnType<typeof setup>['client']) =>
  client.graphql(WriteDocument, { noteableId: 'gid://gitlab/WorkItem/1', body: 'hi' }, WriteSchema);

describe('where requests go', () => {
  it('posts GraphQL under the relative URL root with the token as a Bearer header only', async () => {
    const { client, requests } = setup(() => json({ data: { namespace: { id: 'n1' } } }));
    await expect(read(client)).resolves.toEqual({ namespace: { id: 'n1' } });
    const [request] = requests;
    expect(request?.url).toBe('https://gitlab.example.com/gitlab/api/graphql');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request?.url).not.toContain(TOKEN);
    expect(request?.operationName).toBe('OkrItemQuery');
  });

  it('sends REST calls through gitbeaker under the same root, path-encoded', async () => {
    const { client, requests } = setup((request) => {
      if (request.url.includes('/milestones')) {
        return json([
          {
            id: 5,
            iid: 2,
            title: 'FY24-Q2',
            state: 'active',
            start_date: '2024-05-01',
            due_date: '2024-07-31',
          },
        ]);
      }
      return json({ id: 7, username: 'ally', name: 'Ally Kim', state: 'active' });
    });
    await expect(client.rest.currentUser()).resolves.toMatchObject({ username: 'ally' });
    const milestones = await client.rest.projectMilestones('acme/okrs');
    expect(milestones.map((milestone) => milestone.title)).toEqual(['FY24-Q2']);
    expect(requests[0]?.url).toBe('https://gitlab.example.com/gitlab/api/v4/user');
    const milestoneUrl = new URL(requests[1]?.url ?? '');
    expect(milestoneUrl.pathname).toBe('/gitlab/api/v4/projects/acme%2Fokrs/milestones');
    expect(milestoneUrl.searchParams.get('state')).toBe('active');
    expect(milestoneUrl.searchParams.get('per_page')).toBe('100');
    expect(
      requests.every((request) => request.headers.get('authorization') === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it('reads the token’s scopes and expiry', async () => {
    const { client, requests } = setup(() =>
      json({
        id: 3,
        name: 'okr-lens',
        scopes: ['read_api'],
        expires_at: '2026-12-31',
        active: true,
        revoked: false,
      }),
    );
    await expect(client.rest.tokenSelf()).resolves.toMatchObject({
      scopes: ['read_api'],
      expires_at: '2026-12-31',
    });
    expect(requests[0]?.url).toBe(`${BASE}/api/v4/personal_access_tokens/self`);
  });

  it('searches project members for the DRI picker', async () => {
    const { client, requests } = setup(() => json([{ id: 7, username: 'ally', name: 'Ally Kim' }]));
    await client.rest.projectMembers('acme/okrs', 'al');
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/gitlab/api/v4/projects/acme%2Fokrs/members/all');
    expect(url.searchParams.get('query')).toBe('al');
  });

  it('does not follow a redirect (it could carry the token elsewhere)', async () => {
    const { client, requests } = setup(
      () =>
        new Response(null, { status: 302, headers: { location: 'https://evil.example/steal' } }),
    );
    const error = await failureOf(read(client));
    expect(error.problem.kind).toBe('invalidRequest');
    expect(requests).toHaveLength(1);
  });

  it('refuses a base address with credentials or another scheme', () => {
    expect(() =>
      createGitLabClient({ baseUrl: 'https://user:pw@gitlab.example.com', token: TOKEN }),
    ).toThrow(GitLabError);
    expect(() => createGitLabClient({ baseUrl: 'ftp://gitlab.example.com', token: TOKEN })).toThrow(
      GitLabError,
    );
  });

  it('accepts only addresses on the instance, below its relative URL root', () => {
    expect(isInsideInstance(BASE, `${BASE}/api/graphql`)).toBe(true);
    expect(isInsideInstance(BASE, `${BASE}/api/v4/projects/acme%2Fokrs/milestones`)).toBe(true);
    expect(isInsideInstance(BASE, 'https://gitlab.example.com/other/api/graphql')).toBe(false);
    expect(isInsideInstance(BASE, 'https://gitlab.example.com/gitlabx/api/graphql')).toBe(false);
    expect(isInsideInstance(BASE, 'http://gitlab.example.com/gitlab/api/graphql')).toBe(false);
    expect(isInsideInstance(BASE, 'https://gitlab.example.com:8443/gitlab/api/graphql')).toBe(
      false,
    );
    expect(isInsideInstance(BASE, 'https://gitlab.example.com.evil.example/gitlab/api')).toBe(
      false,
    );
    expect(isInsideInstance(BASE, 'https://evil.example/gitlab/api/graphql')).toBe(false);
    expect(isInsideInstance('https://gitlab.com', 'https://gitlab.com/api/v4/user')).toBe(true);
  });
});

describe('error sentences', () => {
  const cases: [string, Handler, string, RegExp][] = [
    [
      'revoked token',
      () =>
        json(
          {
            error: 'invalid_token',
            error_description: 'Token was revoked. You have to re-authorize from the user.',
          },
          401,
        ),
      'unauthorized',
      /Create a new one with the api scope/,
    ],
    [
      'expired token',
      () =>
        json(
          {
            error: 'invalid_token',
            error_description:
              'Token is expired. You can either do re-authorization or token refresh.',
          },
          401,
        ),
      'tokenExpired',
      /expired/,
    ],
    [
      'plain 401',
      () => json({ message: '401 Unauthorized' }, 401),
      'unauthorized',
      /revoked or expired/,
    ],
    [
      'expired token on GraphQL',
      () =>
        json(
          {
            errors: [
              { message: 'Token is expired. You can either do re-authorization or token refresh.' },
            ],
          },
          401,
        ),
      'tokenExpired',
      /expired/,
    ],
    [
      'missing scope',
      () =>
        json(
          {
            error: 'insufficient_scope',
            error_description:
              'The request requires higher privileges than provided by the access token.',
            scope: 'api read_api',
          },
          403,
        ),
      'insufficientScope',
      /api scope/,
    ],
    ['forbidden', () => json({ message: '403 Forbidden' }, 403), 'forbidden', /access/],
    ['not found', () => json({ message: '404 Not Found' }, 404), 'notFound', /did not find/],
    [
      'server error',
      () => new Response('<html>500</html>', { status: 500 }),
      'server',
      /Try again in a few minutes/,
    ],
    [
      'malformed JSON',
      () => new Response('<html>proxy login</html>', { status: 200 }),
      'malformed',
      /does not understand/,
    ],
    [
      'unexpected shape',
      () => json({ data: { namespace: { id: 42 } } }),
      'malformed',
      /does not understand/,
    ],
    // GitLab's refusals before running a query, in the sandbox checker's (GitLab's) words.
    [
      'recursion refused',
      () => json({ errors: [{ message: recursionMessage([['widgets', 3]]) }] }),
      'queryRefused',
      /item could not be loaded\. That is a fault in OKR Lens, not in your GitLab/,
    ],
    [
      'depth refused',
      () => json({ errors: [{ message: depthMessage(21, 20) }] }),
      'queryRefused',
      /item could not be loaded/,
    ],
    [
      'complexity refused',
      () => json({ errors: [{ message: complexityMessage(312, 250) }] }),
      'queryRefused',
      /item could not be loaded/,
    ],
    [
      'query too large (HTTP 422)',
      () => json({ errors: [{ message: QUERY_TOO_LARGE }] }, 422),
      'queryRefused',
      /item could not be loaded/,
    ],
    [
      'missing field on an old GitLab',
      () => json({ errors: [{ message: "Field 'workItems' doesn't exist on type 'Namespace'" }] }),
      'graphql',
      /supports GitLab 17\.0 and later/,
    ],
  ];

  it.each(cases)('%s → a problem that says what to do', async (_name, handler, kind, sentence) => {
    const { client } = setup(handler, { maxRetries: 0 });
    const error = await failureOf(read(client));
    expect(error.problem.kind).toBe(kind);
    expect(error.problem.message).toMatch(sentence);
    expect(error.problem.message).not.toContain(TOKEN);
  });

  it('a change GitLab refuses before running it: nothing was changed, and it is clear', async () => {
    for (const answer of [
      () => json({ errors: [{ message: complexityMessage(260, 250) }] }),
      () => json({ errors: [{ message: QUERY_TOO_LARGE }] }, 422),
    ]) {
      const { client, requests } = setup(answer, { maxRetries: 0 });
      const error = await failureOf(write(client));
      expect(error.problem.kind).toBe('queryRefused');
      expect(error.problem.message).toMatch(/so nothing was changed\. That is a fault in OKR Lens/);
      expect(error.unclear).toBe(false);
      expect(requests).toHaveLength(1);
    }
  });

  it('says offline when the network fails, and the token is in no message or cause', async () => {
    const { client } = setup(
      () => {
        throw new TypeError(`Failed to fetch https://gitlab.example.com?private_token=${TOKEN}`);
      },
      { maxRetries: 0 },
    );
    const error = await failureOf(read(client));
    expect(error.problem.kind).toBe('offline');
    const everything = JSON.stringify({
      message: error.message,
      problem: error.problem,
      cause: String(error.cause),
    });
    expect(everything).not.toContain(TOKEN);
  });

  it('times out a request that does not answer', async () => {
    const { client } = setup(
      (_request, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
      { timeoutMs: 20 },
    );
    const error = await failureOf(read(client));
    expect(error.problem.kind).toBe('timeout');
  });
});

describe('rate limits and retries', () => {
  it('waits as long as Retry-After says, then retries a read', async () => {
    let calls = 0;
    const { client, sleeps, records } = setup(() => {
      calls += 1;
      return calls === 1
        ? new Response('Retry later', { status: 429, headers: { 'Retry-After': '7' } })
        : json({ data: { namespace: { id: 'n1' } } });
    });
    await expect(read(client)).resolves.toEqual({ namespace: { id: 'n1' } });
    expect(sleeps).toEqual([7000]);
    expect(records.map((record) => [record.status, record.attempt])).toEqual([
      [429, 1],
      [200, 2],
    ]);
  });

  it('gives up after the retry bound and tells when to try again', async () => {
    const { client, requests } = setup(
      () => new Response('Retry later', { status: 429, headers: { 'Retry-After': '3' } }),
      { maxRetries: 2 },
    );
    const error = await failureOf(read(client));
    expect(requests).toHaveLength(3);
    expect(error.problem).toMatchObject({ kind: 'rateLimited', retryAfterMs: 3000 });
    expect(error.problem.message).toMatch(/3 seconds/);
  });

  it('does not sit out a Retry-After longer than the bound', async () => {
    const { client, sleeps } = setup(
      () => new Response('Retry later', { status: 429, headers: { 'Retry-After': '3600' } }),
    );
    const error = await failureOf(read(client));
    expect(error.problem).toMatchObject({ kind: 'rateLimited', retryAfterMs: 3_600_000 });
    expect(sleeps).toEqual([]);
  });

  it('slows down when RateLimit-Remaining reaches 0', async () => {
    const now = 1_700_000_000_000;
    const { client, sleeps } = setup(
      () =>
        json({ data: { namespace: { id: 'n1' } } }, 200, {
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(now / 1000 + 12),
        }),
      { now: () => now },
    );
    await read(client);
    expect(sleeps).toEqual([]);
    await read(client);
    expect(sleeps).toEqual([12_000]);
  });

  it('retries a read after a 502 but never repeats a write', async () => {
    const readSetup = setup(() => new Response('bad gateway', { status: 502 }), { maxRetries: 1 });
    await failureOf(read(readSetup.client));
    expect(readSetup.requests).toHaveLength(2);

    const writeSetup = setup(() => new Response('bad gateway', { status: 502 }));
    const error = await failureOf(write(writeSetup.client));
    expect(writeSetup.requests).toHaveLength(1);
    expect(error.unclear).toBe(true);
    expect(error.problem.message).toMatch(/not clear whether GitLab saved/);
  });

  it('reports a write lost to the network or a timeout as unclear, sent once', async () => {
    const offline = setup(() => {
      throw new TypeError('fetch failed');
    });
    const lost = await failureOf(write(offline.client));
    expect(offline.requests).toHaveLength(1);
    expect(lost.unclear).toBe(true);

    const slow = setup(
      (_request, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
      { timeoutMs: 20 },
    );
    const timedOut = await failureOf(write(slow.client));
    expect(slow.requests).toHaveLength(1);
    expect(timedOut.unclear).toBe(true);
    expect(timedOut.problem.kind).toBe('timeout');
  });

  it('a write GitLab refuses for access (or a read-only token) says how to fix it', async () => {
    const { client, requests } = setup(() =>
      json({
        errors: [
          {
            message:
              "The resource that you are attempting to access does not exist or you don't have permission to perform this action",
          },
        ],
      }),
    );
    const error = await failureOf(write(client));
    expect(requests).toHaveLength(1);
    expect(error.problem.kind).toBe('forbidden');
    expect(error.problem.message).toMatch(/api scope/);
    expect(error.unclear).toBe(false);
  });

  it('a write refused outright (401, 429) is not unclear: nothing was saved', async () => {
    const { client } = setup(() => json({ message: '401 Unauthorized' }, 401));
    const error = await failureOf(write(client));
    expect(error.unclear).toBe(false);
    const limited = setup(
      () => new Response('Retry later', { status: 429, headers: { 'Retry-After': '2' } }),
    );
    const refused = await failureOf(write(limited.client));
    expect(limited.requests).toHaveLength(1);
    expect(refused.unclear).toBe(false);
    expect(refused.problem.kind).toBe('rateLimited');
  });
});

describe('concurrency and counting', () => {
  it('keeps at most maxConcurrent requests in flight', async () => {
    let inFlight = 0;
    let highest = 0;
    const { client } = setup(
      async () => {
        inFlight += 1;
        highest = Math.max(highest, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return json({ data: { namespace: { id: 'n1' } } });
      },
      { maxConcurrent: 2 },
    );
    await Promise.all(Array.from({ length: 7 }, () => read(client)));
    expect(highest).toBe(2);
  });

  it('counts requests and bytes through onRequest, without the token', async () => {
    const { client, records } = setup(() => json({ data: { namespace: { id: 'n1' } } }), {
      sleep: noSleep,
    });
    await read(client);
    await read(client);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      api: 'graphql',
      operation: 'OkrItemQuery',
      method: 'POST',
      path: '/api/graphql',
      status: 200,
    });
    expect(records[0]?.requestBytes).toBeGreaterThan(ReadDocument.length);
    expect(records[0]?.responseBytes).toBe(
      JSON.stringify({ data: { namespace: { id: 'n1' } } }).length,
    );
    expect(JSON.stringify(records)).not.toContain(TOKEN);
  });
});
