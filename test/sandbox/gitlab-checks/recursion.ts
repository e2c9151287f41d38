// GitLab's recursion check: along one branch of a query, a field that has a sub-selection may
// appear at most twice.
//
// Follows gitlab-org/gitlab lib/gitlab/graphql/query_analyzers/ast/recursion_analyzer.rb:
// - each field name is counted on entering (+1) and leaving (−1), so the count is how often
//   the name occurs on the current branch, fragments expanded (the visitor inlines them);
// - only fields with a sub-selection count, except that GitLab's `skip_node?` returns early
//   with "count it" when the visitor is skipping (its comment says the opposite; the code is
//   what runs): under a `@skip`/`@include` that leaves them out, every field counts;
// - `node`, `edges`, `nodes` and `ofType` are never reported; the threshold is 2;
// - a field is recorded with its count each time it is entered above the threshold (a later
//   count overwrites an earlier one, even a lower one; the first time fixes its place in the
//   hash GitLab prints).
import type { FieldAnalyzer, FieldVisit } from './visitor';

export const RECURSION_THRESHOLD = 2;
const IGNORED_FIELDS = new Set(['node', 'edges', 'nodes', 'ofType']);

function counted(visit: FieldVisit): boolean {
  if (visit.skipping) return true;
  return (visit.node.selectionSet?.selections.length ?? 0) > 0;
}

/** Ruby's `Hash#inspect` of `{ "name" => count }` (Ruby 3.3, as GitLab runs it). */
function rubyHashInspect(entries: ReadonlyArray<readonly [string, number]>): string {
  return `{${entries.map(([name, count]) => `${JSON.stringify(name)}=>${count}`).join(', ')}}`;
}

/**
 * GitLab's words, byte for byte: the message is a squiggly heredoc, so it keeps its line break
 * after "detected", the stray `")` and a final newline.
 */
export function recursionMessage(fields: ReadonlyArray<readonly [string, number]>): string {
  return (
    `Recursive query - too many of fields '${rubyHashInspect(fields)}' detected\n` +
    'in single branch of the query")\n'
  );
}

export class RecursionAnalyzer implements FieldAnalyzer {
  private readonly visits = new Map<string, number>();
  private readonly recurring = new Map<string, number>();
  /** The highest count any reported field reached on one branch, and which field. */
  highest: { count: number; field: string | null } = { count: 0, field: null };

  constructor(private readonly threshold = RECURSION_THRESHOLD) {}

  enterField(visit: FieldVisit): void {
    if (!counted(visit)) return;
    const name = visit.node.name.value;
    const times = (this.visits.get(name) ?? 0) + 1;
    this.visits.set(name, times);
    if (IGNORED_FIELDS.has(name)) return;
    if (times > this.highest.count) this.highest = { count: times, field: name };
    if (times > this.threshold) this.recurring.set(name, times);
  }

  leaveField(visit: FieldVisit): void {
    if (!counted(visit)) return;
    const name = visit.node.name.value;
    this.visits.set(name, (this.visits.get(name) ?? 0) - 1);
  }

  /** GitLab's error, or null when no branch repeats a field too often. */
  error(): string | null {
    const fields = [...this.recurring].filter(([, times]) => times > this.threshold);
    return fields.length ? recursionMessage(fields) : null;
  }
}
