// The quarter map's cache: the last maps shown, in memory and in extension storage, so the page
// paints at once from the last load (with its age) while a fresh one loads in the background. A
// map can hold thousands of items, so storage keeps only the newest few.
import type { LoadedQuarterMap, QuarterMapCache } from './quarter-map';

export interface StoredQuarterMap {
  storedAt: string;
  data: LoadedQuarterMap;
}

export interface PersistentQuarterMaps {
  load(): Promise<Record<string, StoredQuarterMap>>;
  save(entries: Record<string, StoredQuarterMap>): Promise<void>;
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
      const stored = (await options.persistent.load())[key];
      if (stored) memory.set(key, stored);
      return stored ?? null;
    },
    put(key, data) {
      const entry = { storedAt: options.now().toISOString(), data };
      memory.set(key, entry);
      writes = writes
        .then(async () => {
          const entries = { ...(await options.persistent.load()), [key]: entry };
          const newestFirst = Object.entries(entries).sort(([, a], [, b]) =>
            b.storedAt.localeCompare(a.storedAt),
          );
          await options.persistent.save(Object.fromEntries(newestFirst.slice(0, options.limit)));
        })
        .catch(() => undefined); // a full or failing storage never breaks the map
      return writes;
    },
  };
}
