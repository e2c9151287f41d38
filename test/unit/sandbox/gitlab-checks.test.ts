// The sandbox refuses what GitLab refuses before running a query, in GitLab's words: GitLab's
// own recursion spec examples, the depth, complexity and size limits at their boundaries, and
// a multiplexed request whose refused query does not stop the other.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  checkGitLabMultiplex,
  checkGitLabQuery,
  type GitLabQueryCheck,
} from '../../sandbox/gitlab-checks/index';
import { FIELD_COSTS, isConnectionField } from '../../sandbox/gitlab-checks/field-costs';
import { SCHEMA_FILE } from '../../sandbox/graphql';

const GITLAB_SCHEMA = fileURLToPath(
  new URL('../../../../shared/gitlab-schema/gitlab.graphql', import.meta.url),
);

const sandboxSchema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const signedIn = { authenticated: true };
const anonymous = { authenticated: false };

/** The part of GitLab's schema that GitLab's recursion spec queries. */
const specSchema = buildSchema(`
  type Query { group(fullPath: ID!): Group }
  type Group { name: String projects(first: Int): ProjectConnection }
  type ProjectConnection { nodes: [Project] edges: [ProjectEdge] }
  type ProjectEdge { node: Project }
  type Project { name: String group: Group }
`);

/** A type whose fields nest without repeating a name, to reach any depth. */
const deepSchema = buildSchema(`
  type Query { t: T }
  type T { ${Array.from({ length: 30 }, (_, i) => `f${i + 1}: T`).join(' ')} leaf: Int }
`);

/** `{ t { f1 { f2 { … leaf } } } }`: `depth` fields deep. */
function nested(depth: number): string {
  let body = 'leaf';
  for (let level = depth - 2; level >= 1; level -= 1) body = `f${level} { ${body} }`;
  return `{ t { ${body} } }`;
}

/** `{ t { a1: leaf … } }`: complexity 1 + `leaves` (every field costs 1 plus its selection). */
function wide(leaves: number): string {
  return `{ t { ${Array.from({ length: leaves }, (_, i) => `a${i}: leaf`).join(' ')} } }`;
}

const RECURSION_SPEC_OK = `
  query recurse {
    group(fullPath: "h5bp") {
      projects {
        nodes {
          name
          group {
            projects {
              nodes {
                name
              }
            }
          }
        }
      }
    }
  }`;

const RECURSION_SPEC_TOO_DEEP = `
  query recurse {
    group(fullPath: "h5bp") {
      projects {
        nodes {
          name
          group {
            projects {
              nodes {
                name
                group {
                  projects {
                    nodes {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }`;

const recursionError = (hash: string) =>
  `Recursive query - too many of fields '${hash}' detected\nin single branch of the query")\n`;

