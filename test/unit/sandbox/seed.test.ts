// The seeded GitLab content says what the handbook pages say (shared/seeds), as the extension
// would read it through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { SandboxStore } from '../../sandbox/store';
import { clockFrom, fiscalQuarter, resolveDate } from '../../sandbox/clock';
import { loadSeed } from '../../sandbox/seed/load';
import {
  addEpicKeyResultAtDepth,
  addGeneratedEpicObjective,
  addGeneratedObjective,
  addKeyResultAtDepth,
} from '../../sandbox/seed/generate';
import { graphqlAt, itemAt, notesOf, NOW, start, widget } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

type Linked = {
  linkType: string;
  workItemState: string;
  workItem: {
    reference: string;
    widgets: { type: string; taskCompletionStatus?: { count: number; completedCount: number } }[];
  };
};
function linkedIssues(item: unknown) {
  return widget<{ linkedItems: { nodes: Linked[] } }>(item, 'LINKED_ITEMS').linkedItems.nodes.map(
    (link) => ({
      reference: link.workItem.reference,
      state: link.workItemState,
      tasks: link.workItem.widgets.find((w) => w.type === 'DESCRIPTION')?.taskCompletionStatus,
    }),
  );
}

describe('seed 000: Ally key results scored from linked issues', () => {
  it('KR 1 links one open issue with 1 of 2 tasks done', async () => {
    const kr1 = await itemAt(sandbox, 'ally-kr1');
    expect(linkedIssues(kr1)).toEqual([
      { reference: 'gitlab-org/gitlab#17', state: 'OPEN', tasks: { count: 2, completedCount: 1 } },
    ]);
  });

  it('KR 2 links four issues: open without tasks, open 7/9, closed 2/3, closed', async () => {
    const kr2 = await itemAt(sandbox, 'ally-kr2');
    expect(linkedIssues(kr2)).toEqual([
      { reference: 'gitlab-org/gitlab#16', state: 'OPEN', tasks: { count: 0, completedCount: 0 } },
      { reference: 'gitlab-org/gitlab#19', state: 'OPEN', tasks: { count: 9, completedCount: 7 } },
      {
        reference: 'gitlab-org/gitlab#18',
        state: 'CLOSED',
        tasks: { count: 3, completedCount: 2 },
      },
      {
        reference: 'gitlab-org/gitlab#20',
        state: 'CLOSED',
        tasks: { count: 0, completedCount: 0 },
      },
    ]);
    // No stored progress: the linked issues are the only data.
    expect(widget(kr2, 'PROGRESS')).toMatchObject({ progress: null });
  });

  it('the linked issues are Issue work items in gitlab-org/gitlab, also at /-/issues/<iid>', async () => {
    const issue = sandbox.item('ally-issue-19');
    expect(issue).toMatchObject({
      type: 'Issue',
      fullPath: 'gitlab-org/gitlab',
      iid: '19',
      webPath: '/gitlab-org/gitlab/-/issues/19',
    });
  });
});

describe('seed 001: the CTO objectives of FY24-Q2', () => {
  it('one DRI holds five open objectives in the current quarter', async () => {
    const answer = await graphqlAt(
      sandbox,
      `query { project(fullPath: "gitlab-com/gitlab-okrs") { workItems(types: [OBJECTIVE], state: opened, assigneeUsernames: ["casey"], milestoneTitle: ["${fiscalQuarter(new Date(NOW)).title}"], first: 100) { count nodes { iid title } } } }`,
    );
    const list = (
      answer.json.data?.project as { workItems: { count: number; nodes: { iid: string }[] } }
    ).workItems;
    expect(list.count).toBe(5);
    expect(list.nodes.map((n) => n.iid).sort()).toEqual(['2231', '2434', '2440', '2443', '2448']);
  });

  it('objective 5 has six key results, and the handbook iids are kept', async () => {
    const objective = await itemAt(sandbox, 'cto-objective-5');
    const children = widget<{ children: { count: number; nodes: { iid: string }[] } }>(
      objective,
      'HIERARCHY',
    ).children;
    expect(children.count).toBe(6);
    expect(children.nodes.map((c) => c.iid)).toEqual([
      '2450',
      '2452',
      '2453',
      '2454',
      '2455',
      '2456',
    ]);
  });

  it('the hiring tree: "Grow the team" has one child, which has Development (3 KRs), Support and Infrastructure', async () => {
    const grow = await itemAt(sandbox, 'hiring-objective');
    expect(widget<{ children: { count: number } }>(grow, 'HIERARCHY').children.count).toBe(1);
    const thirty = await itemAt(sandbox, 'hiring-30');
    expect(
      widget<{ children: { nodes: { title: string }[] } }>(thirty, 'HIERARCHY').children.nodes.map(
        (c) => c.title,
      ),
    ).toEqual([
      'Development: Hire 15 new hires',
      'Support: Hire 5 new hires',
      'Infrastructure: Hire 10 new hires',
    ]);
  });

  it('the MR-rate key result carries the okr scoring block 10 → 17 with months 12, 13, 15', async () => {
    const kr = await itemAt(sandbox, 'mr-rate-kr');
    const description = widget<{ description: string }>(kr, 'DESCRIPTION').description;
    expect(description).toMatch(
      /```okr\nscoring: rate\ninitial: 10\ntarget: 17\nmonthly: \[12, 13, 15\]\n```/,
    );
  });

  it('parents hold GitLab roll-up: floor of the mean of the children', async () => {
    const dev = await itemAt(sandbox, 'hiring-development');
    // Dev 3/5 = 60, Ops 2/5 = 40, Sec 1/5 = 20 → 40.
    expect(widget(dev, 'PROGRESS')).toMatchObject({ progress: 40 });
    const thirty = await itemAt(sandbox, 'hiring-30');
    // Development 40, Support 4/5 = 80, Infrastructure 2/10 = 20 → 46.
    expect(widget(thirty, 'PROGRESS')).toMatchObject({ progress: 46 });
  });
});

