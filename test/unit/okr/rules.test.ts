import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OkrNode } from '../../../lib/okr/model';
import {
  checkRules,
  defaultRuleSettings,
  requiredData,
  rules,
  RuleSettingsSchema,
  type PartialRuleSettings,
  type RuleContext,
} from '../../../lib/okr/rules';
import {
  comment,
  issue,
  keyResult,
  objective,
  okrBlock,
  person,
  progress,
  quarter,
  systemNote,
} from '../../support/okr-trees';

const today = '2024-06-15';
const q = quarter('FY25-Q2', '2024-05-01', '2024-07-31');
const fresh = [systemNote('changed health status to **on track**', '2024-06-03T09:00:00Z')];

/** A key result that breaks no rule: numeric title, one DRI, quarter, link, fresh health. */
function goodKr(partial: Partial<OkrNode> = {}): OkrNode {
  return keyResult({
    title: 'Raise first reply SLA from 92% to 95%',
    milestone: q,
    description: 'Work: https://gitlab.example/g/p/-/issues/3\n\nScored as % of goal.',
    progress: progress({ startValue: 92, currentValue: 94, endValue: 95, progress: 67 }),
    notes: fresh,
    ...partial,
  });
}

function goodObjective(children: OkrNode[], partial: Partial<OkrNode> = {}): OkrNode {
  return objective(children, {
    title: 'Make support faster',
    milestone: q,
    notes: fresh,
    progress: progress({ progress: 67 }),
    ...partial,
  });
}

function context(partial: Partial<RuleContext> = {}): RuleContext {
  return {
    today,
    timeZone: 'UTC',
    parent: goodObjective([]),
    siblings: [],
    driOpenObjectives: [],
    topLevelObjectives: [],
    calendar: { holidays: [] },
    ...partial,
  };
}

function fired(
  id: string,
  node: OkrNode,
  ctx: RuleContext = context(),
  settings?: PartialRuleSettings,
) {
  return checkRules(node, ctx, settings).filter((w) => w.rule === id);
}

describe('the rule registry', () => {
  it('registers the 18 rules of spec §2 in order, one file each', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'too-many-objectives',
      'key-result-count',
      'empty-objective',
      'single-child',
      'one-dri',
      'title-prefix',
      'no-milestone',
      'scoring-undocumented',
      'not-measurable',
      'manual-parent-progress',
      'health-stale',
      'off-track-unexplained',
      'missing-issue-link',
      'unaligned',
      'due-after-quarter',
      'missed-due-date',
      'behind-schedule',
      'closed-without-retro',
    ]);
    for (const rule of rules) {
      expect(existsSync(new URL(`../../../lib/okr/rules/${rule.id}.ts`, import.meta.url))).toBe(
        true,
      );
      expect(rule.source).toMatch(/[Ss]eed 00\d|Spec §/);
      expect(rule.defaults.enabled).toBe(true);
    }
  });

  it("carries the handbook's numbers as defaults and validates stored settings", () => {
    expect(defaultRuleSettings['too-many-objectives'].maxObjectives).toBe(3);
    expect(defaultRuleSettings['key-result-count'].maxKeyResults).toBe(3);
    expect(defaultRuleSettings['behind-schedule'].behindMargin).toBe(0.25);
    expect(defaultRuleSettings['health-stale']).toMatchObject({
      staleMaxAgeDays: 35,
      businessDayDeadline: 5,
    });
    const stored = RuleSettingsSchema.parse({ 'one-dri': { enabled: false } });
    expect(stored['one-dri'].enabled).toBe(false);
    expect(stored['key-result-count'].maxKeyResults).toBe(3);
    expect(
      RuleSettingsSchema.safeParse({ 'key-result-count': { maxKeyResults: -1 } }).success,
    ).toBe(false);
  });

  it('a well-formed tree gets no warnings', () => {
    const krs = [goodKr(), goodKr(), goodKr()];
    const top = goodObjective(krs, { url: 'https://gitlab.example/top' });
    expect(checkRules(top, context({ parent: null, topLevelObjectives: [top.url] }))).toEqual([]);
    for (const kr of krs)
      expect(checkRules(kr, context({ parent: top, siblings: krs }))).toEqual([]);
  });

  it('runs only enabled rules, and asks only for the data they need', () => {
    const node = goodKr({ assignees: [] });
    expect(fired('one-dri', node)).toHaveLength(1);
    expect(fired('one-dri', node, context(), { 'one-dri': { enabled: false } })).toEqual([]);
    expect(requiredData()).toEqual(
      new Set(['driObjectives', 'children', 'notes', 'linkedItems', 'parent']),
    );
    const noNotes = Object.fromEntries(
      [
        'health-stale',
        'off-track-unexplained',
        'closed-without-retro',
        'manual-parent-progress',
      ].map((id) => [id, { enabled: false }]),
    );
    expect(requiredData(noNotes).has('notes')).toBe(false);
  });

  it('reports warnings with the rule, severity, message, source and node', () => {
    const node = goodKr({ assignees: [] });
    expect(fired('one-dri', node)[0]).toEqual({
      rule: 'one-dri',
      severity: 'warning',
      message: expect.stringMatching(/assign/),
      source: expect.stringMatching(/only one DRI/),
      nodeId: node.id,
    });
  });
});

