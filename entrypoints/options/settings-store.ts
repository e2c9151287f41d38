// The options page's settings, read from and written to the extension's storage items directly
// (an extension page may). Reads are checked, so a damaged value shows as the default.
import { z } from 'zod';
import { defaultRuleSettings, type RuleSettings } from '../../lib/okr';
import {
  carrierChoicesItem,
  DEFAULT_STALE_WATCH_MINUTES,
  holidaysItem,
  holidaysOf,
  ruleSettingsItem,
  staleWatchMinutesItem,
  stalenessOf,
  stalenessSettingsItem,
  topLevelObjectivesItem,
  WatchedNamespaceSchema,
  watchedNamespacesItem,
  type CarrierChoices,
  type StalenessSettings,
  type WatchedNamespace,
} from '../../lib/settings';

export interface OptionsSettings {
  /** health-stale's numbers here are not used: `staleness` holds them. */
  rules: RuleSettings;
  topLevelObjectives: string[];
  staleness: StalenessSettings;
  holidays: string[];
  watchedNamespaces: WatchedNamespace[];
  refreshMinutes: number;
  /** How each group keeps its OKRs (per instance, per top-level group or `*`). */
  carrierChoices: CarrierChoices;
}

export type SettingKey = keyof OptionsSettings;

export interface SettingsStore {
  load(): Promise<OptionsSettings>;
  save<K extends SettingKey>(key: K, value: OptionsSettings[K]): Promise<void>;
}

/** The handbook's settings: what "Restore handbook defaults" goes back to. */
export const HANDBOOK_STALENESS: StalenessSettings = stalenessOf({});
export const HANDBOOK_RULES: RuleSettings = defaultRuleSettings;
export const DEFAULT_REFRESH_MINUTES = DEFAULT_STALE_WATCH_MINUTES;

function watchedOf(stored: unknown): WatchedNamespace[] {
  const list = z.array(z.unknown()).safeParse(stored);
  if (!list.success) return [];
  return list.data.flatMap((entry) => {
    const parsed = WatchedNamespaceSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

function minutesOf(stored: unknown): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 1
    ? stored
    : DEFAULT_STALE_WATCH_MINUTES;
}

export const browserSettingsStore: SettingsStore = {
  async load() {
    const [rules, topLevelObjectives, staleness, holidays, watched, minutes, carrierChoices] =
      await Promise.all([
        ruleSettingsItem.getValue(),
        topLevelObjectivesItem.getValue(),
        stalenessSettingsItem.getValue(),
        holidaysItem.getValue(),
        watchedNamespacesItem.getValue(),
        staleWatchMinutesItem.getValue(),
        carrierChoicesItem.getValue(),
      ]);
    return {
      rules,
      topLevelObjectives,
      staleness: stalenessOf(staleness),
      holidays: holidaysOf(holidays),
      watchedNamespaces: watchedOf(watched),
      refreshMinutes: minutesOf(minutes),
      carrierChoices,
    };
  },
  async save(key, value) {
    const writers: { [K in SettingKey]: (value: OptionsSettings[K]) => Promise<void> } = {
      rules: (rules) => ruleSettingsItem.setValue(rules),
      topLevelObjectives: (entries) => topLevelObjectivesItem.setValue(entries),
      staleness: (staleness) => stalenessSettingsItem.setValue(staleness),
      holidays: (days) => holidaysItem.setValue(days),
      watchedNamespaces: (watched) => watchedNamespacesItem.setValue(watched),
      refreshMinutes: (minutes) => staleWatchMinutesItem.setValue(minutes),
      carrierChoices: (choices) => carrierChoicesItem.setValue(choices),
    };
    await writers[key](value);
  },
};
