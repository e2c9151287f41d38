// What the toolbar shows: the number of stale OKRs in the worst reason's colour, a tooltip that
// names them, nothing when all is fresh, and a distinct mark when the watch itself fails; and the
// watch's pacing: offline pauses it, a rate limit holds it back until GitLab's time.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  BADGE_COLOURS,
  FAILURE_MARK,
  STALE_ALARM,
  STALE_RETRY_ALARM,
  badgeOf,
  createStaleBadge,
  type StaleBadgePorts,
} from '../../../lib/background/badge';
import type { StaleItem, StaleReport } from '../../../lib/messages';
import type { StaleWatch } from '../../../lib/services/stale-watch';

function item(id: number, code: StaleItem['code'], title = `KR ${id}`): StaleItem {
  return {
    baseUrl: 'https://gitlab.example.com',
    id: `gid://gitlab/WorkItem/${id}`,
    reference: `okrs/team#${id}`,
    url: `https://gitlab.example.com/okrs/team/-/work_items/${id}`,
    title,
    kind: 'keyResult',
    health: code === 'noHealth' ? null : 'onTrack',
    code,
    reason: 'Update the health status.',
    lastUpdate: null,
    chain: [],
    progress: null,
    topLevel: false,
    assignedToYou: true,
  };
}

function report(items: StaleItem[], extra: Partial<StaleReport> = {}): StaleReport {
  return {
    state: 'ok',
    checkedAt: '2026-11-20T12:00:00Z',
    items,
    watchedCount: items.length + 3,
    failures: [],
    ...extra,
  };
}

const revoked = {
  baseUrl: 'https://gitlab.example.com',
  problem: { kind: 'unauthorized' as const, message: 'GitLab refused the token.' },
};

describe('badgeOf', () => {
  it('shows nothing when every OKR is fresh', () => {
    expect(badgeOf(report([]))).toMatchObject({ text: '', title: 'OKR Lens' });
  });

  it('counts the stale OKRs and takes the colour of the worst reason', () => {
    expect(badgeOf(report([item(1, 'notThisMonth'), item(2, 'notThisMonth')]))).toMatchObject({
      text: '2',
      colour: BADGE_COLOURS.notThisMonth,
    });
    expect(badgeOf(report([item(1, 'notThisMonth'), item(2, 'tooOld')])).colour).toBe(
      BADGE_COLOURS.tooOld,
    );
    expect(badgeOf(report([item(1, 'tooOld'), item(2, 'noHealth')])).colour).toBe(
      BADGE_COLOURS.noHealth,
    );
  });

  it('names them in the tooltip with their reason, and cuts a long list short', () => {
    const many = Array.from({ length: 12 }, (_, i) => item(i, 'tooOld', `Ship feature ${i}`));
    const title = badgeOf(report([item(99, 'noHealth', 'Hire two SREs'), ...many]), 35).title;
    expect(title).toContain('13 of your OKRs need a health update');
    expect(title).toContain('Hire two SREs (no health status)');
    expect(title).toContain('Ship feature 0 (no update in more than 35 days)');
    expect(title).toContain('… and 5 more');
    expect(title).not.toContain('Ship feature 11');
  });

  it('counts your own and the watched ones apart in the tooltip', () => {
    const watched = { ...item(3, 'tooOld', 'Team KR'), assignedToYou: false };
    const title = badgeOf(report([item(1, 'tooOld'), item(2, 'noHealth'), watched])).title;
    expect(title.split('\n')[0]).toBe(
      'OKR Lens: 2 of your OKRs and 1 watched OKR need a health update',
    );
  });

  it('names a watch that cannot be checked, and shows the mark when nothing else is counted', () => {
    const unwatched = [
      {
        baseUrl: 'https://gitlab.com',
        fullPath: 'gitlab-org/okrs',
        problem: {
          kind: 'noToken' as const,
          message: 'OKR Lens has no token for https://gitlab.com.',
        },
      },
    ];
    const alone = badgeOf(report([], { unwatched }));
    expect(alone.text).toBe(FAILURE_MARK);
    expect(alone.title).toBe(
      'OKR Lens cannot check 1 watched namespace\n' +
        'gitlab-org/okrs on https://gitlab.com is not checked: OKR Lens has no token for https://gitlab.com.',
    );
    const counting = badgeOf(report([item(1, 'tooOld')], { unwatched }));
    expect(counting.text).toBe('1');
    expect(counting.title).toContain('gitlab-org/okrs on https://gitlab.com is not checked');
    const refused = badgeOf(report([], { state: 'failed', failures: [revoked], unwatched }));
    expect(refused.text).toBe(FAILURE_MARK);
    expect(refused.title).toContain('GitLab refused the token.');
    expect(refused.title).toContain('gitlab-org/okrs on https://gitlab.com is not checked');
  });

  it('caps the text at 99+', () => {
    const items = Array.from({ length: 120 }, (_, i) => item(i, 'tooOld'));
    expect(badgeOf(report(items)).text).toBe('99+');
  });

  it('shows a distinct mark and says why when the watch fails (revoked token)', () => {
    const badge = badgeOf(report([], { state: 'failed', failures: [revoked] }));
    expect(badge.text).toBe(FAILURE_MARK);
    expect(badge.colour).toBe(BADGE_COLOURS.failed);
    expect(badge.title).toContain('GitLab refused the token.');
  });

  it('keeps counting through a passing problem (rate limit) and mentions it', () => {
    const badge = badgeOf(
      report([item(1, 'tooOld')], {
        state: 'failed',
        failures: [
          {
            baseUrl: 'https://gitlab.example.com',
            problem: { kind: 'rateLimited', message: 'Try again in 60 seconds.' },
          },
        ],
      }),
    );
    expect(badge.text).toBe('1');
    expect(badge.title).toContain('Try again in 60 seconds.');
  });
});

