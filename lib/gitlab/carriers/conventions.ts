// Where OKRs live (spec/gitlab.md, "Where OKRs live"): the two carriers OKR Lens reads, the
// settings that say how a namespace keeps its OKRs, and the one function that tells, from a work
// item's type name, labels and parent, whether it is an objective, a key result or an issue.
// Pure: no I/O. Everything else (documents, mapping, services, CLI) asks `classify`, never the
// type name or the labels directly, so a carrier is added here and nowhere else.
import { z } from 'zod';
import type { OkrKind } from '../../okr/model';

/**
 * - `workItemTypes`: objectives and key results are work item types named Objective / Key Result
 *   (GitLab's own OKR types behind `okrs_mvc`, or custom types of those names).
 * - `epics`: objectives are epics (all of them, or those with an objective label); key results
 *   are their child issues, custom "Key result" items, or epics with a key-result label.
 */
export const CARRIER_IDS = ['workItemTypes', 'epics'] as const;
export type CarrierId = (typeof CARRIER_IDS)[number];

export const CARRIER_NAMES: Record<CarrierId, string> = {
  workItemTypes: 'Objective and key result work item types',
  epics: 'Epics and labelled issues',
};

/** A set of labels an item must carry all of (compared by `sameLabel`). */
export const LabelSetSchema = z.array(z.string().min(1).max(255)).min(1).max(5);
export type LabelSet = z.infer<typeof LabelSetSchema>;

/** Where an item's quarter comes from. */
export const QUARTER_SOURCES = ['milestone', 'label', 'dates'] as const;
export type QuarterSource = (typeof QUARTER_SOURCES)[number];

export const CarrierSettingsSchema = z.object({
  carrier: z.enum(CARRIER_IDS),
  /** Type names of objectives and of key results (compared ignoring case). */
  objectiveTypeNames: z.array(z.string().min(1)).min(1),
  keyResultTypeNames: z.array(z.string().min(1)).min(1),
  /** `epics` only: every epic is an objective, or only epics carrying an objective label set. */
  objectiveEpics: z.enum(['all', 'labelled']),
  /** An item carrying every label of any one set is an objective (resp. a key result). */
  objectiveLabels: z.array(LabelSetSchema),
  keyResultLabels: z.array(LabelSetSchema),
  quarter: z.object({
    source: z.enum(QUARTER_SOURCES),
    /** `{quarter}` stands for the quarter's title, e.g. `okrq:{quarter}` matches `okrq:FY24-Q2`. */
    labelPattern: z.string().min(1).includes('{quarter}'),
  }),
  /** Names of the custom number fields holding a key result's values (any one name matches). */
  fields: z.object({
    start: z.array(z.string().min(1)),
    current: z.array(z.string().min(1)),
    target: z.array(z.string().min(1)),
  }),
});
export type CarrierSettings = z.infer<typeof CarrierSettingsSchema>;

/**
 * The conventions OKR Lens recognises without set-up (issue 12): GitLab's infrastructure team's
 * `okr:o` / `okr:kr`, the scoped `okr::objective` / `okr::key-result`, and the company handbook's
 * `OKR` label with `Objective` / `Key Result`; types named Objective and Key result; number fields
 * named Start, Current and Target (or Initial / Baseline, Goal).
 */
export const CONVENTIONS = {
  objectiveTypeNames: ['Objective'],
  keyResultTypeNames: ['Key Result'],
  objectiveLabels: [['okr:o'], ['okr:objective'], ['OKR', 'Objective']],
  keyResultLabels: [['okr:kr'], ['okr:key-result'], ['OKR', 'Key Result']],
  quarterLabelPattern: 'okrq:{quarter}',
  fields: {
    start: ['Start', 'Initial', 'Baseline'],
    current: ['Current'],
    target: ['Target', 'Goal'],
  },
} as const;

function defaults(carrier: CarrierId): CarrierSettings {
  return {
    carrier,
    objectiveTypeNames: [...CONVENTIONS.objectiveTypeNames],
    keyResultTypeNames: [...CONVENTIONS.keyResultTypeNames],
    objectiveEpics: 'labelled',
    objectiveLabels: CONVENTIONS.objectiveLabels.map((set) => [...set]),
    keyResultLabels: CONVENTIONS.keyResultLabels.map((set) => [...set]),
    quarter: { source: 'milestone', labelPattern: CONVENTIONS.quarterLabelPattern },
    fields: {
      start: [...CONVENTIONS.fields.start],
      current: [...CONVENTIONS.fields.current],
      target: [...CONVENTIONS.fields.target],
    },
  };
}

