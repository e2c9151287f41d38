// The typed protocol between the extension's contexts. Every message into the background is
// parsed with these schemas before it is acted on; anything else is refused. No message that
// leaves the background ever carries a token. What a content script receives is defined once in
// ./page-messages as shapes (light enough for every GitLab page); here it is full zod, derived.
import { z } from 'zod';
import * as page from './page-messages';
import { zodOf } from './shape-zod';
import { HealthSchema as HealthShape } from './view';
import type { MapItem, QuarterMap } from './okr/quarter/map-model';
import type { HistoryPoint } from './okr/quarter/history';
import { CarrierSettingsSchema } from './gitlab/carriers/conventions';

export type { Problem, ProblemKind, Push, ViewResult } from './page-messages';

export const ProblemKindSchema = z.enum(page.ProblemKindSchema.options);
export const ProblemSchema = zodOf(page.ProblemSchema);
export const ViewResultSchema = zodOf(page.ViewResultSchema);
/** Messages the background sends to content scripts and to its own pages (the popup). */
export const PushSchema = zodOf(page.PushSchema);
const HealthSchema = zodOf(HealthShape);

/** A work item as a page names it: the instance, the namespace path and the iid. */
export const WorkItemRefSchema = z.object({
  /** `https://gitlab.example.com` (scheme + host + port). */
  origin: z.string(),
  /** Relative URL root of a self-managed instance, e.g. `/gitlab`; `''` on most hosts. */
  basePath: z.string(),
  /** Project or group full path, e.g. `gitlab-com/gitlab-okrs` or `gitlab-com`. */
  fullPath: z.string().min(1),
  iid: z.string().regex(/^\d+$/),
  /** Which page the reference came from. */
  route: z.enum(['work_item', 'issue', 'epic']),
  namespaceKind: z.enum(['project', 'group']),
});
export type WorkItemRef = z.infer<typeof WorkItemRefSchema>;

/** A configured GitLab instance as the UI sees it: never the token itself. */
export const InstanceViewSchema = z.object({
  /** Base URL including a relative URL root, without trailing slash: `https://gitlab.example.com/gitlab`. */
  baseUrl: z.string(),
  origin: z.string(),
  hasToken: z.boolean(),
  /** The last token check, when there was one. */
  check: z
    .object({
      ok: z.boolean(),
      username: z.string().optional(),
      name: z.string().optional(),
      scopes: z.array(z.string()).optional(),
      expiresAt: z.string().nullable().optional(),
      checkedAt: z.string(),
      problem: ProblemSchema.optional(),
    })
    .optional(),
});
export type InstanceView = z.infer<typeof InstanceViewSchema>;

export const InstanceSaveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), instance: InstanceViewSchema }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type InstanceSaveResult = z.infer<typeof InstanceSaveResultSchema>;

/** Why one of your OKRs needs a health update (spec §3), worst first. */
export const StaleCodeSchema = z.enum(['noHealth', 'tooOld', 'notThisMonth']);
export type StaleCode = z.infer<typeof StaleCodeSchema>;

/** One stale objective or key result, as the badge's tooltip and the popup list show it. */
export const StaleItemSchema = z.object({
  /** The configured instance it lives on. */
  baseUrl: z.string(),
  /** GitLab global id, `gid://gitlab/WorkItem/N`. */
  id: z.string(),
  reference: z.string(),
  url: z.string(),
  title: z.string(),
  kind: z.enum(['objective', 'keyResult']),
  /** The DRI: the assignees' names (absent in reports of releases before it). */
  dri: z.array(z.string()).optional(),
  health: z.enum(['onTrack', 'needsAttention', 'atRisk']).nullable(),
  code: StaleCodeSchema,
  /** What is missing and what to do, one sentence. */
  reason: z.string(),
  lastUpdate: z.string().nullable(),
  /** The parent chain, root first, direct parent last (may start mid-way). */
  chain: z.array(z.object({ title: z.string(), url: z.string(), reference: z.string() })),
  progress: z
    .object({
      progress: z.number().nullable(),
      startValue: z.number().nullable(),
      currentValue: z.number().nullable(),
      endValue: z.number().nullable(),
    })
    .nullable(),
  /**
   * The custom number field holding the current value (a key result kept as an issue, an epic or
   * a custom type): a check-in writes the value there; `progress` then holds the fields' values.
   */
  currentField: z.object({ id: z.string(), name: z.string() }).optional(),
  /** A top-level objective: GitLab's own check-in reminder can be set on it. */
  topLevel: z.boolean(),
  /** Assigned to the token's user (otherwise it is found through a watched namespace). */
  assignedToYou: z.boolean(),
});
export type StaleItem = z.infer<typeof StaleItemSchema>;

