// The data use cases against a fake GitLab: what a person sees in the panel (chain, health,
// progress, linked issues) comes out of GitLab's shapes correctly, and an objective tree costs
// one request per level, never one per node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGitLabClient, type RequestRecord } from '../../../lib/gitlab/client';
import { GitLabError } from '../../../lib/gitlab/errors';
import {
  createKeyResult,
  findRecentChildByTitle,
  loadItemTree,
  resolveOkrTypes,
  updateProgress,
} from '../../../lib/gitlab/okr-repository';
import {
  createFakeTree,
  fakeFetch,
  json,
  noSleep,
  type FakeItem,
  type Handler,
} from './fake-gitlab';

const BASE = 'https://gitlab.example.com/gitlab';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

function clientWith(handler: Handler, baseUrl = BASE) {
  const fake = fakeFetch(handler);
  const records: RequestRecord[] = [];
  const client = createGitLabClient({
    baseUrl,
    token: 'glpat-secret-token',
    fetch: fake.fetch,
    sleep: noSleep,
    onRequest: (record) => records.push(record),
  });
  return { client, requests: fake.requests, records };
}

async function rejection(promise: Promise<unknown>): Promise<GitLabError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GitLabError);
  return error as GitLabError;
}

describe('loadItemTree for a key result', () => {
  it('maps the item, its chain root first, its linked issues and notes in one request', async () => {
    const { client, requests } = clientWith(() => json(fixture('key-result-item.json')));
    const tree = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '42' });

    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`${BASE}/api/graphql`);
    expect(requests[0]?.variables).toEqual({ fullPath: 'acme/okrs', iid: '42' });
    expect(tree.requests).toBe(1);

    const { item } = tree;
    expect(item).toMatchObject({
      id: 'gid://gitlab/WorkItem/9042',
      reference: 'acme/okrs#42',
      url: 'https://gitlab.example.com/gitlab/acme/okrs/-/work_items/42',
      kind: 'keyResult',
      state: 'opened',
      health: 'needsAttention',
      progress: { progress: 40, startValue: 30, currentValue: 34, endValue: 40 },
      assignees: [{ id: 'gid://gitlab/User/7', username: 'ally', name: 'Ally Kim' }],
      milestone: { title: 'FY24-Q2', startDate: '2024-05-01', dueDate: '2024-07-31' },
      dueDate: '2024-07-15',
      startDate: null,
      labels: ['OKR', 'team::support'],
      tasks: { total: 0, completed: 0 },
    });
    expect(item.description).toContain('scoring: manual');
    // Newest last, whatever order GitLab sent them in.
    expect(item.notes.map((note) => note.createdAt)).toEqual([
      '2024-06-01T09:00:00Z',
      '2024-06-02T12:00:00Z',
      '2024-06-03T10:00:00Z',
    ]);
    expect(item.notes[0]).toMatchObject({ system: true, author: 'ally' });
    expect(item.notes[1]).not.toHaveProperty('author');

    expect(
      item.linkedItems.map((linked) => [linked.reference, linked.state, linked.tasks]),
    ).toEqual([
      ['acme/app#301', 'closed', { total: 3, completed: 2 }],
      ['acme/app#302', 'opened', { total: 2, completed: 1 }],
    ]);

    expect(
      tree.chain.map((link) => [link.reference, link.kind, link.health, link.gitlabProgress]),
    ).toEqual([
      ['acme/okrs#10', 'objective', 'onTrack', 55],
      ['acme/okrs#20', 'objective', null, 30],
    ]);
    expect(tree.chainTruncated).toBe(false);
    expect(tree.linkedKeyResults).toEqual([]);
  });

  it('says the chain is truncated when its top ancestor still has a parent the user cannot read', async () => {
    const response = fixture('key-result-item.json') as {
      data: {
        namespace: {
          workItem: { widgets: { __typename: string; ancestors?: { nodes: unknown[] } }[] };
        };
      };
    };
    const hierarchy = response.data.namespace.workItem.widgets.find(
      (widget) => widget.__typename === 'WorkItemWidgetHierarchy',
    );
    hierarchy?.ancestors?.nodes.shift(); // GitLab omits the confidential top objective
    const { client } = clientWith(() => json(response));
    const tree = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '42' });
    expect(tree.chain.map((link) => link.reference)).toEqual(['acme/okrs#20']);
    expect(tree.chainTruncated).toBe(true);
  });

  it('reads a health value from a later GitLab as no health instead of failing', async () => {
    const response = fixture('key-result-item.json') as {
      data: {
        namespace: { workItem: { widgets: { __typename: string; healthStatus?: string }[] } };
      };
    };
    const health = response.data.namespace.workItem.widgets.find(
      (widget) => widget.__typename === 'WorkItemWidgetHealthStatus',
    );
    if (health) health.healthStatus = 'offTrack';
    const { client } = clientWith(() => json(response));
    const { item } = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '42' });
    expect(item.health).toBeNull();
    expect(item.progress?.progress).toBe(40);
  });

  it('treats a missing widget as unknown rather than failing', async () => {
    const response = fixture('key-result-item.json') as {
      data: { namespace: { workItem: { widgets: { __typename: string }[] } } };
    };
    const workItem = response.data.namespace.workItem;
    workItem.widgets = workItem.widgets.filter(
      (widget) =>
        ![
          'WorkItemWidgetProgress',
          'WorkItemWidgetHealthStatus',
          'WorkItemWidgetMilestone',
        ].includes(widget.__typename),
    );
    const { client } = clientWith(() => json(response));
    const { item } = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '42' });
    expect(item.progress).toBeNull();
    expect(item.health).toBeNull();
    expect(item.milestone).toBeNull();
  });
});

