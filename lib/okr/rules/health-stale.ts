// The health status is refreshed in the first business days of every month (spec §3).
import { z } from 'zod';
import {
  DEFAULT_BUSINESS_DAY_DEADLINE,
  DEFAULT_MAX_AGE_DAYS,
  stalenessOn,
  type StalenessOptions,
} from '../staleness';
import { defineRule, isOpenOkr, type RuleContext } from './rule';

/** The staleness options of a rule context with this rule's settings (evaluate uses them too). */
export function staleOptionsOf(
  context: RuleContext,
  settings: { staleMaxAgeDays: number; businessDayDeadline: number },
): Omit<StalenessOptions, 'now'> {
  return {
    timeZone: context.timeZone,
    holidays: context.calendar?.holidays ?? [],
    maxAgeDays: settings.staleMaxAgeDays,
    businessDayDeadline: settings.businessDayDeadline,
  };
}

export const healthStale = defineRule({
  id: 'health-stale',
  severity: 'warning',
  source:
    'Seed 002 "Maintaining the status of OKRs": "Teams should update the Health Status of their ' +
    'key results … within the first five business days of every month".',
  needs: ['notes'],
  settings: {
    staleMaxAgeDays: z.number().int().min(1).default(DEFAULT_MAX_AGE_DAYS),
    businessDayDeadline: z.number().int().min(1).max(23).default(DEFAULT_BUSINESS_DAY_DEADLINE),
  },
  check(node, context, settings) {
    if (!isOpenOkr(node)) return [];
    const verdict = stalenessOn(node, context.today, staleOptionsOf(context, settings));
    return verdict.stale ? [{ message: verdict.reason }] : [];
  },
});