/** A watched namespace the stale watch could not check, and why. */
export const UnwatchedNamespaceSchema = z.object({
  baseUrl: z.string(),
  fullPath: z.string(),
  problem: ProblemSchema,
});
export type UnwatchedNamespace = z.infer<typeof UnwatchedNamespaceSchema>;

/** The last run of the stale-health watch: what the badge shows and the popup lists. */
export const StaleReportSchema = z.object({
  /** `idle`: never ran or nothing to watch; `failed`: no instance could be read. */
  state: z.enum(['idle', 'ok', 'partial', 'failed', 'offline']),
  checkedAt: z.string().nullable(),
  items: z.array(StaleItemSchema),
  /** How many open OKRs were judged, stale or not. */
  watchedCount: z.number(),
  /** How many of those are assigned to the user (the rest come from watched namespaces). */
  ownCount: z.number().optional(),
  /** Instances the watch could not read, and why. */
  failures: z.array(z.object({ baseUrl: z.string(), problem: ProblemSchema })),
  /**
   * Watched namespaces the watch could not check (no token for their instance, not found, a
   * GitLab too old to list them), and why; the rest of the watch still ran. Absent in reports
   * of releases before it.
   */
  unwatched: z.array(UnwatchedNamespaceSchema).optional(),
});
export type StaleReport = z.infer<typeof StaleReportSchema>;

export const CheckInReminderSchema = z.enum(['weekly', 'twice-monthly', 'monthly']);
export type CheckInReminder = z.infer<typeof CheckInReminderSchema>;

/** The answer to a check-in or a reminder: the report after the change, or why it failed. */
export const StaleActionResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), report: StaleReportSchema }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type StaleActionResult = z.infer<typeof StaleActionResultSchema>;

// ---- Quick-create of key results (popup → background) ----

/** An item GitLab created (or one an earlier, unclear attempt turned out to have created). */
export const CreatedItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  url: z.string(),
  title: z.string(),
});
export type CreatedItem = z.infer<typeof CreatedItemSchema>;

/** Start, current and target values of GitLab's progress widget (whole numbers, start ≠ target). */
export const ProgressValuesInputSchema = z
  .object({
    startValue: z.number().int(),
    currentValue: z.number().int(),
    endValue: z.number().int(),
  })
  .refine((values) => values.startValue !== values.endValue, {
    message: 'Start and target must differ.',
  });
export type ProgressValuesInput = z.infer<typeof ProgressValuesInputSchema>;

/** A key result draft, checked and composed by the popup, ready to create. */
export const KeyResultSubmissionSchema = z.object({
  /** The draft's own id: the same draft sent twice is created once. */
  localId: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(255),
  description: z.string().max(1_000_000),
  /** User global ids (`gid://gitlab/User/N`). */
  assigneeIds: z.array(z.string()).max(20),
  /** Milestone global id, or null for none. */
  milestoneId: z.string().nullable(),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** Required: a key result has a health status from the start (see FIRST_HEALTH in drafts.ts). */
  healthStatus: HealthSchema,
  /**
   * Start, current and target: in custom fields, sent with the create; in GitLab's progress
   * widget, set with a second request (GitLab has no progress on create).
   */
  progress: ProgressValuesInputSchema.nullable(),
  /** Under an epic: the project the key result goes in (the group's projects, see CreateDestination). */
  projectPath: z.string().min(1).max(1000).optional(),
});
export type KeyResultSubmission = z.infer<typeof KeyResultSubmissionSchema>;

/**
 * What happened to one draft: `created` (all done), `progressFailed` (the item exists, its values
 * are missing: retry sets only them), `unclear` (sent, outcome unknown: a retry looks for the item
 * first), `failed` (GitLab made nothing), `creating` (under way).
 */
