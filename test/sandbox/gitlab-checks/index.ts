// What GitLab refuses before running a query, and in which words: the sandbox's
// `POST /api/graphql` and the document tests ask here, so both follow GitLab alike.
//
// The order follows GitLab (gitlab-org/gitlab app/controllers/graphql_controller.rb,
// app/graphql/gitlab_schema.rb, vendor/gems/graphql/lib/graphql/analysis.rb and
// query/validation_pipeline.rb): the size of the request first (HTTP 422); then each query is
// parsed and validated, and only a valid one is analysed; its analyzers run in the schema's
// order, recursion, then depth, then complexity, and every one that fails is reported (HTTP
// 200, `{"errors":[{"message":…}]}`, no `data`). A multiplexed request (a JSON array) is also
// scored as a whole: when its valid queries together exceed the complexity limit, every one of
// its queries is refused with that error first.
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { unknownVariablesOf, type VariableValues } from './arguments';
import {
  ANONYMOUS_MAX_COMPLEXITY,
  AUTHENTICATED_MAX_COMPLEXITY,
  ComplexityAnalyzer,
  complexityMessage,
} from './complexity';
import { ANONYMOUS_MAX_DEPTH, AUTHENTICATED_MAX_DEPTH, DepthAnalyzer } from './depth';
import { RECURSION_THRESHOLD, RecursionAnalyzer } from './recursion';
import { isTooLarge, MAX_QUERY_SIZE, QUERY_TOO_LARGE } from './size';
import { visitOperation } from './visitor';

export { isTooLarge, MAX_QUERY_SIZE, QUERY_TOO_LARGE } from './size';

/** The limits GitLab applies to one caller. */
export interface GitLabLimits {
  maxDepth: number;
  maxComplexity: number;
  recursionThreshold: number;
  maxQuerySize: number;
}

/** GitLab's limits for a signed-in caller (a token) or an anonymous one. */
export function gitLabLimits(authenticated: boolean): GitLabLimits {
  return {
    maxDepth: authenticated ? AUTHENTICATED_MAX_DEPTH : ANONYMOUS_MAX_DEPTH,
    maxComplexity: authenticated ? AUTHENTICATED_MAX_COMPLEXITY : ANONYMOUS_MAX_COMPLEXITY,
    recursionThreshold: RECURSION_THRESHOLD,
    maxQuerySize: MAX_QUERY_SIZE,
  };
}

/** What GitLab's analyzers measured of one query. */
export interface GitLabQueryMeasures {
  complexity: number;
  depth: number;
  /** The most times one field (with a selection, not node/nodes/edges/ofType) is on a branch. */
  recursion: { count: number; field: string | null };
}

export interface GitLabAnalysis {
  /** GitLab's refusals, in its order; empty when the query may run. */
  errors: string[];
  measures: GitLabQueryMeasures;
}

export interface AnalysisOptions {
  limits: GitLabLimits;
  operationName?: string | null | undefined;
  /**
   * The request's variables. Absent: the document is checked on its own and every variable
   * is read the costlier way (a non-null one is given, a nullable `iids` is not, …).
   */
  variables?: Record<string, unknown> | undefined;
}

/**
 * GitLab's analysis of a parsed, valid document. Null when GitLab would not analyse it: no
 * operation to run, or variables it does not accept (GitLab reports those instead).
 */
export function analyzeGitLabQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: AnalysisOptions,
): GitLabAnalysis | null {
  const operation = getOperationAST(document, options.operationName ?? undefined);
  if (!operation) return null;
  let variables: VariableValues = unknownVariablesOf(operation);
  if (options.variables !== undefined) {
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      options.variables,
    );
    if (coerced.errors) return null;
    variables = { known: true, values: coerced.coerced };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);

  const recursion = new RecursionAnalyzer(options.limits.recursionThreshold);
  const depth = new DepthAnalyzer();
  const complexity = new ComplexityAnalyzer(schema, variables);
  visitOperation({ schema, operation, fragments, variables }, [recursion, depth, complexity]);

  const errors = [
    recursion.error(),
    depth.error(options.limits.maxDepth),
    complexity.error(options.limits.maxComplexity),
  ].filter((error): error is string => error !== null);
  return {
    errors,
    measures: {
      complexity: complexity.complexity(),
      depth: depth.depth,
      recursion: { ...recursion.highest },
    },
  };
}

export interface GitLabQueryCheck {
  /** GitLab's refusals of this query, in its order; empty when it would run. */
  errors: string[];
  /** Null when GitLab does not get as far as analysing it (too large, invalid). */
  measures: GitLabQueryMeasures | null;
  /** The HTTP status GitLab answers a refusal with. */
  status: 200 | 422;
}

export interface CheckOptions {
  authenticated: boolean;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | null | undefined;
  /** Overrides of GitLab's limits (the sandbox's fault switch). */
  limits?: Partial<GitLabLimits> | undefined;
}

function limitsOf(options: CheckOptions): GitLabLimits {
  return { ...gitLabLimits(options.authenticated), ...options.limits };
}

/**
 * GitLab's refusals of one query sent on its own. A query that does not parse or validate
 * gets no refusal here: GitLab answers with its parse or validation errors instead.
 */
export function checkGitLabQuery(
  schema: GraphQLSchema,
  queryText: string,
  options: CheckOptions,
): GitLabQueryCheck {
  const limits = limitsOf(options);
  if (isTooLarge([queryText], limits.maxQuerySize))
    return { errors: [QUERY_TOO_LARGE], measures: null, status: 422 };
  let document: DocumentNode;
  try {
    document = parse(queryText);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [], measures: null, status: 200 };
    throw error;
  }
  if (validate(schema, document).length > 0) return { errors: [], measures: null, status: 200 };
  const analysis = analyzeGitLabQuery(schema, document, { ...options, limits });
  return { errors: analysis?.errors ?? [], measures: analysis?.measures ?? null, status: 200 };
}

/**
 * The refusals of each query of a multiplexed request, given each one's analysis (null for a
 * query GitLab did not analyse): the whole request's complexity error first, then its own.
 */
export function multiplexRefusals(
  analyses: ReadonlyArray<GitLabAnalysis | null>,
  maxComplexity: number,
): string[][] {
  const total = analyses.reduce((sum, analysis) => sum + (analysis?.measures.complexity ?? 0), 0);
  const whole = total > maxComplexity ? [complexityMessage(total, maxComplexity)] : [];
  return analyses.map((analysis) => [...whole, ...(analysis?.errors ?? [])]);
}

/** GitLab's refusals of a multiplexed request (`[{ query, variables }, …]`). */
export function checkGitLabMultiplex(
  schema: GraphQLSchema,
  queries: ReadonlyArray<{ query: string; variables?: Record<string, unknown> }>,
  options: Omit<CheckOptions, 'variables' | 'operationName'>,
): { status: 422; errors: string[] } | { status: 200; errors: string[][] } {
  const limits = limitsOf(options);
  if (
    isTooLarge(
      queries.map((one) => one.query),
      limits.maxQuerySize,
    )
  )
    return { status: 422, errors: [QUERY_TOO_LARGE] };
  const analyses = queries.map((one) => {
    try {
      const document = parse(one.query);
      if (validate(schema, document).length > 0) return null;
      return analyzeGitLabQuery(schema, document, { limits, variables: one.variables });
    } catch (error) {
      if (error instanceof GraphQLError) return null;
      throw error;
    }
  });
  return { status: 200, errors: multiplexRefusals(analyses, limits.maxComplexity) };
}
