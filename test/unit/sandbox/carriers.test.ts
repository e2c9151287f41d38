// OKRs kept as epics and labelled issues (issue 12): the acme seed, GitLab's epic hierarchy
// rules, the weight roll-up behind the epic progress bar, group and scoped labels, the
// `workItems` label and type filters, and the epic pages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { fiscalQuarter, clockFrom } from '../../sandbox/clock';
import { graphqlAt, NOW, start, widget } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const QUARTER = fiscalQuarter(clockFrom(NOW)(), 0).title;

const EPIC_QUERY = `
query Epic($path: ID!, $iid: String!) {
  namespace(fullPath: $path) {
    workItem(iid: $iid) {
      iid title webUrl workItemType { name }
      widgets {
        type
        ... on WorkItemWidgetWeight { weight rolledUpWeight rolledUpCompletedWeight widgetDefinition { editable rollUp } }
        ... on WorkItemWidgetHierarchy {
          parent { iid }
          children(first: 50) { nodes { iid title workItemType { name } namespace { fullPath } } }
          rolledUpCountsByType { workItemType { name } countsByState { all opened closed } }
          depthLimitReachedByType { workItemType { name } depthLimitReached }
        }
        ... on WorkItemWidgetHealthStatus { healthStatus }
        ... on WorkItemWidgetLabels { labels { nodes { id title } } }
      }
    }
  }
}`;

async function epic(key: string) {
  const { fullPath, iid } = sandbox.item(key);
  const answer = await graphqlAt(sandbox, EPIC_QUERY, { path: fullPath, iid });
  expect(answer.json.errors).toBeUndefined();
  return (answer.json.data?.namespace as { workItem: Record<string, unknown> }).workItem;
}

const UPDATE = `mutation U($input: WorkItemUpdateInput!) {
  workItemUpdate(input: $input) { errors workItem { id } }
}`;
const CREATE = `mutation C($input: WorkItemCreateInput!) {
  workItemCreate(input: $input) { errors workItem { id iid webUrl } }
}`;

const typeId = async (path: string, name: string) => {
  const answer = await graphqlAt(
    sandbox,
    `query T($path: ID!) { namespace(fullPath: $path) { workItemTypes { nodes { id name } } } }`,
    { path },
  );
  const nodes = (
    answer.json.data?.namespace as { workItemTypes: { nodes: { id: string; name: string }[] } }
  ).workItemTypes.nodes;
  return nodes.find((t) => t.name === name)?.id;
};

const labelsOf = (item: unknown) =>
  widget<{ labels: { nodes: { title: string }[] } }>(item, 'LABELS').labels.nodes.map(
    (l) => l.title,
  );

describe('the acme seed', () => {
  it('holds the five CTO objectives as epics labelled okr:o and the quarter label', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const item = sandbox.item(`acme-objective-${n}`);
      expect(item.fullPath).toBe('acme');
      expect(item.type).toBe('Epic');
      expect(item.webPath).toBe(`/groups/acme/-/epics/${item.iid}`);
    }
    const first = await epic('acme-objective-1');
    expect(first.title).toBe('Continue to win against GitHub with AI in all we do');
    expect(labelsOf(first)).toEqual(['okr:o', `okrq:${QUARTER}`]);
    expect(widget(first, 'HEALTH_STATUS')).toMatchObject({ healthStatus: 'onTrack' });
  });

  it('keeps key results as issues of acme/engineering under the epics, one three levels down', async () => {
    expect(sandbox.item('acme-kr-1-2')).toMatchObject({
      fullPath: 'acme/engineering',
      type: 'Issue',
    });
    const deep = sandbox.item('acme-kr-deep');
    const middle = await epic('acme-objective-1-ai');
    expect(widget(middle, 'HIERARCHY')).toMatchObject({
      parent: { iid: sandbox.item('acme-objective-1').iid },
      children: { nodes: [{ iid: deep.iid, workItemType: { name: 'Issue' } }] },
    });
  });
});

