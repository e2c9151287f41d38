// The shape of a handbook rule and of what it reports, plus the small readings of a node that
// several rules share. One rule lives in one file next to this one.
import { z } from 'zod';
import type { IsoDate, IsoDateTime, OkrNode } from '../model';
import { scoreOf, type Score } from '../score';
import { parseScoringBlock } from '../scoring-block';

export type Severity = 'error' | 'warning' | 'info';

/** Data beyond the node itself that a rule reads; the data layer fetches it only when needed. */
export type Need = 'parent' | 'siblings' | 'driObjectives' | 'notes' | 'linkedItems' | 'children';

export interface RuleContext {
  /** The local date the rules judge on. */
  today: IsoDate;
  now?: IsoDateTime;
  /** IANA zone of the person looking (dates in notes are read in it). */
  timeZone: string;
  /** The direct parent; null = known to have none; absent = not loaded. */
  parent?: OkrNode | null;
  siblings?: OkrNode[];
  /** The DRI's other open objectives (the node itself may be among them). */
  driOpenObjectives?: OkrNode[];
  /** URLs or references of objectives allowed to have no parent. */
  topLevelObjectives?: string[];
  calendar?: { holidays: IsoDate[] };
  /**
   * Data carried on the node (notes, linked items, children) that the caller knows it did not
   * load; rules needing it stay quiet rather than judge an empty list.
   */
  missing?: Need[];
  /** Scores computed already (see scoreTree), by node identity; filled when a rule scores. */
  scores?: Map<OkrNode, Score>;
  /**
   * Where the namespace keeps an OKR's quarter (its carrier settings): a milestone when absent.
   * Rules name the place the team uses ("add the quarter label okrq:FY24-Q2").
   */
  quarterSource?: 'milestone' | 'label' | 'dates';
  /** The quarter label pattern, `okrq:{quarter}`, when quarters are labels. */
  quarterLabelPattern?: string;
}

/** One thing a rule found: a message that says what is wrong and what to do. */
export interface Finding {
  message: string;
}

export interface Warning {
  rule: string;
  severity: Severity;
  message: string;
  source: string;
  nodeId: string;
}

export interface RuleSetting {
  enabled: boolean;
}

export interface Rule<Id extends string = string, S extends RuleSetting = RuleSetting> {
  id: Id;
  severity: Severity;
  /** The handbook passage the rule comes from: seed file, section, a short quote. */
  source: string;
  needs: readonly Need[];
  /** The handbook's defaults: on, with its numbers. */
  defaults: S;
  /** Validates this rule's stored settings, filling gaps with the defaults. */
  schema: z.ZodType<S>;
  check(node: OkrNode, context: RuleContext, settings: S): Finding[];
}

/** A rule's settings: `enabled` plus the numbers of its shape. */
export type SettingsOf<Shape extends z.ZodRawShape> = z.output<
  z.ZodObject<Shape & { enabled: z.ZodDefault<z.ZodBoolean> }>
> &
  RuleSetting;

/** Builds a rule from its settings shape; every rule gets `enabled` (default true). */
export function defineRule<const Id extends string, Shape extends z.ZodRawShape>(spec: {
  id: Id;
  severity: Severity;
  source: string;
  needs: readonly Need[];
  settings: Shape;
  check(node: OkrNode, context: RuleContext, settings: SettingsOf<Shape>): Finding[];
}): Rule<Id, SettingsOf<Shape>> {
  const schema = z.object({ ...spec.settings, enabled: z.boolean().default(true) });
  return {
    id: spec.id,
    severity: spec.severity,
    source: spec.source,
    needs: spec.needs,
    defaults: schema.parse({}) as SettingsOf<Shape>,
    schema: schema as unknown as z.ZodType<SettingsOf<Shape>>,
    check: spec.check,
  };
}

export function isOkr(node: OkrNode): boolean {
  return node.kind === 'objective' || node.kind === 'keyResult';
}

export function isOpenOkr(node: OkrNode): boolean {
  return isOkr(node) && node.state === 'opened';
}

/** The node's score, from the context's precomputed scores when there. */
export function scoreFor(node: OkrNode, context: RuleContext): Score {
  return (
    context.scores?.get(node) ?? scoreOf(node, { today: context.today, cache: context.scores })
  );
}

/** The date the node is due: the okr block's `due` when set, else GitLab's due date. */
export function dueDateOf(node: OkrNode): IsoDate | null {
  return parseScoringBlock(node.description).block?.due ?? node.dueDate;
}

const ISSUE_OR_EPIC_LINK =
  /\/-\/(?:issues|epics|work_items)\/\d+|\/(?:issues|epics)\/\d+|(?:^|[\s([])[\w./-]*[#&]\d+\b/m;

/** Whether a text links an issue or epic: a URL, `#12`, `group/project#12` or `&3`. */
export function linksIssueOrEpic(text: string): boolean {
  return ISSUE_OR_EPIC_LINK.test(text);
}

export function mention(node: OkrNode): string {
  const who = node.assignees[0];
  return who ? `@${who.username}` : 'The DRI';
}
