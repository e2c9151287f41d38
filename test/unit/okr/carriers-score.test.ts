// Scores, GitLab's number and the rules on OKRs kept as epics and labelled issues or custom
// types: the custom number fields come after the okr block and before the progress widget, a key
// result epic counts its child issues as linked ones, an epic's own number is its weight bar
// with the drift said in a sentence, and the rules speak of the quarter where the team keeps it.
import { describe, expect, it } from 'vitest';
import { evaluate, scoreOf } from '../../../lib/okr';
import { epicProgressLabel, epicProgressOf } from '../../../lib/okr/epic-progress';
import { fiscalQuarterDates, fiscalQuarterTitleOf } from '../../../lib/okr/fiscal-quarter';
import type { CustomValues, Quarter } from '../../../lib/okr/model';
import { issue, keyResult, objective, okrBlock, progress } from '../../support/okr-trees';

const TODAY = '2026-12-06';
const FIELDS = {
  start: { id: 'gid://gitlab/Issuables::CustomField/1', name: 'Start' },
  current: { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current' },
  target: { id: 'gid://gitlab/Issuables::CustomField/3', name: 'Target' },
};

function custom(start: number | null, current: number | null, target: number | null): CustomValues {
  return { start, current, target, fields: FIELDS };
}

const labelQuarter: Quarter = {
  title: 'FY27-Q4',
  startDate: '2026-11-01',
  dueDate: '2027-01-31',
  source: 'label',
};

describe('scoring a key result from custom number fields', () => {
  it('explains the arithmetic and names the fields', () => {
    const score = scoreOf(keyResult({ customValues: custom(0, 4, 10) }), { today: TODAY });
    expect(score.method).toBe('customFields');
    expect(score.value).toBeCloseTo(0.4);
    expect(score.explanation).toBe(
      'Start → Target 0 → 10 (custom fields), now 4 in Current: (4 − 0) / (10 − 0) = 4/10 = 40%',
    );
    expect(score.details).toEqual(['From the custom number fields Start, Current and Target.']);
  });

  it('names the fields a team calls otherwise, and reads a falling target', () => {
    const values: CustomValues = {
      start: 120,
      current: 70,
      target: 50,
      fields: {
        start: { id: 'a', name: 'Baseline' },
        current: { id: 'b', name: 'Current' },
        target: { id: 'c', name: 'Goal' },
      },
    };
    const score = scoreOf(keyResult({ customValues: values }), { today: TODAY });
    expect(score.explanation).toMatch(
      /^Baseline → Goal 120 → 50 \(custom fields\), now 70 in Current/,
    );
    expect(score.value).toBeCloseTo(50 / 70);
  });

  it('yields to the okr block, and comes before GitLab’s progress widget', () => {
    const withBlock = keyResult({
      customValues: custom(0, 4, 10),
      description: okrBlock('scoring: manual'),
      progress: progress({ progress: 90 }),
    });
    expect(scoreOf(withBlock, { today: TODAY }).method).toBe('manual');
    const withProgress = keyResult({
      customValues: custom(0, 4, 10),
      progress: progress({ progress: 90 }),
    });
    expect(scoreOf(withProgress, { today: TODAY }).method).toBe('customFields');
  });

  it('says which field lacks a value when nothing else scores it', () => {
    const score = scoreOf(keyResult({ customValues: custom(0, null, 10) }), { today: TODAY });
    expect(score.noData).toBe(true);
    expect(score.details).toEqual(['The custom fields need a value in Current to score.']);
  });
});

describe('scoring a key result epic from its child issues', () => {
  it('counts closed issues 100% and open ones by their checked tasks, as linked issues', () => {
    const epic = keyResult({
      children: [
        issue({ id: 'i1', reference: 'acme/engineering#1', state: 'closed' }),
        issue({ id: 'i2', reference: 'acme/engineering#2', tasks: { total: 4, completed: 1 } }),
        issue({ id: 'i3', reference: 'acme/engineering#3' }),
      ],
    });
    const score = scoreOf(epic, { today: TODAY });
    expect(score.method).toBe('childIssues');
    expect(score.explanation).toBe('3 child issues (1 closed, 2 open): 33.3 + 8.3 + 0 = 41.7%');
  });

  it('counts an issue both linked and a child once', () => {
    const shared = issue({ id: 'i1', state: 'closed' });
    const epic = keyResult({ children: [shared, issue({ id: 'i2' })], linkedItems: [shared] });
    const score = scoreOf(epic, { today: TODAY });
    expect(score.explanation).toBe('2 linked and child issues (1 closed, 1 open): 50 + 0 = 50%');
  });
});

describe('GitLab’s number for an epic', () => {
  it('is the closed share of the rolled-up weight, or of the issues when none has a weight', () => {
    const byWeight = epicProgressOf({
      weight: { completed: 8, total: 20 },
      issues: { closed: 1, total: 3 },
    });
    expect(byWeight).toEqual({ percent: 40, basis: 'weight', done: 8, total: 20 });
    expect(epicProgressLabel(byWeight!)).toBe(
      "GitLab's epic progress: 40% of weight done (8 of 20)",
    );
    const byIssues = epicProgressOf({
      weight: { completed: 0, total: 0 },
      issues: { closed: 2, total: 3 },
    });
    expect(epicProgressLabel(byIssues!)).toBe(
      "GitLab's epic progress: 67% of issues closed (2 of 3 issues)",
    );
    expect(epicProgressOf({ weight: null, issues: { closed: 0, total: 0 } })).toBeNull();
  });

  it('stands beside the score with the drift and why the two differ', () => {
    const kr = keyResult({
      customValues: custom(0, 31, 72),
      epicRollup: { weight: { completed: 0, total: 8 }, issues: { closed: 0, total: 1 } },
    });
    const result = evaluate(kr, { today: TODAY, timeZone: 'UTC' });
    expect(result.gitlabProgress).toBe(0);
    expect(result.gitlabLabel).toBe("GitLab's epic progress: 0% of weight done (0 of 8)");
    expect(result.drift).toBe(43.1);
    expect(result.gitlabNote).toBe(
      'GitLab counts only the weight of closed issues, 0 of 8 = 0%, so an open issue adds ' +
        "nothing however far along it is; the score reads the key result's own values.",
    );
  });

  it('is not GitLab’s roll-up of progress fields, which epics do not have', () => {
    const epic = objective([keyResult({ customValues: custom(0, 5, 10) })], {
      progress: null,
      epicRollup: { weight: { completed: 3, total: 4 }, issues: null },
    });
    const result = evaluate(epic, { today: TODAY, timeZone: 'UTC' });
    expect(result.gitlabRollup).toBeNull();
    expect(result.gitlabProgress).toBe(75);
    expect(result.gitlabNote).toContain('the score averages what each child scores');
    expect(result.warnings.map((w) => w.rule)).not.toContain('manual-parent-progress');
  });
});

describe('quarters named by labels', () => {
  it('follow GitLab’s fiscal year: FY24 runs from February 2023 to January 2024', () => {
    expect(fiscalQuarterDates('FY24-Q1')).toEqual({
      startDate: '2023-02-01',
      dueDate: '2023-04-30',
    });
    expect(fiscalQuarterDates('FY24-Q2')).toEqual({
      startDate: '2023-05-01',
      dueDate: '2023-07-31',
    });
    expect(fiscalQuarterDates('fy2024 q4')).toEqual({
      startDate: '2023-11-01',
      dueDate: '2024-01-31',
    });
    expect(fiscalQuarterDates('2024-Q2')).toBeNull();
    expect(fiscalQuarterTitleOf('2026-11-01', '2027-01-31')).toBe('FY27-Q4');
    expect(fiscalQuarterTitleOf('2026-11-01', '2027-01-30')).toBeNull();
  });
});

describe('rules on the epics carrier', () => {
  const context = {
    today: TODAY,
    timeZone: 'UTC',
    quarterSource: 'label' as const,
    quarterLabelPattern: 'okrq:{quarter}',
  };

  it('no-milestone accepts a quarter label, and asks for one in the team’s own pattern', () => {
    const labelled = keyResult({ milestone: labelQuarter, title: 'Raise NPS from 30 to 40' });
    expect(evaluate(labelled, context).warnings.map((w) => w.rule)).not.toContain('no-milestone');
    const none = keyResult({ milestone: null, title: 'Raise NPS from 30 to 40' });
    const warning = evaluate(none, context).warnings.find((w) => w.rule === 'no-milestone');
    expect(warning?.message).toBe(
      "No quarter: add the quarter's label (e.g. okrq:FY24-Q2) or its milestone.",
    );
  });

  it('title-prefix flags the quarter label repeated in the title', () => {
    const repeated = keyResult({
      milestone: labelQuarter,
      title: 'Raise NPS from 30 to 40 in FY27-Q4',
    });
    const warning = evaluate(repeated, context).warnings.find((w) => w.rule === 'title-prefix');
    expect(warning?.message).toBe(
      'The title repeats the quarter "FY27-Q4": drop it, the quarter label already says which quarter.',
    );
    const prefixed = keyResult({
      milestone: labelQuarter,
      title: 'FY27-Q4: Raise NPS from 30 to 40',
    });
    expect(
      evaluate(prefixed, context).warnings.find((w) => w.rule === 'title-prefix')?.message,
    ).toBe(
      'The title starts with "FY27-Q4": drop it, the quarter label already says which quarter.',
    );
  });

  it('missing-issue-link counts a key result epic’s child issues', () => {
    const epic = keyResult({ title: 'Ship 3 of 5 features', children: [issue({ id: 'i1' })] });
    expect(evaluate(epic, context).warnings.map((w) => w.rule)).not.toContain('missing-issue-link');
  });
});
