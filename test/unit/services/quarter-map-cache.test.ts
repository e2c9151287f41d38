// The quarter map's cache: when storage refuses a map (its quota), older maps make room first, and
// only a map that alone does not fit is kept without its items' notes (the map still paints at
// once next time; a refresh reads the notes again); memory keeps them while the background runs.
import { describe, expect, it } from 'vitest';
import type { CachedQuarterMap } from '../../../lib/services/quarter-map';
import {
  createQuarterMapCache,
  type StoredQuarterMap,
} from '../../../lib/services/quarter-map-cache';

function mapWithNotes(): CachedQuarterMap {
  return {
    map: {
      scope: ['okrs'],
      quarter: { title: 'FY25-Q2', start: '2024-05-01', end: '2024-07-31' },
      generatedAt: '2024-06-15T10:00:00.000Z',
      summary: {
        objectives: { total: 0, onTrack: 0, needsAttention: 0, atRisk: 0, none: 0 },
        keyResults: { total: 0, onTrack: 0, needsAttention: 0, atRisk: 0, none: 0 },
        stale: 0,
        updatedThisMonth: null,
        updatedSince: '2026-11-01',
        averageScore: null,
        expected: null,
      },
      items: [],
    },
    facts: {},
    details: {},
    histories: {},
    requests: 1,
    truncated: false,
    history: { read: 1, total: 1, requests: 1 },
    notes: { 'https://x/1': { changedAt: null, read: { notes: [], scale: null } } },
  };
}

describe('the quarter map cache', () => {
  it('keeps a map without its notes when storage refuses the whole', async () => {
    const saved = new Map<string, StoredQuarterMap>();
    const cache = createQuarterMapCache({
      now: () => new Date('2024-06-15T10:00:00Z'),
      limit: 3,
      persistent: {
        load: async (key) => saved.get(key) ?? null,
        save: async (key, entry) => {
          if (entry.data.notes) throw new Error('QUOTA_BYTES quota exceeded');
          saved.set(key, entry);
        },
        remove: async (key) => void saved.delete(key),
        index: async () => ({}),
        saveIndex: async () => undefined,
      },
    });
    await cache.put('map', mapWithNotes());
    expect(saved.get('map')?.data.notes).toBeUndefined();
    expect(saved.get('map')?.data.history).toEqual({ read: 1, total: 1, requests: 1 });
    // While the background runs, memory still has them.
    expect((await cache.peek('map'))?.data.notes).toBeDefined();
  });

  it('makes room by dropping older maps before it drops the newest map’s notes', async () => {
    // A storage that refuses once everything stored would pass its quota, as storage.local does.
    const saved = new Map<string, StoredQuarterMap>();
    let index: Record<string, string> = {};
    const sizeOf = (entry: StoredQuarterMap) => JSON.stringify(entry).length;
    const quota = sizeOf({ storedAt: '2024-06-15T10:00:00.000Z', data: mapWithNotes() }) * 2.5;
    const persistent = {
      load: async (key: string) => structuredClone(saved.get(key) ?? null),
      save: async (key: string, entry: StoredQuarterMap) => {
        const others = [...saved].filter(([stored]) => stored !== key);
        const used = others.reduce((sum, [, stored]) => sum + sizeOf(stored), 0);
        if (used + sizeOf(entry) > quota) throw new Error('QUOTA_BYTES quota exceeded');
        saved.set(key, structuredClone(entry));
      },
      remove: async (key: string) => void saved.delete(key),
      index: async () => ({ ...index }),
      saveIndex: async (next: Record<string, string>) => void (index = { ...next }),
    };
    let minute = 0;
    const cacheOn = () =>
      createQuarterMapCache({
        now: () => new Date(Date.UTC(2024, 5, 15, 10, minute++)),
        limit: 3,
        persistent,
      });
    const cache = cacheOn();
    for (const key of ['first', 'second', 'third']) await cache.put(key, mapWithNotes());

    // After a restart (nothing in memory), the newest map paints with its notes.
    const restarted = cacheOn();
    const newest = await restarted.peek('third');
    expect(newest?.data.notes).toEqual(mapWithNotes().notes);
    expect(await restarted.peek('first')).toBeNull();
    expect(await restarted.peek('second')).not.toBeNull();
    expect(Object.keys(index).sort()).toEqual(['second', 'third']);
  });
});