describe('seed 002: the compensation milestone table', () => {
  // GitLab counts task items in the raw Markdown, fenced blocks included (Taskable::ITEM_PATTERN),
  // so the block's four milestones are also four GitLab tasks: the `okr` block must win.
  it('is a `scoring: milestones` block with 2 of 4 milestones checked (GitLab counts them as tasks too)', async () => {
    const kr = await itemAt(sandbox, 'comp-kr');
    const description = widget<{ description: string; taskCompletionStatus: { count: number } }>(
      kr,
      'DESCRIPTION',
    );
    expect(description.description).toContain('scoring: milestones');
    expect(description.description.match(/- \[x\] \d+%/g)).toEqual(['- [x] 20%', '- [x] 40%']);
    expect(description.taskCompletionStatus.count).toBe(4);
  });
});

describe('hierarchy shapes', () => {
  it('the deep key result sits under four objectives, listed root first', async () => {
    const kr = await itemAt(sandbox, 'deep-kr-4');
    const ancestors = widget<{ ancestors: { nodes: { iid: string }[] } }>(kr, 'HIERARCHY').ancestors
      .nodes;
    expect(ancestors.map((a) => a.iid)).toEqual(
      ['deep-o1', 'deep-o2', 'deep-o3', 'deep-o4'].map((key) => sandbox.item(key).iid),
    );
  });

  it('the chain reaches 9 objective levels and GitLab refuses a 10th', async () => {
    const kr = await itemAt(sandbox, 'chain-kr');
    expect(
      widget<{ ancestors: { nodes: unknown[] } }>(kr, 'HIERARCHY').ancestors.nodes,
    ).toHaveLength(9);
    const answer = await graphqlAt(
      sandbox,
      `mutation($parent: WorkItemID!) { workItemCreate(input: { namespacePath: "gitlab-com/gitlab-okrs", title: "Level 10", workItemTypeId: "gid://gitlab/WorkItems::Type/6", hierarchyWidget: { parentId: $parent } }) { errors workItem { id } } }`,
      { parent: sandbox.item('chain-o9').gid },
    );
    expect(answer.json.data?.workItemCreate).toEqual({
      errors: ['Work item reached maximum depth'],
      workItem: null,
    });
  });

  it('the demo user cannot read the confidential top objective, so the chain starts mid-way', async () => {
    const objective = await itemAt(sandbox, 'cto-objective-1');
    expect(widget(objective, 'HIERARCHY')).toMatchObject({
      hasParent: true,
      parent: null,
      ancestors: { nodes: [] },
    });
    expect(await itemAt(sandbox, 'ceo-confidential')).toBeNull();
    // Its author sees it.
    const store = sandbox.store;
    const samToken = 'glpat-test-sam';
    store.addToken({
      value: samToken,
      name: 'sam',
      userId: store.userByUsername('sam')?.id ?? -1,
      scopes: ['read_api'],
      createdAt: NOW,
      expiresAt: null,
      revoked: false,
    });
    expect(await itemAt(sandbox, 'ceo-confidential', samToken)).toMatchObject({
      confidential: true,
      title: 'Win the AI-powered DevSecOps market',
    });
  });

  it('a group-level objective is read through namespace(fullPath: group)', async () => {
    const objective = await itemAt(sandbox, 'group-objective');
    expect(objective).toMatchObject({
      reference: 'gitlab-com#121',
      workItemType: { name: 'Objective' },
    });
    expect(sandbox.urlOf('group-objective')).toBe(
      `${sandbox.url}/groups/gitlab-com/-/work_items/121`,
    );
  });
});

