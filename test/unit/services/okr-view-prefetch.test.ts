// A page opening starts its view's load at once (`page:open`); the content script's `view:load`
// that follows takes that load over instead of asking GitLab a second time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { createViewService, PREFETCH_TTL_MS } from '../../../lib/services/okr-view';
import { createViewCache } from '../../../lib/services/view-cache';
import { backgroundClient, instanceOf, NOW, refOf } from '../hardening/surfaces';
import { start } from '../sandbox/helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function service(clock: { now: number }) {
  const client = backgroundClient(sandbox);
  return createViewService({
    instances: async () => [instanceOf(sandbox)],
    clientFor: async () => client,
    cache: createViewCache({
      persistent: { load: async () => ({}), save: async () => undefined },
      now: () => new Date(clock.now),
      limit: 10,
    }),
    now: () => new Date(clock.now),
    timeZone: () => 'UTC',
  });
}

describe('prefetching a view when a page opens', () => {
  it('the next load takes the prefetched one, in flight or done; later loads ask GitLab again', async () => {
    const clock = { now: Date.parse(NOW) };
    const views = service(clock);
    const ref = refOf(sandbox, 'deep-kr-4');
    views.prefetch(ref);
    const taken = await views.load(ref);
    expect(taken.ok).toBe(true);
    expect(sandbox.graphqlRequests()).toHaveLength(1);

    views.prefetch(ref);
    await new Promise((resolve) => setTimeout(resolve, 300)); // done before it is asked for
    await views.load(ref);
    expect(sandbox.graphqlRequests()).toHaveLength(2);

    await views.load(ref); // a refresh: fresh from GitLab
    expect(sandbox.graphqlRequests()).toHaveLength(3);
  });

  it('a prefetch nobody took is not handed out later', async () => {
    const clock = { now: Date.parse(NOW) };
    const views = service(clock);
    const ref = refOf(sandbox, 'deep-kr-4');
    views.prefetch(ref);
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock.now += PREFETCH_TTL_MS;
    await views.load(ref);
    expect(sandbox.graphqlRequests()).toHaveLength(2);
  });
});
