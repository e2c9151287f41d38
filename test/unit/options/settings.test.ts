import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultRuleSettings } from '@/lib/okr';
import {
  holidaysItem,
  holidaysOf,
  loadRuleSettings,
  ruleSettingsItem,
  stalenessSettingsItem,
  topLevelObjectivesItem,
} from '@/lib/settings';

const local = () => fakeBrowser.storage.local;

describe('rule settings in storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('reads the handbook defaults when nothing is stored', async () => {
    expect(await ruleSettingsItem.getValue()).toEqual(defaultRuleSettings);
  });

  it('stores only what differs from the handbook, and reads it back whole', async () => {
    await ruleSettingsItem.setValue({
      ...defaultRuleSettings,
      'key-result-count': { enabled: true, maxKeyResults: 6 },
      'one-dri': { enabled: false },
    });
    expect((await local().get('ruleSettings')).ruleSettings).toEqual({
      'key-result-count': { maxKeyResults: 6 },
      'one-dri': { enabled: false },
    });
    const read = await ruleSettingsItem.getValue();
    expect(read['key-result-count']).toEqual({ enabled: true, maxKeyResults: 6 });
    expect(read['one-dri'].enabled).toBe(false);
    expect(read['single-child']).toEqual(defaultRuleSettings['single-child']);
  });

  it('keeps the valid choices of a damaged value and falls back on the rest', async () => {
    await local().set({
      ruleSettings: {
        'key-result-count': { maxKeyResults: -2, enabled: false },
        'too-many-objectives': { maxObjectives: 'five' },
        'behind-schedule': 'off',
        'not-a-rule': { enabled: false },
      },
    });
    const read = await ruleSettingsItem.getValue();
    expect(read['key-result-count']).toEqual({ enabled: false, maxKeyResults: 3 });
    expect(read['too-many-objectives']).toEqual(defaultRuleSettings['too-many-objectives']);
    expect(read['behind-schedule']).toEqual(defaultRuleSettings['behind-schedule']);
    expect(read).not.toHaveProperty('not-a-rule');
  });

  it('reads defaults from a value that is not an object at all', async () => {
    await local().set({ ruleSettings: 'garbage' });
    expect(await ruleSettingsItem.getValue()).toEqual(defaultRuleSettings);
  });

  it('runs the rules with the staleness numbers of local:staleness, the one place they live', async () => {
    await stalenessSettingsItem.setValue({ maxAgeDays: 20, businessDayDeadline: 3 });
    await ruleSettingsItem.setValue({
      ...defaultRuleSettings,
      'health-stale': { enabled: true, staleMaxAgeDays: 99, businessDayDeadline: 9 },
    });
    // The rule-settings copy of those numbers is not stored: it would compete with the badge's.
    expect((await local().get('ruleSettings')).ruleSettings).toEqual({});
    expect((await loadRuleSettings())['health-stale']).toEqual({
      enabled: true,
      staleMaxAgeDays: 20,
      businessDayDeadline: 3,
    });
  });

  it('runs the rules with the handbook staleness numbers when the stored ones are invalid', async () => {
    await local().set({ staleness: { maxAgeDays: 0, businessDayDeadline: 4 } });
    expect((await loadRuleSettings())['health-stale']).toMatchObject({
      staleMaxAgeDays: 35,
      businessDayDeadline: 4,
    });
  });

  it('migrates version 1: health-stale numbers move to local:staleness, the rest stays', async () => {
    await local().set({
      ruleSettings: {
        'health-stale': { enabled: false, staleMaxAgeDays: 28, businessDayDeadline: 4 },
        'key-result-count': { maxKeyResults: 5 },
      },
      ruleSettings$: { v: 1 },
    });
    await ruleSettingsItem.migrate();
    const stored = await local().get(['ruleSettings', 'ruleSettings$', 'staleness']);
    expect(stored.ruleSettings).toEqual({
      'health-stale': { enabled: false },
      'key-result-count': { maxKeyResults: 5 },
    });
    expect(stored.ruleSettings$).toEqual({ v: 2 });
    expect(stored.staleness).toEqual({ maxAgeDays: 28, businessDayDeadline: 4 });
    expect((await loadRuleSettings())['health-stale']).toEqual({
      enabled: false,
      staleMaxAgeDays: 28,
      businessDayDeadline: 4,
    });
  });

  it('migrates version 1 without overwriting staleness the user already set', async () => {
    await local().set({
      ruleSettings: { 'health-stale': { staleMaxAgeDays: 28 } },
      ruleSettings$: { v: 1 },
      staleness: { maxAgeDays: 40, businessDayDeadline: 6 },
    });
    await ruleSettingsItem.migrate();
    expect((await local().get('staleness')).staleness).toEqual({
      maxAgeDays: 40,
      businessDayDeadline: 6,
    });
    expect((await local().get('ruleSettings')).ruleSettings).toEqual({ 'health-stale': {} });
  });

  it('leaves a current value unchanged when it is migrated again (no version mark yet)', async () => {
    // WXT counts a value without a version mark as version 1: the migration must not harm it.
    const current = { 'health-stale': { enabled: false }, 'one-dri': { enabled: false } };
    await local().set({ ruleSettings: current });
    await ruleSettingsItem.migrate();
    expect((await local().get('ruleSettings')).ruleSettings).toEqual(current);
    expect(await local().get('staleness')).toEqual({});
  });
});

describe('top-level objectives in storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is empty by default', async () => {
    expect(await topLevelObjectivesItem.getValue()).toEqual([]);
  });

  it('keeps entries trimmed, once each, without a link fragment or blanks', async () => {
    await topLevelObjectivesItem.setValue([
      '  https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/2448#note_1 ',
      'gitlab-com/gitlab-okrs#2448',
      '',
      'https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/2448/',
      'gitlab-com/gitlab-okrs#2448',
    ]);
    expect(await topLevelObjectivesItem.getValue()).toEqual([
      'https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/2448',
      'gitlab-com/gitlab-okrs#2448',
    ]);
  });

  it('reads an empty list from a damaged value', async () => {
    await local().set({ topLevelObjectives: { 0: 'x' } });
    expect(await topLevelObjectivesItem.getValue()).toEqual([]);
    await local().set({ topLevelObjectives: ['group/project#1', 7, null] });
    expect(await topLevelObjectivesItem.getValue()).toEqual(['group/project#1']);
  });

  it('migrates version 1, the text box one entry a line, to a list', async () => {
    await local().set({
      topLevelObjectives: 'group/project#1\r\n\n  https://gitlab.com/g/p/-/work_items/2  \n',
      topLevelObjectives$: { v: 1 },
    });
    await topLevelObjectivesItem.migrate();
    expect((await local().get('topLevelObjectives')).topLevelObjectives).toEqual([
      'group/project#1',
      'https://gitlab.com/g/p/-/work_items/2',
    ]);
    expect((await local().get('topLevelObjectives$')).topLevelObjectives$).toEqual({ v: 2 });
  });
});

describe('holidays', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('keeps only real dates, sorted, once each', async () => {
    await holidaysItem.setValue([
      '2026-12-25',
      '2026-02-30',
      'Christmas',
      '2026-01-01',
      '2026-12-25',
    ]);
    expect(holidaysOf(await holidaysItem.getValue())).toEqual(['2026-01-01', '2026-12-25']);
    expect(holidaysOf('2026-12-25')).toEqual([]);
  });
});
