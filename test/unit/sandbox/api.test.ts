// The sandbox answers like GitLab: token checks, read-only tokens refused on mutations,
// progress writes with system notes and parent roll-up, hierarchy limits, REST shapes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { graphqlAt, itemAt, notesOf, restAt, start, widget } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const UPDATE_PROGRESS = `mutation Update($id: WorkItemID!, $start: Int, $current: Int!, $end: Int) {
  workItemUpdate(input: { id: $id, progressWidget: { startValue: $start, currentValue: $current, endValue: $end } }) {
    errors
    workItem { id widgets { type ... on WorkItemWidgetProgress { progress currentValue } } }
  }
}`;

/** Writes progress values to the seeded item `key`, as the token's user. */
const updateProgress = (
  key: string,
  values: { start?: number; current: number; end?: number },
  token = sandbox.tokens.api,
) => graphqlAt(sandbox, UPDATE_PROGRESS, { id: sandbox.item(key).gid, ...values }, token);

/** The seeded item's progress widget as GitLab reads it now. */
const progressOf = async (key: string) => widget(await itemAt(sandbox, key), 'PROGRESS');

describe('authentication', () => {
  it('an unknown token gets 401 with GitLab bodies on GraphQL and REST', async () => {
    const graphql = await graphqlAt(sandbox, '{ currentUser { username } }', {}, 'glpat-nobody');
    expect(graphql.status).toBe(401);
    expect(graphql.json).toEqual({ errors: [{ message: 'Invalid token' }] });
    const rest = await restAt(sandbox, '/api/v4/user', 'glpat-nobody');
    expect([rest.status, rest.json]).toEqual([401, { message: '401 Unauthorized' }]);
  });

  it('an expired token is refused and says so on REST', async () => {
    const rest = await restAt(
      sandbox,
      '/api/v4/personal_access_tokens/self',
      sandbox.tokens.expired,
      'bearer',
    );
    expect(rest.status).toBe(401);
    expect(rest.json).toEqual({ error: 'invalid_token', error_description: 'Token has expired.' });
  });

  it('each token belongs to a seeded user; /personal_access_tokens/self tells its scopes', async () => {
    const me = await graphqlAt(sandbox, 'query Me { currentUser { username name } }');
    expect(me.json.data).toEqual({ currentUser: { username: 'casey', name: 'Casey Torres' } });
    const self = await restAt(
      sandbox,
      '/api/v4/personal_access_tokens/self',
      sandbox.tokens.readApi,
    );
    expect(self.json).toMatchObject({
      scopes: ['read_api'],
      active: true,
      revoked: false,
      user_id: expect.any(Number),
      expires_at: '2027-09-17',
    });
    const user = await restAt(sandbox, '/api/v4/user', sandbox.tokens.readApi, 'bearer');
    expect(user.json).toMatchObject({ username: 'riley', state: 'active' });
  });

  it("a read_api token can read but gets GitLab's error on a mutation, and nothing changes", async () => {
    const kr = sandbox.item('cto-kr-1-3');
    expect((await itemAt(sandbox, 'cto-kr-1-3', sandbox.tokens.readApi))?.title).toBe(kr.title);
    const answer = await updateProgress('cto-kr-1-3', { current: 90 }, sandbox.tokens.readApi);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ workItemUpdate: null });
    expect(answer.json.errors?.[0]).toMatchObject({
      message:
        "The resource that you are attempting to access does not exist or you don't have permission to perform this action",
      path: ['workItemUpdate'],
    });
    expect(await progressOf('cto-kr-1-3')).toMatchObject({ progress: 25 });
  });

  it('answers with RateLimit headers', async () => {
    const rest = await restAt(sandbox, '/api/v4/user');
    expect(Number(rest.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(rest.headers.get('ratelimit-remaining'))).toBeLessThan(
      Number(rest.headers.get('ratelimit-limit')),
    );
    expect(rest.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
  });
});

describe('workItemUpdate progress', () => {
  it('computes GitLab progress, writes the system note and rolls the parent up', async () => {
    const answer = await updateProgress('cto-kr-1-3', { start: 0, current: 40, end: 100 });
    expect(answer.json.data?.workItemUpdate).toMatchObject({ errors: [] });
    const updated = await itemAt(sandbox, 'cto-kr-1-3');
    expect(widget(updated, 'PROGRESS')).toMatchObject({
      progress: 40,
      startValue: 0,
      currentValue: 40,
      endValue: 100,
      updatedAt: '2026-11-21T10:00:00Z',
    });
    expect(notesOf(updated).at(-1)).toEqual({
      system: true,
      body: 'changed progress to **40%**',
      createdAt: '2026-11-21T10:00:00Z',
    });
    // Siblings 60, 40 (4 of 10), 43 (31 of 72) and now 40: ⌊183 / 4⌋ = 45.
    expect(await progressOf('cto-objective-1')).toMatchObject({ progress: 45 });
  });

  it('uses |current − start| / |end − start| for decreasing targets and recomputes every level', async () => {
    await updateProgress('hiring-sec', { start: 0, current: 5, end: 5 });
    // Development: (60 + 40 + 100) / 3 = 66; hiring-30: (66 + 80 + 20) / 3 = 55; Grow the team: 55.
    expect(await progressOf('hiring-development')).toMatchObject({ progress: 66 });
    expect(await progressOf('hiring-30')).toMatchObject({ progress: 55 });
    expect(await progressOf('hiring-objective')).toMatchObject({ progress: 55 });
    await updateProgress('review-time-kr', { start: 10, current: 7, end: 4 });
    expect(await progressOf('review-time-kr')).toMatchObject({ progress: 50 });
  });

  it('refuses start = end in the payload errors', async () => {
    const answer = await updateProgress('cto-kr-1-3', { start: 5, current: 5, end: 5 });
    expect(answer.json.data?.workItemUpdate).toEqual({
      errors: ['Start value cannot be same as end value'],
      workItem: null,
    });
  });

  it('follows GitLab’s compute_progress: past the target 100, before the start 0 (its spec’s cases)', async () => {
    await updateProgress('review-time-kr', { start: 10, current: 40, end: 30 });
    expect(await progressOf('review-time-kr')).toMatchObject({ progress: 100, currentValue: 40 });
    await updateProgress('review-time-kr', { start: 10, current: 5, end: 30 });
    expect(await progressOf('review-time-kr')).toMatchObject({ progress: 0, currentValue: 5 });
    await updateProgress('review-time-kr', { start: 30, current: 5, end: 10 });
    expect(await progressOf('review-time-kr')).toMatchObject({ progress: 100 });
    await updateProgress('review-time-kr', { start: -30, current: -20, end: -10 });
    expect(await progressOf('review-time-kr')).toMatchObject({ progress: 50 });
  });

  it('writes the roll-up as GitLab’s automation bot, only when a child’s percentage changes', async () => {
    const parent = () => sandbox.store.workItemBySeedKey('cto-objective-1');
    const notesBefore = parent()?.notes.length ?? 0;
    await updateProgress('cto-kr-1-3', { start: 0, current: 40, end: 100 });
    const rollUp = parent()?.notes.at(-1);
    expect(rollUp).toMatchObject({ body: 'changed progress to **45%**', system: true });
    expect(sandbox.store.users.get(rollUp?.authorId ?? -1)).toMatchObject({
      username: 'automation-bot',
      name: 'GitLab Automation Bot',
      bot: true,
    });
    const author = await graphqlAt(
      sandbox,
      `query($path: ID!, $iid: String!) { namespace(fullPath: $path) { workItem(iid: $iid) {
        widgets { ... on WorkItemWidgetNotes { notes(filter: ONLY_ACTIVITY, last: 1) { nodes { author { username bot } } } } } } } }`,
      { path: sandbox.item('cto-objective-1').fullPath, iid: sandbox.item('cto-objective-1').iid },
    );
    expect(JSON.stringify(author.json)).toContain('{"username":"automation-bot","bot":true}');

    // The same value again: no change, no note, no roll-up.
    await updateProgress('cto-kr-1-3', { start: 0, current: 40, end: 100 });
    expect(parent()?.notes.length).toBe(notesBefore + 1);
  });

  it('does not roll up when the hierarchy changes, nor where the project does not roll up', async () => {
    const parent = sandbox.store.workItemBySeedKey('cto-objective-1');
    if (!parent) throw new Error('seed changed');
    const stored = parent.progress?.progress;
    const created = sandbox.store.createWorkItem({
      namespacePath: parent.namespacePath,
      type: 'Key Result',
      title: 'A new key result',
      authorId: parent.authorId,
      parentId: parent.id,
    });
    expect(created.errors).toEqual([]);
    expect(parent.progress?.progress).toBe(stored);

    const project = sandbox.store.namespace(parent.namespacePath);
    if (project) project.okrRollups = false;
    await updateProgress('cto-kr-1-3', { start: 0, current: 90, end: 100 });
    expect(parent.progress?.progress).toBe(stored);
  });

  it('health changes write GitLab system notes, including removal', async () => {
    const id = sandbox.item('cto-kr-1-3').gid;
    const setHealth = (health: string | null) =>
      graphqlAt(
        sandbox,
        'mutation($id: WorkItemID!, $h: HealthStatus) { workItemUpdate(input: { id: $id, healthStatusWidget: { healthStatus: $h } }) { errors } }',
        { id, h: health },
      );
    await setHealth('atRisk');
    await setHealth(null);
    const bodies = notesOf(await itemAt(sandbox, 'cto-kr-1-3'))
      .slice(-2)
      .map((n) => n.body);
    expect(bodies).toEqual(['changed health status to **at risk**', 'removed the health status']);
  });
});

describe('workItemCreate', () => {
  const CREATE = `mutation Create($input: WorkItemCreateInput!) { workItemCreate(input: $input) { errors workItem { iid title workItemType { name } widgets { type ... on WorkItemWidgetHierarchy { parent { iid } } ... on WorkItemWidgetAssignees { assignees { nodes { username } } } ... on WorkItemWidgetMilestone { milestone { title } } ... on WorkItemWidgetHealthStatus { healthStatus } } } } }`;
  const KEY_RESULT_TYPE = 'gid://gitlab/WorkItems::Type/7';
  /** Asks for a key result in the OKR project under the seeded item `parentKey`. */
  const createKeyResult = (title: string, parentKey: string, widgets: object = {}) =>
    graphqlAt(sandbox, CREATE, {
      input: {
        namespacePath: 'gitlab-com/gitlab-okrs',
        title,
        workItemTypeId: KEY_RESULT_TYPE,
        hierarchyWidget: { parentId: sandbox.item(parentKey).gid },
        ...widgets,
      },
    });

  it('creates a key result under an objective with DRI, milestone and health', async () => {
    const milestones = await restAt(
      sandbox,
      '/api/v4/projects/gitlab-com%2Fgitlab-okrs/milestones?state=active&title=FY27-Q4',
    );
    const milestone = (milestones.json as { id: number; title: string }[])[0];
    const members = await restAt(
      sandbox,
      '/api/v4/projects/gitlab-com%2Fgitlab-okrs/members/all?query=dario',
    );
    const dario = (members.json as { id: number; username: string }[])[0];
    const answer = await createKeyResult('Ship 3 onboarding guides', 'cto-objective-4', {
      assigneesWidget: { assigneeIds: [`gid://gitlab/User/${dario?.id}`] },
      milestoneWidget: { milestoneId: `gid://gitlab/Milestone/${milestone?.id}` },
      healthStatusWidget: { healthStatus: 'onTrack' },
    });
    const created = answer.json.data?.workItemCreate as {
      errors: string[];
      workItem: Record<string, unknown>;
    };
    expect(created.errors).toEqual([]);
    expect(created.workItem).toMatchObject({
      title: 'Ship 3 onboarding guides',
      workItemType: { name: 'Key Result' },
    });
    expect(widget(created.workItem, 'HIERARCHY')).toEqual({
      type: 'HIERARCHY',
      parent: { iid: '2443' },
    });
    expect(widget(created.workItem, 'ASSIGNEES')).toMatchObject({
      assignees: { nodes: [{ username: 'dario' }] },
    });
    expect(widget(created.workItem, 'MILESTONE')).toMatchObject({
      milestone: { title: 'FY27-Q4' },
    });
  });

  it('refuses a child under a key result in the payload errors', async () => {
    const answer = await createKeyResult('Sub-KR', 'ally-kr2');
    expect(answer.json.data?.workItemCreate).toEqual({
      errors: ['Work item is not allowed to add this type of parent'],
      workItem: null,
    });
  });

  it('refuses a 101st child', async () => {
    const parent = sandbox.store.workItemBySeedKey('empty-objective');
    if (!parent) throw new Error('seed changed');
    for (let i = 0; i < 100; i += 1)
      sandbox.store.createWorkItem({
        namespacePath: 'gitlab-com/gitlab-okrs',
        type: 'Key Result',
        title: `KR ${i}`,
        authorId: 1,
        parentId: parent.id,
      });
    const answer = await createKeyResult('One too many', 'empty-objective');
    expect(answer.json.data?.workItemCreate).toEqual({
      errors: ['Work item parent already has maximum number of children.'],
      workItem: null,
    });
  });

  it('createNote adds a comment the item then lists', async () => {
    const answer = await graphqlAt(
      sandbox,
      'mutation($id: NoteableID!) { createNote(input: { noteableId: $id, body: "Good: shipped. Bad: late. Try: earlier." }) { errors note { body system author { username } } } }',
      { id: sandbox.item('closed-no-retro').gid },
    );
    expect(answer.json.data?.createNote).toEqual({
      errors: [],
      note: {
        body: 'Good: shipped. Bad: late. Try: earlier.',
        system: false,
        author: { username: 'casey' },
      },
    });
    expect(notesOf(await itemAt(sandbox, 'closed-no-retro')).at(-1)?.body).toBe(
      'Good: shipped. Bad: late. Try: earlier.',
    );
  });
});