export const KeyResultOutcomeSchema = z.object({
  localId: z.string(),
  state: z.enum(['creating', 'created', 'progressFailed', 'unclear', 'failed']),
  item: CreatedItemSchema.optional(),
  problem: ProblemSchema.optional(),
  /** True when a retry found the item an earlier attempt had made, instead of creating another. */
  recovered: z.boolean().optional(),
});
export type KeyResultOutcome = z.infer<typeof KeyResultOutcomeSchema>;

export const CreateSubmitResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outcomes: z.array(KeyResultOutcomeSchema) }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type CreateSubmitResult = z.infer<typeof CreateSubmitResultSchema>;

export const MemberOptionSchema = z.object({
  /** `gid://gitlab/User/N`. */
  id: z.string(),
  username: z.string(),
  name: z.string(),
});
export type MemberOption = z.infer<typeof MemberOptionSchema>;

export const MilestoneOptionSchema = z.object({
  /** `gid://gitlab/Milestone/N`. */
  id: z.string(),
  title: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Where it lives: a project and its group may each have a milestone of the same title. */
  scope: z.enum(['project', 'group']).optional(),
});
export type MilestoneOption = z.infer<typeof MilestoneOptionSchema>;

/** The parent as the create form needs it: its id, quarter and current children. */
export const ParentSnapshotSchema = z.object({
  id: z.string(),
  reference: z.string(),
  url: z.string(),
  title: z.string(),
  kind: z.enum(['objective', 'keyResult', 'issue']),
  state: z.enum(['opened', 'closed']),
  milestone: MilestoneOptionSchema.nullable(),
  children: z.array(
    z.object({
      id: z.string().optional(),
      title: z.string(),
      kind: z.enum(['objective', 'keyResult', 'issue']),
      state: z.enum(['opened', 'closed']),
    }),
  ),
  /** True when GitLab has more children than were listed. */
  childrenIncomplete: z.boolean(),
  /** The parent's labels (an objective epic's `okr:o`, its quarter label). */
  labels: z.array(z.string()).optional(),
});
export type ParentSnapshot = z.infer<typeof ParentSnapshotSchema>;

/** A project a key result issue may go in. */
export const ProjectOptionSchema = z.object({
  fullPath: z.string(),
  name: z.string(),
});
export type ProjectOption = z.infer<typeof ProjectOptionSchema>;

/**
 * Where new key results go under an epic (the epics carrier): an issue, or an item of the
 * project's own "Key result" type, in a project of the epic's group the user picks; with the
 * labels GitLab will get and the custom fields the values go in. Absent for a native objective,
 * whose key results go in its own project as GitLab's Key Result type.
 */
export const CreateDestinationSchema = z.object({
  kind: z.literal('project'),
  projects: z.array(ProjectOptionSchema),
  /** The project picked last time for this group, when it is still in the list. */
  chosen: z.string().nullable(),
  /** Labels every new key result gets (the key-result label, the quarter label). */
  labels: z.array(z.string()),
  /** Labels the settings ask for that the group does not have: none of them is set. */
  missingLabels: z.array(z.string()),
  /** The quarter the key results get through the quarter label (`FY24-Q2`), when it is a label. */
  quarter: z.string().optional(),
  /** The custom fields start, current and target go in (by name), when the group has them. */
  fields: z.object({
    start: z.string().optional(),
    current: z.string().optional(),
    target: z.string().optional(),
  }),
  /** Why values cannot be stored (no such fields, a GitLab before 17.10), when they cannot. */
  valuesUnavailable: z.string().optional(),
});
export type CreateDestination = z.infer<typeof CreateDestinationSchema>;

export const CreateContextSchema = z.object({
  parent: ParentSnapshotSchema,
  members: z.array(MemberOptionSchema),
  milestones: z.array(MilestoneOptionSchema),
  /** The token's user, the default DRI. */
  me: z.string().nullable(),
  /** Under an epic: the project picker and what the key result gets. */
  destination: CreateDestinationSchema.optional(),
});
export type CreateContext = z.infer<typeof CreateContextSchema>;

export const CreateContextResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), context: CreateContextSchema }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type CreateContextResult = z.infer<typeof CreateContextResultSchema>;

