// What a token check means for the user: can it create key results, and when does it run out. Pure.
import { daysBetween } from '../../lib/okr/calendar';

/** A token that expires within this many days gets a warning. */
export const EXPIRY_WARNING_DAYS = 14;

export type ScopeVerdict = 'write' | 'readOnly' | 'insufficient' | 'unknown';

/** `api` reads and writes; `read_api` only reads (no quick-create); anything else can't read OKRs. */
export function scopeVerdict(scopes: readonly string[] | undefined): ScopeVerdict {
  if (!scopes) return 'unknown';
  if (scopes.includes('api')) return 'write';
  if (scopes.includes('read_api')) return 'readOnly';
  return 'insufficient';
}

export type Expiry =
  | { kind: 'never' }
  | { kind: 'expired'; date: string }
  | { kind: 'soon'; date: string; days: number }
  | { kind: 'later'; date: string; days: number };

/**
 * GitLab's `expires_at` is a calendar date: the token works through that day (UTC). `days` counts
 * calendar days from today, 0 on the last day.
 */
export function expiryOf(expiresAt: string | null | undefined, now: Date): Expiry {
  if (!expiresAt) return { kind: 'never' };
  const date = expiresAt.slice(0, 10);
  const days = daysBetween(now.toISOString().slice(0, 10), date);
  if (days === null) return { kind: 'never' };
  if (days < 0) return { kind: 'expired', date };
  return days <= EXPIRY_WARNING_DAYS ? { kind: 'soon', date, days } : { kind: 'later', date, days };
}

/** Where GitLab creates a token with the right name and scope filled in. */
export function tokenPageUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/-/user_settings/personal_access_tokens?name=OKR+Lens&scopes=api`;
}

/** gitlab.com's permission comes with the extension; any other host is asked for at save time. */
export function needsHostPermission(origin: string): boolean {
  return origin !== 'https://gitlab.com';
}

/**
 * The host permission to ask for: the host on any port, the same pattern the background checks
 * before it registers the content script (match patterns carry no port).
 */
export function hostPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
