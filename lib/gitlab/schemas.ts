// Zod schemas of what GitLab answers to the documents in ./documents.ts and to the REST calls,
// with the TypeScript types inferred from them. Every field a document may leave out is optional:
// one work item schema serves every fragment. Widgets are told apart by `__typename`; a widget
// this file does not know is kept as `{ __typename }` and ignored, and a missing widget means
// "unknown" to the mapping, never a crash.
import { z } from 'zod';

export const HealthStatusSchema = z.enum(['onTrack', 'needsAttention', 'atRisk']);
export const WorkItemStateSchema = z.enum(['OPEN', 'CLOSED']);

const nullableString = z.string().nullable().optional();
const nullableInt = z.number().nullable().optional();

export const PageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable().optional(),
});

function nodesOf<T extends z.ZodType>(node: T) {
  // GitLab types connection nodes as nullable ([WorkItem]); a null node is dropped.
  return z.object({
    pageInfo: PageInfoSchema.optional(),
    nodes: z
      .array(node.nullable())
      .transform((nodes) => nodes.filter((n): n is NonNullable<typeof n> => n !== null)),
  });
}

export const UserSchema = z.object({
  id: z.string().optional(),
  username: z.string(),
  name: z.string().optional(),
});

export const MilestoneSchema = z.object({
  id: z.string().optional(),
  title: z.string(),
  startDate: nullableString,
  dueDate: nullableString,
});

export const TaskCompletionStatusSchema = z.object({
  count: z.number(),
  completedCount: z.number(),
});

export const NoteSchema = z.object({
  id: z.string().optional(),
  body: z.string(),
  createdAt: z.string(),
  system: z.boolean().optional(),
  author: z.object({ username: z.string(), bot: z.boolean().optional() }).nullable().optional(),
});

export const WorkItemTypeRefSchema = z.object({ id: z.string().optional(), name: z.string() });

export const DescriptionWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetDescription'),
  description: nullableString,
  taskCompletionStatus: TaskCompletionStatusSchema.nullable().optional(),
});

export const ProgressWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetProgress'),
  progress: nullableInt,
  startValue: nullableInt,
  currentValue: nullableInt,
  endValue: nullableInt,
  updatedAt: nullableString,
});
export type ProgressWidget = z.infer<typeof ProgressWidgetSchema>;

export const HealthStatusWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetHealthStatus'),
  // A health value added in a later GitLab reads as "no health" rather than failing the view.
  healthStatus: HealthStatusSchema.nullable().optional().catch(null),
});

export const AssigneesWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetAssignees'),
  assignees: nodesOf(UserSchema).nullable().optional(),
});

export const MilestoneWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetMilestone'),
  milestone: MilestoneSchema.nullable().optional(),
});

export const StartAndDueDateWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetStartAndDueDate'),
  startDate: nullableString,
  dueDate: nullableString,
});

export const LabelsWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetLabels'),
  labels: nodesOf(z.object({ title: z.string() }))
    .nullable()
    .optional(),
});

export const NotesWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetNotes'),
  notes: nodesOf(NoteSchema).nullable().optional(),
  /** GitLab before 18.2 (no `notes` field): each discussion with its first note. */
  discussions: nodesOf(z.object({ notes: nodesOf(NoteSchema).nullable().optional() }))
    .nullable()
    .optional(),
  /** The stale watch's second page of notes: comments only (`comments: notes(filter: …)`). */
  comments: nodesOf(NoteSchema).nullable().optional(),
  /** The same before GitLab 18.2 (`commentThreads: discussions(filter: …)`). */
  commentThreads: nodesOf(z.object({ notes: nodesOf(NoteSchema).nullable().optional() }))
    .nullable()
    .optional(),
});

export const WeightWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetWeight'),
  weight: nullableInt,
  /** An epic's descendants' weight (GitLab 17.2+) and the closed part of it (17.3+). */
  rolledUpWeight: nullableInt,
  rolledUpCompletedWeight: nullableInt,
});
export type WeightWidget = z.infer<typeof WeightWidgetSchema>;

/**
 * One custom field value (GitLab 17.9+). Only number values are selected (`value` as a Float);
 * other field types come with their field and no `value`, and a value of another type (a later
 * GitLab's) reads as no number rather than failing the view.
 */
