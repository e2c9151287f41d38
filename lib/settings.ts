// What the extension keeps in browser storage, each item versioned so later releases can migrate
// it. Tokens are NOT here: storage.local is readable by content scripts, so tokens live in the
// background's own IndexedDB (lib/secrets.ts).
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { z } from 'zod';
import {
  ProblemSchema,
  type StaleReport,
  KeyResultOutcomeSchema,
  CachedQuarterMapSchema,
  WorkItemRefSchema,
} from './messages';
import { zodOf } from './shape-zod';
import {
  CarrierSettingsSchema,
  DEFAULT_CARRIER_SETTINGS,
  type CarrierSettings,
} from './gitlab/carriers/conventions';
import { HealthSchema, OkrViewSchema } from './view';
import {
  DEFAULT_BUSINESS_DAY_DEADLINE,
  DEFAULT_MAX_AGE_DAYS,
  RuleSettingsSchema,
  isIsoDate,
  rules,
  type PartialRuleSettings,
  type RuleSettings,
} from './okr';

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

export const CachedViewSchema = z.object({ storedAt: z.string(), view: zodOf(OkrViewSchema) });
export type CachedView = z.infer<typeof CachedViewSchema>;

/** The cached views that still parse: one written by an older release is dropped, not trusted. */
export function cachedViewsOf(stored: unknown): Record<string, CachedView> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const valid: Record<string, CachedView> = {};
  for (const [key, entry] of Object.entries(stored)) {
    const parsed = CachedViewSchema.safeParse(entry);
    if (parsed.success) valid[key] = parsed.data;
  }
  return valid;
}

/**
 * The persistent view cache (stale-while-revalidate): a page seen before paints at once from
 * here, then the fresh view replaces it. Keyed by `pageKeyOf(ref)`; read through its check.
 */
export const viewCacheItem = checkedItem(
  storage.defineItem<Record<string, CachedView>, Record<string, never>>('local:viewCache', {
    fallback: {},
    version: 1,
  }),
  cachedViewsOf,
  (entries) => entries,
);

/** How many views the persistent cache keeps; the oldest go first. */
export const VIEW_CACHE_LIMIT = 200;

export const StoredQuarterMapSchema = z.object({
  storedAt: z.string(),
  data: CachedQuarterMapSchema,
});
export type StoredQuarterMapEntry = z.infer<typeof StoredQuarterMapSchema>;

