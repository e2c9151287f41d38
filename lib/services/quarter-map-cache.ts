// The quarter map's cache: the last maps shown, in memory and in extension storage, so the page
// paints at once from the last load (with its age) while a fresh one loads in the background. A
// 2,000-item map is a few megabytes: each map is stored under its own key (reading one never
// reads the others) and only the newest few are kept, well inside storage.local's quota.
import type { CachedQuarterMap, QuarterMapCache } from './quarter-map';

export interface StoredQuarterMap {
  storedAt: string;
  data: CachedQuarterMap;
}

export interface PersistentQuarterMaps {
  /** One map, or null when none is stored (or what is stored no longer parses). */
  load(key: string): Promise<StoredQuarterMap | null>;
  save(key: string, entry: StoredQuarterMap): Promise<void>;
  remove(key: string): Promise<void>;
  /** Which maps are stored, and when each was. */
  index(): Promise<Record<string, string>>;
  saveIndex(index: Record<string, string>): Promise<void>;
}

function withoutNotes(entry: StoredQuarterMap): StoredQuarterMap {
  const { notes: _notes, ...data } = entry.data;
  return { ...entry, data };
}

export function createQuarterMapCache(options: {
  persistent: PersistentQuarterMaps;
  now: () => Date;
  limit: number;
}): QuarterMapCache {
  const memory = new Map<string, StoredQuarterMap>();
  // Writes are serialised so two maps arriving together do not drop one another.
  let writes: Promise<void> = Promise.resolve();
  return {
    async peek(key) {
      const hit = memory.get(key);
      if (hit) return hit;
      const stored = await options.persistent.load(key).catch(() => null);
      if (stored) memory.set(key, stored);
      return stored;
    },
    put(key, data) {
      const entry = { storedAt: options.now().toISOString(), data };
      memory.delete(key); // the newest goes last
      memory.set(key, entry);
      // Only the newest maps stay in memory too: a service worker is no place for ten of them.
      for (const other of [...memory.keys()].slice(0, Math.max(0, memory.size - options.limit)))
        memory.delete(other);
      writes = writes
        .then(async () => {
          const index = { ...(await options.persistent.index()), [key]: entry.storedAt };
          const newestFirst = Object.entries(index).sort(([, a], [, b]) => b.localeCompare(a));
          let kept = newestFirst.slice(0, options.limit);
          for (const [old] of newestFirst.slice(options.limit))
            await options.persistent.remove(old);
          // When storage refuses the map (its quota), the older maps make room first: the newest
          // is the one the page paints next. Only when it alone does not fit is it kept without
          // its items' notes (about a quarter of a map), and a refresh reads them again.
          const oldestFirst = kept.map(([stored]) => stored).filter((stored) => stored !== key);
          oldestFirst.reverse();
          for (;;) {
            try {
              await options.persistent.save(key, entry);
              break;
            } catch {
              const oldest = oldestFirst.shift();
              if (oldest === undefined) {
                await options.persistent.save(key, withoutNotes(entry));
                break;
              }
              await options.persistent.remove(oldest);
              kept = kept.filter(([stored]) => stored !== oldest);
            }
          }
          await options.persistent.saveIndex(Object.fromEntries(kept));
        })
        .catch(() => undefined); // a full or failing storage never breaks the map
      return writes;
    },
  };
}