export const CustomFieldValueSchema = z.object({
  customField: z.object({ id: z.string(), name: z.string() }),
  value: z.number().nullable().optional().catch(null),
});
export type CustomFieldValue = z.infer<typeof CustomFieldValueSchema>;

export const CustomFieldsWidgetSchema = z.object({
  __typename: z.literal('WorkItemWidgetCustomFields'),
  customFieldValues: z
    .array(CustomFieldValueSchema.nullable())
    .transform((values) => values.filter((v): v is CustomFieldValue => v !== null))
    .nullable()
    .optional(),
});

/** How many descendants of one type GitLab counts, by state (GitLab 17.3+). */
export const CountsByTypeSchema = z.object({
  workItemType: z.object({ name: z.string() }),
  countsByState: z.object({ all: nullableInt, closed: nullableInt }),
});
export type CountsByType = z.infer<typeof CountsByTypeSchema>;

/** A work item as any document selects it: everything but the id is optional. */
export interface WorkItemResponse {
  id: string;
  iid?: string | undefined;
  reference?: string | undefined;
  webUrl?: string | null | undefined;
  title?: string | undefined;
  state?: z.infer<typeof WorkItemStateSchema> | undefined;
  createdAt?: string | null | undefined;
  updatedAt?: string | null | undefined;
  closedAt?: string | null | undefined;
  /** The plain `WorkItem.description`, read where the description widget is out of reach. */
  description?: string | null | undefined;
  workItemType?: z.infer<typeof WorkItemTypeRefSchema> | undefined;
  widgets?: Widget[] | null | undefined;
}

export interface LinkedItemResponse {
  linkType?: string | undefined;
  workItemState?: z.infer<typeof WorkItemStateSchema> | undefined;
  workItem?: WorkItemResponse | null | undefined;
}

export interface WorkItemPage {
  pageInfo?: z.infer<typeof PageInfoSchema> | undefined;
  nodes: WorkItemResponse[];
}

export interface HierarchyWidget {
  __typename: 'WorkItemWidgetHierarchy';
  hasChildren?: boolean | undefined;
  hasParent?: boolean | undefined;
  /** The direct parent (the stale watch reads its type and labels to classify the item). */
  parent?: WorkItemResponse | null | undefined;
  rolledUpCountsByType?: CountsByType[] | null | undefined;
  ancestors?: WorkItemPage | null | undefined;
  children?: WorkItemPage | null | undefined;
}

export interface LinkedItemsWidget {
  __typename: 'WorkItemWidgetLinkedItems';
  linkedItems?: { nodes: LinkedItemResponse[] } | null | undefined;
}

// The recursive parts (a work item's hierarchy widget holds work items) are declared as
// interfaces above and checked against the schemas, so the types still come from one source.
export const WorkItemSchema: z.ZodType<WorkItemResponse> = z.lazy(() =>
  z.object({
    id: z.string(),
    iid: z.string().optional(),
    reference: z.string().optional(),
    webUrl: nullableString,
    title: z.string().optional(),
    state: WorkItemStateSchema.optional(),
    createdAt: nullableString,
    updatedAt: nullableString,
    closedAt: nullableString,
    description: nullableString,
    workItemType: WorkItemTypeRefSchema.optional(),
    widgets: z.array(WidgetSchema).nullable().optional(),
  }),
);

const WorkItemPageSchema: z.ZodType<WorkItemPage> = nodesOf(WorkItemSchema);

export const HierarchyWidgetSchema: z.ZodType<HierarchyWidget> = z.object({
  __typename: z.literal('WorkItemWidgetHierarchy'),
  hasChildren: z.boolean().optional(),
  hasParent: z.boolean().optional(),
  parent: WorkItemSchema.nullable().optional(),
  rolledUpCountsByType: z.array(CountsByTypeSchema).nullable().optional(),
  ancestors: WorkItemPageSchema.nullable().optional(),
  children: WorkItemPageSchema.nullable().optional(),
});

export const LinkedItemsWidgetSchema: z.ZodType<LinkedItemsWidget> = z.object({
  __typename: z.literal('WorkItemWidgetLinkedItems'),
  linkedItems: nodesOf(
    z.object({
      linkType: z.string().optional(),
      workItemState: WorkItemStateSchema.optional(),
      workItem: WorkItemSchema.nullable().optional(),
    }),
  )
    .nullable()
    .optional(),
});

