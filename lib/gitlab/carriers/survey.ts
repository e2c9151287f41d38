// What a group holds that tells how it keeps its OKRs, read in two requests (carrier detection,
// lib/services/detect-carrier.ts): the survey (types, OKR-like labels, counts of GitLab's own
// OKR types), then the sample (labelled epics with their children,
// labelled and typed key results, the newest quarter's counts). GitLab's answers come back as
// plain findings; no decision is taken here.
import { z } from 'zod';
import { withCapabilities, type Capabilities } from '../capabilities';
import type { GitLabClient } from '../client';
import { DetectCarrierSampleQuery, documentsFor } from '../documents';

const TitlesSchema = z
  .object({ nodes: z.array(z.object({ title: z.string() }).nullable()) })
  .nullable()
  .optional();
const CountSchema = z.object({ count: z.number() }).nullable().optional();
const TypesSchema = z
  .object({
    id: z.string(),
    workItemTypes: z
      .object({ nodes: z.array(z.object({ id: z.string(), name: z.string() }).nullable()) })
      .nullable()
      .optional(),
  })
  .nullable()
  .optional();

const SurveyResponseSchema = z.object({
  namespace: TypesSchema,
  project: TypesSchema,
  group: z
    .object({
      id: z.string().nullable().optional(),
      fullPath: z.string(),
      name: z.string().nullable().optional(),
      okrLabels: TitlesSchema,
      objectiveLabels: TitlesSchema,
      keyResultLabels: TitlesSchema,
      objectives: CountSchema,
      keyResults: CountSchema,
    })
    .nullable()
    .optional(),
});

export interface NamedType {
  id: string;
  name: string;
}

export interface Survey {
  /** The version the documents were chosen for (null: the newest was assumed and answered). */
  capabilities: Capabilities;
  /** The top-level group, or null when there is none the token may read. */
  group: { fullPath: string; name: string } | null;
  /** Work item types of the namespace asked about; null when this GitLab cannot list them. */
  types: NamedType[] | null;
  /** Every label title the searches found (deduplicated, as GitLab spells them). */
  labels: string[];
  /** Items of GitLab's own Objective and Key Result types in the group and below. */
  nativeCounts: { objectives: number; keyResults: number };
}

function present<T>(values: readonly (T | null)[] | undefined): T[] {
  return (values ?? []).filter((value): value is T => value !== null);
}

/** The first look at `fullPath` (a group or project) and its top-level group `groupPath`. */
export function surveyNamespace(
  client: GitLabClient,
  paths: { fullPath: string; groupPath: string },
): Promise<Survey> {
  return withCapabilities(client, async (capabilities) => {
    const data = await client.graphql(
      documentsFor(capabilities).DetectCarrierSurveyQuery,
      paths,
      SurveyResponseSchema,
    );
    const typesRoot = data.namespace ?? data.project;
    const group = data.group ?? null;
    const labels = [
      ...new Set(
        [group?.okrLabels, group?.objectiveLabels, group?.keyResultLabels].flatMap((found) =>
          present(found?.nodes).map((label) => label.title),
        ),
      ),
    ];
    return {
      capabilities,
      group: group ? { fullPath: group.fullPath, name: group.name ?? group.fullPath } : null,
      types: typesRoot?.workItemTypes ? present(typesRoot.workItemTypes.nodes) : null,
      labels,
      nativeCounts: {
        objectives: group?.objectives?.count ?? 0,
        keyResults: group?.keyResults?.count ?? 0,
      },
    };
  });
}

const SampleChildSchema = z.object({
  id: z.string(),
  workItemType: z.object({ id: z.string().optional(), name: z.string() }).nullable().optional(),
  widgets: z
    .array(
      z
        .object({
          __typename: z.string(),
          labels: TitlesSchema,
        })
        .passthrough(),
    )
    .nullable()
    .optional(),
});

const SampleResponseSchema = z.object({
  group: z
    .object({
      objectives: z
        .object({
          count: z.number(),
          nodes: z.array(
            z
              .object({
                id: z.string(),
                widgets: z
                  .array(
                    z
                      .object({
                        __typename: z.string(),
                        children: z
                          .object({ nodes: z.array(SampleChildSchema.nullable()) })
                          .nullable()
                          .optional(),
                      })
                      .passthrough(),
                  )
                  .nullable()
                  .optional(),
              })
              .nullable(),
          ),
        })
        .nullable()
        .optional(),
      keyResults: CountSchema,
      typedKeyResults: CountSchema,
      quarterObjectives: CountSchema,
      quarterKeyResults: CountSchema,
    })
    .nullable()
    .optional(),
});

/** What the sample asks for: each part only when the survey found something to filter by. */
export interface SampleQuestion {
  groupPath: string;
  /** One objective label set (an epic must carry all of them), or null. */
  objectiveLabels: string[] | null;
  keyResultLabels: string[] | null;
  /** The newest quarter label, or null. */
  quarterLabel: string | null;
  keyResultTypeIds: string[];
}

/** A child of a sampled objective epic: its type and labels. */
export interface SampledChild {
  typeId: string | null;
  typeName: string;
  labels: string[];
}

export interface Sample {
  /** Epics carrying the objective label set, and the children of the first ten. */
  objectives: { count: number; children: SampledChild[][] } | null;
  keyResultsByLabel: number | null;
  keyResultsByType: number | null;
  quarter: { objectives: number; keyResults: number } | null;
}

export async function sampleGroup(client: GitLabClient, question: SampleQuestion): Promise<Sample> {
  const { objectiveLabels, keyResultLabels, quarterLabel } = question;
  const inQuarter = (labels: string[] | null) =>
    labels && quarterLabel ? [...labels, quarterLabel] : [];
  const data = await client.graphql(
    DetectCarrierSampleQuery,
    {
      groupPath: question.groupPath,
      objectiveLabels: objectiveLabels ?? [],
      keyResultLabels: keyResultLabels ?? [],
      quarterObjectiveLabels: inQuarter(objectiveLabels),
      quarterKeyResultLabels: inQuarter(keyResultLabels),
      keyResultTypeIds: question.keyResultTypeIds,
      // A part whose filter is empty is left out: an empty filter would count every item.
      withObjectives: Boolean(objectiveLabels),
      withKeyResultLabels: Boolean(keyResultLabels),
      withQuarterObjectives: inQuarter(objectiveLabels).length > 0,
      withQuarterKeyResults: inQuarter(keyResultLabels).length > 0,
      withKeyResultTypes: question.keyResultTypeIds.length > 0,
    },
    SampleResponseSchema,
  );
  const group = data.group;
  const objectives = group?.objectives
    ? {
        count: group.objectives.count,
        children: present(group.objectives.nodes).map((objective) =>
          (objective.widgets ?? []).flatMap((widget) =>
            present(widget.children?.nodes).map((child) => ({
              typeId: child.workItemType?.id ?? null,
              typeName: child.workItemType?.name ?? '',
              labels: (child.widgets ?? []).flatMap((w) =>
                present(w.labels?.nodes).map((label) => label.title),
              ),
            })),
          ),
        ),
      }
    : null;
  return {
    objectives,
    keyResultsByLabel: group?.keyResults?.count ?? null,
    keyResultsByType: group?.typedKeyResults?.count ?? null,
    quarter:
      quarterLabel && group && (group.quarterObjectives || group.quarterKeyResults)
        ? {
            objectives: group.quarterObjectives?.count ?? 0,
            keyResults: group.quarterKeyResults?.count ?? 0,
          }
        : null,
  };
}
