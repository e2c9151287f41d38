// GitLab's complexity limit: what a query is estimated to cost before it runs.
//
// Follows gitlab-org/gitlab vendor/gems/graphql/lib/graphql/analysis/query_complexity.rb and
// max_query_complexity.rb (the scoring of merged selections), with GitLab's per-field costs
// (./field-costs.ts); the limits are app/graphql/gitlab_schema.rb's.
// - Selections of the same field (same response key, on the same type, inside the same merged
//   parent) merge into one and are counted once.
// - On an abstract type (the `widgets` interface), each possible concrete type is scored with
//   every selection that applies to it, and the most expensive one counts.
// - Fields left out by `@skip`/`@include` cost nothing; `__typename` costs 1.
import {
  isAbstractType,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { VariableValues } from './arguments';
import { fieldCost } from './field-costs';
import type { FieldAnalyzer, FieldVisit } from './visitor';

export const AUTHENTICATED_MAX_COMPLEXITY = 250;
export const ANONYMOUS_MAX_COMPLEXITY = 200;

export function complexityMessage(complexity: number, maxComplexity: number): string {
  return `Query has complexity of ${complexity}, which exceeds max complexity of ${maxComplexity}`;
}

/** graphql-ruby's `ScopedTypeComplexity`: one merged field and its selections by type. */
class Scope {
  readonly nodes: FieldNode[] = [];
  readonly byType = new Map<GraphQLCompositeType, Map<string, Scope>>();
  constructor(
    readonly ownerType: GraphQLCompositeType | null,
    readonly field: GraphQLField<unknown, unknown> | null,
  ) {}
}

export class ComplexityAnalyzer implements FieldAnalyzer {
  private readonly root = new Scope(null, null);
  private readonly stack: Scope[] = [this.root];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly vars: VariableValues,
  ) {}

  enterField(visit: FieldVisit): void {
    if (visit.skipping || !visit.parentType) return;
    const parent = this.stack.at(-1) as Scope;
    const key = visit.node.alias?.value ?? visit.node.name.value;
    let selections = parent.byType.get(visit.parentType);
    if (!selections) parent.byType.set(visit.parentType, (selections = new Map()));
    let scope = selections.get(key);
    if (!scope) selections.set(key, (scope = new Scope(visit.parentType, visit.definition)));
    scope.nodes.push(visit.node);
    this.stack.push(scope);
  }

  leaveField(visit: FieldVisit): void {
    if (visit.skipping || !visit.parentType) return;
    this.stack.pop();
  }

  /** The query's complexity (`max_possible_complexity`). */
  complexity(): number {
    return this.maxForScopes([this.root]);
  }

  error(maxComplexity: number): string | null {
    const complexity = this.complexity();
    return complexity > maxComplexity ? complexityMessage(complexity, maxComplexity) : null;
  }

  private possibleTypes(type: GraphQLCompositeType): readonly GraphQLCompositeType[] {
    return isAbstractType(type) ? this.schema.getPossibleTypes(type) : [type];
  }

  private intersect(a: GraphQLCompositeType, b: GraphQLCompositeType): boolean {
    if (a === b) return true;
    const ofA = this.possibleTypes(a);
    return this.possibleTypes(b).some((type) => ofA.includes(type));
  }

  /** `merged_max_complexity_for_scopes`: the costliest concrete type the scopes may be. */
  private maxForScopes(scopes: readonly Scope[]): number {
    const concrete = new Set<GraphQLCompositeType>();
    for (const scope of scopes)
      for (const type of scope.byType.keys())
        for (const possible of this.possibleTypes(type)) concrete.add(possible);
    let max = 0;
    for (const type of concrete) {
      const selections = scopes.flatMap((scope) =>
        [...scope.byType].flatMap(([scopeType, fields]) =>
          this.intersect(scopeType, type) ? [fields] : [],
        ),
      );
      max = Math.max(max, this.mergedCost(selections));
    }
    return max;
  }

  /** `merged_max_complexity`: every response key once, its merged selections scored together. */
  private mergedCost(selections: ReadonlyArray<ReadonlyMap<string, Scope>>): number {
    const keys = new Set(selections.flatMap((fields) => [...fields.keys()]));
    let total = 0;
    for (const key of keys) {
      let cost = 0;
      const composite: Scope[] = [];
      for (const fields of selections) {
        const child = fields.get(key);
        if (!child) continue;
        if (child.byType.size === 0) cost = this.ownCost(child, 0);
        else composite.push(child);
      }
      // graphql-ruby takes the last composite selection as representative.
      const last = composite.at(-1);
      if (last) cost = this.ownCost(last, this.maxForScopes(composite));
      total += cost;
    }
    return total;
  }

  private ownCost(scope: Scope, childComplexity: number): number {
    const node = scope.nodes[0];
    if (!scope.field || !scope.ownerType || !node) return childComplexity;
    return fieldCost(scope.ownerType.name, scope.field, node, childComplexity, this.vars);
  }
}
