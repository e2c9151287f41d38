// The watch's verdicts on a fixed clock: the handbook asks for a health update within the first
// five business days of each month (seed 002), so the badge must flip exactly after business day
// 5, skip weekends and configured holidays, and read "today" and "this month" in the user's zone.
import { describe, expect, it } from 'vitest';
import { judgeStale, type FoundOkr } from '../../../lib/services/stale-watch';
import type { StalenessOptions } from '../../../lib/okr/staleness';
import type { WorkItemResponse } from '../../../lib/gitlab/schemas';
import { WorkItemSchema } from '../../../lib/gitlab/schemas';
import { BASE_URL, workItem, type ItemSpec } from './fake-gitlab';

const HEALTH_NOTE = 'changed health status to **on track**';

function found(spec: ItemSpec, assignedToYou = true): FoundOkr {
  return { item: WorkItemSchema.parse(workItem(spec)) as WorkItemResponse, assignedToYou };
}

function options(now: string, extra: Partial<StalenessOptions> = {}): StalenessOptions {
  return {
    now,
    timeZone: 'UTC',
    holidays: [],
    maxAgeDays: 35,
    businessDayDeadline: 5,
    ...extra,
  };
}

/** The stale code of one item updated (health note) at `lastUpdate`, judged at `now`. */
function codeAt(lastUpdate: string, now: string, extra: Partial<StalenessOptions> = {}) {
  const { items } = judgeStale(
    [found({ id: 1, notes: [[lastUpdate, HEALTH_NOTE]] })],
    BASE_URL,
    options(now, extra),
  );
  return items[0]?.code ?? 'fresh';
}

describe('the first five business days of the month', () => {
  // November 2026 starts on a Sunday: business days 2, 3, 4, 5, 6 (the 5th) and 9 (the 6th).
  const lastMonth = '2026-10-20T12:00:00Z';

  it('keeps an October update fresh through the 5th business day (Friday 6 November)', () => {
    expect(codeAt(lastMonth, '2026-11-02T09:00:00Z')).toBe('fresh');
    expect(codeAt(lastMonth, '2026-11-06T23:59:00Z')).toBe('fresh');
  });

  it('flags it the day after the 5th business day, even on a weekend', () => {
    expect(codeAt(lastMonth, '2026-11-07T08:00:00Z')).toBe('notThisMonth');
    expect(codeAt(lastMonth, '2026-11-09T08:00:00Z')).toBe('notThisMonth'); // 6th business day
  });

  it('counts no weekend day: a month starting on Saturday has its deadline on Friday the 7th', () => {
    // August 2026 starts on a Saturday: business days 3, 4, 5, 6, 7.
    const july = '2026-07-20T12:00:00Z';
    expect(codeAt(july, '2026-08-07T12:00:00Z')).toBe('fresh');
    expect(codeAt(july, '2026-08-08T12:00:00Z')).toBe('notThisMonth');
  });

  it('moves the deadline past a configured holiday', () => {
    const holidays = ['2026-11-02'];
    expect(codeAt(lastMonth, '2026-11-09T12:00:00Z', { holidays })).toBe('fresh');
    expect(codeAt(lastMonth, '2026-11-10T12:00:00Z', { holidays })).toBe('notThisMonth');
  });

  it('takes an update on the 1st of the month as this month’s', () => {
    expect(codeAt('2026-11-01T00:05:00Z', '2026-11-20T12:00:00Z')).toBe('fresh');
    expect(codeAt('2026-10-31T23:55:00Z', '2026-11-20T12:00:00Z')).toBe('notThisMonth');
  });

  it('honours a different deadline (3 business days)', () => {
    expect(codeAt(lastMonth, '2026-11-05T12:00:00Z', { businessDayDeadline: 3 })).toBe(
      'notThisMonth',
    );
    expect(codeAt(lastMonth, '2026-11-04T12:00:00Z', { businessDayDeadline: 3 })).toBe('fresh');
  });
});

