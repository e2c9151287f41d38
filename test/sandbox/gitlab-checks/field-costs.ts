// What one field costs in GitLab's complexity score, given what its selection costs.
//
// GitLab replaces graphql-ruby's own connection scoring with its own rules
// (gitlab-org/gitlab app/graphql/types/base_field.rb, `complexity_for`, `field_complexity`,
// `field_resolver_complexity`, `connection_complexity_multiplier`):
// - a field with a fixed `complexity: N` costs N plus its selection;
// - a field backed by a resolver (app/graphql/resolvers/base_resolver.rb) costs its selection
//   + 1, + 1 when `sort` has a value, + 5 when `search` has one (defaults count: most work item
//   lists sort by `CREATED_DESC` unless told otherwise), + 1 when it calls Gitaly; a connection
//   then adds that much again × (the page it asks for, at most 100) × 1 %, nothing when it is
//   filtered by `iid`/`iids`; the total is cut to a whole number;
// - any other field costs 1 plus its selection.
// Which field is which is not in the schema, so the fields the sandbox serves are listed below
// with the GitLab file that says so. A connection not listed is scored as a resolver's, the
// costlier reading.
import { getNamedType, type FieldNode, type GraphQLField } from 'graphql';
import { argumentOf, isPresent, type ArgumentValue, type VariableValues } from './arguments';

/** GitLab's `default_max_page_size`. */
export const DEFAULT_MAX_PAGE_SIZE = 100;

export type FieldCostRule =
  /** `Types::BaseField#base_complexity`: 1 + selection. */
  | { kind: 'plain' }
  /** `complexity: N` on the field: N + selection. */
  | { kind: 'fixed'; cost: number }
  /** A `Resolvers::BaseResolver` subclass. */
  | {
      kind: 'resolver';
      /** `calls_gitaly!`: one more. */
      callsGitaly?: boolean;
      /** `calculate_ext_conn_complexity`: counted as a connection even when it is not one. */
      externalConnection?: boolean;
      /** `complexity_multiplier(args)`; BaseResolver's is 1 %, none when filtered by iid(s). */
      multiplier?: (args: ArgumentReader) => number;
    };

type ArgumentReader = (name: string) => ArgumentValue;

const RESOLVER = { kind: 'resolver' } as const;
const PLAIN = { kind: 'plain' } as const;
const FIXED_5 = { kind: 'fixed', cost: 5 } as const;

