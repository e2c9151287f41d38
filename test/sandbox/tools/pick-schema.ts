// Writes test/sandbox/schema.graphql: the subset of GitLab's real schema the sandbox serves,
// copied field by field from ../shared/gitlab-schema/gitlab.graphql so no name or type is guessed.
// GitLab's "Introduced in GitLab X.Y" notes come along as descriptions, so the sandbox's version
// profiles (test/sandbox/versions/) can leave out what a GitLab version did not have yet.
// Also writes test/sandbox/versions/gitlab-names.json: every field and argument name of the picked
// types in GitLab's full schema, with its note, which graphql-ruby's "Did you mean" suggestions
// are spelled against (they name fields the sandbox does not serve too).
// Run: npx tsx test/sandbox/tools/pick-schema.ts && npx prettier --write test/sandbox/schema.graphql test/sandbox/versions/gitlab-names.json
// (then review the diff; the output is committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isNonNullType,
  astFromValue,
  print,
  type GraphQLArgument,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** `milestones` on a project or group, with every argument GitLab's schema gives it there. */
function milestonesArgs(hierarchy: string): string {
  return `milestones(${hierarchy}, ids, state, title, searchTitle, containingDate, timeframe, sort, after, before, first, last)`;
}

/**
 * The picked types. A field written `name(a, b)` keeps only the arguments `a` and `b`
 * (required arguments must be kept); `name` alone keeps all of its arguments.
 * Enums keep all their values; scalars are listed with an empty array.
 */