/** A stored quarter map that still parses, or null (one an older release wrote is dropped). */
export function storedQuarterMapOf(stored: unknown): StoredQuarterMapEntry | null {
  const parsed = StoredQuarterMapSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * The quarter map page's cache (lib/services/quarter-map-cache.ts): each map under its own key
 * (`quarterMap:` + `mapKeyOf`), and an index of which are stored and when.
 */
export const quarterMapIndexItem = storage.defineItem<Record<string, string>>(
  'local:quarterMapIndex',
  { fallback: {}, version: 1 },
);

export function quarterMapStorageKey(key: string): `local:${string}` {
  return `local:quarterMap:${key}`;
}

/** How many maps the cache keeps (a 2,000-item map is two to three megabytes). */
export const QUARTER_MAP_CACHE_LIMIT = 3;

/** The scope the map page showed last: where "Quarter map" opens when no page names one. */
export const lastMapScopeItem = storage.defineItem<{ baseUrl: string; scope: string[] } | null>(
  'local:lastMapScope',
  { fallback: null, version: 1 },
);

/** A namespace (group or project) whose open OKRs the stale-health watch follows, whoever owns them. */
/**
 * How each namespace keeps its OKRs (lib/gitlab/carriers): per instance base URL, per top-level
 * group path (lower case), or `*` for the instance's default. A group nobody configured reads
 * GitLab's OKR types (DEFAULT_CARRIER_SETTINGS) and is offered detection; nothing is guessed
 * silently.
 */
export const CarrierChoicesSchema = z.record(
  z.string(),
  z.record(z.string(), CarrierSettingsSchema),
);
export type CarrierChoices = z.infer<typeof CarrierChoicesSchema>;

/** The carrier choices that still parse: an entry a later release cannot read is dropped alone. */
export function carrierChoicesOf(stored: unknown): CarrierChoices {
  if (!isRecord(stored)) return {};
  const choices: CarrierChoices = {};
  for (const [baseUrl, groups] of Object.entries(stored)) {
    if (!isRecord(groups)) continue;
    for (const [group, settings] of Object.entries(groups)) {
      const parsed = CarrierSettingsSchema.safeParse(settings);
      if (parsed.success) (choices[baseUrl] ??= {})[group] = parsed.data;
    }
  }
  return choices;
}

export const carrierChoicesItem = checkedItem(
  storage.defineItem<CarrierChoices, Record<string, never>>('local:carrierChoices', {
    fallback: {},
    version: 1,
  }),
  carrierChoicesOf,
  (choices) => choices,
);

/** The settings for a namespace: its top-level group's choice, the instance's, or the default. */
export function carrierSettingsFor(
  choices: CarrierChoices,
  baseUrl: string,
  fullPath: string,
): CarrierSettings {
  const instance = choices[baseUrl] ?? {};
  const topLevel = (fullPath.split('/')[0] ?? '').toLowerCase();
  return instance[topLevel] ?? instance['*'] ?? DEFAULT_CARRIER_SETTINGS;
}

/**
 * Groups (`baseUrl|group`) the panel does not offer detection for again in this browser session:
 * the person said "Not now", or detection found nothing there. `storage.session`: gone when the
 * browser closes, and out of content scripts' reach.
 */
export const carrierQuietItem = storage.defineItem<string[]>('session:carrierQuiet', {
  fallback: [],
});

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

/** When an OKR's health counts as stale (spec §3): the handbook's defaults. */
export const StalenessSettingsSchema = z.object({
  maxAgeDays: z.number().int().min(1),
  businessDayDeadline: z.number().int().min(1).max(23),
});
export type StalenessSettings = z.infer<typeof StalenessSettingsSchema>;

// ---- Settings the options page writes: read through a check, so a bad value never crashes ----

const DEFAULT_STALENESS: StalenessSettings = {
  maxAgeDays: DEFAULT_MAX_AGE_DAYS,
  businessDayDeadline: DEFAULT_BUSINESS_DAY_DEADLINE,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored setting as its readers see it: always valid, whatever storage holds. */
export interface SettingItem<Value> {
  key: string;
  fallback: Value;
  getValue(): Promise<Value>;
  setValue(value: Value): Promise<void>;
  removeValue(): Promise<void>;
  watch(callback: (value: Value) => void): () => void;
  /** Runs the item's migrations now (WXT also runs them when the extension updates). */
  migrate(): Promise<void>;
}

function checkedItem<Stored, Value>(
  item: WxtStorageItem<Stored, Record<string, never>>,
  read: (stored: unknown) => Value,
  write: (value: Value) => Stored,
): SettingItem<Value> {
  return {
    key: item.key,
    fallback: read(item.fallback),
    getValue: async () => read(await item.getValue()),
    setValue: (value) => item.setValue(write(value)),
    removeValue: () => item.removeValue(),
    watch: (callback) => item.watch((stored) => callback(read(stored))),
    migrate: () => item.migrate(),
  };
}

/** Staleness numbers as stored, or the handbook's where they are missing or invalid. */
export function stalenessOf(stored: unknown): StalenessSettings {
  const record = isRecord(stored) ? stored : {};
  const field = <K extends keyof StalenessSettings>(key: K): StalenessSettings[K] => {
    const parsed = StalenessSettingsSchema.shape[key].safeParse(record[key]);
    return parsed.success ? parsed.data : DEFAULT_STALENESS[key];
  };
  return { maxAgeDays: field('maxAgeDays'), businessDayDeadline: field('businessDayDeadline') };
}

/** The stored holidays that are real `YYYY-MM-DD` dates, sorted, each once. */
export function holidaysOf(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const dates = stored.filter((day): day is string => typeof day === 'string' && isIsoDate(day));
  return [...new Set(dates)].sort();
}

/**
 * Public holidays (`YYYY-MM-DD`) that are not business days, for the monthly update deadline.
 * Read through `holidaysOf`, so every reader (panel, badge, options) gets real dates only.
 */
export const holidaysItem = checkedItem(
  storage.defineItem<string[], Record<string, never>>('local:holidays', {
    fallback: [],
    version: 1,
  }),
  holidaysOf,
  (days) => days,
);

/** The staleness numbers, read through `stalenessOf`: the handbook's where storage holds nonsense. */
export const stalenessSettingsItem = checkedItem(
  storage.defineItem<StalenessSettings, Record<string, never>>('local:staleness', {
    fallback: DEFAULT_STALENESS,
    version: 1,
  }),
  stalenessOf,
  (staleness) => staleness,
);

/**
 * Rule settings whatever storage holds: every rule gets the handbook's defaults, and each stored
 * field is kept only when the rule's schema accepts it, so one bad number neither crashes the
 * panel nor costs the user their other choices.
 */
export function ruleSettingsOf(stored: unknown): RuleSettings {
  const whole = RuleSettingsSchema.safeParse(isRecord(stored) ? stored : {});
  if (whole.success) return whole.data;
  const record = isRecord(stored) ? stored : {};
  return Object.fromEntries(
    rules.map((rule) => {
      const fields = record[rule.id];
      let kept: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(isRecord(fields) ? fields : {})) {
        const candidate = { ...kept, [key]: value };
        if (rule.schema.safeParse(candidate).success) kept = candidate;
      }
      const parsed = rule.schema.safeParse(kept);
      return [rule.id, parsed.success ? parsed.data : rule.defaults];
    }),
  ) as RuleSettings;
}

/**
 * What the user changed from the handbook: only those fields are stored, so a later release's new
 * default still reaches everyone who never touched that number. health-stale's numbers are never
 * stored here: `local:staleness` holds them (see `withStaleness`).
 */
export function ruleOverridesOf(settings: PartialRuleSettings): PartialRuleSettings {
  const overrides: Record<string, Record<string, unknown>> = {};
  for (const rule of rules) {
    const chosen: Record<string, unknown> = settings[rule.id] ?? {};
    const defaults = rule.defaults as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(chosen)) {
      if (rule.id === 'health-stale' && key in STALENESS_FIELDS) continue;
      if (value !== defaults[key]) (overrides[rule.id] ??= {})[key] = value;
    }
  }
  return overrides as PartialRuleSettings;
}