describe('too-many-objectives', () => {
  const mine = (n: number) =>
    Array.from({ length: n }, () => goodObjective([goodKr()], { assignees: [person('ann')] }));
  const node = goodObjective([goodKr()], { assignees: [person('ann')] });

  it('fires for a 4th open objective of one DRI in one milestone', () => {
    const [warning] = fired('too-many-objectives', node, context({ driOpenObjectives: mine(3) }));
    expect(warning?.message).toMatch(/@ann holds 4 open objectives in FY25-Q2 \(at most 3\)/);
  });

  it('stays quiet at 3, for other quarters, closed ones, and without the list', () => {
    expect(fired('too-many-objectives', node, context({ driOpenObjectives: mine(2) }))).toEqual([]);
    const others = mine(3).map((o) => ({ ...o, milestone: quarter('FY25-Q1') }));
    expect(fired('too-many-objectives', node, context({ driOpenObjectives: others }))).toEqual([]);
    const closed = mine(3).map((o) => ({ ...o, state: 'closed' as const }));
    expect(fired('too-many-objectives', node, context({ driOpenObjectives: closed }))).toEqual([]);
    expect(
      fired('too-many-objectives', node, context({ driOpenObjectives: [node, ...mine(2)] })),
    ).toEqual([]);
    expect(fired('too-many-objectives', node, context({ driOpenObjectives: undefined }))).toEqual(
      [],
    );
  });

  it('follows a changed limit', () => {
    const settings = { 'too-many-objectives': { maxObjectives: 5 } };
    expect(
      fired('too-many-objectives', node, context({ driOpenObjectives: mine(3) }), settings),
    ).toEqual([]);
  });
});

describe('key-result-count', () => {
  it('stays quiet at exactly 3 key results and fires at 4', () => {
    const three = goodObjective([goodKr(), goodKr(), goodKr(), goodObjective([goodKr()])]);
    expect(fired('key-result-count', three)).toEqual([]);
    const four = goodObjective([goodKr(), goodKr(), goodKr(), goodKr()]);
    expect(fired('key-result-count', four)[0]?.message).toMatch(/4 key results \(at most 3\)/);
    expect(
      fired('key-result-count', four, context(), { 'key-result-count': { maxKeyResults: 4 } }),
    ).toEqual([]);
  });
});

describe('empty-objective', () => {
  it('fires for an open objective without children', () => {
    expect(fired('empty-objective', goodObjective([]))).toHaveLength(1);
  });

  it('stays quiet with children, when closed, or when children were not loaded', () => {
    expect(fired('empty-objective', goodObjective([goodKr()]))).toEqual([]);
    expect(fired('empty-objective', goodObjective([], { state: 'closed' }))).toEqual([]);
    expect(fired('empty-objective', goodObjective([], { childrenIncomplete: true }))).toEqual([]);
    expect(fired('empty-objective', goodObjective([]), context({ missing: ['children'] }))).toEqual(
      [],
    );
  });
});