describe('loadItemTree for an issue', () => {
  it('lists the key results it relates to, each with its own chain, in one request', async () => {
    const { client, requests } = clientWith(() => json(fixture('issue-item.json')));
    const tree = await loadItemTree(client, { fullPath: 'acme/app', iid: '302' });
    expect(requests).toHaveLength(1);
    expect(tree.item.kind).toBe('issue');
    expect(tree.item.tasks).toEqual({ total: 2, completed: 1 });
    expect(tree.linkedKeyResults).toHaveLength(1);
    const [linked] = tree.linkedKeyResults;
    expect(linked?.keyResult).toMatchObject({
      reference: 'acme/okrs#42',
      kind: 'keyResult',
      health: 'needsAttention',
      gitlabProgress: 40,
    });
    expect(linked?.chain.map((link) => link.title)).toEqual([
      'Customers love the product',
      'Support answers within a day',
    ]);
  });
});

describe('loadItemTree for an objective', () => {
  // Root objective 1 → objectives 2, 3 (+ KR 4) → objective 5 under 2 → KR 6 under 5.
  const tree: FakeItem[] = [
    { id: 1, iid: 1, fullPath: 'acme/okrs', type: 'Objective', title: 'Grow' },
    { id: 2, iid: 2, fullPath: 'acme/okrs', type: 'Objective', title: 'Sell more', parent: 1 },
    { id: 3, iid: 3, fullPath: 'acme/okrs', type: 'Objective', title: 'Hire', parent: 1 },
    {
      id: 4,
      iid: 4,
      fullPath: 'acme/okrs',
      type: 'Key Result',
      title: 'NPS 40',
      parent: 1,
      progress: 50,
    },
    { id: 5, iid: 5, fullPath: 'acme/sales', type: 'Objective', title: 'EMEA', parent: 2 },
    {
      id: 6,
      iid: 6,
      fullPath: 'acme/sales',
      type: 'Key Result',
      title: '10 deals',
      parent: 5,
      progress: 20,
    },
    { id: 7, iid: 7, fullPath: 'acme/okrs', type: 'Key Result', title: '5 hires', parent: 3 },
  ];

  it('loads all descendants level by level: one request per level and namespace', async () => {
    const { client, records } = clientWith(createFakeTree(tree, BASE).handler);
    const loaded = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' });

    // Level 1 comes with the item; level 2 (objectives 2 and 3) is one request; level 3
    // (objective 5, in another project) is one more. Objective 3's level holds no objective.
    expect(records.map((record) => record.operation)).toEqual([
      'OkrItemQuery',
      'OkrDescendantsQuery',
      'OkrDescendantsQuery',
    ]);
    expect(loaded.requests).toBe(3);
    const titles = (node: typeof loaded.item): unknown => ({
      [node.title]: node.children.map(titles),
    });
    expect(titles(loaded.item)).toEqual({
      Grow: [
        { 'Sell more': [{ EMEA: [{ '10 deals': [] }] }] },
        { Hire: [{ '5 hires': [] }] },
        { 'NPS 40': [] },
      ],
    });
    expect(loaded.item.childrenIncomplete).toBeUndefined();
  });

  it('batches a wide level: 150 objectives in one namespace take two requests, not 150', async () => {
    const wide: FakeItem[] = [
      { id: 1, iid: 1, fullPath: 'acme/okrs', type: 'Objective', title: 'Root' },
    ];
    for (let index = 0; index < 150; index += 1) {
      const objective = 100 + index;
      wide.push({
        id: objective,
        iid: objective,
        fullPath: 'acme/okrs',
        type: 'Objective',
        title: `O${index}`,
        parent: 1,
      });
      wide.push({
        id: 1000 + index,
        iid: 1000 + index,
        fullPath: 'acme/okrs',
        type: 'Key Result',
        title: `KR${index}`,
        parent: objective,
      });
    }
    const { client, requests } = clientWith(createFakeTree(wide, BASE).handler);
    const loaded = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' });
    expect(requests).toHaveLength(1 + 2);
    const batchSizes = requests
      .slice(1)
      .map((request) => (request.variables.iids as string[]).length);
    expect(batchSizes).toEqual([100, 50]);
    expect(loaded.item.children).toHaveLength(150);
    expect(loaded.item.children.every((child) => child.children.length === 1)).toBe(true);
  });

  it('on a GitLab before 18.1 (no Namespace.workItems) lists levels through the project instead', async () => {
    const base = createFakeTree(tree, BASE).handler;
    const handler: Handler = async (request, signal) => {
      if (request.operationName === 'OkrDescendantsQuery') {
        return json({
          errors: [{ message: "Field 'workItems' doesn't exist on type 'Namespace'" }],
        });
      }
      if (request.operationName === 'OkrDescendantsInProjectQuery') {
        const answer = (await (
          await base({ ...request, operationName: 'OkrDescendantsQuery' }, signal)
        ).json()) as { data: { namespace: unknown } };
        return json({ data: { project: answer.data.namespace } });
      }
      return base(request, signal);
    };
    const { client, records } = clientWith(handler);
    const loaded = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' });
    expect(records.map((record) => record.operation)).toEqual([
      'OkrItemQuery',
      'OkrDescendantsQuery',
      'VersionQuery', // asked once, after GitLab refused a field
      'OkrDescendantsInProjectQuery',
      // The client remembers: the next level goes straight to the project query.
      'OkrDescendantsInProjectQuery',
    ]);
    const sellMore = loaded.item.children.find((child) => child.title === 'Sell more');
    expect(sellMore?.children[0]?.children[0]?.title).toBe('10 deals');
  });

  it('stops at maxDepth and marks what it did not load as incomplete', async () => {
    const { client, requests } = clientWith(createFakeTree(tree, BASE).handler);
    const loaded = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' }, { maxDepth: 2 });
    expect(requests).toHaveLength(2);
    const sellMore = loaded.item.children.find((child) => child.title === 'Sell more');
    const emea = sellMore?.children[0];
    expect(emea?.title).toBe('EMEA');
    expect(emea?.children).toEqual([]);
    expect(emea?.childrenIncomplete).toBe(true);
  });

  it('does not loop when GitLab reports an item as its own descendant', async () => {
    const looped: FakeItem[] = [
      { id: 1, iid: 1, fullPath: 'acme/okrs', type: 'Objective', title: 'A' },
      { id: 2, iid: 2, fullPath: 'acme/okrs', type: 'Objective', title: 'B', parent: 1 },
    ];
    const base = createFakeTree(looped, BASE).handler;
    // B's children, as GitLab (wrongly) reports them: A again.
    const handler: Handler = async (request, signal) => {
      const response = await base(request, signal);
      if (request.operationName !== 'OkrDescendantsQuery') return response;
      const body = (await response.json()) as {
        data: {
          namespace: { workItems: { nodes: { widgets: { children?: { nodes: unknown[] } }[] }[] } };
        };
      };
      const hierarchy = body.data.namespace.workItems.nodes[0]?.widgets[0];
      if (hierarchy?.children) {
        const first = (await (
          await base(
            {
              ...request,
              operationName: 'OkrItemQuery',
              variables: { fullPath: 'acme/okrs', iid: '1' },
            },
            signal,
          )
        ).json()) as { data: { namespace: { workItem: unknown } } };
        hierarchy.children.nodes = [first.data.namespace.workItem];
      }
      return json(body);
    };
    const { client, requests } = clientWith(handler);
    const loaded = await loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' });
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(loaded.item.children[0]?.children).toEqual([]);
  });
});

