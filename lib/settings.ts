// What the extension keeps in browser storage, each item versioned so later releases can migrate
// it. Tokens are NOT here: storage.local is readable by content scripts, so tokens live in the
// background's own IndexedDB (lib/secrets.ts).
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { ProblemSchema } from './messages';
import { OkrViewSchema } from './view';

export const InstanceRecordSchema = z.object({
  /** Base URL including a relative URL root, no trailing slash. */
  baseUrl: z.string(),
  origin: z.string(),
  addedAt: z.string(),
  check: z
    .object({
      ok: z.boolean(),
      username: z.string().optional(),
      name: z.string().optional(),
      userId: z.number().optional(),
      scopes: z.array(z.string()).optional(),
      expiresAt: z.string().nullable().optional(),
      checkedAt: z.string(),
      problem: ProblemSchema.optional(),
    })
    .optional(),
});
export type InstanceRecord = z.infer<typeof InstanceRecordSchema>;

export const instancesItem = storage.defineItem<InstanceRecord[]>('local:instances', {
  fallback: [],
  version: 1,
});

export const CachedViewSchema = z.object({ storedAt: z.string(), view: OkrViewSchema });
export type CachedView = z.infer<typeof CachedViewSchema>;

/**
 * The persistent view cache (stale-while-revalidate): a page seen before paints at once from
 * here, then the fresh view replaces it. Keyed by `origin|fullPath|iid`.
 */
export const viewCacheItem = storage.defineItem<Record<string, CachedView>>('local:viewCache', {
  fallback: {},
  version: 1,
});

/** How many views the persistent cache keeps; the oldest go first. */
export const VIEW_CACHE_LIMIT = 200;