describe('single-child', () => {
  it('fires for exactly one child and stays quiet for two', () => {
    const [warning] = fired('single-child', goodObjective([goodKr({ title: 'Hire 5' })]));
    expect(warning?.message).toMatch(/only one child \("Hire 5"\)/);
    expect(fired('single-child', goodObjective([goodKr(), goodKr()]))).toEqual([]);
    expect(fired('single-child', goodObjective([goodKr()], { childrenIncomplete: true }))).toEqual(
      [],
    );
  });
});

describe('one-dri', () => {
  it('fires without an assignee and with two', () => {
    expect(fired('one-dri', goodKr({ assignees: [] }))[0]?.message).toMatch(/Nobody is assigned/);
    const two = goodKr({ assignees: [person('ann'), person('bob')] });
    expect(fired('one-dri', two)[0]?.message).toMatch(/2 assignees \(@ann, @bob\)/);
  });

  it('stays quiet with one assignee, and for closed items', () => {
    expect(fired('one-dri', goodKr())).toEqual([]);
    expect(fired('one-dri', goodKr({ assignees: [], state: 'closed' }))).toEqual([]);
  });
});

describe('title-prefix', () => {
  it.each([
    'FY24-Q2 Grow the team',
    'FY24 Q2: Grow the team',
    '[FY24-Q2] Grow the team',
    'Q3 Grow the team',
    'OKR: Grow the team',
    'KR: Hire 5 people',
    'KR 1.1: Hit hiring target of 30',
    'Objective: Grow the team',
    'CTO KR: Ship 3 features',
    '[70%] Hire 5 people',
  ])('fires for "%s"', (title) => {
    expect(fired('title-prefix', goodKr({ title }))).toHaveLength(1);
  });

  it.each([
    'Raise first reply-time SLA from 92% to 95%',
    '100% of Managers complete the course',
    'CTO: Continue to win against GitHub',
    'Quality: 3 fewer S1 bugs',
    'Reduce hosting costs by 5% from FY24Q1',
  ])('stays quiet for "%s"', (title) => {
    expect(fired('title-prefix', goodKr({ title }))).toEqual([]);
  });

  it('says what to drop and why', () => {
    expect(fired('title-prefix', goodKr({ title: 'FY24-Q2 Hire 5' }))[0]?.message).toBe(
      'The title starts with "FY24-Q2": drop it, the milestone already says which quarter.',
    );
  });

  it('without a milestone, asks to move the quarter there rather than saying it is there', () => {
    const warnings = checkRules(goodKr({ title: 'FY24-Q2 Hire 5', milestone: null }), context());
    const prefix = warnings.find((w) => w.rule === 'title-prefix')?.message;
    expect(prefix).toBe(
      'The title starts with "FY24-Q2": set the quarter as the milestone instead and drop it ' +
        'from the title.',
    );
    expect(prefix).not.toMatch(/milestone already/);
    // The no-milestone warning beside it says the same thing, not the opposite.
    expect(warnings.map((w) => w.rule)).toContain('no-milestone');
  });

  it('keeps its type and score advice whether or not there is a milestone', () => {
    expect(
      fired('title-prefix', goodKr({ title: 'KR: Hire 5', milestone: null }))[0]?.message,
    ).toBe(
      'The title starts with "KR:": drop it, GitLab already shows whether this is an objective ' +
        'or a key result.',
    );
  });
});

describe('no-milestone', () => {
  it('fires without a milestone and stays quiet with one', () => {
    expect(fired('no-milestone', goodKr({ milestone: null }))).toHaveLength(1);
    expect(fired('no-milestone', goodKr())).toEqual([]);
  });
});

