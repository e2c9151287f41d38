// The sandbox plays a chosen GitLab version: what that version lacks does not exist, documents
// using it are refused in graphql-ruby's words as GitLab refuses them, and the instance reports
// the version (GraphQL `metadata`, REST `/api/v4/version`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { didYouMeanSuffix, spellCheck } from '../../sandbox/versions/did-you-mean';
import { HAND_KEPT_INTRODUCTIONS } from '../../sandbox/versions/introductions';
import { introductionOf, refusalsFor } from '../../sandbox/versions/profile-schema';
import { formatVersion, gitlabProfile, NAMED_PROFILES } from '../../sandbox/versions/profiles';
import { graphqlAt, restAt, start } from './helpers';

let old: Sandbox;
let latest: Sandbox;
beforeAll(async () => {
  [old, latest] = await Promise.all([start('17.0'), start('latest')]);
});
afterAll(() => Promise.all([old.close(), latest.close()]));

const NAMESPACE_WORK_ITEMS = `query Objectives($fullPath: ID!) {
  namespace(fullPath: $fullPath) {
    workItems(types: [OBJECTIVE], first: 1) { nodes { iid } }
  }
}`;

describe('a field newer than the profile', () => {
  it('is refused on GitLab 17.0 as graphql-ruby refuses it, and answers on latest', async () => {
    const variables = { fullPath: 'gitlab-com' };
    const refused = await graphqlAt(old, NAMESPACE_WORK_ITEMS, variables);
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({
      errors: [
        {
          message: "Field 'workItems' doesn't exist on type 'Namespace'",
          locations: [{ line: 3, column: 5 }],
          path: ['query Objectives', 'namespace', 'workItems'],
          extensions: { code: 'undefinedField', typeName: 'Namespace', fieldName: 'workItems' },
        },
      ],
    });

    const answered = await graphqlAt(latest, NAMESPACE_WORK_ITEMS, variables);
    expect(answered.json.errors).toBeUndefined();
    expect(answered.json.data).toEqual({
      namespace: { workItems: { nodes: [expect.objectContaining({ iid: expect.any(String) })] } },
    });
  });

  it('leaves the variables only it used "declared but not used", as graphql-ruby does', async () => {
    const query = `query Children($fullPath: ID!, $iids: [String!]) {
      namespace(fullPath: $fullPath) { id workItems(iids: $iids) { nodes { iid } } }
    }`;
    const refused = await graphqlAt(old, query, { fullPath: 'gitlab-com', iids: ['1'] });
    expect(refused.json.errors?.map((e) => e.message)).toEqual([
      "Field 'workItems' doesn't exist on type 'Namespace'",
      'Variable $iids is declared by Children but not used',
    ]);
    expect(refused.json.errors?.[1]?.extensions).toEqual({
      code: 'variableNotUsed',
      variableName: 'iids',
    });
  });

  it('suggests a near name from GitLab 17.10 on, as graphql-ruby 2.3.5+ does', () => {
    const message = (version: string) => refusalsFor(version, NAMESPACE_WORK_ITEMS)[0]?.message;
    expect(message('17.5')).toBe("Field 'workItems' doesn't exist on type 'Namespace'");
    expect(message('18.0')).toBe(
      "Field 'workItems' doesn't exist on type 'Namespace' (Did you mean `workItem`?)",
    );
    expect(message('18.1')).toBeUndefined();
  });

  it('an enum value newer than the profile is an invalid literal, and an invalid variable value', async () => {
    // WorkItemSort.HEALTH_STATUS_ASC: "Introduced in GitLab 17.11".
    const literal = `query Sorted($fullPath: ID!) {
      project(fullPath: $fullPath) { workItems(sort: HEALTH_STATUS_ASC, first: 1) { nodes { iid } } }
    }`;
    const fullPath = 'gitlab-com/gitlab-okrs';
    const refused = await graphqlAt(old, literal, { fullPath });
    expect(refused.json.errors).toEqual([
      {
        message:
          "Argument 'sort' on Field 'workItems' has an invalid value (HEALTH_STATUS_ASC). Expected type 'WorkItemSort'.",
        locations: [{ line: 2, column: 38 }],
        path: ['query Sorted', 'project', 'workItems', 'sort'],
        extensions: {
          code: 'argumentLiteralsIncompatible',
          typeName: 'Field',
          argumentName: 'sort',
        },
      },
    ]);
    expect((await graphqlAt(latest, literal, { fullPath })).json.errors).toBeUndefined();

    const variable = `query Sorted($fullPath: ID!, $sort: WorkItemSort) {
      project(fullPath: $fullPath) { workItems(sort: $sort, first: 1) { nodes { iid } } }
    }`;
    const badValue = await graphqlAt(old, variable, { fullPath, sort: 'HEALTH_STATUS_ASC' });
    expect(badValue.json.errors).toEqual([
      expect.objectContaining({
        message: 'Variable $sort of type WorkItemSort was provided invalid value',
        extensions: {
          value: 'HEALTH_STATUS_ASC',
          problems: [
            {
              path: [],
              explanation: expect.stringMatching(/^Expected "HEALTH_STATUS_ASC" to be one of: /),
            },
          ],
        },
      }),
    ]);
    expect(badValue.json).not.toHaveProperty('data');
  });
});