/** An objective the popup offers when the open tab shows none. */
export const ObjectivePickSchema = z.object({
  url: z.string(),
  reference: z.string(),
  title: z.string(),
  /** `assigned`: the user is its DRI; `recent`: seen lately in a panel. */
  source: z.enum(['assigned', 'recent']),
});
export type ObjectivePick = z.infer<typeof ObjectivePickSchema>;

export const ObjectivePicksResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), objectives: z.array(ObjectivePickSchema) }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type ObjectivePicksResult = z.infer<typeof ObjectivePicksResultSchema>;

// ---- Items' notes (map page → background) ----

/** The most items one `map:notes` request names (a big group's whole quarter). */
export const MAX_NOTES_ITEMS = 5_000;

export const ItemNotesResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    notes: z.record(
      z.string(),
      z.object({
        notes: z.array(
          z.object({
            body: z.string(),
            createdAt: z.string(),
            system: z.boolean(),
            author: z.string().optional(),
            authorBot: z.boolean().optional(),
          }),
        ),
        scale: z.object({ start: z.number(), target: z.number() }).nullable(),
      }),
    ),
    requests: z.number(),
  }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type ItemNotesResultMessage = z.infer<typeof ItemNotesResultSchema>;
// ---- The quarter map (map page → background) ----

const MapHealthSchema = z.enum(['onTrack', 'needsAttention', 'atRisk']);
const MapSeveritySchema = z.enum(['error', 'warning', 'info']);

/** lib/okr/quarter/map-model.ts as a schema: what crosses from the background to the map page. */
export const MapItemSchema = z.object({
  url: z.string(),
  reference: z.string(),
  type: z.enum(['objective', 'keyResult']),
  carrier: z.string(),
  title: z.string(),
  parentUrl: z.string().nullable(),
  score: z.number().nullable(),
  method: z.string(),
  gitlabProgress: z.number().nullable(),
  expected: z.number().nullable(),
  health: MapHealthSchema.nullable(),
  stale: z.boolean(),
  staleSince: z.string().nullable(),
  dri: z.string().nullable(),
  warnings: z.array(z.object({ rule: z.string(), severity: MapSeveritySchema })),
}) satisfies z.ZodType<MapItem>;

const HealthCountsSchema = z.object({
  total: z.number(),
  onTrack: z.number(),
  needsAttention: z.number(),
  atRisk: z.number(),
  none: z.number(),
});

export const QuarterMapSchema = z.object({
  scope: z.array(z.string()),
  quarter: z.object({
    title: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
  }),
  generatedAt: z.string(),
  summary: z.object({
    objectives: HealthCountsSchema,
    keyResults: HealthCountsSchema,
    stale: z.number(),
    updatedThisMonth: z.number().nullable(),
    updatedSince: z.string(),
    averageScore: z.number().nullable(),
    expected: z.number().nullable(),
  }),
  items: z.array(MapItemSchema),
}) satisfies z.ZodType<QuarterMap>;

/** What a row shows on demand: the score's arithmetic, GitLab's formula, the verdicts in words. */
export const MapItemDetailsSchema = z.object({
  explanation: z.string(),
  scoreDetails: z.array(z.string()),
  gitlabNote: z.string().nullable(),
  staleReason: z.string(),
  warnings: z.array(
    z.object({ rule: z.string(), severity: MapSeveritySchema, message: z.string() }),
  ),
});

/** lib/okr/quarter/history.ts `HistoryPoint`: one recorded update of a row's history. */
export const HistoryPointSchema = z.object({
  at: z.string(),
  progress: z.number().nullable(),
  value: z.number().nullable(),
  health: MapHealthSchema.nullable(),
  changes: z.array(z.enum(['progress', 'value', 'health', 'checkIn'])),
  author: z.string().optional(),
}) satisfies z.ZodType<HistoryPoint>;

/** How far the notes of a map's items are read (lib/services/quarter-map.ts). */
export const HistoryProgressSchema = z.object({
  read: z.number(),
  total: z.number(),
  requests: z.number(),
});

/** A map as the page receives it: the rows' facts come along, their words on demand. */
export const LoadedQuarterMapSchema = z.object({
  map: QuarterMapSchema,
  facts: z.record(z.string(), z.object({ drift: z.number().nullable(), behind: z.boolean() })),
  histories: z.record(z.string(), z.array(HistoryPointSchema)),
  requests: z.number(),
  truncated: z.boolean(),
  history: HistoryProgressSchema,
});