const PICK: Record<string, string[]> = {
  Query: [
    'currentUser',
    'group',
    'metadata',
    'namespace',
    'project',
    'queryComplexity',
    'workItem',
    'workItemsByReference',
  ],
  Mutation: ['createNote', 'destroyNote', 'workItemCreate', 'workItemUpdate'],
  QueryComplexity: ['limit', 'score'],
  Metadata: ['enterprise', 'kas', 'revision', 'version'],
  Kas: ['enabled', 'externalK8sProxyUrl', 'externalUrl', 'version'],

  Namespace: [
    'id',
    'fullPath',
    'fullName',
    'name',
    'path',
    'visibility',
    'webUrl',
    'workItem',
    'workItemTypes',
    workItemsArgs('workItems', ['includeDescendants']),
  ],
  Project: [
    'id',
    'fullPath',
    'name',
    'nameWithNamespace',
    'path',
    'webUrl',
    'group',
    'namespace',
    'workItemTypes',
    workItemsArgs('workItems'),
    milestonesArgs('includeAncestors'),
  ],
  Group: [
    'id',
    'fullPath',
    'fullName',
    'name',
    'path',
    'webUrl',
    'parent',
    'customFields',
    'workItem',
    'workItemTypes',
    workItemsArgs('workItems', ['includeDescendants']),
    'labels(title, searchTerm, searchIn, includeAncestorGroups, includeDescendantGroups, onlyGroupLabels, after, before, first, last)',
    milestonesArgs('includeAncestors, includeDescendants'),
  ],

  CurrentUser: [
    'id',
    'username',
    'name',
    'avatarUrl',
    'publicEmail',
    'state',
    'webUrl',
    'webPath',
    workItemsArgs('workItems'),
  ],
  UserCore: ['id', 'username', 'name', 'bot', 'avatarUrl', 'state', 'webUrl', 'webPath'],
  UserCoreConnection: ['count', 'edges', 'nodes', 'pageInfo'],
  UserCoreEdge: ['cursor', 'node'],
  PageInfo: ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor'],

  WorkItem: [
    'id',
    'iid',
    'title',
    'state',
    'reference',
    'webUrl',
    'webPath',
    'createdAt',
    'updatedAt',
    'closedAt',
    'confidential',
    'description',
    'author',
    'lockVersion',
    'workItemType',
    'namespace',
    'project',
    'widgets',
  ],
  WorkItemConnection: ['count', 'edges', 'nodes', 'pageInfo'],
  WorkItemEdge: ['cursor', 'node'],
  WorkItemType: ['id', 'name', 'iconName', 'widgetDefinitions'],
  WorkItemTypeConnection: ['edges', 'nodes', 'pageInfo'],
  WorkItemTypeEdge: ['cursor', 'node'],

  WorkItemWidgetDefinition: ['type'],
  WorkItemWidgetDefinitionGeneric: ['type'],
  WorkItemWidgetDefinitionHierarchy: ['type', 'allowedChildTypes', 'allowedParentTypes'],

  WorkItemWidget: ['type'],
  WorkItemWidgetAssignees: ['type', 'allowsMultipleAssignees', 'assignees'],
  WorkItemWidgetDescription: [
    'type',
    'description',
    'edited',
    'lastEditedAt',
    'taskCompletionStatus',
  ],
  WorkItemWidgetHealthStatus: ['type', 'healthStatus', 'rolledUpHealthStatus'],
  WorkItemWidgetHierarchy: [
    'type',
    'rolledUpCountsByType',
    'parent',
    'ancestors',
    'children',
    'hasChildren',
    'hasParent',
    'depthLimitReachedByType',
  ],
  WorkItemWidgetLabels: ['type', 'labels'],
  WorkItemWidgetLinkedItems: ['type', 'linkedItems'],
  WorkItemWidgetMilestone: ['type', 'milestone'],
  WorkItemWidgetNotes: ['type', 'discussions', 'notes'],
  WorkItemWidgetProgress: [
    'type',
    'progress',
    'startValue',
    'currentValue',
    'endValue',
    'updatedAt',
  ],
  WorkItemWidgetStartAndDueDate: ['type', 'startDate', 'dueDate', 'isFixed', 'rollUp'],
  WorkItemWidgetWeight: [
    'type',
    'weight',
    'rolledUpWeight',
    'rolledUpCompletedWeight',
    'widgetDefinition',
  ],
  WorkItemWidgetDefinitionWeight: ['type', 'editable', 'rollUp'],
  WorkItemTypeCountsByState: ['countsByState', 'workItemType'],
  WorkItemStateCountsType: ['all', 'closed', 'opened'],
  NegatedWorkItemFilterInput: ['labelName', 'types', 'workItemTypeIds'],
  WorkItemWidgetCustomFields: ['type', 'customFieldValues'],
  WorkItemWidgetDefinitionCustomFields: ['type'],
  WorkItemCustomFieldValue: ['customField'],
  WorkItemNumberFieldValue: ['customField', 'value'],
  WorkItemTextFieldValue: ['customField', 'value'],
  CustomField: [
    'id',
    'name',
    'fieldType',
    'active',
    'createdAt',
    'updatedAt',
    'createdBy',
    'updatedBy',
    'selectOptions',
    'workItemTypes',
  ],
  CustomFieldSelectOption: ['id', 'value'],
  CustomFieldConnection: ['count', 'edges', 'nodes', 'pageInfo'],
  CustomFieldEdge: ['cursor', 'node'],
  CustomFieldType: [],
  IssuablesCustomFieldID: [],
  IssuablesCustomFieldSelectOptionID: [],
  WorkItemWidgetCustomFieldValueInputType: ['customFieldId', 'numberValue', 'textValue'],
  UnionedWorkItemFilterInput: ['labelNames'],

  WorkItemWidgetHealthStatusCount: ['count', 'healthStatus'],
  WorkItemTypeDepthLimitReachedByType: ['depthLimitReached', 'workItemType'],
  TaskCompletionStatus: ['count', 'completedCount'],
  Milestone: [
    'id',
    'iid',
    'title',
    'description',
    'state',
    'startDate',
    'dueDate',
    'expired',
    'upcoming',
    'webPath',
    'createdAt',
    'updatedAt',
  ],
  MilestoneConnection: ['edges', 'nodes', 'pageInfo'],
  MilestoneEdge: ['cursor', 'node'],
  Timeframe: ['start', 'end'],
  Label: ['id', 'title', 'color', 'textColor', 'description'],
  LabelConnection: ['count', 'edges', 'nodes', 'pageInfo'],
  LabelEdge: ['cursor', 'node'],
  Discussion: ['id', 'createdAt', 'notes'],
  DiscussionConnection: ['edges', 'nodes', 'pageInfo'],
  DiscussionEdge: ['cursor', 'node'],
  Note: [
    'id',
    'body',
    'author',
    'createdAt',
    'updatedAt',
    'system',
    'systemNoteIconName',
    'internal',
    'url',
  ],
  NoteConnection: ['count', 'edges', 'nodes', 'pageInfo'],
  NoteEdge: ['cursor', 'node'],
  LinkedWorkItemType: [
    'linkCreatedAt',
    'linkId',
    'linkType',
    'linkUpdatedAt',
    'workItem',
    'workItemState',
  ],
  LinkedWorkItemTypeConnection: ['edges', 'nodes', 'pageInfo'],
  LinkedWorkItemTypeEdge: ['cursor', 'node'],

  WorkItemCreateInput: [
    'clientMutationId',
    'namespacePath',
    'title',
    'workItemTypeId',
    'confidential',
    'assigneesWidget',
    'descriptionWidget',
    'healthStatusWidget',
    'hierarchyWidget',
    'labelsWidget',
    'milestoneWidget',
    'startAndDueDateWidget',
    'weightWidget',
    'customFieldsWidget',
  ],
  WorkItemCreatePayload: ['clientMutationId', 'errors', 'workItem'],
  WorkItemUpdateInput: [
    'clientMutationId',
    'id',
    'title',
    'confidential',
    'stateEvent',
    'assigneesWidget',
    'descriptionWidget',
    'healthStatusWidget',
    'hierarchyWidget',
    'labelsWidget',
    'milestoneWidget',
    'progressWidget',
    'startAndDueDateWidget',
    'weightWidget',
    'customFieldsWidget',
  ],
  WorkItemUpdatePayload: ['clientMutationId', 'errors', 'workItem'],
  CreateNoteInput: ['clientMutationId', 'noteableId', 'body', 'internal', 'discussionId'],
  CreateNotePayload: ['clientMutationId', 'errors', 'note', 'quickActionsStatus'],
  DestroyNoteInput: ['clientMutationId', 'id'],
  DestroyNotePayload: ['clientMutationId', 'errors', 'note', 'quickActionsStatus'],
  QuickActionsStatus: ['commandNames', 'commandsOnly', 'errorMessages', 'messages'],
  WorkItemWidgetAssigneesInput: ['assigneeIds'],
  WorkItemWidgetDescriptionInput: ['description'],
  WorkItemWidgetHealthStatusInput: ['healthStatus'],
  WorkItemWidgetHierarchyCreateInput: ['parentId'],
  WorkItemWidgetHierarchyUpdateInput: ['parentId', 'childrenIds'],
  WorkItemWidgetLabelsCreateInput: ['labelIds'],
  WorkItemWidgetLabelsUpdateInput: ['addLabelIds', 'removeLabelIds'],
  WorkItemWidgetMilestoneInput: ['milestoneId'],
  WorkItemWidgetProgressInput: ['currentValue', 'startValue', 'endValue'],
  WorkItemWidgetStartAndDueDateUpdateInput: ['startDate', 'dueDate', 'isFixed'],
  WorkItemWidgetWeightInput: ['weight'],

  HealthStatus: [],
  IssuableState: [],
  IssueType: [],
  MilestoneSort: [],
  MilestoneStateEnum: [],
  NotesFilterType: [],
  UserState: [],
  WorkItemDiscussionsSort: [],
  WorkItemRelatedLinkType: [],
  WorkItemSort: [],
  WorkItemState: [],
  WorkItemStateEvent: [],
  WorkItemWidgetType: [],

  Date: [],
  DiscussionID: [],
  LabelID: [],
  LabelSearchFieldList: [],
  MilestoneID: [],
  NoteID: [],
  NoteableID: [],
  Time: [],
  UserID: [],
  WorkItemID: [],
  WorkItemsRelatedWorkItemLinkID: [],
  WorkItemsTypeID: [],
};

