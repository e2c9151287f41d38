// Where and how quick-create makes a key result under an objective epic (the epics carrier), as
// pure decisions on what GitLab answered: which type in the chosen project (its own "Key result"
// type, else Issue), which labels (the key-result label paired with the parent's objective label,
// the parent's quarter label), and where the start, current and target values go (custom number
// fields in the create, GitLab's progress widget afterwards, or nowhere, and why).
import type { NumberField, TypeWithWidgets, ValueRole } from '../gitlab/carrier-writes';
import { customFieldsFor } from '../gitlab/carrier-writes';
import {
  carriesLabels,
  classify,
  EPIC_TYPE,
  normalName,
  quarterFromLabel,
  sameLabel,
  type CarrierSettings,
  type LabelSet,
} from '../gitlab/carriers/conventions';
import type { WorkItemRef } from '../messages';

/** Under the epics carrier a group's objective epic gets key results in a project the user picks. */
export function needsProject(ref: WorkItemRef, settings: CarrierSettings): boolean {
  return ref.namespaceKind === 'group' && settings.carrier === 'epics';
}

/** The top-level group of a path (custom fields are defined there). */
export function topGroupOf(fullPath: string): string {
  return fullPath.split('/')[0] ?? fullPath;
}

/**
 * The project's own key-result type (a custom "Key result") or, failing that, its Issue type:
 * of those GitLab allows under an epic. GitLab's own Key Result type is named so too, but its
 * parent must be an Objective ("Work item is not allowed to add this type of parent").
 */
export function keyResultTypeIn(
  types: readonly TypeWithWidgets[],
  settings: CarrierSettings,
): TypeWithWidgets | null {
  const kindOf = (type: TypeWithWidgets) => classify({ typeName: type.name, labels: [] }, settings);
  const underEpic = types.filter(
    (type) =>
      type.parentTypeNames === null ||
      type.parentTypeNames.some((name) => normalName(name) === normalName(EPIC_TYPE)),
  );
  return (
    underEpic.find((type) => kindOf(type) === 'keyResult') ??
    underEpic.find((type) => kindOf(type) === 'issue') ??
    null
  );
}

export interface LabelChoice {
  ids: string[];
  /** The titles as the group spells them. */
  titles: string[];
  /** Labels the settings ask for that the group lacks (none of those is set). */
  missing: string[];
  /** The quarter the parent's quarter label names (`okrq:FY24-Q2` → `FY24-Q2`), when it has one. */
  quarter: string | null;
}

/**
 * The labels a new key result gets: the key-result label set paired with the objective label set
 * the parent carries (`okr:o` → `okr:kr`, `OKR` + `Objective` → `OKR` + `Key Result`), else the
 * first set the group has all labels of; and, where the quarter is a label, the parent's quarter
 * label. Only labels the group has: GitLab's labels widget takes ids, and a label it lacks would
 * have to be created, which is the group's decision.
 */
export function labelsFor(
  parentLabels: readonly string[],
  settings: CarrierSettings,
  available: readonly { id: string; title: string }[],
): LabelChoice {
  const choice: LabelChoice = { ids: [], titles: [], missing: [], quarter: null };
  if (settings.carrier !== 'epics') return choice;
  const find = (title: string) => available.find((label) => sameLabel(label.title, title));
  const add = (title: string) => {
    const label = find(title);
    if (!label) choice.missing.push(title);
    else if (!choice.ids.includes(label.id)) {
      choice.ids.push(label.id);
      choice.titles.push(label.title);
    }
  };
  const paired = settings.objectiveLabels.findIndex((set) => carriesLabels(parentLabels, [set]));
  const preferred = settings.keyResultLabels[paired];
  const order: LabelSet[] = preferred
    ? [preferred, ...settings.keyResultLabels.filter((set) => set !== preferred)]
    : settings.keyResultLabels;
  const present = order.find((set) => set.every((title) => find(title)));
  const keyResultSet = present ?? order[0];
  keyResultSet?.forEach(add);
  if (settings.quarter.source === 'label') {
    const quarterLabel = parentLabels.find(
      (label) => quarterFromLabel(settings.quarter.labelPattern, label) !== null,
    );
    if (quarterLabel) {
      add(quarterLabel);
      choice.quarter = quarterFromLabel(settings.quarter.labelPattern, quarterLabel);
    }
  }
  return choice;
}

export type ValuesPlan =
  | { kind: 'progress' }
  | { kind: 'customFields'; fields: Record<ValueRole, { id: string; name: string }> }
  | { kind: 'none'; why: string };

const ROLES: ValueRole[] = ['start', 'current', 'target'];

/** Why values cannot go in custom fields, or the fields they go in. */
export function customFieldsPlan(
  fields: readonly NumberField[],
  settings: CarrierSettings,
  typeName: string | null,
  groupPath: string,
  writes: boolean,
): ValuesPlan {
  if (!writes) {
    return {
      kind: 'none',
      why: 'This GitLab is older than 17.10: it cannot store values in custom fields.',
    };
  }
  const found = customFieldsFor(fields, settings, typeName);
  const lacking = ROLES.filter((role) => !found[role]);
  if (lacking.length) {
    const names = lacking.map((role) => `“${settings.fields[role][0] ?? role}”`).join(', ');
    const forType = typeName ? ` for ${typeName} items` : '';
    return {
      kind: 'none',
      why: `${groupPath} has no number field named ${names}${forType} (GitLab: the group’s Settings › Custom fields).`,
    };
  }
  return { kind: 'customFields', fields: found as Record<ValueRole, { id: string; name: string }> };
}

/** Where a key result of this type keeps its start, current and target. */
export function valuesPlanFor(
  type: TypeWithWidgets,
  fields: readonly NumberField[],
  settings: CarrierSettings,
  groupPath: string,
  writes: boolean,
): ValuesPlan {
  if (type.widgets.includes('PROGRESS')) return { kind: 'progress' };
  if (!type.widgets.includes('CUSTOM_FIELDS')) {
    return {
      kind: 'none',
      why: `GitLab’s ${type.name} type takes no custom fields here (they need GitLab Premium or Ultimate).`,
    };
  }
  return customFieldsPlan(fields, settings, type.name, groupPath, writes);
}

/** The create's `customFieldsWidget` entries for the values. */
export function customFieldValues(
  plan: Extract<ValuesPlan, { kind: 'customFields' }>,
  values: { startValue: number; currentValue: number; endValue: number },
): { customFieldId: string; numberValue: number }[] {
  return [
    { customFieldId: plan.fields.start.id, numberValue: values.startValue },
    { customFieldId: plan.fields.current.id, numberValue: values.currentValue },
    { customFieldId: plan.fields.target.id, numberValue: values.endValue },
  ];
}
