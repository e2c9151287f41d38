// The quick check-in writes health and value in one workItemUpdate and the comment in one
// createNote; the popup's handler takes the item off the list and the badge count drops, unless
// GitLab will record nothing (same health, same value).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { checkIn, reminderCommand, setCheckInReminder } from '../../../lib/services/check-in';
import { createStaleBadge, staleHandlers } from '../../../lib/background/badge';
import type { StaleItem, StaleReport } from '../../../lib/messages';
import type { Sender } from '../../../lib/background/router';
import { BASE_URL } from './fake-gitlab';

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

function fakeWrites(answers: { update?: string[]; note?: string[] } = {}) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    const data =
      body.operationName === 'CheckInMutation'
        ? { workItemUpdate: { errors: answers.update ?? [], workItem: null } }
        : { createNote: { errors: answers.note ?? [], note: null } };
    return new Response(JSON.stringify({ data }), { status: 200 });
  };
  return { sent, client: createGitLabClient({ baseUrl: BASE_URL, token: 't', fetch }) };
}

const ID = 'gid://gitlab/WorkItem/7';

describe('checkIn', () => {
  it('sends health and value in one update, then the comment', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, {
      id: ID,
      health: 'atRisk',
      currentValue: 42,
      comment: 'Hiring slipped',
    });
    expect(sent).toEqual([
      {
        operationName: 'CheckInMutation',
        variables: { id: ID, healthStatus: 'atRisk', progress: { currentValue: 42 } },
        query: expect.any(String),
      },
      {
        operationName: 'CreateNoteMutation',
        variables: { noteableId: ID, body: 'Hiring slipped' },
        query: expect.any(String),
      },
    ]);
  });

  it('makes no comment request without a comment', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, { id: ID, health: 'onTrack', comment: '   ' });
    expect(sent.map((s) => s.operationName)).toEqual(['CheckInMutation']);
  });

  it('reports GitLab’s refusal in words', async () => {
    const { client } = fakeWrites({ update: ['Progress value must be a number'] });
    await expect(checkIn(client, { id: ID, health: 'onTrack' })).rejects.toMatchObject({
      problem: { message: expect.stringContaining('Progress value must be a number') },
    });
  });

  it('says the health is saved when only the comment failed, so nobody sets it twice', async () => {
    const { client } = fakeWrites({ note: ['Note is too long'] });
    await expect(
      checkIn(client, { id: ID, health: 'onTrack', comment: 'x' }),
    ).rejects.toMatchObject({
      problem: {
        message: expect.stringMatching(/health status and value are saved.*Note is too long/),
      },
    });
  });
});

describe('GitLab’s check-in reminder', () => {
  it('sends the quick action as a comment', async () => {
    const { sent, client } = fakeWrites();
    await setCheckInReminder(client, { id: ID, frequency: 'twice-monthly' });
    expect(reminderCommand('twice-monthly')).toBe('/checkin_reminder twice-monthly');
    expect(sent[0]?.variables).toEqual({ noteableId: ID, body: '/checkin_reminder twice-monthly' });
  });

  it('takes the quick action’s own message as success', async () => {
    const { client } = fakeWrites({ note: ['Commands only Check-in reminder set.'] });
    await expect(setCheckInReminder(client, { id: ID, frequency: 'weekly' })).resolves.toBe(
      undefined,
    );
  });
});

describe('the popup’s check-in handler', () => {
  const popup = { url: 'chrome-extension://x/popup.html' } as Sender;
  let stored: StaleReport;

  function staleItem(id: number, health: StaleItem['health'], currentValue = 40): StaleItem {
    return {
      baseUrl: BASE_URL,
      id: `gid://gitlab/WorkItem/${id}`,
      reference: `okrs/team#${id}`,
      url: `${BASE_URL}/okrs/team/-/work_items/${id}`,
      title: `KR ${id}`,
      kind: 'keyResult',
      health,
      code: health ? 'notThisMonth' : 'noHealth',
      reason: '',
      lastUpdate: null,
      chain: [],
      progress: { progress: currentValue, startValue: 0, currentValue, endValue: 100 },
      topLevel: false,
      assignedToYou: true,
    };
  }

  beforeEach(async () => {
    fakeBrowser.reset();
    changedOn = [];
    stored = {
      state: 'ok',
      checkedAt: '2026-11-20T12:00:00Z',
      items: [staleItem(1, null), staleItem(2, 'onTrack'), staleItem(3, 'onTrack')],
      watchedCount: 5,
      failures: [],
    };
  });

  /** Instances whose views the handler said changed (the open panels and the popup reload). */
  let changedOn: string[];

  function handlers(fake: ReturnType<typeof fakeWrites>) {
    const badge = createStaleBadge({
      afterWrite: async (instance) => {
        changedOn.push(instance.origin);
      },
      watch: { run: async () => stored },
      instances: async () => [{ baseUrl: BASE_URL, origin: BASE_URL, addedAt: '' }],
      clientFor: async () => fake.client,
      loadReport: async () => stored,
      saveReport: async (next) => {
        stored = next;
      },
      refreshMinutes: async () => 30,
      maxAgeDays: async () => 35,
      online: () => true,
      now: () => new Date('2026-11-20T12:00:00Z'),
    });
    return staleHandlers(badge, { isExtensionPage: (sender) => !sender.tab });
  }

  it('takes the item off the list and the badge count drops by one', async () => {
    const answer = await handlers(fakeWrites())['stale:checkIn']!(
      {
        type: 'stale:checkIn',
        baseUrl: BASE_URL,
        id: 'gid://gitlab/WorkItem/1',
        health: 'onTrack',
      },
      popup,
    );
    expect(answer).toMatchObject({ ok: true });
    expect(stored.items.map((i) => i.id)).toEqual([
      'gid://gitlab/WorkItem/2',
      'gid://gitlab/WorkItem/3',
    ]);
    expect(await browser.action.getBadgeText({})).toBe('2');
    expect(changedOn).toEqual([BASE_URL]);
  });

  it('leaves the views alone when GitLab refused the check-in', async () => {
    const answer = await handlers(fakeWrites({ update: ['Health status is invalid'] }))[
      'stale:checkIn'
    ]!(
      {
        type: 'stale:checkIn',
        baseUrl: BASE_URL,
        id: 'gid://gitlab/WorkItem/1',
        health: 'onTrack',
      },
      popup,
    );
    expect(answer).toMatchObject({ ok: false });
    expect(changedOn).toEqual([]);
  });

  it('keeps an item whose health and value did not change: GitLab records nothing', async () => {
    await handlers(fakeWrites())['stale:checkIn']!(
      {
        type: 'stale:checkIn',
        baseUrl: BASE_URL,
        id: 'gid://gitlab/WorkItem/2',
        health: 'onTrack',
        currentValue: 40,
      },
      popup,
    );
    expect(stored.items).toHaveLength(3);
  });

  it('refuses a content script', async () => {
    const tab = { tab: { id: 1 }, url: 'https://gitlab.example.com/' } as Sender;
    const answer = await handlers(fakeWrites())['stale:checkIn']!(
      {
        type: 'stale:checkIn',
        baseUrl: BASE_URL,
        id: 'gid://gitlab/WorkItem/1',
        health: 'onTrack',
      },
      tab,
    );
    expect(answer).toMatchObject({ ok: false });
    expect(stored.items).toHaveLength(3);
  });
});
