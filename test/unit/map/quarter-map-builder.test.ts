// The quarter map agrees with the panel: every row's score, GitLab number, expected progress and
// staleness are what the panel's view of the same tree says (buildOkrView over the same nodes),
// and the sums count what the rows hold.
import { describe, expect, it } from 'vitest';
import { buildQuarterMap, type ReadNotes } from '../../../lib/services/quarter-map-builder';
import { buildOkrView } from '../../../lib/services/view-builder';
import type { OkrNode } from '../../../lib/okr/model';
import {
  comment,
  generateTree,
  keyResult,
  objective,
  person,
  progress,
  quarter,
  systemNote,
  walk,
} from '../../support/okr-trees';

const NOW = new Date('2024-06-15T10:00:00Z');
const Q = quarter('FY25-Q2', '2024-05-01', '2024-07-31');

function mapOf(roots: OkrNode[], notes?: Map<string, ReadNotes>) {
  return buildQuarterMap({
    scope: ['okrs/okrs'],
    quarter: { title: 'FY25-Q2', start: Q.startDate, end: Q.dueDate },
    roots: roots.map((node) => ({ node, hasParent: false })),
    carrier: 'workItemTypes',
    now: NOW,
    timeZone: 'UTC',
    ...(notes ? { notes } : {}),
  });
}

/** The panel's view of an item whose notes it loaded, under its parent, as buildOkrView gives it. */
function panelOf(item: OkrNode, parent: OkrNode | null) {
  return buildOkrView({
    tree: { item, chain: [], chainTruncated: false, linkedKeyResults: [], requests: 1 },
    now: NOW,
    timeZone: 'UTC',
    context: { parent },
  });
}

const rulesOf = (warnings: { rule: string }[]) => warnings.map((w) => w.rule).sort();

