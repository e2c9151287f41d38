// Carrier detection (issue 12, "Detection"): what a group holds (types, labels, a sample of its
// epics) and the carrier that reads it, proposed with the figures found, or a plain "No OKRs
// found" that says what was looked for. Two requests at most (lib/gitlab/carriers/survey.ts),
// none per item. Nothing is saved here: the person confirms a proposal (options page, panel card)
// and the caller stores it in `carrierChoicesItem`.
import { FEATURE_FLOORS, isSchemaMismatch, versionNumbers } from '../gitlab/capabilities';
import type { GitLabClient } from '../gitlab/client';
import {
  CONVENTIONS,
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  classify,
  normalName,
  quarterFromLabel,
  quarterLabelOf,
  sameLabel,
  type CarrierId,
  type CarrierSettings,
} from '../gitlab/carriers/conventions';
import {
  sampleGroup,
  surveyNamespace,
  type NamedType,
  type Sample,
  type SampleQuestion,
  type Survey,
} from '../gitlab/carriers/survey';

/** What detection found in a group, and the settings that read it. */
export interface CarrierProposal {
  /** The top-level group the choice is saved for (lower case, the `carrierChoicesItem` key). */
  groupPath: string;
  /** The group's or project's path that was looked at. */
  searchedPath: string;
  /** False: no OKRs found (or none this GitLab can serve); `settings` is then null. */
  found: boolean;
  settings: CarrierSettings | null;
  figures: { objectives: number; keyResults: number; quarter: string | null } | null;
  /** One sentence: "6 objectives and 19 key results in acme for FY24-Q2." or "No OKRs found …". */
  summary: string;
  /** How the carrier is read, a line each ("Objectives: epics labelled okr:o"). */
  details: string[];
  /** "epics and labels", "the Objective and Key Result types": what the question names. */
  carrierWords: string;
}

export interface DetectionPorts {
  client: GitLabClient;
}

/** The top-level group of a path (`acme/engineering` → `acme`), as choices are keyed. */
export function topLevelGroupOf(fullPath: string): string {
  return (fullPath.split('/')[0] ?? '').toLowerCase();
}

/** The convention label sets whose every label the group has, spelled as GitLab spells them. */
export function labelSetsFound(
  labels: readonly string[],
  sets: readonly (readonly string[])[],
): string[][] {
  return sets.flatMap((set) => {
    const spelled = set.map((wanted) => labels.find((label) => sameLabel(label, wanted)));
    return spelled.every((label): label is string => label !== undefined) ? [spelled] : [];
  });
}

/** Quarter labels under the convention's pattern, newest quarter first (FY27-Q1 before FY26-Q4). */
export function quarterLabelsFound(labels: readonly string[]): string[] {
  return labels
    .filter((label) => quarterFromLabel(CONVENTIONS.quarterLabelPattern, label) !== null)
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' }));
}

