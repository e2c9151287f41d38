// One date style everywhere: the reader's locale through Intl, fixed here so the words are known.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../lib/okr/format';

describe('formatDate', () => {
  it('words a calendar date in the given locale', () => {
    expect(formatDate('2026-12-10', { locale: 'en-US' })).toBe('Dec 10, 2026');
    expect(formatDate('2026-12-10', { locale: 'en-GB' })).toBe('10 Dec 2026');
    expect(formatDate('2026-12-10', { locale: 'de-DE' })).toBe('10.12.2026');
  });

  it('keeps a calendar date on its day in every time zone', () => {
    for (const timeZone of ['Pacific/Honolulu', 'UTC', 'Pacific/Kiritimati']) {
      expect(formatDate('2026-12-10', { locale: 'en-US', timeZone })).toBe('Dec 10, 2026');
    }
  });

  it('shows a timestamp on the day it falls where the reader is', () => {
    const late = '2026-12-10T23:30:00Z';
    expect(formatDate(late, { locale: 'en-US', timeZone: 'UTC' })).toBe('Dec 10, 2026');
    expect(formatDate(late, { locale: 'en-US', timeZone: 'Europe/Berlin' })).toBe('Dec 11, 2026');
    expect(formatDate(late, { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Dec 10, 2026',
    );
  });

  it('uses the reader’s locale and zone by default (en-US and UTC in the tests)', () => {
    expect(formatDate('2026-12-10')).toBe('Dec 10, 2026');
    expect(formatDate('2026-12-10T23:30:00Z')).toBe('Dec 10, 2026');
  });

  it('shows text that is not a date as given, and survives unknown zones', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('2026-12-10', { locale: 'en-US', timeZone: 'Mars/Olympus' })).toBe(
      'Dec 10, 2026',
    );
  });
});

describe('formatDateTime', () => {
  it('adds the time of day in the same style', () => {
    const at = '2026-12-10T10:00:02Z';
    expect(formatDateTime(at, { locale: 'en-US', timeZone: 'UTC' })).toBe('Dec 10, 2026, 10:00 AM');
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'Europe/London' })).toBe(
      '10 Dec 2026, 10:00',
    );
    expect(formatDateTime(at, { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe(
      'Dec 10, 2026, 7:00 PM',
    );
  });

  it('shows text that is not a timestamp as given', () => {
    expect(formatDateTime('earlier')).toBe('earlier');
  });
});
