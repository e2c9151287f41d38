// The OKR domain's public face: scoring, roll-up, grades, staleness, rules and the scoring-block
// parser, all pure (today and now are arguments).
export type * from './model';
export * from './calendar';
export { formatDate, formatDateTime, percent, percentNumber } from './format';
export * from './grade';
export * from './score';
export * from './scoring-block';
export * from './staleness';
export * from './evaluate';
export {
  rules,
  checkRules,
  requiredData,
  defaultRuleSettings,
  RuleSettingsSchema,
  ruleById,
  type RuleId,
  type RuleSettings,
  type PartialRuleSettings,
} from './rules';
export type {
  Finding,
  Need,
  Rule,
  RuleContext,
  RuleSetting,
  Severity,
  Warning,
} from './rules/rule';
