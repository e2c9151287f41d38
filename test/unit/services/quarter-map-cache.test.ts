// The quarter map's cache: a map whose items' notes do not fit in storage is kept without them
// (the map still paints at once next time; a refresh reads the notes again), and memory keeps
// them while the background runs.
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
});