/** health-stale's numbers and where each lives in `local:staleness`. */
const STALENESS_FIELDS = {
  staleMaxAgeDays: 'maxAgeDays',
  businessDayDeadline: 'businessDayDeadline',
} as const satisfies Record<string, keyof StalenessSettings>;

/**
 * Version 1 stored the rule settings whole, health-stale's numbers included, so the badge
 * (which reads `local:staleness`) and the panel could disagree. Version 2 keeps those numbers in
 * `local:staleness` alone: a version 1 value hands them over, unless the user already set
 * staleness there, and stores the rest as it was.
 */
export async function ruleSettingsV2(v1: unknown): Promise<unknown> {
  if (!isRecord(v1)) return {};
  const healthStale = v1['health-stale'];
  if (!isRecord(healthStale)) return v1;
  const { staleMaxAgeDays, businessDayDeadline, ...rest } = healthStale;
  const carried = staleMaxAgeDays !== undefined || businessDayDeadline !== undefined;
  if (carried && (await storage.getItem('local:staleness')) === null) {
    await storage.setItem<StalenessSettings>(
      'local:staleness',
      stalenessOf({ maxAgeDays: staleMaxAgeDays, businessDayDeadline }),
    );
  }
  return { ...v1, 'health-stale': rest };
}

/**
 * The handbook checks as the user set them (on/off and numbers), stored as the changes from the
 * defaults; reads give every rule's full settings.
 */
export const ruleSettingsItem = checkedItem(
  storage.defineItem<PartialRuleSettings, Record<string, never>>('local:ruleSettings', {
    fallback: {},
    version: 2,
    migrations: { 2: ruleSettingsV2 },
  }),
  ruleSettingsOf,
  ruleOverridesOf,
);

/** The rule settings with health-stale's numbers taken from the staleness settings. */
export function withStaleness(settings: RuleSettings, staleness: StalenessSettings): RuleSettings {
  return {
    ...settings,
    'health-stale': {
      ...settings['health-stale'],
      staleMaxAgeDays: staleness.maxAgeDays,
      businessDayDeadline: staleness.businessDayDeadline,
    },
  };
}

/**
 * The settings the rules run with: the options' rule settings, with the staleness numbers from
 * `local:staleness`, the one place the badge, the popup and the panel all read them.
 */
export async function loadRuleSettings(): Promise<RuleSettings> {
  const [settings, staleness] = await Promise.all([
    ruleSettingsItem.getValue(),
    stalenessSettingsItem.getValue(),
  ]);
  return withStaleness(settings, staleness);
}

/** Top-level objectives as entered: trimmed, without a URL's `#fragment`, blanks dropped, once each. */
export function topLevelObjectivesOf(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const entries = stored
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) =>
      entry
        .trim()
        .replace(/^(https?:\/\/[^#]*)#.*$/, '$1')
        .replace(/\/+$/, ''),
    )
    .filter((entry) => entry !== '');
  return [...new Set(entries)];
}

/**
 * Version 1 stored the list as the text of a text box, one entry a line; version 2 stores the
 * entries themselves.
 */
export function topLevelObjectivesV2(v1: unknown): unknown {
  return typeof v1 === 'string' ? topLevelObjectivesOf(v1.split(/\r?\n/)) : v1;
}

/**
 * Objectives allowed to have no parent (the company's or the CTO's), as URLs or references
 * (`group/project#12`): the `unaligned` check stays quiet on them.
 */
export const topLevelObjectivesItem = checkedItem(
  storage.defineItem<string[], Record<string, never>>('local:topLevelObjectives', {
    fallback: [],
    version: 2,
    migrations: { 2: topLevelObjectivesV2 },
  }),
  topLevelObjectivesOf,
  topLevelObjectivesOf,
);

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
  health: zodOf(HealthSchema).nullable(),
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

/**
 * The project a user last put key result issues in, per group of objective epics: key
 * `<base URL> <group path in lower case>`, value the project's full path. Written by the
 * background when a create goes through; the popup's project picker starts there.
 */
export const createProjectChoicesItem = storage.defineItem<Record<string, string>>(
  'local:createProjectChoices',
  { fallback: {}, version: 1 },
);

/** The key of a group in `createProjectChoicesItem`. */
export function projectChoiceKey(baseUrl: string, groupPath: string): string {
  return `${baseUrl} ${groupPath.toLowerCase()}`;
}