/** The `workItems` filters the sandbox implements (GitLab has many more). */
function workItemsArgs(field: string, extra: string[] = []): string {
  const args = [
    'iids',
    'types',
    'workItemTypeIds',
    'state',
    'assigneeUsernames',
    'milestoneTitle',
    'labelName',
    'search',
    'confidential',
    'sort',
    'not',
    'or',
  ];
  return `${field}(${[...args, ...extra, 'after', 'before', 'first', 'last'].join(', ')})`;
}

const BUILT_IN = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

/** "Introduced in GitLab X.Y" in a description or a deprecation reason; null when there is none. */
function introducedIn(member: {
  description?: string | null;
  deprecationReason?: string | null;
}): string | null {
  const text = `${member.description ?? ''} ${member.deprecationReason ?? ''}`;
  return /Introduced in GitLab (\d+\.\d+)/.exec(text)?.[1] ?? null;
}

/** The note carried into schema.graphql, as a description line before the member. */
function note(member: Parameters<typeof introducedIn>[0], indent: string): string {
  const version = introducedIn(member);
  return version ? `${indent}"Introduced in GitLab ${version}."\n` : '';
}

function printArgument(arg: GraphQLArgument): string {
  const defaultValue =
    arg.defaultValue === undefined ? undefined : astFromValue(arg.defaultValue, arg.type);
  const version = introducedIn(arg);
  const description = version ? `"Introduced in GitLab ${version}." ` : '';
  return `${description}${arg.name}: ${String(arg.type)}${defaultValue ? ` = ${print(defaultValue)}` : ''}`;
}

