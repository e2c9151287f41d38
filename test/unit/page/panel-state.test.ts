import { describe, expect, it } from 'vitest';
import {
  initialPageState,
  parseLoadAnswer,
  parsePeekAnswer,
  refreshing,
  retryDelayMs,
  withLoad,
  withPeek,
  worthShowing,
} from '../../../entrypoints/gitlab.content/panel-state';
import { openPage, parseInstanceAnswer } from '../../../entrypoints/gitlab.content/page-open';
import { keyResultView, objectiveView } from '../components/sample-views';

const cached = { ok: true as const, view: keyResultView(), source: 'cache' as const };
const fresh = { ok: true as const, view: objectiveView(), source: 'network' as const };

describe('answers from the background', () => {
  it("reads the instance's relative URL root, and anything else as no instance", () => {
    expect(parseInstanceAnswer({ basePath: '' })).toBe('');
    expect(parseInstanceAnswer({ basePath: '/gitlab/' })).toBe('/gitlab');
    expect(parseInstanceAnswer(null)).toBeNull();
    expect(parseInstanceAnswer({ basePath: 3 })).toBeNull();
    expect(parseInstanceAnswer('/gitlab')).toBeNull();
  });

  it('opening a page: the instance root, no instance, or a background that cannot be reached', async () => {
    const url = 'https://example.com/gitlab/g/p/-/work_items/3';
    const sent: unknown[] = [];
    const answering = (answer: unknown) => (message: unknown) => {
      sent.push(message);
      return Promise.resolve(answer);
    };
    expect(await openPage(url, answering({ basePath: '/gitlab' }))).toEqual({
      instance: true,
      basePath: '/gitlab',
    });
    expect(sent).toEqual([{ type: 'page:open', url }]);
    expect(await openPage(url, answering(null))).toEqual({ instance: false });
    expect(await openPage(url, () => Promise.reject(new Error('gone')))).toEqual({
      instance: 'unknown',
    });
  });

  it('accepts a cached view or nothing from a peek, and treats junk as nothing', () => {
    expect(parsePeekAnswer(cached)?.view.item.title).toBe(keyResultView().item.title);
    expect(parsePeekAnswer(null)).toBeNull();
    expect(parsePeekAnswer({ ok: true, view: { item: {} }, source: 'cache' })).toBeNull();
    expect(parsePeekAnswer(undefined)).toBeNull();
  });

  it('turns an unreadable load answer into a malformed problem', () => {
    const answer = parseLoadAnswer({ ok: true, view: 'not a view' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.problem.kind).toBe('malformed');
    expect(parseLoadAnswer(fresh).ok).toBe(true);
  });
});

describe('what the panel shows', () => {
  it('paints the cached view first, then replaces it with the fresh one', () => {
    const afterPeek = withPeek(initialPageState, cached);
    expect(afterPeek.view?.item.type).toBe('keyResult');
    expect(afterPeek.source).toBe('cache');
    expect(afterPeek.refreshing).toBe(true);
    const afterLoad = withLoad(afterPeek, fresh);
    expect(afterLoad.view?.item.type).toBe('objective');
    expect(afterLoad.source).toBe('network');
    expect(afterLoad.refreshing).toBe(false);
  });

  it('ignores a cached view that arrives after the fresh one', () => {
    const state = withPeek(withLoad(initialPageState, fresh), cached);
    expect(state.view?.item.type).toBe('objective');
    expect(state.source).toBe('network');
  });

  it('keeps the cached view when the refresh fails, with the problem beside it', () => {
    const state = withLoad(withPeek(initialPageState, cached), {
      ok: false,
      problem: { kind: 'timeout', message: 'GitLab took too long.' },
    });
    expect(state.view?.item.type).toBe('keyResult');
    expect(state.problem?.kind).toBe('timeout');
  });

  it('hides the panel for an item that is not an OKR, even over a cached view', () => {
    const state = withLoad(withPeek(initialPageState, cached), {
      ok: false,
      problem: { kind: 'notAnOkr', message: '' },
    });
    expect(state.hidden).toBe(true);
    expect(worthShowing(state, true)).toBe(false);
  });

  it('shows nothing during a short load, the skeleton after a while', () => {
    expect(worthShowing(initialPageState, false)).toBe(false);
    expect(worthShowing(initialPageState, true)).toBe(true);
    expect(worthShowing(withPeek(initialPageState, cached), false)).toBe(true);
  });

  it('a refresh keeps the view and clears the retry countdown', () => {
    const state = refreshing({ ...withLoad(initialPageState, fresh), retryInSeconds: 5 });
    expect(state.view).not.toBeNull();
    expect(state.refreshing).toBe(true);
    expect(state.retryInSeconds).toBeNull();
  });

  it('waits as long as GitLab asks after a rate limit, within bounds', () => {
    expect(retryDelayMs({ kind: 'rateLimited', message: '', retryAfterMs: 12_000 })).toBe(12_000);
    expect(retryDelayMs({ kind: 'rateLimited', message: '', retryAfterMs: 0 })).toBe(1_000);
    expect(retryDelayMs({ kind: 'rateLimited', message: '', retryAfterMs: 3_600_000 })).toBe(
      300_000,
    );
    expect(retryDelayMs({ kind: 'server', message: '' })).toBeNull();
  });
});
