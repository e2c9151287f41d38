// GitLab's query size limit, checked before anything else is done with a request.
//
// Follows gitlab-org/gitlab app/controllers/graphql_controller.rb (`limit_query_size`,
// `MAX_QUERY_SIZE`): the query text may hold at most 10,000 characters; for a multiplexed
// request (a JSON array, `_json`) the texts of all its queries together. Ruby's `String#size`
// counts characters, not UTF-16 units. A larger request is answered HTTP 422 with
// `{"errors":[{"message":"Query too large"}]}` (a `Gitlab::Graphql::Errors::ArgumentError`,
// `render_error`), and none of its queries runs.

export const MAX_QUERY_SIZE = 10_000;
export const QUERY_TOO_LARGE = 'Query too large';

/** The size GitLab measures: characters (Unicode code points). */
export function querySize(text: string): number {
  let size = 0;
  for (const _character of text) size += 1;
  return size;
}

/** True when GitLab refuses the request's query texts, taken together, as too large. */
export function isTooLarge(queryTexts: readonly string[], maxSize = MAX_QUERY_SIZE): boolean {
  return queryTexts.reduce((sum, text) => sum + querySize(text), 0) > maxSize;
}