const NoteSchema = z.object({
  body: z.string(),
  createdAt: z.string(),
  system: z.boolean(),
  author: z.string().optional(),
  authorBot: z.boolean().optional(),
});

/** A map as the cache keeps it: with every row's words, and the items' notes. */
export const CachedQuarterMapSchema = LoadedQuarterMapSchema.extend({
  details: z.record(z.string(), MapItemDetailsSchema),
  notes: z
    .record(
      z.string(),
      z.object({
        changedAt: z.string().nullable(),
        read: z
          .object({
            notes: z.array(NoteSchema),
            scale: z.object({ start: z.number(), target: z.number() }).nullable(),
          })
          .nullable(),
      }),
    )
    .optional(),
});

export const MapDetailsResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), details: MapItemDetailsSchema }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);

export const MapResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    data: LoadedQuarterMapSchema,
    storedAt: z.string(),
    source: z.enum(['cache', 'network']),
  }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type MapResultMessage = z.infer<typeof MapResultSchema>;

export const HistoryStepResultSchema = z.union([
  z.object({ ok: z.literal(true), done: z.literal(false), progress: HistoryProgressSchema }),
  z.object({
    ok: z.literal(true),
    done: z.literal(true),
    progress: HistoryProgressSchema,
    data: LoadedQuarterMapSchema,
    storedAt: z.string(),
  }),
  z.object({
    ok: z.literal(false),
    problem: ProblemSchema,
    progress: HistoryProgressSchema.nullable(),
  }),
]);

export const QuarterOptionSchema = z.object({
  title: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  source: z.enum(['milestone', 'label']),
});

export const QuartersResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    quarters: z.array(QuarterOptionSchema),
    current: z.string().nullable(),
  }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);

/** Which map: an instance, the groups or projects it covers, and the quarter's title. */
export const MapRequestSchema = z.object({
  baseUrl: z.string().min(1).max(2_048),
  scope: z.array(z.string().min(1).max(1_024)).min(1).max(20),
  quarter: z.string().min(1).max(255),
});

// ---- Carriers: how a group keeps its OKRs (options page and panel → background) ----

/** What carrier detection found in a group (lib/services/detect-carrier.ts `CarrierProposal`). */
export const CarrierProposalSchema = z.object({
  groupPath: z.string(),
  searchedPath: z.string(),
  found: z.boolean(),
  settings: CarrierSettingsSchema.nullable(),
  figures: z
    .object({ objectives: z.number(), keyResults: z.number(), quarter: z.string().nullable() })
    .nullable(),
  summary: z.string(),
  details: z.array(z.string()),
  carrierWords: z.string(),
});
export type CarrierProposalMessage = z.infer<typeof CarrierProposalSchema>;

export const DetectResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), proposal: CarrierProposalSchema }),
  z.object({ ok: z.literal(false), problem: ProblemSchema }),
]);
export type DetectResult = z.infer<typeof DetectResultSchema>;