function parseFieldSpec(spec: string): { name: string; args: string[] | null } {
  const match = /^(\w+)(?:\(([^)]*)\))?$/.exec(spec);
  if (!match?.[1]) throw new Error(`Bad field spec: ${spec}`);
  return {
    name: match[1],
    args: match[2] === undefined ? null : match[2].split(',').map((a) => a.trim()),
  };
}

function typeBlock(gitlab: GraphQLSchema, typeName: string, specs: string[]): string {
  const type = gitlab.getType(typeName);
  if (!type) throw new Error(`GitLab has no type ${typeName}`);
  const referenced = (name: string): void => {
    if (!BUILT_IN.has(name) && !(name in PICK))
      throw new Error(`${typeName} refers to ${name}, which is not picked`);
  };
  const typeNote = note(type, '');
  if (isScalarType(type)) return `${typeNote}scalar ${typeName}`;
  if (isEnumType(type))
    return `${typeNote}enum ${typeName} {\n${type
      .getValues()
      .map((v) => `${note(v, '  ')}  ${v.name}`)
      .join('\n')}\n}`;

  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) {
    throw new Error(`Unsupported kind for ${typeName}`);
  }
  const fields: Record<
    string,
    {
      type: GraphQLType;
      args?: readonly GraphQLArgument[];
      description?: string | null;
      deprecationReason?: string | null;
    }
  > = type.getFields();
  const lines = specs.map((spec) => {
    const { name, args: keptArgs } = parseFieldSpec(spec);
    const field = fields[name];
    if (!field) throw new Error(`GitLab's ${typeName} has no field ${name}`);
    referenced(getNamedType(field.type).name);
    const fieldNote = note(field, '  ');
    if (!field.args) return `${fieldNote}  ${name}: ${String(field.type)}`;
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (keptArgs && required && !keptArgs.includes(arg.name))
        throw new Error(`${typeName}.${name} needs ${arg.name}`);
    }
    const args = field.args.filter((arg) => !keptArgs || keptArgs.includes(arg.name));
    for (const arg of args) referenced(getNamedType(arg.type).name);
    if (keptArgs && args.length !== keptArgs.length)
      throw new Error(`${typeName}.${name}: unknown argument in ${spec}`);
    return `${fieldNote}  ${name}${args.length ? `(${args.map(printArgument).join(', ')})` : ''}: ${String(field.type)}`;
  });

  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required && !specs.includes(field.name))
        throw new Error(`${typeName} needs ${field.name}`);
    }
    return `${typeNote}input ${typeName} {\n${lines.join('\n')}\n}`;
  }
  if (isInterfaceType(type)) return `${typeNote}interface ${typeName} {\n${lines.join('\n')}\n}`;
  if (isObjectType(type)) {
    const interfaces = type.getInterfaces().filter((i) => i.name in PICK);
    const implementsClause = interfaces.length
      ? ` implements ${interfaces.map((i) => i.name).join(' & ')}`
      : '';
    return `${typeNote}type ${typeName}${implementsClause} {\n${lines.join('\n')}\n}`;
  }
  throw new Error(`Unsupported kind for ${typeName}`);
}