/** What a namespace nobody configured gets: GitLab's OKR types, which need no guessing. */
export const DEFAULT_CARRIER_SETTINGS: CarrierSettings = defaults('workItemTypes');
/** The epics carrier with every convention on: the starting point detection proposes. */
export const DEFAULT_EPIC_SETTINGS: CarrierSettings = defaults('epics');

/**
 * Label and type names compare ignoring case, surrounding spaces, and a scope written with one
 * colon or two (`okr:o` = `OKR::o`), since teams wrote both before scoped labels existed.
 */
export function normalName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s*::?\s*/g, ':')
    .replace(/\s+/g, ' ');
}

export function sameLabel(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

/** Whether the labels carry every label of at least one of the sets. */
export function carriesLabels(labels: readonly string[], sets: readonly LabelSet[]): boolean {
  const have = new Set(labels.map(normalName));
  return sets.some((set) => set.every((label) => have.has(normalName(label))));
}

function namedAs(typeName: string, names: readonly string[]): boolean {
  return names.some((name) => normalName(name) === normalName(typeName));
}

/** What `classify` looks at: a work item's type name and labels, and its parent's kind. */
export interface ClassifyInput {
  typeName: string | undefined;
  labels: readonly string[];
  /** The kind of the item's direct parent when known (an issue under an objective epic is a KR). */
  parentKind?: OkrKind | null;
}

/** GitLab's base type names this module relies on (`WorkItems::Type::BASE_TYPES`). */
export const EPIC_TYPE = 'Epic';
export const ISSUE_TYPE = 'Issue';

/**
 * The domain kind of a work item under the given settings, or null when it is no OKR item and no
 * issue either (a task, a plain epic). Types named as objectives or key results count under both
 * carriers: a namespace moving to custom types keeps its old items readable.
 */
export function classify(input: ClassifyInput, settings: CarrierSettings): OkrKind | null {
  const typeName = input.typeName ?? '';
  if (namedAs(typeName, settings.objectiveTypeNames)) return 'objective';
  if (namedAs(typeName, settings.keyResultTypeNames)) return 'keyResult';
  const isEpic = normalName(typeName) === normalName(EPIC_TYPE);
  const isIssue = normalName(typeName) === normalName(ISSUE_TYPE);
  if (settings.carrier === 'workItemTypes') return isIssue ? 'issue' : null;
  const keyResultLabelled = carriesLabels(input.labels, settings.keyResultLabels);
  if (isEpic) {
    if (keyResultLabelled) return 'keyResult';
    if (settings.objectiveEpics === 'all') return 'objective';
    return carriesLabels(input.labels, settings.objectiveLabels) ? 'objective' : null;
  }
  if (isIssue) {
    if (keyResultLabelled || input.parentKind === 'objective') return 'keyResult';
    return 'issue';
  }
  return null;
}

/** Whether a type name is GitLab's Epic (group-level items, scored and rolled up by weight). */
export function isEpicType(typeName: string | undefined): boolean {
  return normalName(typeName ?? '') === normalName(EPIC_TYPE);
}

/**
 * Whether GitLab's epic progress counts items of this type as its issues: issues and the types
 * that take their place (a custom "Key result"), never epics, objectives or tasks.
 */
export function countsAsIssue(typeName: string, settings: CarrierSettings): boolean {
  if (isEpicType(typeName)) return false;
  const kind = classify({ typeName, labels: [], parentKind: 'objective' }, settings);
  return kind === 'issue' || kind === 'keyResult';
}

/** The quarter label's title for a quarter (`okrq:{quarter}` + `FY24-Q2` → `okrq:FY24-Q2`). */
export function quarterLabelOf(pattern: string, quarterTitle: string): string {
  return pattern.replace('{quarter}', quarterTitle);
}

/** A label pattern's fixed text as a regular expression: any case, `:` or `::` for a scope. */
function patternPart(text: string): string {
  return text
    .trim()
    .split(/\s*::?\s*/)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*::?\\s*');
}

/** The quarter a label names under the pattern (`okrq:{quarter}` + `okrq::FY24-Q2` → `FY24-Q2`). */
export function quarterFromLabel(pattern: string, label: string): string | null {
  const [before = '', after = ''] = pattern.split('{quarter}');
  const match = new RegExp(`^${patternPart(before)}(.+?)${patternPart(after)}$`, 'i').exec(
    label.trim(),
  );
  return match?.[1]?.trim() || null;
}