describe('loadItemTree failures', () => {
  it('says not found when GitLab returns no work item', async () => {
    const { client } = clientWith(() =>
      json({ data: { namespace: { id: 'x', fullPath: 'acme/okrs', workItem: null } } }),
    );
    const error = await rejection(loadItemTree(client, { fullPath: 'acme/okrs', iid: '404' }));
    expect(error.problem.kind).toBe('notFound');
    expect(error.problem.message).toContain('acme/okrs#404');
  });

  it('says a task is not an OKR', async () => {
    const { client } = clientWith(
      createFakeTree([{ id: 1, iid: 1, fullPath: 'acme/okrs', type: 'Task', title: 'Do it' }], BASE)
        .handler,
    );
    const error = await rejection(loadItemTree(client, { fullPath: 'acme/okrs', iid: '1' }));
    expect(error.problem.kind).toBe('notAnOkr');
  });
});

describe('resolveOkrTypes', () => {
  const typesResponse = (names: string[]) =>
    json({
      data: {
        namespace: {
          id: 'gid://gitlab/Namespace/1',
          workItemTypes: {
            nodes: names.map((name, index) => ({
              id: `gid://gitlab/WorkItems::Type/${index + 1}`,
              name,
              widgetDefinitions: [
                { type: 'ASSIGNEES' },
                name === 'Objective'
                  ? {
                      type: 'HIERARCHY',
                      allowedChildTypes: {
                        nodes: [
                          { id: 'gid://gitlab/WorkItems::Type/6', name: 'Objective' },
                          { id: 'gid://gitlab/WorkItems::Type/7', name: 'Key Result' },
                        ],
                      },
                    }
                  : { type: 'HIERARCHY', allowedChildTypes: { nodes: [] } },
              ],
            })),
          },
        },
      },
    });

  it('finds the objective and key result types at run time', async () => {
    const { client } = clientWith(() =>
      typesResponse(['Issue', 'Task', 'Objective', 'Key Result']),
    );
    const types = await resolveOkrTypes(client, 'acme/okrs');
    expect(types.objective.id).toBe('gid://gitlab/WorkItems::Type/3');
    expect(types.keyResult.id).toBe('gid://gitlab/WorkItems::Type/4');
    expect(types.objective.allowedChildTypes.map((type) => type.name)).toEqual([
      'Objective',
      'Key Result',
    ]);
  });

  it('says OKRs are unavailable when the types are absent', async () => {
    const { client } = clientWith(() => typesResponse(['Issue', 'Task']));
    const error = await rejection(resolveOkrTypes(client, 'acme/app'));
    expect(error.problem.kind).toBe('okrsUnavailable');
    expect(error.problem.message).toContain('acme/app');
  });
});