describe('a directive the profile does not know', () => {
  it('is refused once, located at each use, as graphql-ruby refuses it', () => {
    // GitLab's @gl_introduced (lib/gitlab/graphql/version_filter/) is not served by the sandbox.
    const tagged = `query Tagged($fullPath: ID!) {
      namespace(fullPath: $fullPath) {
        id @gl_introduced(version: "18.1.0")
        fullPath @gl_introduced(version: "18.1.0")
      }
    }`;
    expect(refusalsFor('17.0', tagged)).toEqual([
      {
        message: 'Directive @gl_introduced is not defined',
        locations: [
          { line: 3, column: 12 },
          { line: 4, column: 18 },
        ],
        path: ['query Tagged', 'namespace', 'id'],
        extensions: { code: 'undefinedDirective', directiveName: 'gl_introduced' },
      },
    ]);
  });
});

describe('the version the instance reports', () => {
  const METADATA = 'query Version { metadata { version revision enterprise kas { enabled } } }';

  it('GraphQL metadata and REST /api/v4/version name the profile', async () => {
    const graphql = await graphqlAt(old, METADATA);
    expect(graphql.json.data).toEqual({
      metadata: {
        version: '17.0.0-ee',
        revision: old.gitlab.revision,
        enterprise: true,
        kas: { enabled: false },
      },
    });
    expect(old.gitlab.revision).toMatch(/^[0-9a-f]{11}$/);

    const rest = await restAt(old, '/api/v4/version');
    expect([rest.status, rest.json]).toEqual([
      200,
      {
        version: '17.0.0-ee',
        revision: old.gitlab.revision,
        kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null },
        enterprise: true,
      },
    ]);
    expect((await restAt(latest, '/api/v4/version')).json).toMatchObject({
      version: `${formatVersion(latest.gitlab.version)}.0-ee`,
    });
  });

  it('tells no one who is not signed in', async () => {
    expect((await graphqlAt(old, METADATA, {}, null)).json.data).toEqual({ metadata: null });
    const rest = await restAt(old, '/api/v4/version', null);
    expect([rest.status, rest.json]).toEqual([401, { message: '401 Unauthorized' }]);
  });

  it('takes SANDBOX_GITLAB_VERSION when no version is given, and refuses a made-up one', () => {
    const before = process.env.SANDBOX_GITLAB_VERSION;
    try {
      process.env.SANDBOX_GITLAB_VERSION = '18.6';
      expect(gitlabProfile().versionString).toBe('18.6.0-ee');
      delete process.env.SANDBOX_GITLAB_VERSION;
      expect(gitlabProfile().name).toBe('latest');
    } finally {
      if (before === undefined) delete process.env.SANDBOX_GITLAB_VERSION;
      else process.env.SANDBOX_GITLAB_VERSION = before;
    }
    expect(() => gitlabProfile('banana')).toThrow(/like 17\.0 .*or latest/);
    expect(() => gitlabProfile('25.0')).toThrow(/Unknown GitLab version profile/);
    expect(NAMED_PROFILES.map((name) => gitlabProfile(name).name)).toEqual(NAMED_PROFILES);
  });

  it('pages lay out the right sidebar as GitLab 17 did on a 17.x profile', async () => {
    const page = async (sandbox: Sandbox) => (await fetch(sandbox.urlOf('ally-kr2'))).text();
    const sidebar = /<(aside|section) data-testid="work-item-overview-right-sidebar"/;
    expect(sidebar.exec(await page(old))?.[1]).toBe('aside');
    expect(sidebar.exec(await page(latest))?.[1]).toBe('section');
  });
});

describe('where the versions come from', () => {
  it('the hand-kept list names a source for each member whose note GitLab omits', () => {
    for (const entry of HAND_KEPT_INTRODUCTIONS) {
      expect(entry.source.length, entry.coordinate).toBeGreaterThan(40);
      expect(entry.version).toMatch(/^\d+\.\d+$/);
    }
    expect(introductionOf('WorkItemWidgetNotes.notes')).toEqual({ major: 18, minor: 2 });
    expect(introductionOf('WorkItemWidgetNotes.discussions')).toBeNull();
  });
});

describe("graphql-ruby's spelling suggestions (Ruby's did_you_mean)", () => {
  it('suggests what Ruby suggests', () => {
    // ruby/did_you_mean README: SpellChecker.new(dictionary: ['email', 'fail', 'eval']).correct('meail')
    expect(spellCheck('meail', ['email', 'fail', 'eval'])).toEqual(['email']);
    expect(didYouMeanSuffix('workItems', ['workItem', 'id', 'fullPath'])).toBe(
      ' (Did you mean `workItem`?)',
    );
    expect(didYouMeanSuffix('notes', ['discussions', 'discussionLocked', 'type'])).toBe('');
  });
});