describe('scoring-undocumented', () => {
  const typed = (description: string) =>
    goodKr({ description, progress: progress({ progress: 40 }) });

  it('fires for a typed percentage with no word on how it is scored', () => {
    expect(fired('scoring-undocumented', typed('See #12'))).toHaveLength(1);
  });

  it('stays quiet when the description explains it or the score is computed', () => {
    expect(fired('scoring-undocumented', typed('Calculated as % of 30 S2 bugs, see #12'))).toEqual(
      [],
    );
    expect(fired('scoring-undocumented', typed(`See #12\n${okrBlock('weight: 1')}`))).toEqual([]);
    expect(fired('scoring-undocumented', goodKr({ description: 'See #12' }))).toEqual([]);
  });
});

describe('not-measurable', () => {
  it('fires for a KR title without a number, never for objectives', () => {
    expect(fired('not-measurable', goodKr({ title: 'Improve onboarding' }))).toHaveLength(1);
    expect(fired('not-measurable', goodKr({ title: 'Cut onboarding from 10 to 5 days' }))).toEqual(
      [],
    );
    expect(fired('not-measurable', goodObjective([goodKr(), goodKr()]))).toEqual([]);
  });
});

describe('manual-parent-progress', () => {
  const kids = () => [
    goodKr({ progress: progress({ progress: 29 }) }),
    goodKr({ progress: progress({ progress: 28 }) }),
  ];
  const by = (author: string, body: string, createdAt: string) => ({
    ...systemNote(body, createdAt),
    author,
  });
  const rolledUp = by('automation-bot', 'changed progress to **28%**', '2024-05-02T10:00:00Z');
  const typed = by('devon', 'changed progress to **50%**', '2024-05-20T10:00:00Z');

  it('fires when a person typed the number GitLab shows after its last roll-up', () => {
    const [warning] = fired(
      'manual-parent-progress',
      goodObjective(kids(), { progress: progress({ progress: 50 }), notes: [rolledUp, typed] }),
    );
    expect(warning?.message).toBe(
      'GitLab shows 50%, typed in by @devon on 2024-05-20; its children roll up to 28%. Where ' +
        "GitLab rolls progress up, the next change to a child's progress replaces it: update " +
        'the children instead.',
    );
  });

  it('stays quiet when GitLab’s automation wrote the number, even if the visible children disagree', () => {
    // GitLab also averages children the reader may not see: 50% can be its honest roll-up.
    const bot = by('automation-bot', 'changed progress to **50%**', '2024-05-21T10:00:00Z');
    expect(
      fired(
        'manual-parent-progress',
        goodObjective(kids(), { progress: progress({ progress: 50 }), notes: [typed, bot] }),
      ),
    ).toEqual([]);
    const flagged = { ...systemNote('changed progress to **50%**', '2024-05-21T10:00:00Z') };
    expect(
      fired(
        'manual-parent-progress',
        goodObjective(kids(), {
          progress: progress({ progress: 50 }),
          notes: [{ ...flagged, author: 'gitlab-automation', authorBot: true }],
        }),
      ),
    ).toEqual([]);
  });

  it('stays quiet without a note proving it, when the note names another number, or when it matches', () => {
    const quiet = (partial: Parameters<typeof goodObjective>[1]) =>
      fired('manual-parent-progress', goodObjective(kids(), partial));
    expect(quiet({ progress: progress({ progress: 50 }) })).toEqual([]);
    expect(quiet({ progress: progress({ progress: 50 }), notes: [rolledUp] })).toEqual([]);
    expect(
      quiet({
        progress: progress({ progress: 50 }),
        notes: [by('devon', 'changed progress to **40%**', '2024-05-20T10:00:00Z')],
      }),
    ).toEqual([]);
    expect(
      quiet({
        progress: progress({ progress: 28 }),
        notes: [by('devon', 'changed progress to **28%**', '2024-05-20T10:00:00Z')],
      }),
    ).toEqual([]);
    expect(
      fired(
        'manual-parent-progress',
        goodObjective([], { progress: progress({ progress: 50 }), notes: [typed] }),
      ),
    ).toEqual([]);
  });
});

