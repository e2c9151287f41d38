// GitLab's depth limit: how many fields deep a query nests, fragments expanded.
//
// Follows gitlab-org/gitlab vendor/gems/graphql/lib/graphql/analysis/query_depth.rb and
// max_query_depth.rb: every field counts (leaves and `__typename` too, introspection included,
// as GitLab keeps graphql-ruby's default), fields left out by `@skip`/`@include` do not; the
// limits are app/graphql/gitlab_schema.rb's AUTHENTICATED_MAX_DEPTH and DEFAULT_MAX_DEPTH.
import type { FieldAnalyzer, FieldVisit } from './visitor';

export const AUTHENTICATED_MAX_DEPTH = 20;
export const ANONYMOUS_MAX_DEPTH = 15;

export function depthMessage(depth: number, maxDepth: number): string {
  return `Query has depth of ${depth}, which exceeds max depth of ${maxDepth}`;
}

export class DepthAnalyzer implements FieldAnalyzer {
  private current = 0;
  /** The deepest nesting seen. */
  depth = 0;

  enterField(visit: FieldVisit): void {
    if (visit.skipping) return;
    this.current += 1;
  }

  leaveField(visit: FieldVisit): void {
    if (visit.skipping) return;
    this.depth = Math.max(this.depth, this.current);
    this.current -= 1;
  }

  error(maxDepth: number): string | null {
    return this.depth > maxDepth ? depthMessage(this.depth, maxDepth) : null;
  }
}
