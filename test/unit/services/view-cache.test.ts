import { describe, expect, it } from 'vitest';
import { createViewCache, cacheKeyOf } from '@/lib/services/view-cache';
import type { WorkItemRef } from '@/lib/messages';
import type { CachedView } from '@/lib/settings';
import type { OkrView } from '@/lib/view';
import { memoryRecords } from '../../support/memory-records';

const ref = (iid: string, origin = 'https://gitlab.com'): WorkItemRef => ({
  origin,
  basePath: '',
  fullPath: 'gitlab-com/gitlab-okrs',
  iid,
  route: 'work_item',
  namespaceKind: 'project',
});

const viewTitled = (title: string) => ({ item: { title } }) as unknown as OkrView;

const storage = () => memoryRecords<CachedView>();

describe('view cache', () => {
  it('serves a view stored by an earlier service worker', async () => {
    const persistent = storage();
    let clock = 0;
    const now = () => new Date(Date.UTC(2026, 10, 21, 0, 0, clock++));
    await createViewCache({ persistent, now, limit: 10 }).put(
      ref('1'),
      viewTitled('Grow the team'),
    );
    const later = createViewCache({ persistent, now, limit: 10 });
    expect((await later.peek(ref('1')))?.view.item.title).toBe('Grow the team');
    expect(await later.peek(ref('2'))).toBeNull();
  });

  it('keeps only the newest views', async () => {
    const persistent = storage();
    let clock = 0;
    const cache = createViewCache({
      persistent,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)),
      limit: 2,
    });
    for (const iid of ['1', '2', '3']) await cache.put(ref(iid), viewTitled(iid));
    expect(Object.keys(persistent.entries).sort()).toEqual(
      [cacheKeyOf(ref('2')), cacheKeyOf(ref('3'))].sort(),
    );
  });

  it('forgets one instance without touching another', async () => {
    const persistent = storage();
    const cache = createViewCache({ persistent, now: () => new Date(), limit: 10 });
    await cache.put(ref('1'), viewTitled('a'));
    await cache.put(ref('1', 'https://gitlab.example.com'), viewTitled('b'));
    await cache.forgetOrigin('https://gitlab.com');
    expect(await cache.peek(ref('1'))).toBeNull();
    expect((await cache.peek(ref('1', 'https://gitlab.example.com')))?.view.item.title).toBe('b');
  });

  it('keeps two instances on one host apart (root and /gitlab), and forgets by exact origin', async () => {
    const persistent = storage();
    const cache = createViewCache({ persistent, now: () => new Date(), limit: 10 });
    const atRoot = ref('1', 'https://example.com');
    const underGitlab = { ...ref('1', 'https://example.com'), basePath: '/gitlab' };
    await cache.put(atRoot, viewTitled('root'));
    await cache.put(underGitlab, viewTitled('relative root'));
    expect((await cache.peek(atRoot))?.view.item.title).toBe('root');
    expect((await cache.peek(underGitlab))?.view.item.title).toBe('relative root');

    await cache.put(ref('1', 'https://gitlab.com.au'), viewTitled('another host'));
    await cache.forgetOrigin('https://example.com');
    expect(await cache.peek(atRoot)).toBeNull();
    expect(await cache.peek(underGitlab)).toBeNull();
    await cache.forgetOrigin('https://gitlab.com');
    expect((await cache.peek(ref('1', 'https://gitlab.com.au')))?.view.item.title).toBe(
      'another host',
    );
  });
});