describe('health-stale', () => {
  // June 2024 starts on a Saturday: its 5th business day is Friday 7 June.
  const kr = goodKr({
    notes: [systemNote('changed health status to **on track**', '2024-05-28T09:00:00Z')],
  });

  it('stays quiet on the 5th business day and fires on the 6th', () => {
    expect(fired('health-stale', kr, context({ today: '2024-06-07' }))).toEqual([]);
    expect(fired('health-stale', kr, context({ today: '2024-06-10' }))).toHaveLength(1);
  });

  it('follows the configured deadline, age and holidays', () => {
    const later = { 'health-stale': { businessDayDeadline: 6 } };
    expect(fired('health-stale', kr, context({ today: '2024-06-10' }), later)).toEqual([]);
    const holiday = context({ today: '2024-06-10', calendar: { holidays: ['2024-06-05'] } });
    expect(fired('health-stale', kr, holiday)).toEqual([]);
    expect(fired('health-stale', kr, context({ today: '2024-07-03' }))[0]?.message).toMatch(
      /36 days ago/,
    );
  });

  it('fires without a health status; quiet when notes were not loaded', () => {
    expect(fired('health-stale', goodKr({ health: null }))[0]?.message).toMatch(/No health status/);
    expect(fired('health-stale', kr, context({ today: '2024-06-10', missing: ['notes'] }))).toEqual(
      [],
    );
  });
});

describe('off-track-unexplained', () => {
  const turned = systemNote('changed health status to **at risk**', '2024-06-10T09:00:00Z');

  it('fires when nothing was said since the health turned at risk', () => {
    const kr = goodKr({
      health: 'atRisk',
      notes: [comment('Early days', '2024-06-01T09:00:00Z'), turned],
    });
    expect(fired('off-track-unexplained', kr)[0]?.message).toMatch(/"at risk"/);
  });

  it('stays quiet after a comment or a link since, and when on track', () => {
    const explained = goodKr({
      health: 'atRisk',
      notes: [turned, comment('Vendor slipped', '2024-06-11T09:00:00Z')],
    });
    expect(fired('off-track-unexplained', explained)).toEqual([]);
    const linked = goodKr({
      health: 'needsAttention',
      notes: [
        systemNote('changed health status to **needs attention**', '2024-06-10T09:00:00Z'),
        systemNote('marked this key result as related to #44', '2024-06-10T10:00:00Z'),
      ],
    });
    expect(fired('off-track-unexplained', linked)).toEqual([]);
    expect(fired('off-track-unexplained', goodKr({ notes: [turned] }))).toEqual([]);
  });
});

describe('missing-issue-link', () => {
  it('fires for an open KR that links nothing', () => {
    expect(fired('missing-issue-link', goodKr({ description: 'Just words.' }))).toHaveLength(1);
  });

  it.each([
    'See https://gitlab.com/gitlab-com/ally-okr-rollout/-/issues/17',
    'Tracked in gitlab-org&123',
    'Tracked in #45',
    'Epic: https://gitlab.com/groups/gitlab-org/-/epics/9',
  ])('stays quiet for "%s"', (description) => {
    expect(fired('missing-issue-link', goodKr({ description }))).toEqual([]);
  });

  it('counts a linked issue as a link, and stays quiet when closed', () => {
    expect(
      fired('missing-issue-link', goodKr({ description: '', linkedItems: [issue()] })),
    ).toEqual([]);
    expect(fired('missing-issue-link', goodKr({ description: '', state: 'closed' }))).toEqual([]);
  });
});

describe('unaligned', () => {
  const top = goodObjective([goodKr(), goodKr()], {
    url: 'https://gitlab.example/o/1',
    reference: 'o#1',
  });

  it('fires for an objective without parent that is not top-level', () => {
    expect(fired('unaligned', top, context({ parent: null }))).toHaveLength(1);
  });

  it('stays quiet with a parent, on the top-level list, or when the parent is unknown', () => {
    expect(fired('unaligned', top)).toEqual([]);
    expect(fired('unaligned', top, context({ parent: null, topLevelObjectives: ['o#1'] }))).toEqual(
      [],
    );
    expect(fired('unaligned', top, context({ parent: undefined }))).toEqual([]);
  });
});