describe('reading', () => {
  it('pages work items 100 at most, with cursors that continue where the last page ended', async () => {
    const page = (after: string | null) =>
      graphqlAt(
        sandbox,
        'query($after: String) { project(fullPath: "gitlab-com/gitlab-okrs") { workItems(first: 500, after: $after, sort: CREATED_ASC) { count nodes { iid } pageInfo { hasNextPage endCursor } } } }',
        { after },
      );
    type Page = {
      count: number;
      nodes: { iid: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    const first = ((await page(null)).json.data?.project as { workItems: Page }).workItems;
    expect(first.nodes).toHaveLength(first.count > 100 ? 100 : first.count);
    for (let i = 0; i < 120; i += 1)
      sandbox.store.createWorkItem({
        namespacePath: 'gitlab-com/gitlab-okrs',
        type: 'Objective',
        title: `Filler ${i}`,
        authorId: 1,
      });
    const full = ((await page(null)).json.data?.project as { workItems: Page }).workItems;
    expect(full.nodes).toHaveLength(100);
    expect(full.pageInfo.hasNextPage).toBe(true);
    const seen = [...full.nodes];
    for (let cursor: string | null = full.pageInfo.endCursor; cursor;) {
      const next: Page = ((await page(cursor)).json.data?.project as { workItems: Page }).workItems;
      expect(next.nodes.length).toBeLessThanOrEqual(100);
      seen.push(...next.nodes);
      cursor = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    expect(seen).toHaveLength(full.count);
    expect(new Set(seen.map((n) => n.iid)).size).toBe(full.count);
  });

  it('currentUser.workItems lists the caller-visible OKRs across projects and groups', async () => {
    const answer = await graphqlAt(
      sandbox,
      '{ currentUser { workItems(types: [OBJECTIVE, KEY_RESULT], state: opened, assigneeUsernames: ["sam"], first: 100) { nodes { reference(full: true) } } } }',
    );
    const references = (
      answer.json.data?.currentUser as { workItems: { nodes: { reference: string }[] } }
    ).workItems.nodes.map((n) => n.reference);
    // sam's confidential CEO objective stays hidden from the demo user.
    expect(references.sort()).toEqual(
      [
        `gitlab-com#${sandbox.item('group-kr-2').iid}`,
        `gitlab-com#${sandbox.item('group-objective').iid}`,
      ].sort(),
    );
  });

  it('workItemsByReference resolves short references, full references and URLs', async () => {
    const answer = await graphqlAt(
      sandbox,
      'query($refs: [String!]!) { workItemsByReference(contextNamespacePath: "gitlab-org/gitlab", refs: $refs) { nodes { reference(full: true) } } }',
      {
        refs: [
          '#17',
          'gitlab-com/gitlab-okrs#2231',
          sandbox.urlOf('deep-kr-4', { relativeRoot: true }),
        ],
      },
    );
    expect(
      (answer.json.data?.workItemsByReference as { nodes: { reference: string }[] }).nodes.map(
        (n) => n.reference,
      ),
    ).toEqual([
      'gitlab-org/gitlab#17',
      'gitlab-com/gitlab-okrs#2231',
      `gitlab-com/gitlab-okrs#${sandbox.item('deep-kr-4').iid}`,
    ]);
  });

  it('the same instance answers under the relative URL root, with URLs that keep it', async () => {
    const answer = await graphqlAt(
      sandbox,
      '{ namespace(fullPath: "gitlab-com/gitlab-okrs") { workItem(iid: "2231") { webUrl } } }',
      {},
      sandbox.tokens.api,
      '/gitlab',
    );
    expect(answer.json.data).toEqual({
      namespace: {
        workItem: { webUrl: `${sandbox.url}/gitlab/gitlab-com/gitlab-okrs/-/work_items/2231` },
      },
    });
    const milestones = await restAt(sandbox, '/gitlab/api/v4/groups/gitlab-com/milestones');
    expect((milestones.json as { title: string }[]).map((m) => m.title)).toEqual(['FY27-Q4']);
  });

  it('the work item types say which children an objective may have', async () => {
    const answer = await graphqlAt(
      sandbox,
      '{ namespace(fullPath: "gitlab-com/gitlab-okrs") { workItemTypes(name: OBJECTIVE) { nodes { id name widgetDefinitions { type ... on WorkItemWidgetDefinitionHierarchy { allowedChildTypes { nodes { id name } } } } } } } }',
    );
    const objective = (
      answer.json.data?.namespace as {
        workItemTypes: {
          nodes: {
            id: string;
            widgetDefinitions: {
              type: string;
              allowedChildTypes?: { nodes: { name: string }[] };
            }[];
          }[];
        };
      }
    ).workItemTypes.nodes[0];
    expect(objective?.id).toBe('gid://gitlab/WorkItems::Type/6');
    expect(
      objective?.widgetDefinitions
        .find((d) => d.type === 'HIERARCHY')
        ?.allowedChildTypes?.nodes.map((n) => n.name),
    ).toEqual(['Objective', 'Key Result']);
  });
});
