// What the extension keeps in browser storage, each item versioned so later releases can migrate
// it. Tokens are NOT here: storage.local is readable by content scripts, so tokens live in the
// background's own IndexedDB (lib/secrets.ts).
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import {
  ProblemSchema,
  type StaleReport,
  KeyResultOutcomeSchema,
  WorkItemRefSchema,
} from './messages';
import { HealthSchema, OkrViewSchema } from './view';

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

/**
 * A key result as the user types it in the popup. Numbers stay text until they are checked, so a
 * half-typed "-" or "1," survives closing the popup.
 */
export const KeyResultDraftSchema = z.object({
  /** Stable id of the draft: the background creates one item per id, however often it is sent. */
  localId: z.string(),
  title: z.string(),
  /** The DRI's user global id, or null for nobody. */
  assigneeId: z.string().nullable(),
  /** `'parent'` (the objective's milestone, the default), `'none'`, or a milestone global id. */
  milestone: z.string(),
  /** `YYYY-MM-DD`, or '' for none. */
  dueDate: z.string(),
  startValue: z.string(),
  currentValue: z.string(),
  targetValue: z.string(),
  unit: z.string(),
  health: HealthSchema.nullable(),
  description: z.string(),
  /** Which `okr` scoring block to add to the description, if any. */
  scoringBlock: z.enum(['none', 'rate', 'milestones']),
});
export type KeyResultDraft = z.infer<typeof KeyResultDraftSchema>;

export const DraftSetSchema = z.object({
  /** The objective the drafts will go under. */
  ref: WorkItemRefSchema,
  drafts: z.array(KeyResultDraftSchema),
  updatedAt: z.string(),
});
export type DraftSet = z.infer<typeof DraftSetSchema>;

/**
 * Key result drafts, per parent objective (key: cacheKeyOf(ref)). Written only by the popup, as
 * the user types; a draft leaves only once GitLab has confirmed its item.
 */
export const keyResultDraftsItem = storage.defineItem<Record<string, DraftSet>>(
  'local:keyResultDrafts',
  { fallback: {}, version: 1 },
);

/** The background's record of one draft's creation, so a retry never creates it twice. */
export const CreateAttemptSchema = KeyResultOutcomeSchema.extend({
  parentId: z.string(),
  title: z.string(),
  /** When the create was first sent. */
  startedAt: z.string(),
  updatedAt: z.string(),
  /**
   * Children of the parent that had the draft's title before it was first sent: a retry adopts
   * only a newer one. (Comparing GitLab's timestamps with this browser's clock would break on a
   * skewed clock.)
   */
  twins: z.array(z.string()).optional(),
});
export type CreateAttempt = z.infer<typeof CreateAttemptSchema>;

/** Creation attempts by draft id. Written only by the background; the popup watches it. */
export const createAttemptsItem = storage.defineItem<Record<string, CreateAttempt>>(
  'local:createAttempts',
  { fallback: {}, version: 1 },
);