describe('the badge in the browser', () => {
  let stored: StaleReport | null;
  let online: boolean;
  let now: Date;

  beforeEach(() => {
    fakeBrowser.reset();
    stored = null;
    online = true;
    now = new Date('2026-11-20T12:00:00Z');
  });

  function badgeWith(run: StaleWatch['run']) {
    const ports: StaleBadgePorts = {
      watch: { run: vi.fn(run) },
      instances: async () => [],
      clientFor: async () => {
        throw new Error('not used');
      },
      loadReport: async () => stored,
      saveReport: async (next) => {
        stored = next;
      },
      refreshMinutes: async () => 30,
      maxAgeDays: async () => 35,
      online: () => online,
      now: () => now,
    };
    return { badge: createStaleBadge(ports), run: ports.watch.run as ReturnType<typeof vi.fn> };
  }

  it('shows the count a run finds, and stores the report for the popup', async () => {
    const { badge } = badgeWith(async () => report([item(1, 'noHealth'), item(2, 'tooOld')]));
    await badge.refresh();
    expect(await browser.action.getBadgeText({})).toBe('2');
    expect(await browser.action.getTitle({})).toContain('KR 1');
    expect(stored?.items).toHaveLength(2);
  });

  it('clears the badge when everything is fresh again', async () => {
    let items = [item(1, 'noHealth')];
    const { badge } = badgeWith(async () => report(items));
    await badge.refresh();
    items = [];
    await badge.refresh();
    expect(await browser.action.getBadgeText({})).toBe('');
  });

  it('pauses while offline: no request, the last count stays', async () => {
    stored = report([item(1, 'tooOld')]);
    online = false;
    const { badge, run } = badgeWith(async () => report([]));
    const paused = await badge.refresh();
    expect(run).not.toHaveBeenCalled();
    expect(paused.state).toBe('offline');
    expect(await browser.action.getBadgeText({})).toBe('1');
  });

  it('after a rate limit, skips runs until GitLab’s Retry-After has passed and sets one retry', async () => {
    const limited = report([], {
      state: 'failed',
      failures: [
        {
          baseUrl: 'https://gitlab.example.com',
          problem: { kind: 'rateLimited', message: 'Wait.', retryAfterMs: 120_000 },
        },
      ],
    });
    const { badge, run } = badgeWith(async () => limited);
    await badge.refresh();
    expect(await browser.alarms.get(STALE_RETRY_ALARM)).toBeDefined();
    now = new Date(now.getTime() + 60_000);
    await badge.refresh();
    expect(run).toHaveBeenCalledTimes(1);
    now = new Date(now.getTime() + 61_000);
    await badge.refresh();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs once more when asked during a run, never two runs at once', async () => {
    let active = 0;
    let maxActive = 0;
    const { badge, run } = badgeWith(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return report([]);
    });
    await Promise.all([badge.refresh(), badge.refresh(), badge.refresh()]);
    expect(maxActive).toBe(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('schedules the periodic alarm from the interval setting, once', async () => {
    const { badge } = badgeWith(async () => report([]));
    await badge.schedule();
    const alarm = await browser.alarms.get(STALE_ALARM);
    expect(alarm?.periodInMinutes).toBe(30);
    // A service worker restart (a little later) must not push the next run out again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await badge.schedule();
    expect((await browser.alarms.get(STALE_ALARM))?.scheduledTime).toBe(alarm?.scheduledTime);
  });

  it('at start-up, asks GitLab only when the last run is older than the interval', async () => {
    stored = report([], { checkedAt: '2026-11-20T11:45:00Z' }); // 15 minutes ago
    const { badge, run } = badgeWith(async () => report([]));
    await badge.refreshIfDue();
    expect(run).not.toHaveBeenCalled();
    now = new Date('2026-11-20T12:16:00Z');
    await badge.refreshIfDue();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