describe('due-after-quarter', () => {
  it('fires for a due date after the milestone ends, from GitLab or the okr block', () => {
    expect(fired('due-after-quarter', goodKr({ dueDate: '2024-08-15' }))[0]?.message).toMatch(
      /Due Aug 15, 2024, after FY25-Q2 ends on Jul 31, 2024/,
    );
    const block = goodKr({ description: `#1\n${okrBlock('due: 2024-08-01')}` });
    expect(fired('due-after-quarter', block)).toHaveLength(1);
  });

  it('stays quiet on the last day of the quarter and without dates', () => {
    expect(fired('due-after-quarter', goodKr({ dueDate: '2024-07-31' }))).toEqual([]);
    expect(fired('due-after-quarter', goodKr({ dueDate: '2024-08-15', milestone: null }))).toEqual(
      [],
    );
  });
});

describe('missed-due-date', () => {
  it('fires past the due date below 100%', () => {
    expect(fired('missed-due-date', goodKr({ dueDate: '2024-06-14' }))[0]?.message).toMatch(
      /Due Jun 14, 2024 \(1 day ago\) at 66.7%/,
    );
  });

  it('stays quiet on the due date, at 100%, and when closed', () => {
    expect(fired('missed-due-date', goodKr({ dueDate: today }))).toEqual([]);
    const done = goodKr({ dueDate: '2024-06-01', progress: progress({ progress: 100 }) });
    expect(fired('missed-due-date', done)).toEqual([]);
    expect(fired('missed-due-date', goodKr({ dueDate: '2024-06-01', state: 'closed' }))).toEqual(
      [],
    );
  });
});

describe('behind-schedule', () => {
  // On 15 June, 45 of the quarter's 91 days are gone: expected ≈ 49.5%, behind below ≈ 24.5%.
  const decreasing = (current: number) =>
    goodKr({ progress: progress({ startValue: 60, currentValue: current, endValue: 30 }) });

  it('fires for a decreasing target that barely moved', () => {
    expect(fired('behind-schedule', decreasing(57))[0]?.message).toMatch(
      /At 10% with 49.5% of the quarter gone/,
    );
  });

  it('stays quiet within the margin, without dates, or without data', () => {
    expect(fired('behind-schedule', decreasing(52))).toEqual([]);
    expect(
      fired('behind-schedule', decreasing(57), context(), {
        'behind-schedule': { behindMargin: 0.5 },
      }),
    ).toEqual([]);
    expect(
      fired('behind-schedule', goodKr({ milestone: null, progress: progress({ progress: 0 }) })),
    ).toEqual([]);
    expect(fired('behind-schedule', goodKr({ progress: null, description: '#1' }))).toEqual([]);
  });
});

describe('closed-without-retro', () => {
  const closedLate = (partial: Partial<OkrNode> = {}) =>
    goodObjective([goodKr(), goodKr()], {
      state: 'closed',
      closedAt: '2024-08-05T10:00:00Z',
      ...partial,
    });
  const retro = comment(
    'Good: shipped.\nBad: late start.\nTry: plan earlier.',
    '2024-08-05T09:00:00Z',
  );

  it('fires when closed after the quarter without a Good / Bad / Try comment', () => {
    expect(
      fired('closed-without-retro', closedLate(), context({ today: '2024-08-10' })),
    ).toHaveLength(1);
  });

  it('stays quiet with a retro, when closed within the quarter, or with a retro on the parent', () => {
    const later = context({ today: '2024-08-10' });
    expect(fired('closed-without-retro', closedLate({ notes: [retro] }), later)).toEqual([]);
    expect(
      fired('closed-without-retro', closedLate({ closedAt: '2024-07-20T10:00:00Z' }), later),
    ).toEqual([]);
    const kr = goodKr({ state: 'closed', closedAt: '2024-08-05T10:00:00Z' });
    expect(fired('closed-without-retro', kr, later)).toHaveLength(1);
    expect(
      fired(
        'closed-without-retro',
        kr,
        context({ today: '2024-08-10', parent: closedLate({ notes: [retro] }) }),
      ),
    ).toEqual([]);
  });
});