describe('epic weight roll-up (ee/app/models/work_items/widgets/weight.rb)', () => {
  it('sums the weights of every descendant issue and of the closed ones, at any depth', async () => {
    // Objective 1: KRs 5 + 3 + 2 (closed) and, one epic down, acme-kr-deep 8.
    const weight = widget(await epic('acme-objective-1'), 'WEIGHT');
    expect(weight).toEqual({
      type: 'WEIGHT',
      weight: null,
      rolledUpWeight: 18,
      rolledUpCompletedWeight: 2,
      widgetDefinition: { editable: false, rollUp: true },
    });
  });

  it('has no roll-up where no descendant issue has a weight, and 0 completed when none is closed', async () => {
    expect(widget(await epic('acme-objective-previous'), 'WEIGHT')).toMatchObject({
      rolledUpWeight: null,
      rolledUpCompletedWeight: null,
    });
    expect(widget(await epic('acme-objective-1-ai'), 'WEIGHT')).toMatchObject({
      rolledUpWeight: 8,
      rolledUpCompletedWeight: 0,
    });
  });

  it('moves when an issue is closed or reweighed; an epic ignores a weight of its own', async () => {
    const kr = sandbox.item('acme-kr-1-1');
    expect(
      (
        await graphqlAt(sandbox, UPDATE, {
          input: { id: kr.gid, stateEvent: 'CLOSE', weightWidget: { weight: 7 } },
        })
      ).json.data,
    ).toEqual({ workItemUpdate: { errors: [], workItem: { id: kr.gid } } });
    await graphqlAt(sandbox, UPDATE, {
      input: { id: sandbox.item('acme-objective-1').gid, weightWidget: { weight: 40 } },
    });
    expect(widget(await epic('acme-objective-1'), 'WEIGHT')).toMatchObject({
      weight: null,
      rolledUpWeight: 20,
      rolledUpCompletedWeight: 9,
    });
  });

  it("refuses a negative weight in the model's words", async () => {
    const answer = await graphqlAt(sandbox, UPDATE, {
      input: { id: sandbox.item('acme-kr-1-1').gid, weightWidget: { weight: -1 } },
    });
    expect(answer.json.data).toEqual({
      workItemUpdate: { errors: ['Weight must be greater than or equal to 0'], workItem: null },
    });
  });

  it('counts descendants by type and state (rolledUpCountsByType)', async () => {
    const hierarchy = widget<{ rolledUpCountsByType: unknown[] }>(
      await epic('acme-objective-2'),
      'HIERARCHY',
    );
    expect(hierarchy.rolledUpCountsByType).toEqual([
      { workItemType: { name: 'Epic' }, countsByState: { all: 1, opened: 1, closed: 0 } },
      { workItemType: { name: 'Issue' }, countsByState: { all: 7, opened: 5, closed: 2 } },
      { workItemType: { name: 'Task' }, countsByState: { all: 0, opened: 0, closed: 0 } },
    ]);
  });
});

describe('epic hierarchy (app/models/work_items/parent_link.rb)', () => {
  it('offers the Epic type in groups only, and refuses one in a project', async () => {
    const epicType = await typeId('acme', 'Epic');
    expect(epicType).toBe('gid://gitlab/WorkItems::Type/8');
    expect(await typeId('acme/engineering', 'Epic')).toBeUndefined();
    const answer = await graphqlAt(sandbox, CREATE, {
      input: {
        namespacePath: 'acme/engineering',
        title: 'Epic in a project',
        workItemTypeId: epicType,
      },
    });
    expect(answer.json.data).toEqual({
      workItemCreate: {
        errors: [`Work item type with id ${epicType} is not available`],
        workItem: null,
      },
    });
  });

  it('nests epics seven levels deep and no deeper', async () => {
    const epicType = await typeId('acme', 'Epic');
    let parentId = sandbox.item('acme-objective-previous').gid; // level 1
    for (let level = 2; level <= 7; level += 1) {
      const answer = await graphqlAt(sandbox, CREATE, {
        input: {
          namespacePath: 'acme',
          title: `Level ${level}`,
          workItemTypeId: epicType,
          hierarchyWidget: { parentId },
        },
      });
      const created = answer.json.data?.workItemCreate as {
        errors: string[];
        workItem: { id: string };
      };
      expect(created.errors).toEqual([]);
      parentId = created.workItem.id;
    }
    const eighth = await graphqlAt(sandbox, CREATE, {
      input: {
        namespacePath: 'acme',
        title: 'Level 8',
        workItemTypeId: epicType,
        hierarchyWidget: { parentId },
      },
    });
    expect(eighth.json.data).toEqual({
      workItemCreate: { errors: ['Work item reached maximum depth'], workItem: null },
    });
  });

  it('gives an issue one epic at a time, also from another group, and refuses an issue parent', async () => {
    const issue = sandbox.item('acme-kr-2-3');
    // Moved from objective 2 to objective 3, it leaves objective 2's children.
    const moved = await graphqlAt(sandbox, UPDATE, {
      input: { id: issue.gid, hierarchyWidget: { parentId: sandbox.item('acme-objective-3').gid } },
    });
    expect(moved.json.data).toEqual({
      workItemUpdate: { errors: [], workItem: { id: issue.gid } },
    });
    const two = widget<{ children: { nodes: { iid: string }[] } }>(
      await epic('acme-objective-2'),
      'HIERARCHY',
    );
    expect(two.children.nodes.map((c) => c.iid)).not.toContain(issue.iid);
    const three = widget<{ children: { nodes: { iid: string }[] } }>(
      await epic('acme-objective-3'),
      'HIERARCHY',
    );
    expect(three.children.nodes.map((c) => c.iid)).toContain(issue.iid);

    const underIssue = await graphqlAt(sandbox, UPDATE, {
      input: {
        id: sandbox.item('acme-objective-1-ai').gid,
        hierarchyWidget: { parentId: issue.gid },
      },
    });
    expect(underIssue.json.data).toEqual({
      workItemUpdate: {
        errors: ['Work item is not allowed to add this type of parent'],
        workItem: null,
      },
    });
  });

  it('lets an epic hold an issue of a project in another group (cross_hierarchy_enabled)', async () => {
    const issueType = await typeId('gitlab-org/gitlab', 'Issue');
    const created = await graphqlAt(sandbox, CREATE, {
      input: {
        namespacePath: 'gitlab-org/gitlab',
        title: 'An issue of another group',
        workItemTypeId: issueType,
        hierarchyWidget: { parentId: sandbox.item('acme-objective-5').gid },
      },
    });
    expect((created.json.data?.workItemCreate as { errors: string[] }).errors).toEqual([]);
  });
});

