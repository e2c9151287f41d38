// GitLab's progress arithmetic as the extension reads it, checked on the cases GitLab's own spec
// lists (ee/spec/models/work_items/progress_spec.rb `#compute_progress`), and the check-in line.
import { describe, expect, it } from 'vitest';
import { checkInLine, ownScaleOf } from '../../../lib/okr/check-in-note';
import {
  fitsGitLabInt,
  gitlabFormulaNote,
  gitlabProgressOf,
  storedValueNote,
} from '../../../lib/okr/gitlab-progress';
import { progress } from '../../support/okr-trees';

describe('gitlabProgressOf', () => {
  it.each([
    [20, 20, 20, null],
    [10, 5, 30, 0],
    [10, 20, 30, 50],
    [10, 40, 30, 100],
    [30, 5, 10, 100],
    [30, 20, 10, 50],
    [30, 40, 10, 0],
    [-30, -20, -10, 50],
    [0, 29, 100, 29],
    [0, 94, 100, 94],
  ])('start %d, current %d, target %d: %s', (start, current, target, expected) => {
    expect(gitlabProgressOf(start, current, target)).toBe(expected);
  });
});

describe('what a form says before sending', () => {
  it('says what GitLab stores for a value past the target or before the start', () => {
    expect(storedValueNote(0, 25, 20)).toBe('25 is past the target 20: GitLab stores 100%.');
    expect(storedValueNote(10, 5, 20)).toBe(
      '5 is before the start 10 (the target is 20): GitLab stores 0%.',
    );
    expect(storedValueNote(10, 12, 4)).toBe(
      '12 is before the start 10 (the target is 4): GitLab stores 0%.',
    );
    expect(storedValueNote(0, 12, 20)).toBeNull();
  });

  it('knows which numbers GitLab’s Int holds', () => {
    expect(fitsGitLabInt(2_147_483_647)).toBe(true);
    expect(fitsGitLabInt(2_147_483_648)).toBe(false);
    expect(fitsGitLabInt(-2_147_483_649)).toBe(false);
    expect(fitsGitLabInt(1.5)).toBe(false);
  });
});

describe('gitlabFormulaNote', () => {
  const values = (startValue: number, currentValue: number, endValue: number, p: number) =>
    progress({ startValue, currentValue, endValue, progress: p });

  it('explains a value past the target, before the start, and whole percents', () => {
    expect(gitlabFormulaNote(values(0, 25, 20, 100))).toBe(
      '25 is past the target 20: GitLab counts anything past the target as 100%.',
    );
    expect(gitlabFormulaNote(values(10, 5, 20, 0))).toBe(
      '5 is on the wrong side of the start 10: GitLab counts that as 0%.',
    );
    expect(gitlabFormulaNote(values(0, 2, 3, 67))).toBe(
      'GitLab keeps whole percents: 66.7% is stored as 67%.',
    );
    expect(gitlabFormulaNote(values(0, 2, 3, 66))).toBe(
      'GitLab keeps whole percents: 66.7% is stored as 66% (this GitLab cuts the decimals).',
    );
  });

  it('names the undirected distance an older GitLab stored for a value before the start', () => {
    expect(gitlabFormulaNote(values(10, 5, 20, 50))).toBe(
      '5 is on the wrong side of the start 10: this GitLab counted the distance from the start, ' +
        '|5 − 10| / |20 − 10| = 50%, as progress; GitLab 16 and later count it 0%.',
    );
  });

  it('says nothing when the formula explains nothing', () => {
    expect(gitlabFormulaNote(values(0, 12, 20, 60))).toBeNull();
    expect(gitlabFormulaNote(values(0, 12, 20, 30))).toBeNull();
    expect(gitlabFormulaNote(progress({ progress: 40 }))).toBeNull();
    expect(gitlabFormulaNote(null)).toBeNull();
  });
});

describe('the check-in line', () => {
  it('says health and value calmly, in the key result’s own units', () => {
    expect(checkInLine({ health: 'onTrack' })).toBe('Check-in: on track');
    expect(checkInLine({ health: 'atRisk', value: { kind: 'percent', progress: 40 } })).toBe(
      'Check-in: at risk, 40%',
    );
    expect(
      checkInLine({
        health: 'needsAttention',
        value: { kind: 'units', current: 12, start: 0, target: 20 },
      }),
    ).toBe('Check-in: needs attention, 12 of 20');
    expect(
      checkInLine({
        health: 'onTrack',
        value: { kind: 'units', current: 7, start: 10, target: 4 },
      }),
    ).toBe('Check-in: on track, 7 of 4 (from 10)');
  });

  it('treats GitLab’s default 0 → 100 scale as a percentage', () => {
    expect(ownScaleOf({ startValue: 0, endValue: 100 })).toBeNull();
    expect(ownScaleOf({ startValue: null, endValue: null })).toBeNull();
    expect(ownScaleOf({ startValue: 0, endValue: 20 })).toEqual({ start: 0, target: 20 });
  });
});
