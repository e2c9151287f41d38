// `Project.milestones` and `Group.milestones` as GitLab answers them: whose milestones each
// argument brings in (a group's subgroups and projects, a project's or group's ancestors), the
// filters, the order, and the arguments GitLab refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { clockFrom, fiscalQuarter } from '../../sandbox/clock';
import { graphqlAt, NOW, start } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const today = clockFrom(NOW)();
const CURRENT = fiscalQuarter(today, 0).title;
const PREVIOUS = fiscalQuarter(today, -1).title;
const NEXT = fiscalQuarter(today, 1).title;

async function milestones(root: 'group' | 'project', fullPath: string, args: string) {
  const answer = await graphqlAt(
    sandbox,
    `query M($fullPath: ID!) { ${root}(fullPath: $fullPath) {
      milestones(${args}) { nodes { title state startDate dueDate webPath } pageInfo { hasNextPage } }
    } }`,
    { fullPath },
  );
  const owner = answer.json.data?.[root] as
    { milestones: { nodes: { title: string; state: string; webPath: string }[] } } | undefined;
  return { errors: answer.json.errors ?? [], nodes: owner?.milestones?.nodes ?? [] };
}

describe('Group.milestones', () => {
  it('lists only the group’s own milestones unless asked for more', async () => {
    const { nodes } = await milestones('group', 'gitlab-com', 'first: 20');
    expect(nodes.map((m) => [m.title, m.webPath])).toEqual([
      [CURRENT, expect.stringMatching(/^\/groups\/gitlab-com\/-\/milestones\/\d+$/)],
    ]);
  });

  it('adds the milestones of its subgroups and projects with includeDescendants, by due date', async () => {
    const { nodes } = await milestones('group', 'gitlab-com', 'includeDescendants: true');
    expect(nodes.map((m) => m.title)).toEqual(['FY24-Q2', PREVIOUS, CURRENT, CURRENT, NEXT]);
  });

  it('adds its ancestors’ milestones with includeAncestors (a top-level group has none)', async () => {
    const { nodes } = await milestones('group', 'gitlab-com', 'includeAncestors: true');
    expect(nodes.map((m) => m.title)).toEqual([CURRENT]);
  });

  it('filters by state, title, searchTitle, timeframe and containingDate', async () => {
    const all = 'includeDescendants: true, ';
    const titles = async (args: string) =>
      (await milestones('group', 'gitlab-com', all + args)).nodes.map((m) => m.title);
    expect(await titles('state: closed')).toEqual(['FY24-Q2']);
    expect(await titles('title: "FY24-Q2"')).toEqual(['FY24-Q2']);
    // GitLab's fuzzy search: three characters or more match anywhere, ignoring case.
    expect(await titles('searchTitle: "y24"')).toEqual(['FY24-Q2']);
    expect(await titles('searchTitle: "fy"')).toEqual([]);
    expect(await titles(`containingDate: "${NOW}"`)).toEqual([CURRENT, CURRENT]);
    expect(await titles('timeframe: { start: "2023-07-01", end: "2023-07-02" }')).toEqual([
      'FY24-Q2',
    ]);
    expect(await titles('sort: DUE_DATE_DESC')).toEqual([
      NEXT,
      CURRENT,
      CURRENT,
      PREVIOUS,
      'FY24-Q2',
    ]);
  });

  it('refuses a timeframe that ends before it starts, in GitLab’s words', async () => {
    const { errors } = await milestones(
      'group',
      'gitlab-com',
      'timeframe: { start: "2023-07-02", end: "2023-07-01" }',
    );
    expect(errors.map((e) => e.message)).toEqual(['start must be before end']);
  });
});

describe('Project.milestones', () => {
  it('lists the project’s own, and its groups’ with includeAncestors', async () => {
    expect((await milestones('project', 'gitlab-org/gitlab', 'first: 20')).nodes).toEqual([]);
    const { nodes } = await milestones('project', 'gitlab-org/gitlab', 'includeAncestors: true');
    expect(nodes.map((m) => m.title)).toEqual(['19.7']);
  });

  it('has no includeDescendants: GitLab refuses the argument', async () => {
    const { errors } = await milestones('project', 'gitlab-org/gitlab', 'includeDescendants: true');
    expect(errors[0]?.message).toContain(
      "Field 'milestones' doesn't accept argument 'includeDescendants'",
    );
  });
});

describe('on the oldest version profile', () => {
  it('answers the same arguments on GitLab 17.0', async () => {
    const old = await start('17.0');
    try {
      const answer = await graphqlAt(
        old,
        `{ group(fullPath: "gitlab-com") { milestones(includeAncestors: true, includeDescendants: true, first: 100) { nodes { title } } } }`,
      );
      expect(answer.json.errors).toBeUndefined();
      const group = answer.json.data?.group as { milestones: { nodes: unknown[] } };
      expect(group.milestones.nodes).toHaveLength(5);
    } finally {
      await old.close();
    }
  });
});
