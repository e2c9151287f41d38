// Two caches for OKR views, as refined-github keeps them: one in memory for the life of the
// service worker, one persistent so a page seen yesterday paints at once today. Entries are
// served stale (the caller always refreshes) and the persistent one keeps the newest `limit`.
import type { WorkItemRef } from '../messages';
import { pageKeyOf } from '../page';
import type { CachedView } from '../settings';
import type { OkrView } from '../view';

export interface PersistentViews {
  load(): Promise<Record<string, CachedView>>;
  save(entries: Record<string, CachedView>): Promise<void>;
}

export interface ViewCache {
  peek(ref: WorkItemRef): Promise<CachedView | null>;
  put(ref: WorkItemRef, view: OkrView): Promise<void>;
  /** Forgets every view of an instance, e.g. after the extension changed something there. */
  forgetOrigin(origin: string): Promise<void>;
}

/** The background's cache, which can also forget everything at once. */
export interface ClearableViewCache extends ViewCache {
  /** Forgets every view, e.g. after the settings the rules run with changed. */
  clear(): Promise<void>;
}

/**
 * Views are cached under the page's own key, which includes the relative URL root: two
 * instances on one host (`/` and `/gitlab`) never share a view.
 */
export const cacheKeyOf = pageKeyOf;

/** True when a key belongs to an instance on `origin` (any relative URL root). */
function onOrigin(key: string, origin: string): boolean {
  return key.startsWith(origin) && (key[origin.length] === '/' || key[origin.length] === '|');
}

export function createViewCache(options: {
  persistent: PersistentViews;
  now: () => Date;
  limit: number;
}): ClearableViewCache {
  const memory = new Map<string, CachedView>();
  // Writes to storage are serialised so two views arriving together don't drop one another.
  let writes: Promise<void> = Promise.resolve();
  const update = (change: (entries: Record<string, CachedView>) => void) => {
    writes = writes
      .then(async () => {
        const entries = await options.persistent.load();
        change(entries);
        const newestFirst = Object.entries(entries).sort(([, a], [, b]) =>
          b.storedAt.localeCompare(a.storedAt),
        );
        await options.persistent.save(Object.fromEntries(newestFirst.slice(0, options.limit)));
      })
      .catch(() => undefined); // a full or failing storage must never break a view
    return writes;
  };

  return {
    async peek(ref) {
      const key = cacheKeyOf(ref);
      const hit = memory.get(key);
      if (hit) return hit;
      const stored = (await options.persistent.load())[key];
      if (stored) memory.set(key, stored);
      return stored ?? null;
    },
    async put(ref, view) {
      const key = cacheKeyOf(ref);
      const entry = { storedAt: options.now().toISOString(), view };
      memory.set(key, entry);
      await update((entries) => {
        entries[key] = entry;
      });
    },
    async forgetOrigin(origin) {
      for (const key of [...memory.keys()]) if (onOrigin(key, origin)) memory.delete(key);
      await update((entries) => {
        for (const key of Object.keys(entries)) if (onOrigin(key, origin)) delete entries[key];
      });
    },
    async clear() {
      memory.clear();
      await update((entries) => {
        for (const key of Object.keys(entries)) delete entries[key];
      });
    },
  };
}
