import { describe, expect, it } from 'vitest';
import {
  readHoliday,
  readNamespacePath,
  readTopLevelEntry,
  readWholeNumber,
  shownNumber,
  storedNumber,
} from '@/components/options/settings-input';

describe('what a person types into the settings', () => {
  it('takes whole numbers in range only', () => {
    expect(readWholeNumber('6', { min: 1, max: 50 })).toEqual({ ok: true, value: 6 });
    expect(readWholeNumber(' 50 ', { min: 1, max: 50 })).toEqual({ ok: true, value: 50 });
    for (const text of ['', '0', '51', '2.5', '1e1', 'three', '-'])
      expect(readWholeNumber(text, { min: 1, max: 50 }), text).toMatchObject({
        ok: false,
        error: 'Enter a whole number from 1 to 50.',
      });
  });

  it('shows a fraction as percentage points and stores it back', () => {
    expect(shownNumber(0.25, { scale: 100 })).toBe(25);
    expect(storedNumber(30, { scale: 100 })).toBe(0.3);
    expect(shownNumber(3, {})).toBe(3);
  });

  it('takes an objective as a URL (without its fragment) or a reference', () => {
    expect(readTopLevelEntry(' gitlab-com/gitlab-okrs#2448 ')).toEqual({
      ok: true,
      value: 'gitlab-com/gitlab-okrs#2448',
    });
    expect(
      readTopLevelEntry('https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/2448#note_9'),
    ).toEqual({ ok: true, value: 'https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/2448' });
    for (const text of ['', 'not a link', 'https://gitlab.com/gitlab-com', 'ftp://x/1', '#12'])
      expect(readTopLevelEntry(text).ok, text).toBe(false);
  });

  it('takes a namespace as a path or as its address on the chosen instance', () => {
    const base = 'https://example.com/gitlab';
    expect(readNamespacePath('gitlab-org/okrs', base)).toEqual({
      ok: true,
      value: 'gitlab-org/okrs',
    });
    expect(
      readNamespacePath('https://example.com/gitlab/groups/gitlab-org/-/work_items', base),
    ).toEqual({ ok: true, value: 'gitlab-org' });
    expect(readNamespacePath('https://example.com/gitlab/gitlab-org/okrs/', base)).toEqual({
      ok: true,
      value: 'gitlab-org/okrs',
    });
    expect(readNamespacePath('https://gitlab.com/gitlab-org', base).ok).toBe(false);
    expect(readNamespacePath('', base).ok).toBe(false);
  });

  it('takes real dates as holidays', () => {
    expect(readHoliday('2026-12-25')).toEqual({ ok: true, value: '2026-12-25' });
    expect(readHoliday('2026-02-30').ok).toBe(false);
    expect(readHoliday('').ok).toBe(false);
  });
});
