// What an instance's GitLab version can answer, learned once per client and refreshed when GitLab
// refuses a document for a field it lacks. Every version-dependent document is chosen through
// `withCapabilities`, so no service checks a version itself.
//
// The floors come from the "Introduced in GitLab X.Y" notes of GitLab's schema
// (../shared/gitlab-schema) and, where the schema has no note, from ../shared/spec/gitlab.md
// ("Versions"), which names its sources.
import { z } from 'zod';
import type { GitLabClient } from './client';
import { VersionQuery } from './documents';
import { GitLabError } from './errors';

/** The oldest GitLab OKR Lens supports: every feature has a document for it from here on. */
export const OLDEST_SUPPORTED = '17.0';

/** The version each optional field needs. */
export const FEATURE_FLOORS = {
  /** `Namespace.workItemTypes` (schema note: 17.2); before it, `Project.workItemTypes`. */
  namespaceWorkItemTypes: '17.2',
  /** `CurrentUser.workItems` (schema note: 17.10); before it, the user's OKRs per group. */
  currentUserWorkItems: '17.10',
  /** `Namespace.workItems` (schema note: 18.1); before it, `Group`/`Project.workItems`. */
  namespaceWorkItems: '18.1',
  /** `WorkItemWidgetNotes.notes` (no schema note; spec: about 18.2); before it, `discussions`. */
  workItemNotes: '18.2',
  /**
   * Epics as work items (spec: 17.2, GA 18.1): `workItems(types: [EPIC])` finds them and their
   * hierarchy holds their issues. No field of its own is refused before it.
   */
  epicWorkItems: '17.2',
  /** `WorkItemWidgetWeight.rolledUpWeight` (schema note: 17.2): an epic's total weight. */
  rolledUpWeight: '17.2',
  /** `WorkItemWidgetWeight.rolledUpCompletedWeight` (schema note: 17.3): its closed weight. */
  rolledUpCompletedWeight: '17.3',
  /** `WorkItemWidgetHierarchy.rolledUpCountsByType` (schema note: 17.3): closed / all issues. */
  rolledUpCounts: '17.3',
  /** `WorkItemWidgetCustomFields` (schema note: 17.9): custom number fields (Start, Current…). */
  customFields: '17.9',
  /**
   * `customFieldsWidget` on `workItemCreate` / `workItemUpdate` (schema note: 17.10); custom fields
   * are read from 17.9, but before 17.10 a key result's values cannot be written to them.
   */
  customFieldsWrite: '17.10',
} as const;

export type Feature = keyof typeof FEATURE_FLOORS;

export interface Capabilities {
  /** The version GitLab reported, e.g. `17.5.2-ee`; null while unknown (the newest is assumed). */
  version: string | null;
  has(feature: Feature): boolean;
}

/**
 * The field behind each feature, as GitLab names it when it refuses a document without it (or,
 * `field: null`, the widget type a GitLab without it does not know as a fragment condition).
 */
const FEATURE_FIELDS: Partial<Record<Feature, { type: string; field: string | null }>> = {
  namespaceWorkItemTypes: { type: 'Namespace', field: 'workItemTypes' },
  currentUserWorkItems: { type: 'CurrentUser', field: 'workItems' },
  namespaceWorkItems: { type: 'Namespace', field: 'workItems' },
  workItemNotes: { type: 'WorkItemWidgetNotes', field: 'notes' },
  rolledUpWeight: { type: 'WorkItemWidgetWeight', field: 'rolledUpWeight' },
  rolledUpCompletedWeight: { type: 'WorkItemWidgetWeight', field: 'rolledUpCompletedWeight' },
  rolledUpCounts: { type: 'WorkItemWidgetHierarchy', field: 'rolledUpCountsByType' },
  customFields: { type: 'WorkItemWidgetCustomFields', field: null },
  customFieldsWrite: { type: 'WorkItemCreateInput', field: 'customFieldsWidget' },
};

