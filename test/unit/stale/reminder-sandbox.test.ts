// GitLab's own check-in reminder, set from the popup on a top-level objective, against the
// sandbox's `/checkin_reminder` (GitLab's rules: flag on, objectives only, Planner or more;
// elsewhere the command stays as literal text and GitLab reports no error). The popup tells the
// user whether GitLab set it and never leaves the literal command behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { setCheckInReminder } from '../../../lib/services/check-in';
import { CheckInReminderSchema } from '../../../lib/messages';
import { ACCESS } from '../../sandbox/store';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: '2026-11-21T10:00:00.000Z' });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const OKR_PROJECT = 'gitlab-com/gitlab-okrs';

function record(key: string) {
  const item = sandbox.store.workItemBySeedKey(key);
  if (!item) throw new Error(`no seed item ${key}`);
  return item;
}

function client(token = sandbox.tokens.api) {
  return createGitLabClient({ baseUrl: sandbox.url, token });
}

async function createNote(body: string, key: string, token = sandbox.tokens.api) {
  const response = await fetch(`${sandbox.url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($id: NoteableID!, $body: String!) { createNote(input: { noteableId: $id, body: $body }) {
        errors note { body } quickActionsStatus { commandNames commandsOnly messages errorMessages } } }`,
      variables: { id: sandbox.item(key).gid, body },
    }),
  });
  return ((await response.json()) as { data: { createNote: Record<string, unknown> } }).data
    .createNote;
}

describe('check-in reminder', () => {
  it.each(CheckInReminderSchema.options)('%s is set on the objective', async (frequency) => {
    await setCheckInReminder(client(), { id: sandbox.item('cto-objective-5').gid, frequency });
    const notes = record('cto-objective-5').notes.map((note) => note.body);
    const words = frequency === 'twice-monthly' ? 'twice monthly' : frequency;
    expect(notes).toContain(`set a **${words}** checkin reminder`);
    expect(notes).not.toContain(`/checkin_reminder ${frequency}`);
    expect(record('cto-objective-5').progress?.reminderFrequency).toBe(frequency.replace('-', '_'));
  });

  it('answers with GitLab’s quickActionsStatus and leaves no note for a command-only body', async () => {
    expect(await createNote('/checkin_reminder weekly', 'cto-objective-5')).toEqual({
      errors: [],
      note: null,
      quickActionsStatus: {
        commandNames: ['checkin_reminder'],
        commandsOnly: true,
        messages: ['Checkin reminder has been enabled.'],
        errorMessages: null,
      },
    });
    expect(await createNote('/checkin_reminder sometimes', 'cto-objective-5')).toMatchObject({
      note: null,
      quickActionsStatus: {
        commandNames: ['checkin_reminder'],
        errorMessages: ['Failed to apply commands.'],
      },
    });
  });

  it('is literal text, without any error, where the flag is off, on a key result, or for a Guest', async () => {
    const literal = {
      errors: [],
      note: { body: '/checkin_reminder weekly' },
      quickActionsStatus: {
        commandNames: [],
        commandsOnly: false,
        messages: null,
        errorMessages: null,
      },
    };
    expect(await createNote('/checkin_reminder weekly', 'cto-kr-1-3')).toEqual(literal);

    const guest = sandbox.store.addUser({
      username: 'gus',
      name: 'Gus Guest',
      jobTitle: '',
      createdAt: '',
    });
    sandbox.store.namespace(OKR_PROJECT)?.members.set(guest.id, ACCESS.guest);
    sandbox.store.addToken({
      value: 'glpat-guest',
      name: 'guest',
      userId: guest.id,
      scopes: ['api'],
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: null,
      revoked: false,
    });
    expect(await createNote('/checkin_reminder weekly', 'cto-objective-5', 'glpat-guest')).toEqual(
      literal,
    );

    const project = sandbox.store.namespace(OKR_PROJECT);
    if (project) project.okrCheckinReminders = false;
    expect(await createNote('/checkin_reminder weekly', 'cto-objective-5')).toEqual(literal);
  });

  it('tells the user it is not set and removes the comment GitLab kept', async () => {
    const project = sandbox.store.namespace(OKR_PROJECT);
    if (project) project.okrCheckinReminders = false;
    const before = record('cto-objective-5').notes.length;
    await expect(
      setCheckInReminder(client(), {
        id: sandbox.item('cto-objective-5').gid,
        frequency: 'monthly',
      }),
    ).rejects.toMatchObject({
      problem: { message: expect.stringMatching(/^GitLab did not set the reminder: .*removed\.$/) },
    });
    expect(record('cto-objective-5').notes).toHaveLength(before);
    expect(record('cto-objective-5').progress?.reminderFrequency).toBeUndefined();
  });
});
