import { describe, expect, it } from 'vitest';
import { expectedLine, expectedOn, quarterEnded } from '../../../../lib/okr/quarter/expected-line';
import type { HistoryPoint } from '../../../../lib/okr/quarter/history';
import {
  historyInMap,
  keyResultsUnder,
  rolledUpHistory,
  worstHealth,
} from '../../../../lib/okr/quarter/objective-history';
import { KR11, KR12, KR211, KR212, O1, O2, SAMPLE_MAP } from './sample-map';

const point = (
  at: string,
  progress: number,
  health: HistoryPoint['health'] = null,
): HistoryPoint => ({
  at,
  progress,
  value: null,
  health,
  changes: ['progress'],
});

describe('rolledUpHistory', () => {
  it('averages the children at each update, counting a child with nothing yet as 0', () => {
    const points = rolledUpHistory([
      {
        points: [point('2026-11-03T10:00:00Z', 0.2, 'onTrack'), point('2026-11-20T10:00:00Z', 0.6)],
      },
      { points: [point('2026-11-10T10:00:00Z', 0.4, 'atRisk')] },
    ]);
    expect(
      points.map((p) => [p.at.slice(0, 10), Math.round(p.progress! * 1000) / 1000, p.health]),
    ).toEqual([
      ['2026-11-03', 0.1, 'onTrack'],
      ['2026-11-10', 0.3, 'atRisk'],
      ['2026-11-20', 0.5, 'atRisk'],
    ]);
  });

  it('weighs children, leaves out weight 0, and joins updates at the same instant', () => {
    const points = rolledUpHistory([
      { points: [point('2026-11-03T10:00:00Z', 1)], weight: 3 },
      { points: [point('2026-11-03T10:00:00Z', 0)], weight: 1 },
      { points: [point('2026-11-04T10:00:00Z', 1)], weight: 0 },
    ]);
    expect(points.map((p) => p.progress)).toEqual([0.75, 0.75]);
    expect(
      rolledUpHistory([{ points: [point('2026-11-03T10:00:00Z', 1)], weight: 0 }])[0]!.progress,
    ).toBeNull();
  });

  it('takes the worst health', () => {
    expect(worstHealth(['onTrack', null, 'needsAttention'])).toBe('needsAttention');
    expect(worstHealth([null])).toBeNull();
  });
});

describe('the expected line', () => {
  const quarter = { start: '2026-11-01', end: '2027-01-31' };
  it('runs from 0 at the start to 1 at the end', () => {
    expect(expectedLine(quarter)).toEqual([
      { date: '2026-11-01', expected: 0 },
      { date: '2027-01-31', expected: 1 },
    ]);
    expect(expectedOn(quarter, '2026-10-01')).toBe(0);
    expect(expectedOn(quarter, '2026-12-16')).toBeCloseTo(45 / 91);
    expect(expectedOn(quarter, '2027-02-10')).toBe(1);
    expect(expectedLine({ start: null, end: '2027-01-31' })).toBeNull();
  });
  it('says when the quarter is over: the day after its last day', () => {
    expect(quarterEnded(quarter, '2027-01-31')).toBe(false);
    expect(quarterEnded(quarter, '2027-02-01')).toBe(true);
    expect(quarterEnded({ start: null, end: null }, '2027-02-01')).toBe(false);
  });
});

describe('history in the map', () => {
  it('rolls an objective up from its children, a child objective from its own', () => {
    const histories = new Map([
      [KR11.url, [point('2026-11-03T10:00:00Z', 0.6, 'onTrack')]],
      [KR211.url, [point('2026-11-04T10:00:00Z', 0.4, 'needsAttention')]],
    ]);
    expect(keyResultsUnder(SAMPLE_MAP, O2.url).map((item) => item.url)).toEqual([
      KR211.url,
      KR212.url,
    ]);
    expect(keyResultsUnder(SAMPLE_MAP, KR11.url)).toEqual([KR11]);
    const o2 = historyInMap(SAMPLE_MAP, O2.url, histories);
    expect(o2.map((p) => [p.progress, p.health])).toEqual([[0.2, 'needsAttention']]);
    expect(historyInMap(SAMPLE_MAP, O1.url, histories).map((p) => p.progress)).toEqual([0.3]);
    expect(historyInMap(SAMPLE_MAP, KR12.url, histories)).toEqual([]);
  });
});
