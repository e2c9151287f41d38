// The carrier editor's fields as a person types them: label sets one per line, names separated by
// commas; what does not read says why, and what reads is what `classify` then uses.
import { describe, expect, it } from 'vitest';
import {
  formOf,
  readCarrierForm,
  readLabelSets,
  settingsLine,
} from '../../../components/options/carrier-words';
import {
  classify,
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
} from '../../../lib/gitlab/carriers/conventions';

describe('carrier settings on the options page', () => {
  it('reads label sets one per line, labels of a set separated by commas', () => {
    expect(readLabelSets('okr:o\n OKR ,  Objective \n\n')).toEqual([
      ['okr:o'],
      ['OKR', 'Objective'],
    ]);
  });

  it('gives back the settings it shows, unchanged', () => {
    for (const settings of [DEFAULT_CARRIER_SETTINGS, DEFAULT_EPIC_SETTINGS])
      expect(readCarrierForm(formOf(settings))).toEqual({ ok: true, value: settings });
  });

  it('reads an edited form into settings classify uses', () => {
    const form = {
      ...formOf(DEFAULT_EPIC_SETTINGS),
      objectiveLabels: 'Goal',
      keyResultTypeNames: 'Key result, Measure',
      quarterSource: 'label' as const,
      quarterLabelPattern: 'quarter::{quarter}',
      fieldCurrent: 'Now',
    };
    const reading = readCarrierForm(form);
    expect(reading.ok).toBe(true);
    const settings = reading.ok ? reading.value : DEFAULT_EPIC_SETTINGS;
    expect(classify({ typeName: 'Epic', labels: ['goal'] }, settings)).toBe('objective');
    expect(classify({ typeName: 'Measure', labels: [] }, settings)).toBe('keyResult');
    expect(settings.fields.current).toEqual(['Now']);
    expect(settingsLine(settings)).toBe(
      'Objectives: epics labelled Goal; key results: labelled okr:kr, labelled okr:key-result, labelled OKR + Key Result, type Key result, type Measure or issues under an objective; quarter from quarter::{quarter}; values from the fields Start, Now, Target.',
    );
  });

  it('says what does not read', () => {
    const form = formOf(DEFAULT_EPIC_SETTINGS);
    expect(readCarrierForm({ ...form, objectiveLabels: ' \n' })).toEqual({
      ok: false,
      error: 'Give the labels an objective epic carries, or count every epic as an objective.',
    });
    expect(readCarrierForm({ ...form, quarterLabelPattern: 'okrq:' })).toMatchObject({ ok: false });
    expect(readCarrierForm({ ...form, keyResultTypeNames: ',' })).toMatchObject({ ok: false });
    expect(readCarrierForm({ ...form, objectiveEpics: 'all', objectiveLabels: '' })).toMatchObject({
      ok: true,
    });
  });
});
