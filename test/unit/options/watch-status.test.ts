// Which instance the options' Watch form starts on, and what it says under a watch that cannot
// be checked: what the page knows at once before what the watch's last run found.
import { describe, expect, it } from 'vitest';
import {
  preferredWatchInstance,
  watchProblemOf,
  type WatchInstance,
} from '../../../components/options/watch-status';
import type { StaleReport } from '../../../lib/messages';

const gitlabCom: WatchInstance = {
  baseUrl: 'https://gitlab.com',
  hasToken: false,
  tokenWorks: false,
  lastUsedAt: null,
};
const work: WatchInstance = {
  baseUrl: 'https://gitlab.example.com',
  hasToken: true,
  tokenWorks: true,
  lastUsedAt: '2026-11-01T09:00:00Z',
};
const lab: WatchInstance = {
  ...work,
  baseUrl: 'https://lab.example.com/gitlab',
  lastUsedAt: '2026-11-20T09:00:00Z',
};

function report(extra: Partial<StaleReport>): StaleReport {
  return {
    state: 'ok',
    checkedAt: '2026-11-20T12:00:00Z',
    items: [],
    watchedCount: 0,
    failures: [],
    ...extra,
  };
}

describe('preferredWatchInstance', () => {
  it('passes over an instance without a token (gitlab.com in a fresh profile)', () => {
    expect(preferredWatchInstance([gitlabCom, work])).toBe(work.baseUrl);
  });

  it('takes the instance used last among those whose token works', () => {
    expect(preferredWatchInstance([gitlabCom, work, lab])).toBe(lab.baseUrl);
    expect(preferredWatchInstance([{ ...lab, tokenWorks: false }, work])).toBe(work.baseUrl);
  });

  it('falls back to the first when no instance has a token', () => {
    expect(preferredWatchInstance([gitlabCom])).toBe(gitlabCom.baseUrl);
    expect(preferredWatchInstance([])).toBeUndefined();
  });
});

describe('watchProblemOf', () => {
  const watch = { baseUrl: 'https://gitlab.com', fullPath: 'gitlab-org/okrs' };

  it('knows at once that a watch on an instance without a token, or not set up, cannot run', () => {
    expect(watchProblemOf(watch, [gitlabCom, work], null)?.message).toContain(
      'no token for https://gitlab.com',
    );
    expect(watchProblemOf(watch, [work], null)?.kind).toBe('noInstance');
  });

  it('says what the last run found, unless a token was added since', () => {
    const unwatched = [{ ...watch, problem: { kind: 'noToken' as const, message: 'No token.' } }];
    expect(
      watchProblemOf(watch, [{ ...gitlabCom, hasToken: true }], report({ unwatched })),
    ).toBeNull();
    const missing = [{ ...watch, problem: { kind: 'notFound' as const, message: 'Not found.' } }];
    expect(
      watchProblemOf(watch, [{ ...gitlabCom, hasToken: true }], report({ unwatched: missing }))
        ?.message,
    ).toBe('Not found.');
    const failures = [
      { baseUrl: watch.baseUrl, problem: { kind: 'unauthorized' as const, message: 'Refused.' } },
    ];
    expect(
      watchProblemOf(watch, [{ ...gitlabCom, hasToken: true }], report({ failures }))?.message,
    ).toBe('Refused.');
  });

  it('while the instances load, only the last run speaks', () => {
    expect(watchProblemOf(watch, null, null)).toBeNull();
  });
});
