import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../lib/okr';
import { keyResult, objective, progress, quarter, systemNote } from '../../support/okr-trees';

describe('evaluate', () => {
  it('gives the service layer score, GitLab number, drift, band, staleness and warnings at once', () => {
    const q = quarter('FY25-Q2', '2024-05-01', '2024-07-31');
    const krs = [29, 28].map((pct) =>
      keyResult({ milestone: q, progress: progress({ progress: pct }) }),
    );
    const parent = objective(krs, {
      milestone: q,
      progress: progress({ progress: 40 }),
      notes: [
        systemNote('changed health status to **on track**', '2024-05-20T10:00:00Z'),
        // Typed in by a person (not GitLab's roll-up): what manual-parent-progress needs to know.
        { ...systemNote('changed progress to **40%**', '2024-05-20T10:00:00Z'), author: 'ann' },
      ],
    });
    const result = evaluate(parent, {
      today: '2024-06-15',
      timeZone: 'UTC',
      parent: null,
      topLevelObjectives: [parent.url],
    });
    expect(result.score.value).toBeCloseTo(0.285);
    expect(result.gitlabRollup).toBe(28);
    expect(result.drift).toBe(-11.5);
    expect(result.band).toBe('red');
    expect(result.expected).toBeCloseTo(45 / 91);
    expect(result.behind).toBe(false);
    expect(result.stale).toMatchObject({ stale: true, code: 'notThisMonth' });
    expect(result.warnings.map((w) => w.rule)).toEqual(['manual-parent-progress', 'health-stale']);
    expect(result.children.map((c) => c.score.value)).toEqual([0.29, 0.28]);
  });

  it('follows the settings for staleness and the behind margin', () => {
    const kr = keyResult({
      milestone: quarter('FY25-Q2', '2024-05-01', '2024-07-31'),
      progress: progress({ progress: 10, updatedAt: '2024-05-20T10:00:00Z' }),
    });
    const ctx = { today: '2024-06-15', timeZone: 'UTC' };
    expect(evaluate(kr, ctx)).toMatchObject({ behind: true, stale: { stale: true } });
    const relaxed = evaluate(kr, ctx, {
      'behind-schedule': { behindMargin: 0.5 },
      'health-stale': { businessDayDeadline: 12 },
    });
    expect(relaxed).toMatchObject({ behind: false, stale: { stale: false } });
  });

  it('judges each child’s health from the last change GitLab records on it', () => {
    const child = (updatedAt: string) =>
      keyResult({ updatedAt, progress: progress({ progress: 50, updatedAt }) });
    const parent = objective([child('2024-04-20T10:00:00Z'), child('2024-06-03T10:00:00Z')]);
    const result = evaluate(parent, { today: '2024-06-15', timeZone: 'UTC' });
    expect(result.children.map((c) => c.stale.stale)).toEqual([true, false]);
    expect(result.children[0]?.stale.lastUpdate).toBe('2024-04-20T10:00:00Z');
  });
});
