import { describe, expect, it } from 'vitest';
import { bandOf, expectedProgress, isBehind } from '../../../lib/okr/grade';
import { keyResult, quarter } from '../../support/okr-trees';

describe('grade bands', () => {
  it.each([
    [null, 'none'],
    [0, 'red'],
    [0.399, 'red'],
    [0.4, 'amber'],
    [0.69, 'amber'],
    [0.7, 'green'],
    [1, 'green'],
  ] as const)('%s is %s', (value, band) => {
    expect(bandOf(value)).toBe(band);
  });
});

describe('expected progress', () => {
  const kr = keyResult({ milestone: quarter('FY25-Q2', '2024-05-01', '2024-07-31') });

  it('is the share of the milestone elapsed', () => {
    expect(expectedProgress(kr, '2024-05-01')).toBe(0);
    expect(expectedProgress(kr, '2024-06-15')).toBeCloseTo(45 / 91);
    expect(expectedProgress(kr, '2024-07-31')).toBe(1);
    expect(expectedProgress(kr, '2024-09-01')).toBe(1);
    expect(expectedProgress(kr, '2024-03-01')).toBe(0);
  });

  it("uses the node's own dates without milestone dates, and null without any", () => {
    const own = keyResult({ startDate: '2024-06-01', dueDate: '2024-06-11' });
    expect(expectedProgress(own, '2024-06-06')).toBeCloseTo(0.5);
    expect(expectedProgress(keyResult(), '2024-06-06')).toBeNull();
    const undated = keyResult({ milestone: { title: 'FY25-Q2', startDate: null, dueDate: null } });
    expect(expectedProgress(undated, '2024-06-06')).toBeNull();
  });

  it('calls a score behind only below expected − 0.25', () => {
    expect(isBehind(0.24, 0.5)).toBe(true);
    expect(isBehind(0.25, 0.5)).toBe(false);
    expect(isBehind(0.3, 0.5, 0.1)).toBe(true);
    expect(isBehind(null, 0.9)).toBe(false);
    expect(isBehind(0, null)).toBe(false);
  });
});