/**
 * `Types::...` field → rule, for the fields the sandbox serves (and a few more of GitLab's
 * that documents may select). Sources, all in gitlab-org/gitlab app/graphql:
 * - types/query_type.rb: namespace, project, group, workItem, queryComplexity and
 *   workItemsByReference (`Resolvers::WorkItemReferencesResolver`) have resolvers;
 * - types/namespace_type.rb, types/group_type.rb, types/project_type.rb: `workItem`
 *   (`Resolvers::Namespaces::WorkItemResolver`), `workItems`
 *   (`Resolvers::Namespaces::WorkItemsResolver`, `Resolvers::WorkItemsResolver`: `sort`
 *   defaults to `created_desc`), `workItemTypes` (`Resolvers::WorkItems::TypesResolver`);
 *   the group's `labels` (`Resolvers::GroupLabelsResolver`); `milestones`
 *   (`Resolvers::GroupMilestonesResolver`, `Resolvers::ProjectMilestonesResolver`, both
 *   `MilestonesResolver`s: `sort` defaults to `due_date_asc`, so it always counts);
 * - types/current_user_type.rb: `workItems` (`Resolvers::WorkItems::UserWorkItemsResolver`,
 *   `sort` defaults to `created_desc`);
 * - types/work_items/widgets/hierarchy_type.rb: `parent`, `children`, `ancestors` are
 *   `complexity: 5`;
 * - types/work_items/widgets/linked_items_type.rb: `linkedItems` is `complexity: 5`;
 * - types/work_items/widget_definitions/hierarchy_type.rb: `allowedChildTypes`,
 *   `allowedParentTypes` are `complexity: 5`;
 * - types/work_items/widgets/labels_type.rb: `labels` (`Resolvers::BulkLabelsResolver`);
 * - types/work_items/widgets/assignees_type.rb: `assignees` has no resolver;
 * - types/work_items/widgets/notes_type.rb: `discussions`
 *   (`Resolvers::WorkItems::WorkItemDiscussionsResolver`: `calls_gitaly!`,
 *   `calculate_ext_conn_complexity`, multiplier 5 %, `sort` defaults to `CREATED_ASC`);
 *   `notes` takes exactly the arguments of `Resolvers::Noteable::NotesResolver` (`filter`,
 *   default `ALL_NOTES`), scored as that resolver;
 * - types/notes/discussion_type.rb: `Discussion.notes` has no resolver;
 * - lib/gitlab/graphql/markdown_field.rb: `markdown_field`s (`…Html`) are `complexity: 5`.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCostRule>> = {
  'Query.namespace': RESOLVER,
  'Query.project': RESOLVER,
  'Query.group': RESOLVER,
  'Query.workItem': RESOLVER,
  'Query.queryComplexity': RESOLVER,
  'Query.workItemsByReference': RESOLVER,
  'Namespace.workItem': RESOLVER,
  'Namespace.workItems': RESOLVER,
  'Namespace.workItemTypes': RESOLVER,
  'Group.workItem': RESOLVER,
  'Group.workItems': RESOLVER,
  'Group.workItemTypes': RESOLVER,
  // ee/app/graphql/ee/types/group_type.rb: `custom_fields` (`Resolvers::Issuables::CustomFieldsResolver`).
  'Group.customFields': RESOLVER,
  'Group.labels': RESOLVER,
  'Group.milestones': RESOLVER,
  'Project.milestones': RESOLVER,
  'Project.workItems': RESOLVER,
  'Project.workItemTypes': RESOLVER,
  'CurrentUser.workItems': RESOLVER,
  'WorkItemWidgetHierarchy.parent': FIXED_5,
  'WorkItemWidgetHierarchy.children': FIXED_5,
  'WorkItemWidgetHierarchy.ancestors': FIXED_5,
  'WorkItemWidgetLinkedItems.linkedItems': FIXED_5,
  'WorkItemWidgetDefinitionHierarchy.allowedChildTypes': FIXED_5,
  'WorkItemWidgetDefinitionHierarchy.allowedParentTypes': FIXED_5,
  'WorkItemWidgetLabels.labels': RESOLVER,
  'WorkItemWidgetAssignees.assignees': PLAIN,
  'WorkItemWidgetNotes.discussions': {
    kind: 'resolver',
    callsGitaly: true,
    externalConnection: true,
    multiplier: () => 0.05,
  },
  'WorkItemWidgetNotes.notes': RESOLVER,
  'Discussion.notes': PLAIN,
  'WorkItem.titleHtml': FIXED_5,
  'WorkItem.descriptionHtml': FIXED_5,
  'WorkItemWidgetDescription.descriptionHtml': FIXED_5,
  'Note.bodyHtml': FIXED_5,
};

/** graphql-ruby's `connection?`: the field returns a `…Connection` type. */
export function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

export function costRuleOf(
  ownerName: string,
  field: GraphQLField<unknown, unknown>,
): FieldCostRule {
  const listed = FIELD_COSTS[`${ownerName}.${field.name}`];
  if (listed) return listed;
  return isConnectionField(field) ? RESOLVER : PLAIN;
}

/** BaseResolver's `complexity_multiplier`: 1 % an item, none when filtered by iid or iids. */
function baseMultiplier(args: ArgumentReader): number {
  const byIid = [isPresent(args('iid')), isPresent(args('iids'))];
  return byIid.includes(true) ? 0 : 0.01;
}

/** `[args[:first], args[:last], page_size].compact.min`; an unknown page asks for the most. */
function pageLimit(args: ArgumentReader): number {
  const sizes = [args('first'), args('last')].flatMap((value) =>
    value.kind === 'value' && typeof value.value === 'number' ? [value.value] : [],
  );
  return Math.min(...sizes, DEFAULT_MAX_PAGE_SIZE);
}

/**
 * What a field costs with its selection costing `childComplexity` (GitLab's `complexity_for`).
 * `node` is the first of the merged selections of the field, whose arguments GitLab reads.
 */
export function fieldCost(
  ownerName: string,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  childComplexity: number,
  vars: VariableValues,
): number {
  if (field.name.startsWith('__')) return 1 + childComplexity; // graphql-ruby's own fields
  const rule = costRuleOf(ownerName, field);
  if (rule.kind === 'plain') return 1 + childComplexity;
  if (rule.kind === 'fixed') return rule.cost + childComplexity;

  const args: ArgumentReader = (name) => argumentOf(field, node, name, vars);
  // An unknown value counts as given: the costlier reading.
  let complexity = childComplexity + 1;
  if (isPresent(args('sort')) !== false) complexity += 1;
  if (isPresent(args('search')) !== false) complexity += 5;
  if (rule.callsGitaly) complexity += 1;
  if (isConnectionField(field) || rule.externalConnection) {
    const multiplier = pageLimit(args) * (rule.multiplier ?? baseMultiplier)(args);
    complexity += complexity * multiplier;
  }
  return Math.trunc(complexity);
}