describe('labels', () => {
  it('gives group labels GroupLabel ids and refuses labels of another group silently', async () => {
    const item = await epic('acme-objective-1');
    const ids = widget<{ labels: { nodes: { id: string }[] } }>(item, 'LABELS').labels.nodes;
    expect(ids.every((l) => l.id.startsWith('gid://gitlab/GroupLabel/'))).toBe(true);
    const native = sandbox.item('cto-objective-1');
    const read = await graphqlAt(sandbox, EPIC_QUERY, { path: native.fullPath, iid: native.iid });
    const okrLabel = widget<{ labels: { nodes: { id: string }[] } }>(
      (read.json.data?.namespace as { workItem: unknown }).workItem,
      'LABELS',
    ).labels.nodes[0]?.id;
    const answer = await graphqlAt(sandbox, UPDATE, {
      input: {
        id: sandbox.item('acme-objective-1').gid,
        labelsWidget: { addLabelIds: [okrLabel] },
      },
    });
    expect((answer.json.data?.workItemUpdate as { errors: string[] }).errors).toEqual([]);
    expect(labelsOf(await epic('acme-objective-1'))).toEqual(['okr:o', `okrq:${QUARTER}`]);
  });

  it('keeps one label per scope: the one added last wins (ee/app/models/scoped_label_set.rb)', async () => {
    const kr = sandbox.item('acme-kr-1-2');
    const labelId = async (title: string) => {
      const answer = await graphqlAt(
        sandbox,
        `{ namespace(fullPath: "acme") { workItems(first: 100, includeDescendants: true, labelName: ["${title}"]) { nodes { widgets { type ... on WorkItemWidgetLabels { labels { nodes { id title } } } } } } } }`,
      );
      const nodes = (answer.json.data?.namespace as { workItems: { nodes: unknown[] } }).workItems
        .nodes;
      return widget<{ labels: { nodes: { id: string; title: string }[] } }>(
        nodes[0],
        'LABELS',
      ).labels.nodes.find((l) => l.title === title)?.id;
    };
    const infrastructure = await labelId('Department::Infrastructure');
    const answer = await graphqlAt(sandbox, UPDATE, {
      input: { id: kr.gid, labelsWidget: { addLabelIds: [infrastructure] } },
    });
    expect((answer.json.data?.workItemUpdate as { errors: string[] }).errors).toEqual([]);
    const { fullPath, iid } = kr;
    const read = await graphqlAt(sandbox, EPIC_QUERY, { path: fullPath, iid });
    const labels = labelsOf((read.json.data?.namespace as { workItem: unknown }).workItem);
    expect(labels).toContain('Department::Infrastructure');
    expect(labels).not.toContain('Department::Development');
    expect(labels).toContain('okr:kr');
  });
});

