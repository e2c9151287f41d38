// GitLab's rate limits and the instance's capacity, observed from the sandbox's own request log
// over real HTTP: OKR Lens waits as long as Retry-After says, pauses when RateLimit-Remaining
// reaches 0, has at most 4 requests in flight per instance, and sends a write exactly once
// whatever comes back. The CLI, which has no panel to count down, waits short limits out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RequestLogEntry, type Sandbox } from '../../sandbox/server';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { loadItemTree } from '../../../lib/gitlab/okr-repository';
import {
  cli,
  draft,
  keyResultTitlesUnder,
  NOW,
  panelView,
  quickCreate,
  spoilingFetch,
} from './surfaces';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => sandbox.reset());

const startOf = (entry: RequestLogEntry) => Date.parse(entry.at);

describe('Retry-After', () => {
  it('the panel waits a short Retry-After out and retries the read', async () => {
    sandbox.faults.control({ add: { kind: 'status', status: 429, retryAfter: 2, times: 1 } });
    const result = await panelView(sandbox, 'deep-kr-4');
    expect(result.ok).toBe(true);
    const [limited, retried] = sandbox.graphqlRequests();
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(startOf(retried!) - startOf(limited!)).toBeGreaterThanOrEqual(1_900);
  });

  it('a Retry-After longer than the panel waits comes back at once, with the wait', async () => {
    sandbox.faults.control({ add: { kind: 'status', status: 429, retryAfter: 30 } });
    const started = Date.now();
    const result = await panelView(sandbox, 'deep-kr-4');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.ok ? null : result.problem).toMatchObject({
      kind: 'rateLimited',
      retryAfterMs: 30_000,
    });
    expect(sandbox.graphqlRequests()).toHaveLength(1);
  });

  it('the CLI waits, retries twice, then says it is rate limited', async () => {
    sandbox.faults.control({ add: { kind: 'status', status: 429, retryAfter: 1 } });
    const run = await cli(sandbox, 'deep-kr-4');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/GitLab is limiting how fast/);
    const tries = sandbox.graphqlRequests();
    expect(tries.map((entry) => entry.status)).toEqual([429, 429, 429]);
    for (let n = 1; n < tries.length; n += 1)
      expect(startOf(tries[n]!) - startOf(tries[n - 1]!)).toBeGreaterThanOrEqual(900);
  });
});

describe('RateLimit-Remaining', () => {
  it('after an answer that leaves no request in the window, the next waits for the reset', async () => {
    let first = true;
    const client = createGitLabClient({
      baseUrl: sandbox.url,
      token: sandbox.tokens.api,
      maxRetryWaitMs: 3_000,
      // GitLab's headers on the first answer: nothing left, the window resets in 1.5 s.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!first) return response;
        first = false;
        const headers = new Headers(response.headers);
        headers.set('RateLimit-Remaining', '0');
        headers.set('RateLimit-Reset', String((Date.now() + 1_500) / 1000));
        return new Response(await response.text(), { status: response.status, headers });
      },
    });
    const ref = { fullPath: 'gitlab-com/gitlab-okrs', iid: sandbox.item('deep-kr-4').iid };
    await loadItemTree(client, ref);
    await loadItemTree(client, ref);
    const [one, two] = sandbox.graphqlRequests();
    expect(startOf(two!) - startOf(one!)).toBeGreaterThanOrEqual(1_300);
  });
});

describe('concurrency per instance', () => {
  it('twelve panels at once reach GitLab at most four at a time', async () => {
    sandbox.faults.control({ latencyMs: 300 });
    const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
    const keys = sandbox
      .seedKeys()
      .filter((key) => /-kr-|kr\d/.test(key))
      .slice(0, 12);
    expect(keys.length).toBe(12);
    await Promise.all(
      keys.map((key) =>
        loadItemTree(client, {
          fullPath: sandbox.item(key).fullPath,
          iid: sandbox.item(key).iid,
        }),
      ),
    );
    const spans = sandbox.graphqlRequests().map((entry) => ({
      start: startOf(entry),
      end: startOf(entry) + entry.ms,
    }));
    expect(spans).toHaveLength(12);
    const inFlightAt = (t: number) => spans.filter((s) => s.start <= t && t < s.end).length;
    const most = Math.max(...spans.map((span) => inFlightAt(span.start)));
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
  });
});

describe('writes', () => {
  const cases = [
    { effect: 'refused', says: 'rateLimited', state: 'failed', secondSend: 2 },
    { effect: 'failedAfter', says: 'server', state: 'unclear', secondSend: 1 },
    { effect: 'lostAfter', says: 'timeout', state: 'unclear', secondSend: 1 },
  ] as const;
  for (const { effect, says, state, secondSend } of cases) {
    it(`a create ${effect} is sent once; sent again, it is found or made, never doubled`, async () => {
      const network = spoilingFetch('CreateKeyResultMutation', effect);
      const popup = quickCreate(sandbox, { timeoutMs: 1_500, fetch: network.fetch });
      expect((await popup.context('empty-objective')).ok).toBe(true);
      const drafts = [draft('w-1', 'Answer 95% of pages within 5 minutes')];
      const first = await popup.submit('empty-objective', drafts);
      const outcome = first.ok ? first.outcomes[0] : undefined;
      expect(outcome?.state).toBe(state);
      expect(outcome?.problem?.kind).toMatch(new RegExp(says));
      expect(network.sent.count).toBe(1);

      const again = await popup.submit('empty-objective', drafts);
      expect(again.ok && again.outcomes[0]?.state).toBe('created');
      expect(network.sent.count).toBe(secondSend);
      expect(keyResultTitlesUnder(sandbox, 'empty-objective')).toEqual([
        'Answer 95% of pages within 5 minutes',
      ]);
    });
  }
});
