// What the extension keeps in browser storage, each item versioned so later releases can migrate
// it. Tokens are NOT here: storage.local is readable by content scripts, so tokens live in the
// background's own IndexedDB (lib/secrets.ts).
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { ProblemSchema, type StaleReport } from './messages';
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

/** A namespace (group or project) whose open OKRs the stale-health watch follows, whoever owns them. */
export const WatchedNamespaceSchema = z.object({
  baseUrl: z.string(),
  fullPath: z.string().min(1),
});
export type WatchedNamespace = z.infer<typeof WatchedNamespaceSchema>;

export const watchedNamespacesItem = storage.defineItem<WatchedNamespace[]>(
  'local:watchedNamespaces',
  { fallback: [], version: 1 },
);

/** How often the stale-health watch asks GitLab, in minutes. */
export const DEFAULT_STALE_WATCH_MINUTES = 30;
export const staleWatchMinutesItem = storage.defineItem<number>('local:staleWatchMinutes', {
  fallback: DEFAULT_STALE_WATCH_MINUTES,
  version: 1,
});

/** Public holidays (`YYYY-MM-DD`) that are not business days, for the monthly update deadline. */
export const holidaysItem = storage.defineItem<string[]>('local:holidays', {
  fallback: [],
  version: 1,
});

/** When an OKR's health counts as stale (spec §3): the handbook's defaults. */
export const StalenessSettingsSchema = z.object({
  maxAgeDays: z.number().int().min(1),
  businessDayDeadline: z.number().int().min(1).max(23),
});
export type StalenessSettings = z.infer<typeof StalenessSettingsSchema>;
export const stalenessSettingsItem = storage.defineItem<StalenessSettings>('local:staleness', {
  fallback: { maxAgeDays: 35, businessDayDeadline: 5 },
  version: 1,
});

/** The last stale-health report, so the badge and the popup survive a service worker restart. */
export const staleReportItem = storage.defineItem<StaleReport | null>('local:staleReport', {
  fallback: null,
  version: 1,
});