const knownWidgetSchemas = {
  WorkItemWidgetDescription: DescriptionWidgetSchema,
  WorkItemWidgetProgress: ProgressWidgetSchema,
  WorkItemWidgetHealthStatus: HealthStatusWidgetSchema,
  WorkItemWidgetAssignees: AssigneesWidgetSchema,
  WorkItemWidgetMilestone: MilestoneWidgetSchema,
  WorkItemWidgetStartAndDueDate: StartAndDueDateWidgetSchema,
  WorkItemWidgetLabels: LabelsWidgetSchema,
  WorkItemWidgetNotes: NotesWidgetSchema,
  WorkItemWidgetHierarchy: HierarchyWidgetSchema,
  WorkItemWidgetLinkedItems: LinkedItemsWidgetSchema,
  WorkItemWidgetWeight: WeightWidgetSchema,
  WorkItemWidgetCustomFields: CustomFieldsWidgetSchema,
} as const;

export type KnownWidgetTypename = keyof typeof knownWidgetSchemas;
export type KnownWidget = {
  [K in KnownWidgetTypename]: z.infer<(typeof knownWidgetSchemas)[K]>;
}[KnownWidgetTypename];

/** A widget this adapter does not read (e.g. WorkItemWidgetColor, or one added in a later GitLab). */
export interface UnknownWidget {
  __typename: string;
  unknown: true;
}

export type Widget = KnownWidget | UnknownWidget;

function isKnownTypename(typename: string): typename is KnownWidgetTypename {
  return Object.hasOwn(knownWidgetSchemas, typename);
}

/**
 * One widget: a known typename must match its schema (a mismatch is a real error); any other
 * typename is tolerated and reduced to `{ __typename, unknown: true }`.
 */
export const WidgetSchema: z.ZodType<Widget> = z
  .looseObject({ __typename: z.string() })
  .transform((raw, ctx): Widget => {
    const typename = raw.__typename;
    if (!isKnownTypename(typename)) return { __typename: typename, unknown: true };
    const parsed = (knownWidgetSchemas[typename] as z.ZodType<KnownWidget>).safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  });

/** The widget of one typename, or undefined when the item did not bring it (unknown). */
export function widgetOf<T extends KnownWidgetTypename>(
  item: Pick<WorkItemResponse, 'widgets'>,
  typename: T,
): Extract<KnownWidget, { __typename: T }> | undefined {
  // Documents select `widgets` several times (fragments); GraphQL merges them into one list.
  return item.widgets?.find(
    (widget): widget is Extract<KnownWidget, { __typename: T }> => widget.__typename === typename,
  );
}

// --- Responses of the documents -------------------------------------------------------------

export const OkrItemResponseSchema = z.object({
  namespace: z
    .object({
      id: z.string().optional(),
      fullPath: z.string().optional(),
      workItem: WorkItemSchema.nullable(),
    })
    .nullable(),
});
export type OkrItemResponse = z.infer<typeof OkrItemResponseSchema>;

/** Namespace work item lists: descendants and a DRI's objectives. */
export const ProjectWorkItemsResponseSchema = z.object({
  project: z
    .object({
      id: z.string().optional(),
      workItems: WorkItemPageSchema.nullable(),
    })
    .nullable(),
});

const WorkItemListRootSchema = z
  .object({ id: z.string().optional(), workItems: WorkItemPageSchema.nullable() })
  .nullable()
  .optional();

/**
 * A list of work items from whichever root its document starts at: `namespace` (GitLab 18.1+),
 * or `group` / `project` on older versions. `listRootOf` picks the one that was asked.
 */
export const NamespaceWorkItemsResponseSchema = z.object({
  namespace: WorkItemListRootSchema,
  group: WorkItemListRootSchema,
  project: WorkItemListRootSchema,
});
export type NamespaceWorkItemsResponse = z.infer<typeof NamespaceWorkItemsResponseSchema>;

/** The root a list answer holds; null when GitLab found no such namespace (or hid it). */
export function listRootOf(data: NamespaceWorkItemsResponse) {
  return data.namespace ?? data.group ?? data.project ?? null;
}

const MilestoneListRootSchema = z
  .object({ id: z.string().optional(), milestones: nodesOf(MilestoneSchema).nullable() })
  .nullable()
  .optional();

/** A page of a group's or a project's milestones (`GroupMilestonesQuery`, `ProjectMilestonesQuery`). */
export const ScopeMilestonesResponseSchema = z.object({
  group: MilestoneListRootSchema,
  project: MilestoneListRootSchema,
});
export type ScopeMilestonesResponse = z.infer<typeof ScopeMilestonesResponseSchema>;

