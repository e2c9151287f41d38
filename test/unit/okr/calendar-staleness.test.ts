import { describe, expect, it } from 'vitest';
import {
  isBusinessDay,
  localDateOf,
  nthBusinessDayOfMonth,
  weekdayOf,
} from '../../../lib/okr/calendar';
import {
  isCustomNumberNote,
  isStatusNote,
  lastChangeOf,
  lastUpdateOf,
  staleness,
  stalenessByLastChange,
  stalenessOn,
} from '../../../lib/okr/staleness';
import { keyResult, objective, progress, systemNote } from '../../support/okr-trees';

const options = { timeZone: 'UTC', holidays: [], maxAgeDays: 35, businessDayDeadline: 5 };

describe('business-day calendar', () => {
  it('knows weekdays and skips weekends and holidays', () => {
    expect(weekdayOf('2024-06-01')).toBe(6); // a Saturday
    expect(isBusinessDay('2024-06-03', { holidays: [] })).toBe(true);
    expect(isBusinessDay('2024-06-01', { holidays: [] })).toBe(false);
    expect(isBusinessDay('2024-06-03', { holidays: ['2024-06-03'] })).toBe(false);
  });

  it('finds the 5th business day of a month starting on a weekend', () => {
    // June 2024 starts on a Saturday: Mon 3 … Fri 7.
    expect(nthBusinessDayOfMonth('2024-06-20', 5, { holidays: [] })).toBe('2024-06-07');
    // A holiday on Monday pushes it to the next Monday.
    expect(nthBusinessDayOfMonth('2024-06-20', 5, { holidays: ['2024-06-03'] })).toBe('2024-06-10');
  });

  it('reads a timestamp on the calendar of the given zone, UTC for an unknown zone', () => {
    expect(localDateOf('2024-06-30T23:30:00Z', 'Europe/Berlin')).toBe('2024-07-01');
    expect(localDateOf('2024-07-01T02:00:00Z', 'America/Los_Angeles')).toBe('2024-06-30');
    expect(localDateOf('2024-06-30T23:30:00Z', 'Not/AZone')).toBe('2024-06-30');
    expect(localDateOf('garbage', 'UTC')).toBeNull();
  });
});

describe('lastUpdateOf', () => {
  it('takes the newest health or progress note, or the progress timestamp', () => {
    const kr = keyResult({
      notes: [
        systemNote('changed health status to **at risk**', '2024-05-02T10:00:00Z'),
        systemNote('changed progress to **40**', '2024-05-20T10:00:00Z'),
        systemNote('changed the description', '2024-06-01T10:00:00Z'),
        {
          body: 'changed health status to **on track**',
          createdAt: '2024-06-02T10:00:00Z',
          system: false,
        },
      ],
      progress: progress({ progress: 40, updatedAt: '2024-05-10T00:00:00Z' }),
    });
    expect(lastUpdateOf(kr)).toBe('2024-05-20T10:00:00Z');
    const removed = keyResult({
      notes: [systemNote('removed the health status', '2024-05-25T10:00:00Z')],
      progress: progress({ updatedAt: '2024-05-26T00:00:00Z' }),
    });
    expect(lastUpdateOf(removed)).toBe('2024-05-26T00:00:00Z');
    expect(lastUpdateOf(keyResult())).toBeNull();
  });
});