describe('workItems filters (labelName, or, not, types, workItemTypeIds)', () => {
  const keysOf = async (path: string, args: string) => {
    const answer = await graphqlAt(
      sandbox,
      `{ namespace(fullPath: "${path}") { workItems(first: 100, ${args}) { count nodes { id } } } }`,
    );
    expect(answer.json.errors).toBeUndefined();
    const ids = (
      answer.json.data?.namespace as { workItems: { nodes: { id: string }[] } }
    ).workItems.nodes.map((n) => n.id);
    const byGid = new Map(sandbox.seedKeys().map((key) => [sandbox.item(key).gid, key] as const));
    return ids.map((id) => byGid.get(id)).sort();
  };

  it('labelName needs every label; a group lists its own items unless includeDescendants', async () => {
    const objectives = await keysOf('acme', `labelName: ["okr:o", "okrq:${QUARTER}"]`);
    expect(objectives).toEqual([
      'acme-objective-1',
      'acme-objective-1-ai',
      'acme-objective-2',
      'acme-objective-3',
      'acme-objective-4',
      'acme-objective-5',
    ]);
    expect(await keysOf('acme', 'labelName: ["okr:kr"]')).toEqual(['acme-kr-epic']);
    const krs = await keysOf('acme', 'labelName: ["okr:kr"], includeDescendants: true');
    // 18 key result issues and the key result epic.
    expect(krs).toHaveLength(19);
    expect(krs).toContain('acme-kr-deep');
  });

  it('or needs one of the labels, not none of them; types and workItemTypeIds pick types', async () => {
    const either = await keysOf(
      'acme/engineering',
      'or: { labelNames: ["Department::Infrastructure", "Department::Customer Support"] }',
    );
    expect(either).toEqual([
      'acme-kr-1-1',
      'acme-kr-2-1',
      'acme-kr-2-2',
      'acme-kr-3-1',
      'acme-kr-5-1',
      'acme-kr-5-2',
    ]);
    const issuesOnly = await keysOf(
      'acme',
      'includeDescendants: true, labelName: ["okr:kr"], not: { types: [EPIC] }',
    );
    expect(issuesOnly).not.toContain('acme-kr-epic');
    expect(issuesOnly).toHaveLength(18);
    expect(
      await keysOf(
        'acme',
        'includeDescendants: true, labelName: ["okr:kr"], workItemTypeIds: ["gid://gitlab/WorkItems::Type/8"]',
      ),
    ).toEqual(['acme-kr-epic']);
    const unlabelled = await keysOf('acme/engineering', 'labelName: ["None"]');
    expect(unlabelled).toEqual([
      'acme-kr-epic-issue-2',
      'acme-kr-epic-issue-3',
      'acme-kr-epic-issue-4',
    ]);
    expect(await keysOf('acme/engineering', 'not: { labelName: ["okr:kr", "backend"] }')).toEqual(
      unlabelled,
    );
  });

  it('epics do not exist as work items before GitLab 17.2', async () => {
    const old = await start('17.1');
    try {
      const answer = await graphqlAt(
        old,
        `{ group(fullPath: "acme") { workItems(first: 100) { count } } }`,
      );
      expect(answer.json.data).toEqual({ group: { workItems: { count: 0 } } });
    } finally {
      await old.close();
    }
  });
});

describe('epic pages', () => {
  const bodyAttributes = (page: string) =>
    Object.fromEntries(
      [...(/<body([^>]*)>/.exec(page)?.[1] ?? '').matchAll(/(data-[\w-]+)="([^"]*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );

  it('/groups/<g>/-/epics/<iid> and /groups/<g>/-/work_items/<iid> show the epic', async () => {
    const item = sandbox.item('acme-objective-2');
    const epicsPage = await fetch(`${sandbox.url}/groups/acme/-/epics/${item.iid}`);
    const html = await epicsPage.text();
    expect(epicsPage.status).toBe(200);
    expect(bodyAttributes(html)).toMatchObject({
      'data-page': 'groups:epics:show',
      'data-page-type-id': item.iid,
      'data-group-full-path': 'acme',
    });
    expect(html).toContain('data-testid="work-item-rollup-weight"');
    const workItemsPage = await fetch(`${sandbox.url}/groups/acme/-/work_items/${item.iid}`);
    expect(workItemsPage.status).toBe(200);
    expect(bodyAttributes(await workItemsPage.text())).toMatchObject({
      'data-page': 'groups:work_items:show',
      'data-page-type-id': '',
    });
    const notAnEpic = await fetch(`${sandbox.url}/groups/gitlab-com/-/epics/120`);
    expect(notAnEpic.status).toBe(404);
  });
});
