// The quick check-in writes health and value in one workItemUpdate and, always, the check-in
// comment in one createNote (GitLab writes no system note when nothing changed, so the comment is
// the trace); the popup's handler takes the item off the list and the badge count drops.
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

function fakeWrites(
  answers: {
    update?: string[];
    note?: string[];
    /** createNote's whole payload, for the reminder's quick-action answers. */
    created?: Record<string, unknown>;
    destroy?: string[];
  } = {},
) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    const data =
      body.operationName === 'CheckInMutation'
        ? { workItemUpdate: { errors: answers.update ?? [], workItem: null } }
        : body.operationName === 'DestroyNoteMutation'
          ? { destroyNote: { errors: answers.destroy ?? [] } }
          : { createNote: answers.created ?? { errors: answers.note ?? [], note: null } };
    return new Response(JSON.stringify({ data }), { status: 200 });
  };
  return { sent, client: createGitLabClient({ baseUrl: BASE_URL, token: 't', fetch }) };
}

const ID = 'gid://gitlab/WorkItem/7';

describe('checkIn', () => {
  it('sends health and value in one update, then the check-in comment with the person’s words', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, {
      id: ID,
      health: 'atRisk',
      currentValue: 12,
      scale: { start: 0, target: 20 },
      comment: 'Hiring slipped',
    });
    expect(sent).toEqual([
      {
        operationName: 'CheckInMutation',
        variables: { id: ID, healthStatus: 'atRisk', progress: { currentValue: 12 } },
        query: expect.any(String),
      },
      {
        operationName: 'CreateNoteMutation',
        variables: { noteableId: ID, body: 'Check-in: at risk, 12 of 20\n\nHiring slipped' },
        query: expect.any(String),
      },
    ]);
  });

  it('always leaves a comment, even without words of its own: GitLab keeps it', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, { id: ID, health: 'onTrack', comment: '   ' });
    expect(sent.map((s) => [s.operationName, s.variables.body])).toEqual([
      ['CheckInMutation', undefined],
      ['CreateNoteMutation', 'Check-in: on track'],
    ]);
    await checkIn(client, { id: ID, health: 'needsAttention', currentValue: 40 });
    expect(sent.at(-1)?.variables.body).toBe('Check-in: needs attention, 40%');
    await checkIn(client, {
      id: ID,
      health: 'onTrack',
      currentValue: 7,
      scale: { start: 10, target: 4 },
    });
    expect(sent.at(-1)?.variables.body).toBe('Check-in: on track, 7 of 4 (from 10)');
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
  it('sends the quick action and takes GitLab’s quickActionsStatus as the answer', async () => {
    const { sent, client } = fakeWrites({
      created: {
        errors: [],
        note: null,
        quickActionsStatus: {
          commandNames: ['checkin_reminder'],
          messages: ['Checkin reminder has been enabled.'],
          errorMessages: null,
        },
      },
    });
    await setCheckInReminder(client, { id: ID, frequency: 'twice-monthly' });
    expect(reminderCommand('twice-monthly')).toBe('/checkin_reminder twice-monthly');
    expect(sent.map((s) => s.operationName)).toEqual(['CreateNoteWithStatusMutation']);
    expect(sent[0]?.variables).toEqual({ noteableId: ID, body: '/checkin_reminder twice-monthly' });
  });

  it('says the reminder is not set and deletes the comment when GitLab left the command as text', async () => {
    const { sent, client } = fakeWrites({
      created: {
        errors: [],
        note: { id: 'gid://gitlab/Note/9', body: '/checkin_reminder weekly', createdAt: 'x' },
        quickActionsStatus: { commandNames: [], messages: null, errorMessages: null },
      },
    });
    await expect(setCheckInReminder(client, { id: ID, frequency: 'weekly' })).rejects.toMatchObject(
      {
        problem: {
          message: expect.stringMatching(
            /^GitLab did not set the reminder: .*okr_checkin_reminders.*The comment it kept instead was removed\.$/,
          ),
        },
      },
    );
    expect(sent.map((s) => [s.operationName, s.variables])).toEqual([
      ['CreateNoteWithStatusMutation', { noteableId: ID, body: '/checkin_reminder weekly' }],
      ['DestroyNoteMutation', { id: 'gid://gitlab/Note/9' }],
    ]);
  });

  it('names the comment left behind when it cannot be deleted', async () => {
    const { client } = fakeWrites({
      created: {
        errors: [],
        note: { id: 'gid://gitlab/Note/9', body: '/checkin_reminder weekly', createdAt: 'x' },
        quickActionsStatus: { commandNames: [], messages: null, errorMessages: null },
      },
      destroy: ['Note not found'],
    });
    await expect(setCheckInReminder(client, { id: ID, frequency: 'weekly' })).rejects.toMatchObject(
      { problem: { message: expect.stringMatching(/could not be removed: delete it/) } },
    );
  });

  it('passes on GitLab’s error when it ran the command and it failed', async () => {
    const { client } = fakeWrites({
      created: {
        errors: [],
        note: null,
        quickActionsStatus: {
          commandNames: ['checkin_reminder'],
          messages: null,
          errorMessages: ['Failed to apply commands.'],
        },
      },
    });
    await expect(setCheckInReminder(client, { id: ID, frequency: 'weekly' })).rejects.toMatchObject(
      { problem: { message: expect.stringContaining('Failed to apply commands.') } },
    );
  });

  it('takes the quick action’s own message as success on a GitLab without quickActionsStatus', async () => {
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

  it('takes an item off the list even when health and value did not change: the comment records it', async () => {
    const fake = fakeWrites();
    await handlers(fake)['stale:checkIn']!(
      {
        type: 'stale:checkIn',
        baseUrl: BASE_URL,
        id: 'gid://gitlab/WorkItem/2',
        health: 'onTrack',
        currentValue: 40,
      },
      popup,
    );
    expect(stored.items.map((i) => i.id)).toEqual([
      'gid://gitlab/WorkItem/1',
      'gid://gitlab/WorkItem/3',
    ]);
    expect(fake.sent.at(-1)?.variables.body).toBe('Check-in: on track, 40%');
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