describe('what counts as a health update', () => {
  const on = (createdAt: string) => `${createdAt}T10:00:00Z`;
  const checkIn = (body: string, date: string, author = 'dri') => ({
    body,
    createdAt: on(date),
    system: false,
    author,
  });
  const rollUp = (date: string) => ({
    ...systemNote('changed progress to **45%**', on(date)),
    author: 'automation-bot',
  });

  it('counts a check-in comment by a person: the trace of a check-in that changed nothing', () => {
    const kr = keyResult({
      notes: [
        systemNote('changed health status to **on track**', on('2024-05-02')),
        checkIn('Check-in: on track, 12 of 20\n\nHiring is on plan.', '2024-06-03'),
      ],
    });
    expect(lastUpdateOf(kr)).toBe(on('2024-06-03'));
    expect(stalenessOn(kr, '2024-06-20', options)).toMatchObject({ stale: false, code: 'fresh' });
  });

  it('does not count other comments, a check-in line that is not the first, or one by a bot', () => {
    const kr = keyResult({
      notes: [
        systemNote('changed health status to **on track**', on('2024-05-02')),
        checkIn('Looks fine to me', '2024-06-03'),
        checkIn('Thanks!\nCheck-in: on track', '2024-06-04'),
        { ...checkIn('Check-in: on track', '2024-06-05'), authorBot: true },
      ],
    });
    expect(lastUpdateOf(kr)).toBe(on('2024-05-02'));
  });

  it('does not let GitLab’s roll-up make a parent look fresh: its note or the progress it saved', () => {
    const parent = objective([], {
      notes: [
        systemNote('changed health status to **on track**', on('2024-04-02')),
        rollUp('2024-06-03'),
      ],
      progress: progress({ progress: 45, updatedAt: on('2024-06-03') }),
    });
    expect(lastUpdateOf(parent)).toBe(on('2024-04-02'));
    expect(stalenessOn(parent, '2024-06-20', options)).toMatchObject({ stale: true });
    // Where GitLab says the author is a bot, that is enough.
    const flagged = objective([], {
      notes: [{ ...systemNote('changed progress to **45%**', on('2024-06-03')), authorBot: true }],
    });
    expect(lastUpdateOf(flagged)).toBeNull();
  });

  it('does not count the progress saved by a /checkin_reminder either', () => {
    const objectiveWithReminder = objective([], {
      notes: [systemNote('set a **weekly** checkin reminder', on('2024-06-03'))],
      progress: progress({ progress: 0, updatedAt: on('2024-06-03') }),
    });
    expect(lastUpdateOf(objectiveWithReminder)).toBeNull();
  });

  it('still counts a progress a person saved without a note (a new value, the same percentage)', () => {
    const kr = keyResult({
      notes: [rollUp('2024-05-01')],
      progress: progress({ progress: 50, updatedAt: on('2024-06-03') }),
    });
    expect(lastUpdateOf(kr)).toBe(on('2024-06-03'));
  });
});

describe('a custom number field given a new value (key results kept in custom fields)', () => {
  const on = (date: string) => `${date}T10:00:00Z`;
  // GitLab's own words (ee/app/services/ee/system_notes/issuables_service.rb, custom_field_note).
  const changed = (name: string, value: string, date: string, author = 'casey') => ({
    ...systemNote(`<p>changed ${name} to <code class="idiff">${value}</code></p>`, on(date)),
    author,
  });
  const healthOnly = systemNote('changed health status to **on track**', on('2024-05-20'));

  it('counts "changed Current to 12" by a person as an update, as a progress change is', () => {
    const kr = keyResult({ notes: [healthOnly, changed('Current', '12', '2024-06-03')] });
    expect(isStatusNote('<p>changed Current to <code class="idiff">12</code></p>')).toBe(true);
    expect(lastUpdateOf(kr)).toBe(on('2024-06-03'));
    // June 20 is past the 5th business day: only the June value keeps it fresh.
    expect(stalenessOn(kr, '2024-06-20', options)).toMatchObject({ stale: false, code: 'fresh' });
    expect(stalenessOn(keyResult({ notes: [healthOnly] }), '2024-06-20', options)).toMatchObject({
      stale: true,
      code: 'notThisMonth',
    });
  });

  it('reads decimals, negatives, any field name and the note without its paragraph', () => {
    expect(isCustomNumberNote('changed Target to <code class="idiff">12.5</code>')).toBe(true);
    expect(
      isCustomNumberNote('<p>changed Churn &amp; loss to <code class="idiff">-3</code></p>'),
    ).toBe(true);
  });

  it('does not count a removed value, a text or date field, or a title that reads as a number', () => {
    for (const body of [
      '<p>removed Current: <code class="idiff">12</code></p>',
      '<p>changed Owner team to <code class="idiff">Platform</code></p>',
      '<p>changed Due to <code class="idiff">August 10, 2025</code></p>',
      '<p>changed title from <code class="idiff">KR</code> to <code class="idiff">42</code></p>',
    ]) {
      expect(isCustomNumberNote(body)).toBe(false);
      expect(lastUpdateOf(keyResult({ notes: [systemNote(body, on('2024-06-03'))] }))).toBeNull();
    }
  });

  it('does not count a value GitLab’s automation wrote, nor the same words in a comment', () => {
    const kr = keyResult({
      notes: [
        healthOnly,
        { ...changed('Current', '12', '2024-06-03'), authorBot: true },
        { ...changed('Current', '13', '2024-06-04'), system: false },
      ],
    });
    expect(lastUpdateOf(kr)).toBe(on('2024-05-20'));
  });
});

