// Walks the fields of one operation the way GitLab's query analysis does, so every check sees
// the same fields in the same order as GitLab's analyzers.
//
// Follows graphql-ruby's analysis visitor as GitLab vendors it
// (gitlab-org/gitlab vendor/gems/graphql/lib/graphql/analysis/visitor.rb):
// - only the selected operation is visited; fragment definitions are never visited on their
//   own, only inline where they are spread (`enter_fragment_spread_inline`);
// - a field, inline fragment or spread whose `@skip`/`@include` leaves it out marks itself and
//   everything below it as "skipping" (`@skip_stack`); analyzers decide what that means;
// - the type a field is selected on (`parent_type_definition`) is the innermost fragment type
//   condition or the enclosing field's type.
import {
  getNamedType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { type VariableValues, valueOfArgumentNode } from './arguments';

/** One field as an analyzer sees it on entering and leaving. */
export interface FieldVisit {
  node: FieldNode;
  /** The type the field is selected on (graphql-ruby's `parent_type_definition`). */
  parentType: GraphQLCompositeType | null;
  /** Its definition on that type; null when the type lacks it (only in invalid queries). */
  definition: GraphQLField<unknown, unknown> | null;
  /** True when a `@skip`/`@include` on it or above it leaves it out. */
  skipping: boolean;
}

/** A GitLab analyzer's two hooks (`on_enter_field`, `on_leave_field`). */
export interface FieldAnalyzer {
  enterField(visit: FieldVisit): void;
  leaveField(visit: FieldVisit): void;
}

/** A parsed, valid query with the operation GitLab would run. */
export interface PreparedQuery {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: VariableValues;
}

function fieldDefinition(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType | null,
  name: string,
): GraphQLField<unknown, unknown> | null {
  if (!parentType) return null;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (!('getFields' in parentType)) return null; // a union selects only __typename
  return parentType.getFields()[name] ?? null;
}

/**
 * graphql-ruby's `DirectiveChecks.include?`: left out when `@skip(if: true)` or
 * `@include(if: false)`. A variable whose value is not known counts as including the node,
 * the costlier reading.
 */
function leftOut(directives: readonly DirectiveNode[] | undefined, vars: VariableValues): boolean {
  for (const directive of directives ?? []) {
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
    if (!condition) continue;
    const value = valueOfArgumentNode(condition.value, vars);
    if (value.kind !== 'value') continue;
    if (directive.name.value === 'skip' && value.value === true) return true;
    if (directive.name.value === 'include' && value.value === false) return true;
  }
  return false;
}

/** Visits every field of the operation, fragments expanded where they are spread. */
export function visitOperation(query: PreparedQuery, analyzers: readonly FieldAnalyzer[]): void {
  const { schema, operation, fragments, variables } = query;

  function walk(
    selectionSet: SelectionSetNode,
    scopeType: GraphQLCompositeType | null,
    skippingAbove: boolean,
  ): void {
    for (const selection of selectionSet.selections) {
      const skipping = skippingAbove || leftOut(selection.directives, variables);
      if (selection.kind === Kind.FIELD) {
        const definition = fieldDefinition(schema, scopeType, selection.name.value);
        const visit: FieldVisit = { node: selection, parentType: scopeType, definition, skipping };
        for (const analyzer of analyzers) analyzer.enterField(visit);
        if (selection.selectionSet) {
          const named = definition ? getNamedType(definition.type) : null;
          walk(selection.selectionSet, isCompositeType(named) ? named : null, skipping);
        }
        for (const analyzer of analyzers) analyzer.leaveField(visit);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : scopeType;
        walk(selection.selectionSet, isCompositeType(condition) ? condition : null, skipping);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        walk(fragment.selectionSet, isCompositeType(condition) ? condition : null, skipping);
      }
    }
  }

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  walk(operation.selectionSet, root ?? null, false);
}
