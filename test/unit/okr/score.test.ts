import { describe, expect, it } from 'vitest';
import { driftOf, gitlabRollup, scoreOf, scoreTree } from '../../../lib/okr/score';
import { issue, keyResult, objective, okrBlock, progress } from '../../support/okr-trees';

const today = '2024-06-15';
const ctx = { today };

describe('key results scored by an okr block', () => {
  it('scores the rate example of seed 001 at 47.6% (10 → 17, months 12, 13, 15)', () => {
    const kr = keyResult({
      description: okrBlock('scoring: rate', 'initial: 10', 'target: 17', 'monthly: [12, 13, 15]'),
    });
    const score = scoreOf(kr, ctx);
    expect(score.value).toBeCloseTo(10 / 21, 10);
    expect(score.method).toBe('rate');
    expect(score.explanation).toBe('10 → 17 over 3 months: 2/7 + 3/7 + 5/7 over 3 = 47.6%');
    expect(score.details).toHaveLength(3);
    expect(score.details[0]).toMatch(/Month 1: 12: \(12 − 10\) \/ \(17 − 10\) = 28.6%, adds 9.5%/);
  });

  it('counts months not yet reported as 0 and says so', () => {
    const kr = keyResult({
      description: okrBlock('scoring: rate', 'initial: 10', 'target: 17', 'monthly: [12, 13]'),
    });
    const score = scoreOf(kr, ctx);
    expect(score.value).toBeCloseTo(5 / 21, 10);
    expect(score.explanation).toMatch(/2\/7 \+ 3\/7 over 3 = 23.8% \(1 month not reported yet/);
  });

  it('scores a decreasing target (lower is better) and clamps each month', () => {
    const kr = keyResult({
      description: okrBlock('scoring: rate', 'initial: 20', 'target: 10', 'monthly: [25, 15, 5]'),
    });
    const score = scoreOf(kr, ctx);
    // Month 1 went the wrong way (0), month 2 half way, month 3 past the target (1).
    expect(score.value).toBeCloseTo((0 + 0.5 + 1) / 3, 10);
    expect(score.explanation).toBe('20 → 10 over 3 months: 0 + 5/10 + 1 over 3 = 50%');
  });

  it('flags a rate KR with no month reported as no data rather than 0%', () => {
    const kr = keyResult({ description: okrBlock('scoring: rate', 'initial: 1', 'target: 2') });
    expect(scoreOf(kr, ctx)).toMatchObject({ noData: true, method: 'rate', value: 0 });
  });

  it('scores the compensation milestone table of seed 002 by the highest checked line', () => {
    const table = (checked: number[]) =>
      keyResult({
        description: okrBlock(
          'scoring: milestones',
          `- [${checked.includes(20) ? 'x' : ' '}] 20% Complete compensation analysis`,
          `- [${checked.includes(40) ? 'x' : ' '}] 40% Present plan to E-Group for feedback`,
          `- [${checked.includes(60) ? 'x' : ' '}] 60% Get sign-off from Finance`,
          `- [${checked.includes(100) ? 'x' : ' '}] 100% Complete comp refresh for all team members`,
        ),
      });
    expect(scoreOf(table([]), ctx).value).toBe(0);
    expect(scoreOf(table([20]), ctx).value).toBeCloseTo(0.2);
    expect(scoreOf(table([20, 40]), ctx).value).toBeCloseTo(0.4);
    // Ticked out of order: the highest checked milestone counts.
    expect(scoreOf(table([20, 60]), ctx).value).toBeCloseTo(0.6);
    expect(scoreOf(table([20, 40, 60, 100]), ctx).value).toBe(1);
    const score = scoreOf(table([20, 40]), ctx);
    expect(score.explanation).toBe(
      '2 of 4 milestones reached: highest checked is 40% (Present plan to E-Group for feedback) = 40%',
    );
  });

  it('scores "scoring: issues" from linked issues and "scoring: manual" from GitLab progress', () => {
    const issues = keyResult({
      description: okrBlock('scoring: issues'),
      progress: progress({ progress: 90 }),
      linkedItems: [issue({ state: 'closed' }), issue()],
    });
    expect(scoreOf(issues, ctx)).toMatchObject({ method: 'issues', value: 0.5 });
    const manual = keyResult({
      description: okrBlock('scoring: manual'),
      progress: progress({ progress: 35 }),
    });
    expect(scoreOf(manual, ctx)).toMatchObject({ method: 'manual', value: 0.35 });
  });

  it('shows no data when the declared method has nothing to work with', () => {
    expect(scoreOf(keyResult({ description: okrBlock('scoring: issues') }), ctx)).toMatchObject({
      noData: true,
      method: 'issues',
    });
    expect(scoreOf(keyResult({ description: okrBlock('scoring: manual') }), ctx)).toMatchObject({
      noData: true,
      method: 'manual',
    });
  });
});

describe('key results without a block: values, progress, linked issues, none', () => {
  it('scores start → target values, also decreasing ones', () => {
    const up = keyResult({
      progress: progress({ startValue: 92, currentValue: 94, endValue: 95, progress: 67 }),
    });
    expect(scoreOf(up, ctx).value).toBeCloseTo(2 / 3);
    expect(scoreOf(up, ctx).explanation).toBe(
      'Start → target 92 → 95, now 94: (94 − 92) / (95 − 92) = 2/3 = 66.7%',
    );
    const down = keyResult({
      progress: progress({ startValue: 60, currentValue: 45, endValue: 30 }),
    });
    expect(scoreOf(down, ctx)).toMatchObject({ method: 'values', value: 0.5 });
  });

  it('falls back to GitLab progress when start equals target', () => {
    const kr = keyResult({
      progress: progress({ startValue: 5, currentValue: 5, endValue: 5, progress: 40 }),
    });
    expect(scoreOf(kr, ctx)).toMatchObject({ method: 'progress', value: 0.4 });
  });

  it('reproduces seed 000: one issue with 1 of 2 tasks is 50%', () => {
    const kr = keyResult({ linkedItems: [issue({ tasks: { total: 2, completed: 1 } })] });
    const score = scoreOf(kr, ctx);
    expect(score.value).toBe(0.5);
    expect(score.method).toBe('linkedIssues');
    expect(score.explanation).toBe('1 linked issue (1 open): 50 = 50%');
  });

  it('reproduces seed 000: four linked issues give 69.4%', () => {
    const kr = keyResult({
      linkedItems: [
        issue({ reference: 'g/p#16' }),
        issue({ reference: 'g/p#19', tasks: { total: 9, completed: 7 } }),
        issue({ reference: 'g/p#18', state: 'closed', tasks: { total: 3, completed: 2 } }),
        issue({ reference: 'g/p#20', state: 'closed' }),
      ],
    });
    const score = scoreOf(kr, ctx);
    expect(score.value).toBeCloseTo(0.25 * (7 / 9) + 0.5, 10);
    expect(score.explanation).toBe(
      '4 linked issues (2 closed, 2 open): 0 + 19.4 + 25 + 25 = 69.4%',
    );
    expect(score.details[1]).toBe('g/p#19 (open, 7 of 9 tasks checked): 77.8% × 1/4 = 19.4');
    expect(score.details[2]).toMatch(/closed, counts 100% whatever its tasks/);
  });

  it('counts every issue it sums: the words name as many issues as there are terms', () => {
    const closed = (reference: string) => issue({ reference, state: 'closed' });
    const all = scoreOf(keyResult({ linkedItems: [closed('g/p#1'), closed('g/p#2')] }), ctx);
    expect(all.explanation).toBe('2 linked issues (2 closed): 50 + 50 = 100%');
    const none = scoreOf(keyResult({ linkedItems: [issue(), issue()] }), ctx);
    expect(none.explanation).toBe('2 linked issues (2 open): 0 + 0 = 0%');
  });

  it('ignores linked objectives and key results: only issues are work', () => {
    const kr = keyResult({ linkedItems: [keyResult({ state: 'closed' })] });
    expect(scoreOf(kr, ctx)).toMatchObject({ method: 'none', noData: true });
  });

  it('flags no data instead of a silent 0%', () => {
    const score = scoreOf(keyResult(), ctx);
    expect(score).toMatchObject({ value: 0, noData: true, method: 'none' });
    expect(score.explanation).toMatch(/^No data/);
  });
});

describe('due dates and late penalties (seed 002 "Target Dates in Key Results")', () => {
  const late = (lateLine: string, extra: Partial<Parameters<typeof keyResult>[0]> = {}) =>
    keyResult({
      description: okrBlock('due: 2024-06-01', lateLine),
      progress: progress({ progress: 60 }),
      ...extra,
    });

  it('scores 0 after a missed date with late: zero', () => {
    const score = scoreOf(late('late: zero'), ctx);
    expect(score.value).toBe(0);
    expect(score.explanation).toMatch(/14 days past due Jun 1, 2024, late: zero → 0%/);
  });

  it('takes 10 points per started week of delay', () => {
    // 14 days late = 2 started weeks; 15 days = 3.
    expect(scoreOf(late('late: 10%/week'), ctx).value).toBeCloseTo(0.4);
    expect(scoreOf(late('late: 10%/week'), { today: '2024-06-16' }).value).toBeCloseTo(0.3);
    expect(scoreOf(late('late: 10%/week'), { today: '2024-06-02' }).value).toBeCloseTo(0.5);
  });

  it('leaves the score alone on the due date and when done in time', () => {
    expect(scoreOf(late('late: zero'), { today: '2024-06-01' }).value).toBeCloseTo(0.6);
    const done = late('late: zero', { progress: progress({ progress: 100 }) });
    expect(scoreOf(done, ctx).value).toBe(1);
    const closedEarly = late('late: zero', { state: 'closed', closedAt: '2024-05-30T10:00:00Z' });
    expect(scoreOf(closedEarly, ctx).value).toBeCloseTo(0.6);
  });

  it('measures the delay of a closed item up to the day it closed', () => {
    const closedLate = late('late: 10%/week', {
      state: 'closed',
      closedAt: '2024-06-05T10:00:00Z',
      progress: progress({ progress: 100 }),
    });
    expect(scoreOf(closedLate, { today: '2024-09-01' }).value).toBeCloseTo(0.9);
  });
});

describe('objectives', () => {
  const kr = (pct: number, block = '') =>
    keyResult({ progress: progress({ progress: pct }), description: block });

  it('is the mean of its children by default', () => {
    const score = scoreOf(objective([kr(50), kr(20), kr(80)]), ctx);
    expect(score.value).toBeCloseTo(0.5);
    expect(score.method).toBe('rollup');
    expect(score.explanation).toBe('Mean of 3 children: (50 + 20 + 80) / 3 = 50%');
  });

  it('weights children by their okr block and leaves weight 0 out', () => {
    const score = scoreOf(
      objective([kr(50, okrBlock('weight: 2')), kr(20), kr(0, okrBlock('weight: 0'))]),
      ctx,
    );
    expect(score.value).toBeCloseTo((2 * 0.5 + 0.2) / 3);
    expect(score.explanation).toBe('Weighted mean of 2 children: (2 × 50 + 1 × 20) / 3 = 40%');
    expect(score.details[2]).toMatch(/weight 0, not counted/);
  });

  it('rolls up through child objectives, and closed children keep their score', () => {
    const inner = objective([kr(100), kr(0)]);
    const score = scoreOf(objective([inner, kr(30, ''), { ...kr(90), state: 'closed' }]), ctx);
    expect(score.value).toBeCloseTo((0.5 + 0.3 + 0.9) / 3);
  });

  it('has no score without counted children', () => {
    expect(scoreOf(objective([]), ctx)).toMatchObject({ noData: true, method: 'rollup' });
    expect(scoreOf(objective([kr(50, okrBlock('weight: 0'))]), ctx)).toMatchObject({
      noData: true,
    });
  });

  it('counts a child without data as 0 and says so', () => {
    const score = scoreOf(objective([kr(80), keyResult()]), ctx);
    expect(score.value).toBeCloseTo(0.4);
    expect(score.noData).toBe(false);
    expect(score.details[1]).toMatch(/no data \(counts 0\)/);
  });

  it('says when not all children were loaded', () => {
    const score = scoreOf(objective([kr(80)], { childrenIncomplete: true }), ctx);
    expect(score.details.at(-1)).toMatch(/Not all children were loaded/);
    const unloaded = scoreOf(objective([], { childrenIncomplete: true }), ctx);
    expect(unloaded).toMatchObject({
      noData: true,
      explanation: expect.stringMatching(/not loaded/),
    });
  });

  it('scoreTree scores every node once, matching scoreOf', () => {
    const leaf = kr(40);
    const root = objective([objective([leaf, kr(60)]), kr(10)]);
    const scores = scoreTree(root, ctx);
    expect(scores.size).toBe(5);
    expect(scores.get(root)?.value).toBeCloseTo(scoreOf(root, ctx).value);
    expect(scores.get(leaf)?.value).toBeCloseTo(0.4);
  });
});

describe("GitLab's roll-up and the drift", () => {
  it('divides with integer division: children at 29 and 28 give 28', () => {
    const parent = objective([
      keyResult({ progress: progress({ progress: 29 }) }),
      keyResult({ progress: progress({ progress: 28 }) }),
    ]);
    expect(gitlabRollup(parent)).toBe(28);
  });

  it('counts children without progress as 0 and gives null without children', () => {
    const parent = objective([keyResult({ progress: progress({ progress: 90 }) }), keyResult()]);
    expect(gitlabRollup(parent)).toBe(45);
    expect(gitlabRollup(objective([]))).toBeNull();
  });

  it('reports the drift in percentage points', () => {
    const parent = objective([
      keyResult({ progress: progress({ progress: 29 }) }),
      keyResult({ progress: progress({ progress: 28 }) }),
    ]);
    expect(driftOf(scoreOf(parent, ctx), gitlabRollup(parent))).toBe(0.5);
    expect(driftOf(scoreOf(keyResult(), ctx), 40)).toBeNull();
    expect(driftOf(scoreOf(parent, ctx), null)).toBeNull();
  });
});