describe('dates relative to the clock', () => {
  it('the current quarter is a GitLab fiscal quarter milestone (FY starts Feb 1)', async () => {
    expect(fiscalQuarter(new Date(NOW))).toEqual({
      title: 'FY27-Q4',
      startDate: '2026-11-01',
      dueDate: '2027-01-31',
    });
    const objective = await itemAt(sandbox, 'cto-objective-2');
    expect(widget(objective, 'MILESTONE')).toMatchObject({
      milestone: {
        title: 'FY27-Q4',
        startDate: '2026-11-01T00:00:00Z',
        dueDate: '2027-01-31T00:00:00Z',
      },
    });
  });

  it('health changes carry their seeded dates: stale, fresh and none', async () => {
    const healthNotes = (item: unknown) =>
      notesOf(item).filter((n) => n.system && n.body.startsWith('changed health status'));
    expect(healthNotes(await itemAt(sandbox, 'stale-kr-old')).map((n) => n.createdAt)).toEqual([
      '2026-10-12T10:00:00Z',
    ]);
    expect(
      healthNotes(await itemAt(sandbox, 'fresh-kr')).map((n) => [n.body, n.createdAt]),
    ).toEqual([
      ['changed health status to **needs attention**', '2026-10-22T10:00:00Z'],
      ['changed health status to **on track**', '2026-11-04T00:00:00Z'],
    ]);
    expect(widget(await itemAt(sandbox, 'no-health-kr'), 'HEALTH_STATUS')).toEqual({
      type: 'HEALTH_STATUS',
      healthStatus: null,
    });
  });

  it('moves with SANDBOX_NOW: another clock gives another quarter', () => {
    const store = loadSeed(new SandboxStore(clockFrom('2026-03-10T09:00:00Z')));
    expect(
      store.milestone(store.workItemBySeedKey('cto-objective-2')?.milestoneId ?? null)?.title,
    ).toBe('FY27-Q1');
    expect(resolveDate('quarter.start+3d', new Date('2026-03-10T09:00:00Z')).toISOString()).toBe(
      '2026-02-04T00:00:00.000Z',
    );
  });
});

describe('generators for the benchmark', () => {
  it('build a tree of the asked size that GitLab would accept, with rolled-up progress', () => {
    const store = loadSeed(new SandboxStore(clockFrom(NOW)));
    const tree = addGeneratedObjective(store, { levels: 3, fanout: 4 });
    expect(tree.objectives).toBe(1 + 4 + 16);
    expect(tree.keyResults).toBe(64);
    expect(tree.root.progress?.progress).toBeGreaterThan(0);
    const sized = addGeneratedObjective(store, { levels: 2, descendants: 500, keyPrefix: 'sized' });
    expect(sized.items.length).toBeGreaterThanOrEqual(500);
  });

  it('put a key result at any depth from 1 to 9', () => {
    const store = loadSeed(new SandboxStore(clockFrom(NOW)));
    for (const depth of [1, 5, 9]) {
      const { keyResult, chain } = addKeyResultAtDepth(store, depth);
      expect(store.ancestorsOf(keyResult)).toEqual(chain);
      expect(chain).toHaveLength(depth);
    }
  });

  it('build an objective epic tree with labelled key result issues, custom values and weights', () => {
    const store = loadSeed(new SandboxStore(clockFrom(NOW)));
    const tree = addGeneratedEpicObjective(store, { levels: 2, fanout: 3 });
    expect(tree.objectives).toBe(1 + 3);
    expect(tree.keyResults).toBe(9);
    const labels = (item: (typeof tree.items)[number]) =>
      item.labelIds.map((id) => store.labels.get(id)?.title);
    expect(tree.root.type).toBe('Epic');
    expect(labels(tree.root)).toContain('okr:o');
    const keyResult = tree.items.at(-1);
    expect(keyResult?.type).toBe('Issue');
    expect(keyResult && labels(keyResult)).toContain('okr:kr');
    expect(keyResult && Object.keys(keyResult.customValues)).toHaveLength(3);
    expect(keyResult?.weight).toBeGreaterThan(0);
    const { keyResult: deep, chain } = addEpicKeyResultAtDepth(store, 4);
    expect(store.ancestorsOf(deep)).toEqual(chain);
    expect(chain.every((epic) => epic.type === 'Epic')).toBe(true);
  });
});