describe('the quarter map', () => {
  it('lists every objective and key result in tree order with the panel’s scores', () => {
    const tree = generateTree(200, 7);
    const { map } = mapOf([tree]);
    const expected = walk(tree).filter(({ node }) => node.kind !== 'issue');
    expect(new Set(map.items.map((item) => item.url))).toEqual(
      new Set(expected.map(({ node }) => node.url)),
    );
    // Tree order: a parent comes before its children.
    const position = new Map(map.items.map((item, at) => [item.url, at]));
    for (const row of map.items)
      if (row.parentUrl) expect(position.get(row.parentUrl)).toBeLessThan(position.get(row.url)!);
    for (const { node, parent } of expected) {
      const view = buildOkrView({
        tree: { item: node, chain: [], chainTruncated: false, linkedKeyResults: [], requests: 1 },
        now: NOW,
        timeZone: 'UTC',
      });
      const item = map.items.find((candidate) => candidate.url === node.url)!;
      expect(item.score, node.title).toBe(view.item.score.value);
      expect(item.method).toBe(view.item.score.method);
      expect(item.gitlabProgress).toBe(view.item.gitlabProgress);
      expect(item.expected).toBe(view.item.score.expected);
      expect(item.parentUrl).toBe(parent?.url ?? null);
      expect(item.type).toBe(node.kind);
    }
  });

  it('judges staleness as the panel judges the children it lists', () => {
    const stale = keyResult({
      milestone: Q,
      updatedAt: '2024-03-01T10:00:00Z',
      progress: progress({ progress: 40, updatedAt: '2024-03-01T10:00:00Z' }),
    });
    const fresh = keyResult({ milestone: Q, updatedAt: '2024-06-10T10:00:00Z' });
    const top = objective([stale, fresh], { milestone: Q, updatedAt: '2024-06-14T10:00:00Z' });
    const { map } = mapOf([top]);
    const panel = buildOkrView({
      tree: { item: top, chain: [], chainTruncated: false, linkedKeyResults: [], requests: 1 },
      now: NOW,
      timeZone: 'UTC',
    });
    for (const child of panel.children) {
      const row = map.items.find((item) => item.url === child.url)!;
      expect(row.stale).toBe(Boolean(child.stale));
      expect(row.staleSince).toBe(child.stale?.lastChange ?? null);
    }
    expect(map.items.find((item) => item.url === stale.url)?.staleSince).toBe(
      '2024-03-01T10:00:00Z',
    );
  });

  it('sums objectives and key results by health, stale items, this month’s updates and the average', () => {
    const a = keyResult({
      health: 'atRisk',
      milestone: Q,
      updatedAt: '2024-06-03T10:00:00Z',
      progress: progress({ progress: 20, startValue: 0, currentValue: 2, endValue: 10 }),
    });
    const b = keyResult({
      health: null,
      milestone: Q,
      updatedAt: '2024-05-20T10:00:00Z',
      progress: progress({ progress: 60, startValue: 0, currentValue: 6, endValue: 10 }),
    });
    const top = objective([a, b], { milestone: Q, updatedAt: '2024-06-10T10:00:00Z' });
    const { map } = mapOf([top]);
    expect(map.summary.objectives).toEqual({
      total: 1,
      onTrack: 1,
      needsAttention: 0,
      atRisk: 0,
      none: 0,
    });
    expect(map.summary.keyResults).toEqual({
      total: 2,
      onTrack: 0,
      needsAttention: 0,
      atRisk: 1,
      none: 1,
    });
    expect(map.summary.stale).toBe(1); // b has no health status
    expect(map.summary.updatedThisMonth).toBe(0.5);
    expect(map.summary.averageScore).toBeCloseTo(0.4);
    expect(map.summary.expected).toBeCloseTo(45 / 91);
  });

  it('counts a quarter already over from the 1st of its last month, not from this month', () => {
    const kr = (updatedAt: string) =>
      keyResult({
        milestone: Q,
        updatedAt,
        progress: progress({ progress: 50, updatedAt }),
      });
    // One update in the quarter's last month, one before it, one after the quarter ended.
    const top = objective(
      [kr('2024-07-20T10:00:00Z'), kr('2024-06-20T10:00:00Z'), kr('2024-08-20T10:00:00Z')],
      {
        milestone: Q,
      },
    );
    const during = mapOf([top]);
    expect(during.map.summary.updatedSince).toBe('2024-06-01');
    const after = buildQuarterMap({
      scope: ['okrs/okrs'],
      quarter: { title: 'FY25-Q2', start: Q.startDate, end: Q.dueDate },
      roots: [{ node: top, hasParent: false }],
      carrier: 'workItemTypes',
      now: new Date('2024-09-15T10:00:00Z'),
      timeZone: 'UTC',
    });
    // Two months after the end: "since Sep 1" would read 0% for every past quarter.
    expect(after.map.summary.updatedSince).toBe('2024-07-01');
    expect(after.map.summary.updatedThisMonth).toBeCloseTo(1 / 3);
  });

  it('counts a DRI’s objectives across the map for the too-many-objectives rule', () => {
    const dri = [person('casey')];
    const tops = Array.from({ length: 4 }, () =>
      objective([keyResult({ milestone: Q })], { milestone: Q, assignees: dri }),
    );
    const { map } = mapOf(tops);
    const objectives = map.items.filter((item) => item.type === 'objective');
    expect(
      objectives.every((item) => item.warnings.some((w) => w.rule === 'too-many-objectives')),
    ).toBe(true);
  });

  it('leaves the rules that read notes quiet while the notes are not read', () => {
    const { map } = mapOf([
      objective([keyResult({ health: null, milestone: Q })], { milestone: Q }),
    ]);
    expect(map.items.flatMap((item) => item.warnings.map((w) => w.rule))).not.toContain(
      'health-stale',
    );
  });
});