describe('staleness', () => {
  const updatedOn = (date: string, partial = {}) =>
    keyResult({
      notes: [systemNote('changed health status to **on track**', `${date}T10:00:00Z`)],
      ...partial,
    });

  it('is fresh on the 5th business day and stale on the 6th without an update this month', () => {
    const kr = updatedOn('2024-05-28');
    expect(stalenessOn(kr, '2024-06-07', options)).toMatchObject({ stale: false, code: 'fresh' });
    expect(stalenessOn(kr, '2024-06-10', options)).toMatchObject({
      stale: true,
      code: 'notThisMonth',
    });
    expect(stalenessOn(kr, '2024-06-10', options).reason).toMatch(/\(Jun 7, 2024\) has passed/);
  });

  it('is fresh after the deadline when updated since the 1st', () => {
    expect(stalenessOn(updatedOn('2024-06-03'), '2024-06-20', options).stale).toBe(false);
  });

  it('counts holidays out of the business days', () => {
    const kr = updatedOn('2024-05-28');
    const withHoliday = { ...options, holidays: ['2024-06-03'] };
    expect(stalenessOn(kr, '2024-06-10', withHoliday).stale).toBe(false);
    expect(stalenessOn(kr, '2024-06-11', withHoliday).stale).toBe(true);
  });

  it('is stale when the last update is older than 35 days', () => {
    const kr = updatedOn('2024-05-01');
    expect(stalenessOn(kr, '2024-06-05', options)).toMatchObject({ stale: false });
    expect(stalenessOn(kr, '2024-06-06', options)).toMatchObject({ stale: true, code: 'tooOld' });
    expect(stalenessOn(kr, '2024-06-06', { ...options, maxAgeDays: 60 }).stale).toBe(false);
  });

  it('is stale without a health status, and never for a closed item', () => {
    expect(
      stalenessOn(updatedOn('2024-06-10', { health: null }), '2024-06-11', options),
    ).toMatchObject({
      stale: true,
      code: 'noHealth',
    });
    expect(
      stalenessOn(updatedOn('2024-01-01', { state: 'closed' }), '2024-06-11', options),
    ).toMatchObject({ stale: false, code: 'closed' });
  });

  it('falls back to the creation date when no update is on record', () => {
    const created = objective([], { createdAt: '2024-06-04T08:00:00Z', children: [] });
    expect(stalenessOn(created, '2024-06-20', options)).toMatchObject({
      stale: false,
      lastUpdate: '2024-06-04T08:00:00Z',
    });
    expect(stalenessOn(keyResult({ createdAt: null }), '2024-06-20', options)).toMatchObject({
      stale: true,
      code: 'tooOld',
    });
  });

  it('reads "now" in the caller\'s time zone', () => {
    const kr = updatedOn('2024-05-28');
    // The same evening of Friday 7 June (the 5th business day) is still the 7th in Los Angeles
    // but already Saturday the 8th in Berlin, past the deadline.
    expect(
      staleness(kr, { ...options, now: '2024-06-07T21:00:00Z', timeZone: 'America/Los_Angeles' })
        .stale,
    ).toBe(false);
    expect(
      staleness(kr, { ...options, now: '2024-06-07T23:30:00Z', timeZone: 'Europe/Berlin' }).stale,
    ).toBe(true);
  });
});

describe('stalenessByLastChange (a child, an ancestor or a linked key result)', () => {
  const onTrack = { kind: 'keyResult', state: 'opened', health: 'onTrack' } as const;

  it('is stale when nothing at all changed on the item for too long', () => {
    const verdict = stalenessByLastChange(onTrack, '2024-04-16T09:00:00Z', '2024-06-05', options);
    expect(verdict).toMatchObject({ stale: true, code: 'tooOld' });
    expect(verdict.lastUpdate).toBe('2024-04-16T09:00:00Z');
  });

  it('follows the monthly deadline like the item’s own verdict', () => {
    expect(
      stalenessByLastChange(onTrack, '2024-05-28T10:00:00Z', '2024-06-07', options).stale,
    ).toBe(false);
    expect(
      stalenessByLastChange(onTrack, '2024-05-28T10:00:00Z', '2024-06-10', options).stale,
    ).toBe(true);
  });

  it('gives no verdict without a known change, and none for closed items', () => {
    expect(stalenessByLastChange(onTrack, null, '2024-06-10', options).stale).toBe(false);
    const closed = { ...onTrack, state: 'closed' } as const;
    expect(stalenessByLastChange(closed, '2023-01-01T00:00:00Z', '2024-06-10', options).stale).toBe(
      false,
    );
  });

  it('takes the latest of GitLab’s updatedAt, the progress and the status notes', () => {
    const kr = keyResult({
      updatedAt: '2024-05-03T00:00:00Z',
      progress: progress({ updatedAt: '2024-05-01T00:00:00Z' }),
      notes: [systemNote('changed health status to **on track**', '2024-05-02T10:00:00Z')],
    });
    expect(lastChangeOf(kr)).toBe('2024-05-03T00:00:00Z');
    expect(lastChangeOf(keyResult({ updatedAt: null }))).toBeNull();
  });
});