export const WorkItemTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  widgetDefinitions: z
    .array(
      z.looseObject({
        type: z.string(),
        allowedChildTypes: nodesOf(z.object({ id: z.string(), name: z.string() }))
          .nullable()
          .optional(),
        allowedParentTypes: nodesOf(z.object({ id: z.string(), name: z.string() }))
          .nullable()
          .optional(),
      }),
    )
    .nullable()
    .optional(),
});
export type WorkItemType = z.infer<typeof WorkItemTypeSchema>;

const WorkItemTypesRootSchema = z
  .object({ id: z.string().optional(), workItemTypes: nodesOf(WorkItemTypeSchema).nullable() })
  .nullable()
  .optional();

/** Work item types of a `namespace` (GitLab 17.2+) or, before, of a `project`. */
export const WorkItemTypesResponseSchema = z.object({
  namespace: WorkItemTypesRootSchema,
  project: WorkItemTypesRootSchema,
});
export type WorkItemTypesResponse = z.infer<typeof WorkItemTypesResponseSchema>;

export const FindChildResponseSchema = z.object({ workItem: WorkItemSchema.nullable() });
export type FindChildResponse = z.infer<typeof FindChildResponseSchema>;

export const WorkItemCreateResponseSchema = z.object({
  workItemCreate: z
    .object({ errors: z.array(z.string()), workItem: WorkItemSchema.nullable().optional() })
    .nullable(),
});
export type WorkItemCreateResponse = z.infer<typeof WorkItemCreateResponseSchema>;

export const WorkItemUpdateResponseSchema = z.object({
  workItemUpdate: z
    .object({ errors: z.array(z.string()), workItem: WorkItemSchema.nullable().optional() })
    .nullable(),
});
export type WorkItemUpdateResponse = z.infer<typeof WorkItemUpdateResponseSchema>;

export const CreateNoteResponseSchema = z.object({
  createNote: z
    .object({
      errors: z.array(z.string()),
      note: z
        .object({ id: z.string(), body: z.string(), createdAt: z.string() })
        .nullable()
        .optional(),
      quickActionsStatus: z
        .object({
          commandNames: z.array(z.string()).nullable().optional(),
          messages: z.array(z.string()).nullable().optional(),
          errorMessages: z.array(z.string()).nullable().optional(),
        })
        .nullable()
        .optional(),
    })
    .nullable(),
});
export type CreateNoteResponse = z.infer<typeof CreateNoteResponseSchema>;

export const DestroyNoteResponseSchema = z.object({
  destroyNote: z.object({ errors: z.array(z.string()) }).nullable(),
});

/** The envelope of every GraphQL response. */
export const GraphQLEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string(),
        extensions: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

// --- REST (snake_case, as GitLab sends it) ---------------------------------------------------

export const RestUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  state: z.string().optional(),
  web_url: z.string().optional(),
  avatar_url: z.string().nullable().optional(),
});
export type RestUser = z.infer<typeof RestUserSchema>;

export const RestTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.string()),
  expires_at: z.string().nullable(),
  active: z.boolean().optional(),
  revoked: z.boolean().optional(),
  user_id: z.number().optional(),
});
export type RestToken = z.infer<typeof RestTokenSchema>;

export const RestMilestoneSchema = z.object({
  id: z.number(),
  iid: z.number().optional(),
  title: z.string(),
  state: z.string(),
  start_date: z.string().nullable().optional(),
  due_date: z.string().nullable().optional(),
  web_url: z.string().optional(),
  project_id: z.number().optional(),
  group_id: z.number().optional(),
});
export type RestMilestone = z.infer<typeof RestMilestoneSchema>;

export const RestMemberSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  state: z.string().optional(),
  access_level: z.number().optional(),
  avatar_url: z.string().nullable().optional(),
  web_url: z.string().optional(),
});
export type RestMember = z.infer<typeof RestMemberSchema>;

/** A project as `GET /groups/:id/projects?simple=true` lists it. */
export const RestProjectSchema = z.object({
  id: z.number(),
  name: z.string(),
  path_with_namespace: z.string(),
  name_with_namespace: z.string().optional(),
  web_url: z.string().optional(),
  archived: z.boolean().optional(),
});
export type RestProject = z.infer<typeof RestProjectSchema>;
