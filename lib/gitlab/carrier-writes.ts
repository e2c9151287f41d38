// What quick-create and the check-in need of GitLab beyond GitLab's OKR types: a project's work
// item types with their widgets (is there a "Key result" type, does it take custom fields), a
// group's number custom fields and labels, and the write of custom field values. Each takes the
// client as an argument; `customFieldsFor` is the pure matching of fields to the carrier settings.
import { normalName, type CarrierSettings } from './carriers/conventions';
import type { GitLabClient } from './client';
import { capabilitiesOf, knownVersion } from './capabilities';
import { GroupLabelsQuery, GroupNumberFieldsQuery, UpdateCustomFieldsMutation } from './documents';
import { GitLabError, problemFromMutationErrors } from './errors';
import { namespaceWorkItemTypes } from './okr-repository';
import { WorkItemUpdateResponseSchema } from './schemas';
import { z } from 'zod';

/**
 * Whether this GitLab takes custom field values (`customFieldsWidget`, 17.10+), as far as the
 * client knows its version (an unknown version counts as the newest; GitLab refuses the write
 * before running it where it lacks the field, and nothing is changed).
 */
export function writesCustomFields(client: GitLabClient): boolean {
  return capabilitiesOf(knownVersion(client)).has('customFieldsWrite');
}

/** A work item type of a namespace with the widgets it has (`CUSTOM_FIELDS`, `PROGRESS`…). */
export interface TypeWithWidgets {
  id: string;
  name: string;
  widgets: string[];
  /** The types GitLab allows as its parent (null when GitLab did not say). */
  parentTypeNames: string[] | null;
}

/** The work item types GitLab offers in a namespace (a project: its custom types included). */
export async function workItemTypesOf(
  client: GitLabClient,
  fullPath: string,
): Promise<TypeWithWidgets[]> {
  return (await namespaceWorkItemTypes(client, fullPath)).map((type) => {
    const hierarchy = type.widgetDefinitions?.find((definition) => definition.type === 'HIERARCHY');
    return {
      id: type.id,
      name: type.name,
      widgets: (type.widgetDefinitions ?? []).map((definition) => definition.type),
      parentTypeNames: hierarchy?.allowedParentTypes
        ? hierarchy.allowedParentTypes.nodes.map((parent) => parent.name)
        : null,
    };
  });
}

/** A number custom field of a group, with the names of the types it is attached to. */
export interface NumberField {
  id: string;
  name: string;
  typeNames: string[];
}

const GroupNumberFieldsResponseSchema = z.object({
  group: z
    .object({
      customFields: z
        .object({
          nodes: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              workItemTypes: z
                .array(z.object({ name: z.string() }))
                .nullable()
                .optional(),
            }),
          ),
        })
        .nullable()
        .optional(),
    })
    .nullable(),
});

/**
 * The active number fields of a top-level group (custom fields are defined there). An empty list
 * where GitLab has none, or no custom fields at all (not licensed, or before 17.5).
 */
export async function groupNumberFields(
  client: GitLabClient,
  groupPath: string,
): Promise<NumberField[]> {
  const data = await client.graphql(
    GroupNumberFieldsQuery,
    { fullPath: groupPath },
    GroupNumberFieldsResponseSchema,
  );
  return (data.group?.customFields?.nodes ?? []).map((field) => ({
    id: field.id,
    name: field.name,
    typeNames: (field.workItemTypes ?? []).map((type) => type.name),
  }));
}

export type ValueRole = 'start' | 'current' | 'target';

/**
 * The fields holding start, current and target for items of one type (null: of any type), as the
 * settings name them.
 */
export function customFieldsFor(
  fields: readonly NumberField[],
  settings: Pick<CarrierSettings, 'fields'>,
  typeName: string | null,
): Partial<Record<ValueRole, { id: string; name: string }>> {
  const found: Partial<Record<ValueRole, { id: string; name: string }>> = {};
  const forType = fields.filter(
    (field) =>
      typeName === null ||
      field.typeNames.length === 0 ||
      field.typeNames.some((name) => normalName(name) === normalName(typeName)),
  );
  for (const role of ['start', 'current', 'target'] as const) {
    // The settings' order decides: "Start" before "Baseline" when a group has both.
    for (const wanted of settings.fields[role]) {
      const field = forType.find((candidate) => normalName(candidate.name) === normalName(wanted));
      if (field) {
        found[role] = { id: field.id, name: field.name };
        break;
      }
    }
  }
  return found;
}

const GroupLabelsResponseSchema = z.object({
  group: z
    .object({
      labels: z
        .object({
          pageInfo: z
            .object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() })
            .optional(),
          nodes: z.array(z.object({ id: z.string(), title: z.string() })),
        })
        .nullable()
        .optional(),
    })
    .nullable(),
});

/** Pages of labels read at most: a group with more than 500 labels gets none it lacks on them. */
const MAX_LABEL_PAGES = 5;

/** The labels items of a group may carry: its own and its ancestors'. */
export async function groupLabels(
  client: GitLabClient,
  groupPath: string,
): Promise<{ id: string; title: string }[]> {
  const labels: { id: string; title: string }[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_LABEL_PAGES; page += 1) {
    const data: z.infer<typeof GroupLabelsResponseSchema> = await client.graphql(
      GroupLabelsQuery,
      { fullPath: groupPath, after },
      GroupLabelsResponseSchema,
    );
    const connection = data.group?.labels;
    if (!connection) break;
    labels.push(...connection.nodes);
    if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return labels;
}

/** Sets custom number values on an item (GitLab 17.10+); throws what GitLab refused. */
export async function updateCustomFields(
  client: GitLabClient,
  input: { id: string; values: { customFieldId: string; numberValue: number | null }[] },
): Promise<void> {
  const data = await client.graphql(
    UpdateCustomFieldsMutation,
    { id: input.id, values: input.values },
    WorkItemUpdateResponseSchema,
  );
  const errors = data.workItemUpdate?.errors ?? ['GitLab did not answer the update'];
  if (errors.length) throw new GitLabError(problemFromMutationErrors('set the values', errors));
}