describe('recursion (GitLab: recursion_analyzer.rb and its spec)', () => {
  it('GitLab’s spec: the same fields twice on a branch pass', () => {
    expect(checkGitLabQuery(specSchema, RECURSION_SPEC_OK, signedIn).errors).toEqual([]);
  });

  it('GitLab’s spec: three times is refused, with GitLab’s message as it sends it', () => {
    const check = checkGitLabQuery(specSchema, RECURSION_SPEC_TOO_DEEP, signedIn);
    expect(check.errors).toEqual([recursionError('{"group"=>3, "projects"=>3}')]);
    expect(check.status).toBe(200);
    expect(check.measures?.recursion).toEqual({ count: 3, field: 'group' });
  });

  it('counts fragments where they are spread, and only fields with a selection', () => {
    const query = `
      query { group(fullPath: "a") { ...G } }
      fragment G on Group { name projects { nodes { group { name projects { nodes { name } } } } } }`;
    expect(checkGitLabQuery(specSchema, query, signedIn).errors).toEqual([]);
    const third = query.replace('nodes { name } } } } }', 'nodes { group { ...G2 } } } } } }');
    const withThird = `${third}\nfragment G2 on Group { projects { nodes { name } } }`;
    expect(checkGitLabQuery(specSchema, withThird, signedIn).errors).toEqual([
      recursionError('{"group"=>3, "projects"=>3}'),
    ]);
  });

  it('never reports node, nodes or edges, however often they repeat', () => {
    const query = `{ group(fullPath: "a") { projects { edges { node { group { projects {
      edges { node { name } } } } } } } } }`;
    const check = checkGitLabQuery(specSchema, query, signedIn);
    expect(check.errors).toEqual([]);
    expect(check.measures?.recursion).toEqual({ count: 2, field: 'group' });
  });

  it('counts only along one branch: siblings do not add up', () => {
    const query = `{ group(fullPath: "a") {
      a: projects { nodes { name } } b: projects { nodes { name } } c: projects { nodes { name } } } }`;
    expect(checkGitLabQuery(specSchema, query, signedIn).errors).toEqual([]);
  });

  it('counts fields under a @skip like GitLab does (its skip_node? counts them)', () => {
    const query = `{ group(fullPath: "a") { projects { nodes { group { projects { nodes {
      group @skip(if: true) { name } } } } } } } }`;
    expect(checkGitLabQuery(specSchema, query, signedIn).errors).toEqual([
      recursionError('{"group"=>3}'),
    ]);
  });

  it.skipIf(!existsSync(GITLAB_SCHEMA))(
    'gives the same answers on GitLab’s whole schema',
    () => {
      const gitlab = buildSchema(readFileSync(GITLAB_SCHEMA, 'utf8'));
      expect(checkGitLabQuery(gitlab, RECURSION_SPEC_OK, signedIn).errors).toEqual([]);
      expect(checkGitLabQuery(gitlab, RECURSION_SPEC_TOO_DEEP, signedIn).errors).toEqual([
        recursionError('{"group"=>3, "projects"=>3}'),
      ]);
    },
    60_000,
  );
});

describe('depth (GitLab: 20 signed in, 15 anonymous)', () => {
  it.each([
    [signedIn, 20],
    [anonymous, 15],
  ])('%o: the limit passes, one more is refused', (who, limit) => {
    const atLimit = checkGitLabQuery(deepSchema, nested(limit), who);
    expect(atLimit).toMatchObject({ errors: [], measures: { depth: limit } });
    expect(checkGitLabQuery(deepSchema, nested(limit + 1), who).errors).toEqual([
      `Query has depth of ${limit + 1}, which exceeds max depth of ${limit}`,
    ]);
  });

  it('leaves out fields a @skip leaves out', () => {
    const query = nested(21).replace('f1 {', 'f1 @skip(if: true) {');
    expect(checkGitLabQuery(deepSchema, query, signedIn).measures?.depth).toBe(1);
  });
});

