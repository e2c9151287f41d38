import { describe, expect, it } from 'vitest';
import { changedAfter, historyOf, stateAt } from '../../../../lib/okr/quarter/history';
import type { Note } from '../../../../lib/okr/model';

const system = (body: string, createdAt: string, author = 'casey'): Note => ({
  body,
  createdAt,
  system: true,
  author,
});
const comment = (body: string, createdAt: string, author = 'casey'): Note => ({
  body,
  createdAt,
  system: false,
  author,
});

describe('historyOf', () => {
  it('reads progress (new and old form), health set and removed, one point per update', () => {
    const points = historyOf([
      system('changed progress to **10**', '2026-11-03T10:00:00Z'),
      system('changed health status to **on track**', '2026-11-05T10:00:00Z'),
      system('changed progress to **40%**', '2026-11-20T10:00:00Z'),
      system('changed health status to **at risk**', '2026-12-01T09:00:00Z'),
      system('removed health status **at risk**', '2026-12-04T09:00:00Z'),
      system('removed the health status', '2026-12-05T09:00:00Z'),
    ]);
    expect(points.map((p) => [p.at.slice(0, 10), p.progress, p.health, p.changes])).toEqual([
      ['2026-11-03', 0.1, null, ['progress']],
      ['2026-11-05', 0.1, 'onTrack', ['health']],
      ['2026-11-20', 0.4, 'onTrack', ['progress']],
      ['2026-12-01', 0.4, 'atRisk', ['health']],
      ['2026-12-04', 0.4, null, ['health']],
      ['2026-12-05', 0.4, null, ['health']],
    ]);
  });

  it('merges the notes of one check-in (health, progress, comment) into one point', () => {
    const points = historyOf([
      system('changed health status to **needs attention**', '2026-11-10T10:00:00Z'),
      system('changed progress to **35%**', '2026-11-10T10:00:00Z'),
      comment('Check-in: needs attention, 35%\n\nVendor is late.', '2026-11-10T10:00:02Z'),
    ]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({
      progress: 0.35,
      health: 'needsAttention',
      changes: ['health', 'progress', 'checkIn'],
      author: 'casey',
    });
  });

  it('counts a check-in that changed nothing as its own point', () => {
    const points = historyOf([
      system('changed health status to **on track**', '2026-11-02T10:00:00Z'),
      comment('Check-in: on track', '2026-12-02T10:00:00Z'),
    ]);
    expect(points.map((p) => p.changes)).toEqual([['health'], ['checkIn']]);
    expect(points[1]!.health).toBe('onTrack');
  });

  it('reads the custom field Current on the key result scale, and check-ins in units', () => {
    const scale = { start: 10, target: 20 };
    const points = historyOf(
      [
        system('<p>changed Current to <code class="idiff">12</code></p>', '2026-11-03T10:00:00Z'),
        system('changed Target to <code class="idiff">20</code>', '2026-11-03T10:00:00Z'),
        comment('Check-in: on track, 15 of 20 (from 10)', '2026-11-20T10:00:00Z'),
        system('<p>removed Current: <code class="idiff">15</code></p>', '2026-12-01T10:00:00Z'),
      ],
      { scale, fields: { start: ['Start'], current: ['current'], target: ['Target'] } },
    );
    expect(points.map((p) => [p.value, p.progress])).toEqual([
      [12, 0.2],
      [15, 0.5],
      [null, null],
    ]);
  });

  it('reads the scale from Start and Target custom-field notes of the same save', () => {
    const fields = { start: ['Start'], current: ['Current'], target: ['Target', 'Goal'] };
    const points = historyOf(
      [
        system('<p>changed Start to <code class="idiff">0</code></p>', '2026-11-15T10:00:00Z'),
        system('<p>changed Current to <code class="idiff">4</code></p>', '2026-11-15T10:00:00Z'),
        system('<p>changed Goal to <code class="idiff">10</code></p>', '2026-11-15T10:00:00Z'),
        system('<p>changed Current to <code class="idiff">6</code></p>', '2026-11-20T10:00:00Z'),
      ],
      { fields },
    );
    expect(points.map((p) => [p.value, p.progress])).toEqual([
      [4, 0.4],
      [6, 0.6],
    ]);
    // Without any scale, a value is recorded but no progress is made up.
    const bare = historyOf(
      [system('<p>changed Current to <code class="idiff">6</code></p>', '2026-11-20T10:00:00Z')],
      { fields },
    );
    expect(bare.map((p) => [p.value, p.progress])).toEqual([[6, null]]);
  });

  it('takes the scale from the check-in line when none is given', () => {
    const [point] = historyOf([comment('Check-in: at risk, 5 of 20', '2026-11-03T10:00:00Z')]);
    expect(point).toMatchObject({ value: 5, progress: 0.25, health: 'atRisk' });
  });

  it('leaves out GitLab automation, other notes, and plain comments', () => {
    const points = historyOf([
      system('changed progress to **50%**', '2026-11-03T10:00:00Z', 'automation-bot'),
      system('changed the description', '2026-11-04T10:00:00Z'),
      comment('Looks good', '2026-11-05T10:00:00Z'),
      system('changed Current to <code class="idiff">3</code>', '2026-11-06T10:00:00Z'),
    ]);
    expect(points).toEqual([]);
  });

  it('orders notes by time whatever order they come in', () => {
    const points = historyOf([
      system('changed progress to **40%**', '2026-11-20T10:00:00Z'),
      system('changed progress to **10%**', '2026-11-03T10:00:00Z'),
    ]);
    expect(points.map((p) => p.progress)).toEqual([0.1, 0.4]);
  });
});

describe('stateAt and changedAfter', () => {
  const points = historyOf([
    system('changed progress to **10%**', '2026-11-03T10:00:00Z'),
    system('changed progress to **40%**', '2026-11-20T10:00:00Z'),
  ]);
  it('gives the last recorded state at an instant, null before the first', () => {
    expect(stateAt(points, '2026-11-01T00:00:00Z')).toBeNull();
    expect(stateAt(points, '2026-11-10T00:00:00Z')?.progress).toBe(0.1);
    expect(stateAt(points, '2026-11-20T10:00:00Z')?.progress).toBe(0.4);
    expect(changedAfter(points, '2026-11-10T00:00:00Z')).toBe(true);
    expect(changedAfter(points, '2026-11-21T00:00:00Z')).toBe(false);
  });
});