describe('writes', () => {
  const draft = {
    namespacePath: 'acme/okrs',
    parentId: 'gid://gitlab/WorkItem/1',
    typeId: 'gid://gitlab/WorkItems::Type/7',
    title: 'NPS from 30 to 40',
    assigneeIds: ['gid://gitlab/User/7'],
    milestoneId: 'gid://gitlab/Milestone/55',
    healthStatus: 'onTrack' as const,
  };

  it('sends one workItemCreate with the parent, type and widgets', async () => {
    const { client, requests } = clientWith(() =>
      json({
        data: {
          workItemCreate: {
            errors: [],
            workItem: {
              id: 'gid://gitlab/WorkItem/77',
              iid: '77',
              reference: 'acme/okrs#77',
              webUrl: `${BASE}/acme/okrs/-/work_items/77`,
              title: draft.title,
              state: 'OPEN',
              createdAt: '2024-06-05T10:00:00Z',
              workItemType: { name: 'Key Result' },
              widgets: [],
            },
          },
        },
      }),
    );
    const created = await createKeyResult(client, draft);
    expect(created).toMatchObject({ id: 'gid://gitlab/WorkItem/77', iid: '77', kind: 'keyResult' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.variables).toEqual({
      input: {
        namespacePath: 'acme/okrs',
        title: draft.title,
        workItemTypeId: draft.typeId,
        hierarchyWidget: { parentId: draft.parentId },
        assigneesWidget: { assigneeIds: draft.assigneeIds },
        milestoneWidget: { milestoneId: draft.milestoneId },
        healthStatusWidget: { healthStatus: 'onTrack' },
      },
    });
  });

  it('turns payload errors (HTTP 200) into a problem that says what GitLab refused', async () => {
    const { client } = clientWith(() =>
      json({
        data: {
          workItemCreate: {
            errors: ['Title is too long (maximum is 255 characters)'],
            workItem: null,
          },
        },
      }),
    );
    const error = await rejection(createKeyResult(client, draft));
    expect(error.problem.kind).toBe('invalidRequest');
    expect(error.problem.message).toContain('Title is too long');
    expect(error.unclear).toBe(false);
  });

  it('never sends the create twice: a 500 after sending is reported as unclear', async () => {
    const { client, requests } = clientWith(() => new Response('boom', { status: 500 }));
    const error = await rejection(createKeyResult(client, draft));
    expect(requests).toHaveLength(1);
    expect(error.unclear).toBe(true);
    expect(error.problem.message).toMatch(/not clear whether GitLab saved/);
  });

  it('refuses progress GitLab would reject before sending anything', async () => {
    const { client, requests } = clientWith(() => json({}));
    const equal = await rejection(
      updateProgress(client, { id: 'x', startValue: 5, currentValue: 5, endValue: 5 }),
    );
    expect(equal.problem.kind).toBe('invalidRequest');
    const fractional = await rejection(
      updateProgress(client, { id: 'x', startValue: 0, currentValue: 2.5, endValue: 10 }),
    );
    expect(fractional.problem.message).toContain('2.5');
    expect(requests).toHaveLength(0);
  });

  it('finds a child an unclear attempt already created, by title and time', async () => {
    const child = (iid: number, title: string, createdAt: string) => ({
      id: `gid://gitlab/WorkItem/${iid}`,
      iid: String(iid),
      reference: `acme/okrs#${iid}`,
      webUrl: `${BASE}/acme/okrs/-/work_items/${iid}`,
      title,
      state: 'OPEN',
      createdAt,
      workItemType: { name: 'Key Result' },
      widgets: [],
    });
    const { client } = clientWith(() =>
      json({
        data: {
          workItem: {
            id: 'gid://gitlab/WorkItem/1',
            widgets: [
              {
                __typename: 'WorkItemWidgetHierarchy',
                children: {
                  nodes: [
                    child(70, 'NPS from 30 to 40', '2024-01-01T00:00:00Z'),
                    child(77, 'NPS from 30 to 40 ', '2024-06-05T10:00:00Z'),
                    child(78, 'Other', '2024-06-05T10:01:00Z'),
                  ],
                },
              },
            ],
          },
        },
      }),
    );
    const found = await findRecentChildByTitle(client, {
      parentId: 'gid://gitlab/WorkItem/1',
      title: 'NPS from 30 to 40',
      since: '2024-06-05T09:55:00Z',
    });
    expect(found?.iid).toBe('77');
    const none = await findRecentChildByTitle(client, {
      parentId: 'gid://gitlab/WorkItem/1',
      title: 'Never created',
      since: '2024-06-05T09:55:00Z',
    });
    expect(none).toBeNull();
  });
});