/** Messages a content script, the popup or the options page may send to the background. */
export const RequestSchema = z.discriminatedUnion('type', [
  /** Options page: the configured instances (no tokens). */
  z.object({ type: z.literal('instances:list') }),
  /**
   * Options page: add or update an instance. The token is checked against GitLab before it is
   * stored; it travels once, from the options page to the background, and never back.
   */
  z.object({
    type: z.literal('instances:save'),
    baseUrl: z.string().min(1),
    token: z.string().min(1).optional(),
  }),
  /** Options page: forget an instance and its token. */
  z.object({ type: z.literal('instances:remove'), baseUrl: z.string() }),
  /** Options page: check the stored token again. */
  z.object({ type: z.literal('instances:check'), baseUrl: z.string() }),
  /**
   * Content script, the moment a page starts loading (before GitLab's page exists to read): the
   * relative URL root of the configured instance the page belongs to, `{ basePath }`, or `null`
   * for none. The background starts loading the view of the item the URL names at once; the
   * `view:load` that follows takes that load over.
   */
  z.object({ type: z.literal('page:open'), url: z.string().max(8_192) }),
  /** The cached view only (answers at once, `null` when there is none). */
  z.object({ type: z.literal('view:peek'), ref: WorkItemRefSchema }),
  /** A fresh view from GitLab (refreshes the cache). */
  z.object({ type: z.literal('view:load'), ref: WorkItemRefSchema }),
  /** Panel: open the options page (a web page may not link to an extension page). */
  z.object({ type: z.literal('options:open') }),
  /** Options page: look at a group or project and propose how its OKRs are read. */
  z.object({
    type: z.literal('carrier:detect'),
    baseUrl: z.string(),
    path: z.string().trim().min(1).max(1_000),
  }),
  /** Panel: use what detection found for the item's top-level group (saved as its choice). */
  z.object({ type: z.literal('carrier:confirm'), ref: WorkItemRefSchema }),
  /** Panel: "Not now": no proposal for the item's top-level group again in this session. */
  z.object({ type: z.literal('carrier:dismiss'), ref: WorkItemRefSchema }),
  /** Popup: what the create form needs for a parent objective (members, milestones, children). */
  z.object({ type: z.literal('create:context'), ref: WorkItemRefSchema }),
  /** Popup: create key results under the parent; a draft already created is not created again. */
  z.object({
    type: z.literal('create:submit'),
    ref: WorkItemRefSchema,
    drafts: z.array(KeyResultSubmissionSchema).min(1).max(20),
  }),
  /** Popup: objectives to pick when the open tab shows none. */
  z.object({ type: z.literal('create:objectives') }),
  /** Popup: the last stale-health report (answers at once). */
  z.object({ type: z.literal('stale:report') }),
  /** Popup: run the stale-health watch now and answer with the new report. */
  z.object({ type: z.literal('stale:refresh') }),
  /**
   * Popup: a quick check-in on one OKR: health status, the current value (progress for a key
   * result without start and target) and an optional comment, in one step.
   */
  z.object({
    type: z.literal('stale:checkIn'),
    baseUrl: z.string(),
    id: z.string().min(1),
    health: z.enum(['onTrack', 'needsAttention', 'atRisk']),
    /** A whole number for GitLab's progress widget; a custom number field takes any number. */
    currentValue: z.number().finite().optional(),
    /** The key result's own start and target, when the value is in its units. */
    scale: z.object({ start: z.number(), target: z.number() }).optional(),
    /** The custom number field the current value goes in (issues, epics, custom types). */
    currentField: z.object({ id: z.string().min(1), name: z.string() }).optional(),
    comment: z.string().max(10_000).optional(),
  }),
  /** Map page: the quarters (milestones, quarter labels) found in a scope, and today's. */
  z.object({ type: z.literal('map:quarters'), request: MapRequestSchema.omit({ quarter: true }) }),
  /** Map page: the cached map only (answers at once, `null` when there is none). */
  z.object({ type: z.literal('map:peek'), request: MapRequestSchema }),
  /** Map page: a fresh map from GitLab (refreshes the cache). */
  z.object({ type: z.literal('map:load'), request: MapRequestSchema }),
  /** Map page: read the next few items' notes; the map built with them once all are read. */
  z.object({ type: z.literal('map:history'), request: MapRequestSchema }),
  /** Map page: why a row of the last map reads as it does (the score's arithmetic, the checks). */
  z.object({
    type: z.literal('map:details'),
    request: MapRequestSchema,
    url: z.string().max(8_192),
  }),
  /**
   * Panel: open the quarter map of an item's project for its quarter, with the item highlighted
   * (a web page may not link to an extension page).
   */
  z.object({
    type: z.literal('map:open'),
    ref: WorkItemRefSchema,
    itemUrl: z.string().max(8_192),
    quarter: z.string().max(255).nullable(),
  }),
  /** Popup: turn on GitLab's own check-in reminder on a top-level objective. */
  z.object({
    type: z.literal('stale:reminder'),
    baseUrl: z.string(),
    id: z.string().min(1),
    frequency: CheckInReminderSchema,
  }),
  /** Map page: items' notes, for their history charts and the Key Review report. */
  z.object({
    type: z.literal('map:notes'),
    baseUrl: z.string(),
    urls: z.array(z.string().max(2_048)).max(MAX_NOTES_ITEMS),
  }),
]);
export type Request = z.infer<typeof RequestSchema>;
