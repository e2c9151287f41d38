import { describe, expect, it } from 'vitest';
import { createViewCache } from '@/lib/services/view-cache';
import { topLevelEntriesOn } from '@/lib/services/okr-view';
import type { WorkItemRef } from '@/lib/messages';
import type { CachedView, InstanceRecord } from '@/lib/settings';
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

const memoryStorage = () => memoryRecords<CachedView>();

describe('view cache clear', () => {
  it('forgets every view, in memory and in storage, so the next load judges afresh', async () => {
    const persistent = memoryStorage();
    let tick = 0;
    const now = () => new Date(Date.UTC(2026, 10, 21, 0, 0, tick++));
    const cache = createViewCache({ persistent, now, limit: 10 });
    const view = { item: { title: 'Grow the team' } } as unknown as OkrView;
    await cache.put(ref('1'), view);
    await cache.put(ref('2', 'https://gitlab.example.com'), view);
    await cache.clear();
    expect(await cache.peek(ref('1'))).toBeNull();
    expect(await cache.peek(ref('2', 'https://gitlab.example.com'))).toBeNull();
    expect(persistent.entries).toEqual({});
    // Still a working cache afterwards.
    await cache.put(ref('3'), view);
    expect((await cache.peek(ref('3')))?.view).toEqual(view);
  });
});

describe('top-level objectives as the unaligned rule matches them', () => {
  const instance: InstanceRecord = {
    baseUrl: 'https://example.com/gitlab',
    origin: 'https://example.com',
    addedAt: '2026-11-01T00:00:00Z',
  };

  it('adds the reference of each URL on the instance, whichever page or drawer it is', () => {
    const entries = topLevelEntriesOn(
      [
        'https://example.com/gitlab/gitlab-com/gitlab-okrs/-/issues/2448',
        'group/project#7',
        'https://gitlab.com/other/project/-/work_items/3',
      ],
      instance,
    );
    expect(entries).toContain('gitlab-com/gitlab-okrs#2448');
    expect(entries).toContain('group/project#7');
    // Another instance's URL stays as written: its reference could name an item here.
    expect(entries).not.toContain('other/project#3');
    expect(entries).toContain('https://gitlab.com/other/project/-/work_items/3');
  });
});