describe('time zones', () => {
  it('reads today in the user’s zone: Friday evening in Los Angeles is still the 5th business day', () => {
    const now = '2026-11-07T02:00:00Z'; // Saturday in UTC, Friday 18:00 in Los Angeles
    expect(codeAt('2026-10-20T12:00:00Z', now, { timeZone: 'UTC' })).toBe('notThisMonth');
    expect(codeAt('2026-10-20T12:00:00Z', now, { timeZone: 'America/Los_Angeles' })).toBe('fresh');
  });

  it('reads the update’s month in the user’s zone: 31 October 23:30 UTC is 1 November in Berlin', () => {
    const update = '2026-10-31T23:30:00Z';
    const now = '2026-11-20T12:00:00Z';
    expect(codeAt(update, now, { timeZone: 'UTC' })).toBe('notThisMonth');
    expect(codeAt(update, now, { timeZone: 'Europe/Berlin' })).toBe('fresh');
  });

  it('falls back to UTC for an unknown zone instead of failing the badge', () => {
    expect(
      codeAt('2026-10-20T12:00:00Z', '2026-11-09T12:00:00Z', { timeZone: 'Mars/Olympus' }),
    ).toBe('notThisMonth');
  });
});

describe('older than N days and no health', () => {
  it('flags an update more than 35 days old even before the monthly deadline', () => {
    // 4 November is before the deadline; 30 September is 35 days back, 29 September 36.
    expect(codeAt('2026-09-30T12:00:00Z', '2026-11-04T12:00:00Z')).toBe('fresh');
    expect(codeAt('2026-09-29T12:00:00Z', '2026-11-04T12:00:00Z')).toBe('tooOld');
  });

  it('uses the configured age', () => {
    expect(codeAt('2026-10-20T12:00:00Z', '2026-11-04T12:00:00Z', { maxAgeDays: 14 })).toBe(
      'tooOld',
    );
  });

  it('flags an OKR without any health status, whatever its dates', () => {
    const { items } = judgeStale(
      [
        found({
          id: 1,
          health: null,
          notes: [['2026-11-20T09:00:00Z', 'changed progress to **40%**']],
        }),
      ],
      BASE_URL,
      options('2026-11-20T12:00:00Z'),
    );
    expect(items.map((item) => item.code)).toEqual(['noHealth']);
  });

  it('counts a progress update (widget updatedAt or system note) as an update', () => {
    const now = '2026-11-20T12:00:00Z';
    const old: [string, string][] = [['2026-10-01T09:00:00Z', HEALTH_NOTE]];
    const viaWidget = found({ id: 1, notes: old, progressUpdatedAt: '2026-11-03T10:00:00Z' });
    const viaNote = found({
      id: 2,
      notes: [...old, ['2026-11-03T10:00:00Z', 'changed progress to **60%**']],
    });
    const comment = found({ id: 3, notes: [...old, ['2026-11-03T10:00:00Z', 'Looking good']] });
    const { items } = judgeStale([viaWidget, viaNote, comment], BASE_URL, options(now));
    expect(items.map((item) => item.id)).toEqual(['gid://gitlab/WorkItem/3']);
  });
});

describe('what the popup receives', () => {
  it('lists the stale ones worst reason first, with chain, link and who owns it', () => {
    const now = '2026-11-20T12:00:00Z';
    const { items, judged } = judgeStale(
      [
        found({ id: 1, title: 'Fresh KR', notes: [['2026-11-02T09:00:00Z', HEALTH_NOTE]] }),
        found({ id: 2, title: 'October KR', notes: [['2026-10-25T09:00:00Z', HEALTH_NOTE]] }),
        found(
          {
            id: 3,
            title: 'Unrated KR',
            health: null,
            ancestors: [
              [10, 'Company objective'],
              [11, 'Team objective'],
            ],
          },
          false,
        ),
        found({ id: 4, title: 'Summer KR', notes: [['2026-08-01T09:00:00Z', HEALTH_NOTE]] }),
      ],
      BASE_URL,
      options(now),
    );
    expect(judged).toBe(4);
    expect(items.map((item) => [item.title, item.code])).toEqual([
      ['Unrated KR', 'noHealth'],
      ['Summer KR', 'tooOld'],
      ['October KR', 'notThisMonth'],
    ]);
    const unrated = items[0]!;
    expect(unrated.chain.map((link) => link.title)).toEqual([
      'Company objective',
      'Team objective',
    ]);
    expect(unrated.url).toBe(`${BASE_URL}/okrs/team/-/work_items/3`);
    expect(unrated.assignedToYou).toBe(false);
    expect(unrated.topLevel).toBe(false);
  });

  it('marks a top-level objective, where GitLab’s check-in reminder can be set', () => {
    const { items } = judgeStale(
      [found({ id: 5, type: 'Objective', health: null, hasParent: false })],
      BASE_URL,
      options('2026-11-20T12:00:00Z'),
    );
    expect(items[0]).toMatchObject({ kind: 'objective', topLevel: true });
  });
});
