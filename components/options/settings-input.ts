// Reading what a person types into the settings: numbers in range, top-level objectives as a URL
// or a reference, namespaces as a path or a URL, holidays as dates. Pure, so it is tested alone.
import { isIsoDate } from '../../lib/okr/calendar';
import type { NumberWords } from './rule-words';

export type Reading<T> = { ok: true; value: T } | { ok: false; error: string };

/** A whole number within the field's range, in the units the page shows. */
export function readWholeNumber(
  text: string,
  range: Pick<NumberWords, 'min' | 'max'>,
): Reading<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !/^-?\d+$/.test(trimmed) || value < range.min || value > range.max) {
    return { ok: false, error: `Enter a whole number from ${range.min} to ${range.max}.` };
  }
  return { ok: true, value };
}

/** A stored rule number as the page shows it (a 0.25 margin is 25 points). */
export function shownNumber(stored: number, words: Pick<NumberWords, 'scale'>): number {
  return Math.round(stored * (words.scale ?? 1) * 1000) / 1000;
}

/** A shown number as the rule stores it. */
export function storedNumber(shown: number, words: Pick<NumberWords, 'scale'>): number {
  return shown / (words.scale ?? 1);
}

const REFERENCE = /^[\w.-]+(?:\/[\w.-]+)*[#&]\d+$/;

/** An objective's URL (http or https, fragment dropped) or its reference `group/project#12`. */
export function readTopLevelEntry(text: string): Reading<string> {
  const trimmed = text.trim();
  if (REFERENCE.test(trimmed)) return { ok: true, value: trimmed };
  try {
    const url = new URL(trimmed);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && /\/\d+\/?$/.test(url.pathname)) {
      url.hash = '';
      return { ok: true, value: url.toString().replace(/\/+$/, '') };
    }
  } catch {
    // Not a URL either: the message below says what is expected.
  }
  return {
    ok: false,
    error: 'Enter the objective’s web address, or its reference such as gitlab-org/okrs#12.',
  };
}

const NAMESPACE_PATH = /^[\w.-]+(?:\/[\w.-]+)*$/;

/**
 * A group or project to watch: its path (`gitlab-org/okrs`), or its URL on the chosen instance
 * (`https://gitlab.com/groups/gitlab-org/-/…` included).
 */
export function readNamespacePath(text: string, baseUrl: string): Reading<string> {
  const trimmed = text.trim().replace(/^\/+|\/+$/g, '');
  if (NAMESPACE_PATH.test(trimmed)) return { ok: true, value: trimmed };
  const base = baseUrl.replace(/\/+$/, '');
  if (trimmed.startsWith(`${base}/`)) {
    const path = trimmed
      .slice(base.length + 1)
      .split('/-/')[0]!
      .replace(/^groups\//, '')
      .replace(/\/+$/, '');
    if (NAMESPACE_PATH.test(path)) return { ok: true, value: path };
  }
  return {
    ok: false,
    error: `Enter a group or project path such as gitlab-org/okrs, or its address on ${base}.`,
  };
}

/** A holiday as the date field gives it (`YYYY-MM-DD`). */
export function readHoliday(text: string): Reading<string> {
  const day = text.trim();
  return isIsoDate(day) ? { ok: true, value: day } : { ok: false, error: 'Choose a date.' };
}