describe('the quarter map with its items’ notes', () => {
  // Last health update in March; something unrelated (a title edit) changed the item last week.
  const healthNotes = [systemNote('changed health status to **at risk**', '2024-03-01T10:00:00Z')];
  const staleByNotes = () =>
    keyResult({
      milestone: Q,
      health: 'atRisk',
      updatedAt: '2024-06-10T10:00:00Z',
      createdAt: '2024-02-01T10:00:00Z',
    });

  it('runs the rules that read notes once they are read, and judges staleness as the panel does', () => {
    const kr = staleByNotes();
    const top = objective([kr], { milestone: Q, updatedAt: '2024-06-14T10:00:00Z' });
    const before = mapOf([top]).map.items.find((item) => item.url === kr.url)!;
    // Without its notes: judged from its last change (fresh), the notes' rules quiet.
    expect(before.stale).toBe(false);
    expect(rulesOf(before.warnings)).not.toContain('health-stale');
    expect(rulesOf(before.warnings)).not.toContain('off-track-unexplained');

    const notes = new Map([[kr.url, { notes: healthNotes, scale: null }]]);
    const after = mapOf([top], notes).map.items.find((item) => item.url === kr.url)!;
    const panel = panelOf({ ...kr, notes: healthNotes }, top);
    expect(rulesOf(after.warnings)).toContain('health-stale');
    expect(rulesOf(after.warnings)).toContain('off-track-unexplained');
    expect(rulesOf(after.warnings)).toEqual(rulesOf(panel.warnings));
    expect(after.stale).toBe(panel.item.stale.stale);
    expect(after.staleSince).toBe('2024-03-01T10:00:00Z');
  });

  it('agrees with the panel on every item of a big tree once all notes are read', () => {
    const tree = generateTree(120, 11);
    const notes = new Map<string, ReadNotes>();
    walk(tree).forEach(({ node }, index) => {
      if (node.kind === 'issue') return;
      const at = new Date(Date.parse('2024-03-01T10:00:00Z') + index * 86_400_000).toISOString();
      const read = [
        systemNote('changed health status to **needs attention**', at),
        ...(index % 3 === 0 ? [comment('Blocked on hiring, see the plan.', at)] : []),
      ];
      notes.set(node.url, { notes: read, scale: null });
    });
    const { map } = mapOf([tree], notes);
    for (const { node, parent } of walk(tree)) {
      if (node.kind === 'issue') continue;
      const withNotes = (n: OkrNode): OkrNode => ({
        ...n,
        notes: notes.get(n.url)?.notes ?? n.notes,
        children: n.children.map(withNotes),
      });
      const view = buildOkrView({
        tree: {
          item: withNotes(node),
          chain: [],
          chainTruncated: false,
          linkedKeyResults: [],
          requests: 1,
        },
        now: NOW,
        timeZone: 'UTC',
        // The panel's parent is the last link of its chain: here the map's parent, loaded.
        context: { parent: parent ? withNotes(parent) : null },
      });
      const row = map.items.find((item) => item.url === node.url)!;
      expect(rulesOf(row.warnings), node.title).toEqual(rulesOf(view.warnings));
      expect(row.stale, node.title).toBe(view.item.stale.stale);
    }
  });

  it('draws a key result’s history from its notes, and an objective’s once all its key results are read', () => {
    const first = keyResult({ milestone: Q });
    const second = keyResult({ milestone: Q });
    const top = objective([first, second], { milestone: Q });
    const progressNotes = [
      systemNote('changed progress to **20%**', '2024-05-10T10:00:00Z'),
      systemNote('changed progress to **60%**', '2024-06-01T10:00:00Z'),
    ];
    const some = new Map<string, ReadNotes>([
      [first.url, { notes: progressNotes, scale: null }],
      [top.url, { notes: [], scale: null }],
    ]);
    const partly = mapOf([top], some).histories;
    expect(partly[first.url]?.map((point) => point.progress)).toEqual([0.2, 0.6]);
    // Unread: nothing, not a flat line.
    expect(partly[second.url]).toBeUndefined();
    expect(partly[top.url]).toBeUndefined();

    const all = new Map(some).set(second.url, { notes: [], scale: null });
    const rolled = mapOf([top], all).histories[top.url];
    expect(rolled?.map((point) => point.progress)).toEqual([0.1, 0.3]);
  });
});
