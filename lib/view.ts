// The OKR view: everything the panel, the popup header and the CLI show for one work item,
// computed in the background from the domain and sent to the page as plain data. It is the
// boundary between "what is true" (lib/okr, lib/services) and "how it looks" (components),
// so it is a schema: the content script checks what it receives. Written as a shape (./shape:
// zod's API, a small part of it) because the content script ships on every GitLab page; the
// background turns it into full zod with `zodOf` (./shape-zod).
import * as z from './shape';

export const OkrKindSchema = z.enum(['objective', 'keyResult', 'issue']);
export const HealthSchema = z.enum(['onTrack', 'needsAttention', 'atRisk']);
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export const BandSchema = z.enum(['red', 'amber', 'green', 'none']);

export const StaleSchema = z.object({
  stale: z.boolean(),
  /** Why it is stale (or why it is fresh), in one sentence a person understands. */
  reason: z.string(),
  /** Machine-readable reason: 'noHealth' | 'notThisMonth' | 'tooOld' | 'fresh' | 'closed'. */
  code: z.enum(['noHealth', 'notThisMonth', 'tooOld', 'fresh', 'closed']),
  lastUpdate: z.string().nullable(),
});

export const ScoreViewSchema = z.object({
  /** 0..1, or null when there is no data to score. */
  value: z.number().min(0).max(1).nullable(),
  /** Scoring method id: rate, milestones, issues, manual, values, progress, linkedIssues, rollup, none. */
  method: z.string(),
  /**
   * One line a person can check by hand, e.g.
   * "4 linked issues (2 closed, 2 open): 0 + 19.4 + 25 + 25 = 69.4%".
   */
  explanation: z.string(),
  /** Further lines of the breakdown (one per input). */
  details: z.array(z.string()),
  band: BandSchema,
  /** Expected progress from the quarter's elapsed time (0..1), when the dates are known. */
  expected: z.number().nullable(),
  behind: z.boolean(),
});

export const WarningViewSchema = z.object({
  rule: z.string(),
  severity: SeveritySchema,
  /** What is wrong and what to do about it. */
  message: z.string(),
  /** The handbook passage the rule comes from. */
  source: z.string(),
});

/** A step whose health status is stale (the badge's verdict), and since when nothing changed. */
export const StepStaleSchema = z.object({
  /** The last change GitLab records on the item (ISO); its health changed no later. */
  lastChange: z.string().nullable(),
});

export const ChainStepSchema = z.object({
  url: z.string(),
  reference: z.string(),
  type: OkrKindSchema,
  title: z.string(),
  state: z.enum(['opened', 'closed']),
  health: HealthSchema.nullable(),
  /** Computed score (0..1) when known; ancestors are scored from GitLab's stored progress. */
  score: z.number().nullable(),
  /** Set when the health status is stale; absent when it is not (or in a view cached before). */
  stale: StepStaleSchema.optional(),
});

export const ChildViewSchema = ChainStepSchema.extend({
  weight: z.number(),
  method: z.string(),
});

/** GitLab's progress widget as a check-in edits it (`progress` is GitLab's stored 0..100). */
export const ProgressValuesSchema = z.object({
  progress: z.number().nullable(),
  startValue: z.number().nullable(),
  currentValue: z.number().nullable(),
  endValue: z.number().nullable(),
});

/** How the item's namespace keeps its OKRs (lib/gitlab/carriers/conventions.ts `CarrierId`). */
export const CarrierIdSchema = z.enum(['workItemTypes', 'epics']);

const CustomFieldRefSchema = z.object({ id: z.string(), name: z.string() });

/**
 * A key result's values from custom number fields (the model's `CustomValues`): each value, null
 * when GitLab holds no number, and the field's id and name for each field found (a check-in
 * writes the current value through its id).
 */
export const CustomValuesSchema = z.object({
  start: z.number().nullable(),
  current: z.number().nullable(),
  target: z.number().nullable(),
  fields: z.object({
    start: CustomFieldRefSchema.optional(),
    current: CustomFieldRefSchema.optional(),
    target: CustomFieldRefSchema.optional(),
  }),
});

/** The item's quarter and where it came from: a milestone, a quarter label or the epic's dates. */
export const QuarterViewSchema = z.object({
  /** `FY24-Q2`; empty for dates that span no fiscal quarter exactly. */
  title: z.string(),
  source: z.enum(['milestone', 'label', 'dates']),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
});

export const ItemViewSchema = z.object({
  /** GitLab global id, `gid://gitlab/WorkItem/N`: what a check-in from the popup names. */
  id: z.string(),
  url: z.string(),
  reference: z.string(),
  type: OkrKindSchema,
  title: z.string(),
  state: z.enum(['opened', 'closed']),
  health: HealthSchema.nullable(),
  assignees: z.array(z.object({ username: z.string(), name: z.string() })),
  /** The milestone's title (null when the quarter comes from a label or dates, or there is none). */
  milestone: z.string().nullable(),
  /** The quarter wherever the carrier keeps it, and where it came from. */
  quarter: QuarterViewSchema.nullable(),
  carrier: CarrierIdSchema,
  /** Start / current / target from custom number fields, when the item has such fields. */
  customValues: CustomValuesSchema.nullable(),
  score: ScoreViewSchema,
  /** GitLab's own number (0..100): stored progress, or an epic's progress bar. */
  gitlabProgress: z.number().nullable(),
  /** What GitLab's number is when it is no progress field: "GitLab's epic progress: 40% …". */
  gitlabLabel: z.string().optional(),
  /** The progress widget's values (null on an item without one), for the popup's check-in. */
  progress: ProgressValuesSchema.nullable(),
  /** GitLab's integer roll-up of the children (0..100), for objectives. */
  gitlabRollup: z.number().nullable(),
  /** Computed score minus GitLab's number, in percentage points. */
  drift: z.number().nullable(),
  /** Why GitLab's number is what it is, when GitLab's formula explains it. */
  gitlabNote: z.string().optional(),
  stale: StaleSchema,
});

/** For an issue page: a key result the issue counts toward, with that KR's chain. */
export const LinkedKeyResultSchema = z.object({
  keyResult: ChainStepSchema,
  chain: z.array(ChainStepSchema),
});

export const OkrViewSchema = z.object({
  item: ItemViewSchema,
  /** Top objective first, the item itself excluded. */
  chain: z.array(ChainStepSchema),
  /** True when GitLab stopped the chain at an ancestor the user may not read. */
  chainTruncated: z.boolean(),
  children: z.array(ChildViewSchema),
  warnings: z.array(WarningViewSchema),
  linkedKeyResults: z.array(LinkedKeyResultSchema),
  /** When the data was fetched (ISO timestamp). */
  fetchedAt: z.string(),
});

export type OkrView = z.infer<typeof OkrViewSchema>;
export type ItemView = z.infer<typeof ItemViewSchema>;
export type ProgressValuesView = z.infer<typeof ProgressValuesSchema>;
export type CustomValuesView = z.infer<typeof CustomValuesSchema>;
export type QuarterView = z.infer<typeof QuarterViewSchema>;
export type CarrierIdView = z.infer<typeof CarrierIdSchema>;
export type ChainStep = z.infer<typeof ChainStepSchema>;
export type ChildView = z.infer<typeof ChildViewSchema>;
export type WarningView = z.infer<typeof WarningViewSchema>;
export type ScoreView = z.infer<typeof ScoreViewSchema>;
export type StaleView = z.infer<typeof StaleSchema>;
export type StepStale = z.infer<typeof StepStaleSchema>;