function typesNamed(types: readonly NamedType[], names: readonly string[]): NamedType[] {
  return types.filter((type) => names.some((name) => normalName(name) === normalName(type.name)));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function labelWords(set: readonly string[]): string {
  return set.length === 1 ? set[0]! : `${set.slice(0, -1).join(', ')} and ${set.at(-1)}`;
}

function orWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** Everything both looks found, in one place for `proposalOf`. */
export interface Findings {
  searchedPath: string;
  survey: Survey;
  sample: Sample | null;
}

/** Epics are read as work items from this version (FEATURE_FLOORS.epicWorkItems). */
function epicsServed(survey: Survey): boolean {
  return survey.capabilities.has('epicWorkItems');
}

/** What the sample asks, from the survey; null when there is nothing to sample. */
export function sampleQuestionOf(survey: Survey): SampleQuestion | null {
  if (!survey.group || !epicsServed(survey)) return null;
  const objectiveLabels = labelSetsFound(survey.labels, CONVENTIONS.objectiveLabels)[0] ?? null;
  const keyResultLabels = labelSetsFound(survey.labels, CONVENTIONS.keyResultLabels)[0] ?? null;
  // GitLab's own Key Result type with items is counted by the survey; a type of that name with
  // none may be a project's custom type, counted by its ids.
  const keyResultTypeIds =
    survey.nativeCounts.keyResults > 0
      ? []
      : typesNamed(survey.types ?? [], CONVENTIONS.keyResultTypeNames).map((type) => type.id);
  if (!objectiveLabels && !keyResultLabels && keyResultTypeIds.length === 0) return null;
  return {
    groupPath: survey.group.fullPath,
    objectiveLabels,
    keyResultLabels,
    quarterLabel: quarterLabelsFound(survey.labels)[0] ?? null,
    keyResultTypeIds,
  };
}

function noOkrs(findings: Findings, why: string): CarrierProposal {
  const { survey } = findings;
  const groupPath = topLevelGroupOf(findings.searchedPath);
  return {
    groupPath,
    searchedPath: findings.searchedPath,
    found: false,
    settings: null,
    figures: null,
    summary: `No OKRs found in ${survey.group?.fullPath ?? findings.searchedPath}: ${why}.`,
    details: [],
    carrierWords: '',
  };
}

/** Why nothing was found, naming each place looked in. */
function nothingFoundWords(findings: Findings): string {
  const { survey } = findings;
  if (!survey.group) return 'it is no group this token can read';
  const types = survey.types ?? [];
  const hasTypes =
    typesNamed(types, CONVENTIONS.objectiveTypeNames).length > 0 ||
    typesNamed(types, CONVENTIONS.keyResultTypeNames).length > 0;
  const okrLabels = survey.labels.filter(
    (label) =>
      labelSetsFound([label], [...CONVENTIONS.objectiveLabels, ...CONVENTIONS.keyResultLabels])
        .length > 0 || quarterLabelsFound([label]).length > 0,
  );
  return [
    hasTypes ? 'no Objective or Key Result items' : 'no Objective or Key Result types',
    okrLabels.length ? `no items labelled ${orWords(okrLabels)}` : 'no OKR labels',
    'no labelled epics',
  ].join(', ');
}

/** Children of sampled objective epics that are key results under the settings. */
function sampledKeyResults(sample: Sample | null, settings: CarrierSettings): number {
  return (sample?.objectives?.children ?? [])
    .flat()
    .filter(
      (child) =>
        classify(
          { typeName: child.typeName, labels: child.labels, parentKind: 'objective' },
          settings,
        ) === 'keyResult',
    ).length;
}

/** Custom key result types seen among the sampled children (not Issue, Epic or Task). */
function sampledKeyResultTypes(sample: Sample | null): string[] {
  const names = (sample?.objectives?.children ?? [])
    .flat()
    .map((child) => child.typeName)
    .filter((name) =>
      CONVENTIONS.keyResultTypeNames.some((wanted) => normalName(wanted) === normalName(name)),
    );
  return [...new Set(names)];
}

function epicsProposal(findings: Findings): CarrierProposal | null {
  const { survey, sample } = findings;
  if (!sample) return null;
  const objectiveSets = labelSetsFound(survey.labels, CONVENTIONS.objectiveLabels);
  const keyResultSets = labelSetsFound(survey.labels, CONVENTIONS.keyResultLabels);
  const quarterLabels = quarterLabelsFound(survey.labels);
  const keyResultTypes = [
    ...new Set([
      ...sampledKeyResultTypes(sample),
      ...(sample.keyResultsByType
        ? typesNamed(survey.types ?? [], CONVENTIONS.keyResultTypeNames).map((type) => type.name)
        : []),
    ]),
  ];
  const settings: CarrierSettings = {
    ...DEFAULT_EPIC_SETTINGS,
    keyResultTypeNames: keyResultTypes.length
      ? keyResultTypes
      : [...DEFAULT_EPIC_SETTINGS.keyResultTypeNames],
    objectiveEpics: objectiveSets.length ? 'labelled' : 'all',
    objectiveLabels: objectiveSets.length ? objectiveSets : DEFAULT_EPIC_SETTINGS.objectiveLabels,
    keyResultLabels: keyResultSets.length ? keyResultSets : DEFAULT_EPIC_SETTINGS.keyResultLabels,
    quarter: quarterLabels.length
      ? { source: 'label', labelPattern: CONVENTIONS.quarterLabelPattern }
      : { ...DEFAULT_EPIC_SETTINGS.quarter },
  };
  const objectives = sample.objectives?.count ?? 0;
  const keyResults = Math.max(
    sample.keyResultsByLabel ?? 0,
    sample.keyResultsByType ?? 0,
    sampledKeyResults(sample, settings),
  );
  if (objectives === 0 && keyResults === 0) return null;
  const quarterLabel = quarterLabels[0] ?? null;
  const quarter =
    quarterLabel && sample.quarter && sample.quarter.objectives + sample.quarter.keyResults > 0
      ? {
          title: quarterFromLabel(CONVENTIONS.quarterLabelPattern, quarterLabel) ?? quarterLabel,
          ...sample.quarter,
        }
      : null;
  const details = [
    objectiveSets.length
      ? `Objectives: epics labelled ${orWords(objectiveSets.map(labelWords))}.`
      : 'Objectives: every epic (no objective label found).',
    `Key results: ${[
      ...(keyResultSets.length ? [`items labelled ${orWords(keyResultSets.map(labelWords))}`] : []),
      ...keyResultTypes.map((name) => `items of the type ${name}`),
      'issues under an objective epic',
    ].join(', ')}.`,
    quarterLabel
      ? `Quarter: the label ${quarterLabelOf(CONVENTIONS.quarterLabelPattern, '{quarter}')} (newest: ${quarterLabel}).`
      : 'Quarter: the milestone.',
    `Values: the custom number fields ${labelWords([...DEFAULT_EPIC_SETTINGS.fields.start.slice(0, 1), ...DEFAULT_EPIC_SETTINGS.fields.current, ...DEFAULT_EPIC_SETTINGS.fields.target.slice(0, 1)])} where an item has them.`,
  ];
  const carrierWords = keyResultTypes.length
    ? `epics and ${keyResultTypes[0]} items`
    : 'epics and labels';
  return proposal(findings, 'epics', settings, {
    objectives: quarter?.objectives ?? objectives,
    keyResults: quarter?.keyResults ?? keyResults,
    quarter: quarter?.title ?? null,
    details,
    carrierWords,
  });
}

function typesProposal(findings: Findings): CarrierProposal | null {
  const { survey } = findings;
  const { objectives, keyResults } = survey.nativeCounts;
  if (objectives + keyResults === 0) return null;
  const settings: CarrierSettings = { ...DEFAULT_CARRIER_SETTINGS };
  return proposal(findings, 'workItemTypes', settings, {
    objectives,
    keyResults,
    quarter: null,
    details: [
      'Objectives and key results: GitLab’s Objective and Key Result work item types.',
      'Quarter: the milestone.',
      'Values: GitLab’s progress widget (start, current, target).',
    ],
    carrierWords: 'the Objective and Key Result types',
  });
}

function proposal(
  findings: Findings,
  carrier: CarrierId,
  settings: CarrierSettings,
  found: {
    objectives: number;
    keyResults: number;
    quarter: string | null;
    details: string[];
    carrierWords: string;
  },
): CarrierProposal {
  const where = findings.survey.group?.fullPath ?? findings.searchedPath;
  const figures = `${plural(found.objectives, 'objective', 'objectives')} and ${plural(found.keyResults, 'key result', 'key results')}`;
  return {
    groupPath: topLevelGroupOf(findings.searchedPath),
    searchedPath: findings.searchedPath,
    found: true,
    settings: { ...settings, carrier },
    figures: { objectives: found.objectives, keyResults: found.keyResults, quarter: found.quarter },
    summary: `${figures} in ${where}${found.quarter ? ` for ${found.quarter}` : ''}.`,
    details: found.details,
    carrierWords: found.carrierWords,
  };
}

/**
 * The proposal from what was found: the carrier holding more OKRs (epics and labels, or GitLab's
 * OKR types), or "No OKRs found" naming what was looked for.
 */
export function proposalOf(findings: Findings): CarrierProposal {
  const { survey } = findings;
  const epics = epicsProposal(findings);
  const types = typesProposal(findings);
  const total = (p: CarrierProposal | null) =>
    p?.figures ? p.figures.objectives + p.figures.keyResults : 0;
  if (epics && total(epics) >= total(types)) return epics;
  if (types) return types;
  const labelled = labelSetsFound(survey.labels, [
    ...CONVENTIONS.objectiveLabels,
    ...CONVENTIONS.keyResultLabels,
  ]);
  if (survey.group && labelled.length && !epicsServed(survey)) {
    const numbers = versionNumbers(survey.capabilities.version);
    const version = numbers ? `GitLab ${numbers.join('.')}` : 'this GitLab';
    return noOkrs(
      findings,
      `it has the labels ${labelWords(labelled.map(labelWords))}, but ${version} does not serve epics as work items, which OKR Lens needs to read them (GitLab ${FEATURE_FLOORS.epicWorkItems} or later)`,
    );
  }
  return noOkrs(findings, nothingFoundWords(findings));
}

/** Looks at `fullPath` (a group or a project) and its top-level group, then proposes. */
export async function detectCarrier(
  ports: DetectionPorts,
  fullPath: string,
): Promise<CarrierProposal> {
  const searchedPath = fullPath.replace(/^\/+|\/+$/g, '');
  const groupPath = searchedPath.split('/')[0] ?? searchedPath;
  const survey = await surveyNamespace(ports.client, { fullPath: searchedPath, groupPath });
  const question = sampleQuestionOf(survey);
  let sample: Sample | null = null;
  if (question) {
    sample = await sampleGroup(ports.client, question).catch((error: unknown) => {
      // A GitLab without `workItemTypeIds` refuses the typed count: ask again without it.
      if (!isSchemaMismatch(error) || question.keyResultTypeIds.length === 0) throw error;
      return sampleGroup(ports.client, { ...question, keyResultTypeIds: [] });
    });
  }
  return proposalOf({ searchedPath, survey, sample });
}
