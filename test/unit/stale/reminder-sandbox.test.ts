// GitLab's own check-in reminder, set from the popup on a top-level objective: every cadence
// the popup offers is one GitLab's `/checkin_reminder` quick action accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { setCheckInReminder } from '../../../lib/services/check-in';
import { CheckInReminderSchema } from '../../../lib/messages';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: '2026-11-21T10:00:00.000Z' });
});
afterAll(() => sandbox.close());

describe('check-in reminder', () => {
  it.each(CheckInReminderSchema.options)('%s is set on the objective', async (frequency) => {
    sandbox.reset();
    const objective = sandbox.item('cto-objective-5');
    const client = createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api });
    await setCheckInReminder(client, { id: objective.gid, frequency });
    const item = [...sandbox.store.workItems.values()].find(
      (record) => record.seedKey === 'cto-objective-5',
    );
    expect(item).toBeDefined();
    const notes = item?.notes.map((note) => note.body) ?? [];
    expect(notes).toContain(`set a ${frequency.replace('-', ' ')} check-in reminder`);
  });
});