/**
 * The names graphql-ruby's "Did you mean" suggestions are spelled against, with GitLab's note
 * (null: no note, taken as older than every profile): every field of each picked object,
 * interface and input type, the arguments of each picked field, and the object and interface
 * type names (for fragment conditions).
 */
function namesDictionary(gitlab: GraphQLSchema) {
  const fields: Record<string, Record<string, string | null>> = {};
  const args: Record<string, Record<string, string | null>> = {};
  for (const [typeName, specs] of Object.entries(PICK)) {
    const type = gitlab.getType(typeName);
    if (!type || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)))
      continue;
    const all = type.getFields();
    fields[typeName] = Object.fromEntries(Object.values(all).map((f) => [f.name, introducedIn(f)]));
    if (isInputObjectType(type)) continue;
    for (const spec of specs) {
      const field = (all as Record<string, { args: readonly GraphQLArgument[] }>)[
        parseFieldSpec(spec).name
      ];
      if (field?.args.length)
        args[`${typeName}.${parseFieldSpec(spec).name}`] = Object.fromEntries(
          field.args.map((a) => [a.name, introducedIn(a)]),
        );
    }
  }
  const compositeTypes = Object.values(gitlab.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && (isObjectType(t) || isInterfaceType(t)))
    .map((t) => t.name)
    .sort();
  return { fields, args, compositeTypes };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const gitlab = buildSchema(
  readFileSync(`${here}/../../../../shared/gitlab-schema/gitlab.graphql`, 'utf8'),
);
const header = `# A subset of GitLab's GraphQL schema: the part the OKR Lens sandbox serves.
# Every type, field, argument and enum value is copied from GitLab's own schema
# (../shared/gitlab-schema/gitlab.graphql, GitLab 19.x) by test/sandbox/tools/pick-schema.ts;
# test/unit/sandbox/schema-conformance.test.ts checks it stays a faithful subset.
# A description "Introduced in GitLab X.Y." is GitLab's own note: profiles older than X.Y lack
# that member (test/sandbox/versions/profile-schema.ts).
# Note: GitLab's Project has no \`workItem(iid:)\`; read one item through \`namespace(fullPath:)\`.
`;
const blocks = Object.keys(PICK)
  .sort()
  .map((name) => typeBlock(gitlab, name, PICK[name] ?? []));
writeFileSync(`${here}/../schema.graphql`, `${header}\n${blocks.join('\n\n')}\n`);
writeFileSync(
  `${here}/../versions/gitlab-names.json`,
  `${JSON.stringify(namesDictionary(gitlab))}\n`,
);
console.log(`wrote ${blocks.length} types`);
