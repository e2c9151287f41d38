// Carrier settings as the options page writes and reads them: label sets one per line (the labels
// of a set separated by commas: `OKR, Objective`), names separated by commas, and a line that
// says how a group's OKRs are read. Pure, so it is tested alone.
import {
  CARRIER_NAMES,
  CarrierSettingsSchema,
  type CarrierSettings,
} from '../../lib/gitlab/carriers/conventions';
import type { Reading } from './settings-input';

/** `[['okr:o'], ['OKR', 'Objective']]` → `okr:o` and `OKR, Objective` on two lines. */
export function labelSetsText(sets: readonly (readonly string[])[]): string {
  return sets.map((set) => set.join(', ')).join('\n');
}

/** One set per line, its labels separated by commas; empty lines dropped. */
export function readLabelSets(text: string): string[][] {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean),
    )
    .filter((set) => set.length > 0);
}

export function namesText(names: readonly string[]): string {
  return names.join(', ');
}

export function readNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function either(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

const setWords = (set: readonly string[]) => set.join(' + ');

/** How a group's OKRs are read, in a line: what the list of choices shows under the carrier. */
export function settingsLine(settings: CarrierSettings): string {
  const parts: string[] = [];
  if (settings.carrier === 'epics') {
    parts.push(
      settings.objectiveEpics === 'all'
        ? 'every epic is an objective'
        : `objectives: epics labelled ${either(settings.objectiveLabels.map(setWords))}`,
    );
    parts.push(
      `key results: ${either([
        ...settings.keyResultLabels.map((set) => `labelled ${setWords(set)}`),
        ...settings.keyResultTypeNames.map((name) => `type ${name}`),
        'issues under an objective',
      ])}`,
    );
  } else {
    parts.push(
      `types ${either(settings.objectiveTypeNames)} and ${either(settings.keyResultTypeNames)}`,
    );
  }
  parts.push(
    settings.quarter.source === 'label'
      ? `quarter from ${settings.quarter.labelPattern}`
      : settings.quarter.source === 'dates'
        ? 'quarter from start and due dates'
        : 'quarter from the milestone',
  );
  const { start, current, target } = settings.fields;
  parts.push(
    `values from the fields ${[start[0], current[0], target[0]].filter(Boolean).join(', ')}`,
  );
  const line = parts.join('; ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}

export function carrierName(settings: CarrierSettings): string {
  return CARRIER_NAMES[settings.carrier];
}

/** What the editor's fields hold, as text. */
export interface CarrierForm {
  carrier: CarrierSettings['carrier'];
  objectiveEpics: CarrierSettings['objectiveEpics'];
  objectiveLabels: string;
  keyResultLabels: string;
  objectiveTypeNames: string;
  keyResultTypeNames: string;
  quarterSource: CarrierSettings['quarter']['source'];
  quarterLabelPattern: string;
  fieldStart: string;
  fieldCurrent: string;
  fieldTarget: string;
}

export function formOf(settings: CarrierSettings): CarrierForm {
  return {
    carrier: settings.carrier,
    objectiveEpics: settings.objectiveEpics,
    objectiveLabels: labelSetsText(settings.objectiveLabels),
    keyResultLabels: labelSetsText(settings.keyResultLabels),
    objectiveTypeNames: namesText(settings.objectiveTypeNames),
    keyResultTypeNames: namesText(settings.keyResultTypeNames),
    quarterSource: settings.quarter.source,
    quarterLabelPattern: settings.quarter.labelPattern,
    fieldStart: namesText(settings.fields.start),
    fieldCurrent: namesText(settings.fields.current),
    fieldTarget: namesText(settings.fields.target),
  };
}

/** The settings the form says, or the first thing that does not read. */
export function readCarrierForm(form: CarrierForm): Reading<CarrierSettings> {
  const settings = {
    carrier: form.carrier,
    objectiveTypeNames: readNames(form.objectiveTypeNames),
    keyResultTypeNames: readNames(form.keyResultTypeNames),
    objectiveEpics: form.objectiveEpics,
    objectiveLabels: readLabelSets(form.objectiveLabels),
    keyResultLabels: readLabelSets(form.keyResultLabels),
    quarter: { source: form.quarterSource, labelPattern: form.quarterLabelPattern.trim() },
    fields: {
      start: readNames(form.fieldStart),
      current: readNames(form.fieldCurrent),
      target: readNames(form.fieldTarget),
    },
  };
  if (!settings.objectiveTypeNames.length || !settings.keyResultTypeNames.length)
    return { ok: false, error: 'Name at least one objective type and one key result type.' };
  if (
    settings.carrier === 'epics' &&
    settings.objectiveEpics === 'labelled' &&
    !settings.objectiveLabels.length
  )
    return {
      ok: false,
      error: 'Give the labels an objective epic carries, or count every epic as an objective.',
    };
  if (!settings.quarter.labelPattern.includes('{quarter}'))
    return {
      ok: false,
      error:
        'The quarter label needs {quarter} where the quarter’s title goes, e.g. okrq:{quarter}.',
    };
  if (settings.objectiveLabels.some((set) => set.length > 5))
    return { ok: false, error: 'A label set has at most 5 labels.' };
  const parsed = CarrierSettingsSchema.safeParse(settings);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: 'A label or name is too long (GitLab allows 255 characters).' };
}
