// The handbook rules, registered in one ordered list (spec §2 order), and the loop that runs the
// enabled ones on a node. Removing a rule is deleting its line here.
import { z } from 'zod';
import type { OkrNode } from '../model';
import { behindSchedule } from './behind-schedule';
import { closedWithoutRetro } from './closed-without-retro';
import { dueAfterQuarter } from './due-after-quarter';
import { emptyObjective } from './empty-objective';
import { healthStale } from './health-stale';
import { keyResultCount } from './key-result-count';
import { manualParentProgress } from './manual-parent-progress';
import { missedDueDate } from './missed-due-date';
import { missingIssueLink } from './missing-issue-link';
import { noMilestone } from './no-milestone';
import { notMeasurable } from './not-measurable';
import { offTrackUnexplained } from './off-track-unexplained';
import { oneDri } from './one-dri';
import type { Need, Rule, RuleContext, RuleSetting, Warning } from './rule';
import { scoringUndocumented } from './scoring-undocumented';
import { singleChild } from './single-child';
import { titlePrefix } from './title-prefix';
import { tooManyObjectives } from './too-many-objectives';
import { unaligned } from './unaligned';

export const rules = [
  tooManyObjectives,
  keyResultCount,
  emptyObjective,
  singleChild,
  oneDri,
  titlePrefix,
  noMilestone,
  scoringUndocumented,
  notMeasurable,
  manualParentProgress,
  healthStale,
  offTrackUnexplained,
  missingIssueLink,
  unaligned,
  dueAfterQuarter,
  missedDueDate,
  behindSchedule,
  closedWithoutRetro,
] as const;

type RegisteredRule = (typeof rules)[number];
export type RuleId = RegisteredRule['id'];

/** Every rule's settings: `enabled` plus its numbers, keyed by rule id. */
export type RuleSettings = { [R in RegisteredRule as R['id']]: R['defaults'] };
/** What callers may pass: any subset; the rest comes from the defaults. */
export type PartialRuleSettings = { [R in RegisteredRule as R['id']]?: Partial<R['defaults']> };

export const defaultRuleSettings: RuleSettings = Object.fromEntries(
  rules.map((rule) => [rule.id, rule.defaults]),
) as RuleSettings;

/** Stored settings: every rule optional, every field optional, defaults filled in. */
export const RuleSettingsSchema: z.ZodType<RuleSettings> = z.object(
  Object.fromEntries(
    rules.map((rule) => [rule.id, (rule.schema as z.ZodType<RuleSetting>).prefault({})]),
  ),
) as unknown as z.ZodType<RuleSettings>;

export function ruleById(id: string): Rule | undefined {
  return (rules as readonly Rule[]).find((rule) => rule.id === id);
}

/** Settings merged with the defaults, once per settings object (callers reuse theirs). */
const resolved = new WeakMap<PartialRuleSettings, Record<string, RuleSetting>>();

/** One rule's settings: what the caller passed, the rest from the rule's defaults. */
export function ruleSettingsFor<Id extends RuleId>(
  id: Id,
  settings: PartialRuleSettings | undefined,
): RuleSettings[Id] {
  if (!settings) return defaultRuleSettings[id];
  let merged = resolved.get(settings);
  if (!merged) {
    merged = Object.fromEntries(
      rules.map((rule) => [rule.id, { ...rule.defaults, ...(settings[rule.id] ?? {}) }]),
    );
    resolved.set(settings, merged);
  }
  return (merged[id] as RuleSettings[Id] | undefined) ?? defaultRuleSettings[id];
}

/** Whether the context carries what a rule needs; otherwise the rule stays quiet. */
function hasNeeds(rule: Rule, context: RuleContext): boolean {
  return rule.needs.every((need) => {
    if (context.missing?.includes(need)) return false;
    switch (need) {
      case 'parent':
        return context.parent !== undefined;
      case 'siblings':
        return context.siblings !== undefined;
      case 'driObjectives':
        return context.driOpenObjectives !== undefined;
      default:
        return true;
    }
  });
}

/**
 * Runs the enabled rules on one node. One rule's failure never stops the others. Settings are
 * read as immutable: pass a new object after a change.
 */
export function checkRules(
  node: OkrNode,
  context: RuleContext,
  settings?: PartialRuleSettings,
): Warning[] {
  const warnings: Warning[] = [];
  for (const rule of rules as readonly Rule[]) {
    const setting = ruleSettingsFor(rule.id as RuleId, settings);
    if (!setting.enabled || !hasNeeds(rule, context)) continue;
    try {
      for (const finding of rule.check(node, context, setting)) {
        warnings.push({
          rule: rule.id,
          severity: rule.severity,
          message: finding.message,
          source: rule.source,
          nodeId: node.id,
        });
      }
    } catch {
      // A rule that breaks on odd data reports nothing rather than hiding the other rules.
    }
  }
  return warnings;
}

/** The data the enabled rules need, so the data layer fetches only that. */
export function requiredData(settings?: PartialRuleSettings): Set<Need> {
  const needs = new Set<Need>();
  for (const rule of rules as readonly Rule[]) {
    if (!ruleSettingsFor(rule.id as RuleId, settings).enabled) continue;
    for (const need of rule.needs) needs.add(need);
  }
  return needs;
}

export type { Finding, Need, Rule, RuleContext, RuleSetting, Severity, Warning } from './rule';