describe('complexity (GitLab: 250 signed in, 200 anonymous, by GitLab’s field rules)', () => {
  it.each([
    [signedIn, 250],
    [anonymous, 200],
  ])('%o: the limit passes, one more is refused', (who, limit) => {
    expect(checkGitLabQuery(deepSchema, wide(limit - 1), who)).toMatchObject({
      errors: [],
      measures: { complexity: limit },
    });
    expect(checkGitLabQuery(deepSchema, wide(limit), who).errors).toEqual([
      `Query has complexity of ${limit + 1}, which exceeds max complexity of ${limit}`,
    ]);
  });

  const complexityOf = (query: string, variables?: Record<string, unknown>) =>
    checkGitLabQuery(sandboxSchema, query, { ...signedIn, variables }).measures?.complexity;

  it('a work item list: its selection + 1, + 1 for the default sort, × (1 + 1 % a page item)', () => {
    // nodes { id iid } = 3; workItems = (3 + 1 + 1) × (1 + 100 %) = 10; namespace = 1 + 10.
    expect(complexityOf('{ namespace(fullPath: "a") { workItems { nodes { id iid } } } }')).toBe(
      11,
    );
    // 20 a page: 5 × 1.2 = 6.
    expect(
      complexityOf('{ namespace(fullPath: "a") { workItems(first: 20) { nodes { id iid } } } }'),
    ).toBe(7);
    // A search adds 5: (3 + 1 + 1 + 5) × 1.2 = 12.
    expect(
      complexityOf(
        '{ namespace(fullPath: "a") { workItems(first: 20, search: "x") { nodes { id iid } } } }',
      ),
    ).toBe(13);
  });

  it('filtering by iids drops the page multiplier, whatever the page size', () => {
    const query = `query($iids: [String!]!) {
      namespace(fullPath: "a") { workItems(iids: $iids, first: 100) { nodes { id iid } } } }`;
    expect(complexityOf(query, { iids: ['1'] })).toBe(6);
    expect(complexityOf(query)).toBe(6); // a non-null variable is always given
  });

  it('hierarchy children and linked items cost a fixed 5 plus their selection', () => {
    const query = `{ workItem(id: "gid://gitlab/WorkItem/1") { widgets {
      ... on WorkItemWidgetHierarchy { children(first: 100) { nodes { id } } }
    } } }`;
    // children = 5 + nodes(1 + 1) = 7; widgets = 1 + 7; workItem = 1 + 8.
    expect(complexityOf(query)).toBe(9);
  });

  it('the same field selected twice counts once; on an interface the costliest type counts', () => {
    const once = `{ workItem(id: "gid://gitlab/WorkItem/1") { id title widgets { __typename
      ... on WorkItemWidgetProgress { progress currentValue }
      ... on WorkItemWidgetHealthStatus { healthStatus } } } }`;
    const twice = `{ workItem(id: "gid://gitlab/WorkItem/1") { id title id widgets { __typename
      ... on WorkItemWidgetProgress { progress currentValue progress }
      ... on WorkItemWidgetHealthStatus { healthStatus } }
      widgets { ... on WorkItemWidgetProgress { currentValue } } } }`;
    // widgets: max(progress widget: __typename + 2, health: __typename + 1) = 3, + 1.
    expect(complexityOf(once)).toBe(1 + 2 + 4);
    expect(complexityOf(twice)).toBe(complexityOf(once));
  });

  it('knows GitLab’s rule for every connection the sandbox serves', () => {
    const unlisted: string[] = [];
    for (const type of Object.values(sandboxSchema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields()))
        if (isConnectionField(field) && !FIELD_COSTS[`${type.name}.${field.name}`])
          unlisted.push(`${type.name}.${field.name}`);
    }
    expect(unlisted).toEqual([]);
  });
});

describe('size (GitLab: 10,000 characters, HTTP 422)', () => {
  const padded = (size: number) => {
    const query = '{ t { leaf } }';
    return `${query}${' '.repeat(size - query.length)}`;
  };

  it('10,000 characters pass, 10,001 are "Query too large"', () => {
    expect(checkGitLabQuery(deepSchema, padded(10_000), signedIn).errors).toEqual([]);
    expect(checkGitLabQuery(deepSchema, padded(10_001), signedIn)).toEqual<GitLabQueryCheck>({
      errors: ['Query too large'],
      measures: null,
      status: 422,
    });
  });

  it('counts characters as Ruby does, not UTF-16 units', () => {
    const query = `{ t { leaf } } # ${'😀'.repeat(5_000)}`;
    expect(query.length).toBeGreaterThan(10_000);
    expect(checkGitLabQuery(deepSchema, query, signedIn).errors).toEqual([]);
  });

  it('a multiplexed request counts its queries together', () => {
    const half = padded(5_001);
    expect(checkGitLabMultiplex(deepSchema, [{ query: half }, { query: half }], signedIn)).toEqual({
      status: 422,
      errors: ['Query too large'],
    });
  });
});