/** `17.10.3-ee` → [17, 10]; null for anything else. */
export function versionNumbers(version: string | null | undefined): [number, number] | null {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** True when `version` is `floor` or later (an unknown version counts as the newest). */
export function isAtLeast(version: string | null, floor: string): boolean {
  const have = versionNumbers(version);
  const need = versionNumbers(floor);
  if (!have || !need) return true;
  return have[0] !== need[0] ? have[0] > need[0] : have[1] >= need[1];
}

/**
 * What a version has; `missing` names features GitLab itself said it lacks (it may run with a
 * feature off, or hide its version).
 */
export function capabilitiesOf(
  version: string | null,
  missing: ReadonlySet<Feature> = new Set(),
): Capabilities {
  return {
    version,
    has: (feature) => !missing.has(feature) && isAtLeast(version, FEATURE_FLOORS[feature]),
  };
}

/** The features whose fields GitLab's error messages name as missing. */
export function missingFeaturesIn(error: unknown): Feature[] {
  if (!(error instanceof GitLabError)) return [];
  return (Object.keys(FEATURE_FIELDS) as Feature[]).filter((feature) => {
    const { type, field } = FEATURE_FIELDS[feature] ?? { type: '', field: '' };
    return error.gitlabMessages.some((message) =>
      field === null
        ? message.includes(`No such type ${type},`) || message.includes(`Unknown type "${type}"`)
        : message.includes(`Field '${field}' doesn't exist on type '${type}'`) ||
          message.includes(`Cannot query field "${field}" on type "${type}"`),
    );
  });
}

/** Capabilities of each version profile the documents differ on (for tests and the bench). */
export const DOCUMENT_PROFILES: readonly Capabilities[] = [
  ...new Set<string>([OLDEST_SUPPORTED, ...Object.values(FEATURE_FLOORS)]),
]
  .sort((a, b) => (a === b ? 0 : isAtLeast(a, b) ? 1 : -1))
  .map((version) => capabilitiesOf(version));

/** GitLab refused a document for naming a field or argument its schema does not have. */
export function isSchemaMismatch(error: unknown): boolean {
  return (
    error instanceof GitLabError &&
    error.gitlabMessages.some((message) =>
      /doesn't exist on type|doesn't accept argument|isn't a defined input type|Cannot query field|Unknown argument|No such type|Unknown type/.test(
        message,
      ),
    )
  );
}

const VersionResponseSchema = z.object({
  metadata: z.object({ version: z.string() }).nullable().optional(),
});

interface Learned {
  version: string | null;
  missing: Set<Feature>;
}

const learned = new WeakMap<GitLabClient, Learned>();

/** Asks GitLab its version (`metadata.version`, any GitLab OKR Lens supports has it). */
async function askVersion(client: GitLabClient): Promise<string | null> {
  try {
    const data = await client.graphql(VersionQuery, {}, VersionResponseSchema);
    return data.metadata?.version ?? null;
  } catch {
    return null;
  }
}

function tooOld(client: GitLabClient, version: string): GitLabError {
  return new GitLabError({
    kind: 'graphql',
    message: `${client.baseUrl} runs GitLab ${version}; OKR Lens needs GitLab ${OLDEST_SUPPORTED} or later. Ask your GitLab administrator about an upgrade.`,
  });
}

/**
 * The version GitLab reports, asked once a client when nothing has taught it yet (then
 * remembered, so later reads choose that version's documents); null when GitLab hides it.
 */
export async function gitlabVersion(client: GitLabClient): Promise<string | null> {
  const known = learned.get(client);
  if (known?.version) return known.version;
  const version = await askVersion(client);
  if (version) learned.set(client, { version, missing: known?.missing ?? new Set() });
  return version;
}

/** The version this client has learned, if any (no request). */
export function knownVersion(client: GitLabClient): string | null {
  return learned.get(client)?.version ?? null;
}

/**
 * Runs `read` with the documents the instance's version has. The version is not asked before
 * the first request, so a current GitLab costs no extra round trip: the newest documents go
 * first, and only when GitLab refuses one for a missing field is the version asked (once, then
 * remembered for this client, with the fields GitLab named) and `read` run again with that
 * version's documents.
 */
export async function withCapabilities<T>(
  client: GitLabClient,
  read: (capabilities: Capabilities) => Promise<T>,
): Promise<T> {
  const known = learned.get(client) ?? { version: null, missing: new Set<Feature>() };
  if (known.version && !isAtLeast(known.version, OLDEST_SUPPORTED)) {
    throw tooOld(client, known.version);
  }
  try {
    return await read(capabilitiesOf(known.version, known.missing));
  } catch (error) {
    if (!isSchemaMismatch(error)) throw error;
    const version = (await askVersion(client)) ?? known.version;
    const missing = new Set([...known.missing, ...missingFeaturesIn(error)]);
    learned.set(client, { version, missing });
    if (version && !isAtLeast(version, OLDEST_SUPPORTED)) throw tooOld(client, version);
    // Nothing new learned: another try would send the same documents.
    const before = capabilitiesOf(known.version, known.missing);
    const after = capabilitiesOf(version, missing);
    const changed = (Object.keys(FEATURE_FLOORS) as Feature[]).some(
      (feature) => before.has(feature) !== after.has(feature),
    );
    if (!changed) throw error;
    return read(after);
  }
}
