// A check-in on an item that keeps its values in custom fields (an issue under an objective epic,
// a custom "Key result" item): health and the Current field in ONE workItemUpdate
// (`customFieldsWidget`, GitLab 17.10+; GitLab notes "changed Current to 12"), then the check-in
// comment; a value with decimals is fine there, and refused before sending for GitLab's progress.
import { describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { checkIn, CheckInProblem } from '../../../lib/services/check-in';
import { BASE_URL } from './fake-gitlab';

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

function fakeWrites(updateErrors: string[] = []) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    const data = body.operationName.startsWith('CheckIn')
      ? { workItemUpdate: { errors: updateErrors, workItem: null } }
      : { createNote: { errors: [], note: null } };
    return new Response(JSON.stringify({ data }), { status: 200 });
  };
  return { sent, client: createGitLabClient({ baseUrl: BASE_URL, token: 't', fetch }) };
}

const ID = 'gid://gitlab/WorkItem/1201';
const CURRENT = { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current' };

describe('check-in on a key result kept in custom fields', () => {
  it('writes health and the Current field in one update, then the check-in comment', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, {
      id: ID,
      health: 'needsAttention',
      currentValue: 12.5,
      scale: { start: 40, target: 10 },
      currentField: CURRENT,
      comment: 'Two pipelines still slow',
    });
    expect(sent.map((s) => [s.operationName, s.variables])).toEqual([
      [
        'CheckInCustomFieldMutation',
        {
          id: ID,
          healthStatus: 'needsAttention',
          values: [{ customFieldId: CURRENT.id, numberValue: 12.5 }],
        },
      ],
      [
        'CreateNoteMutation',
        {
          noteableId: ID,
          body: 'Check-in: needs attention, 12.5 of 10 (from 40)\n\nTwo pipelines still slow',
        },
      ],
    ]);
  });

  it('sends health alone when no value is checked in (an objective epic)', async () => {
    const { sent, client } = fakeWrites();
    await checkIn(client, { id: ID, health: 'atRisk', currentField: CURRENT });
    expect(sent[0]).toMatchObject({
      operationName: 'CheckInMutation',
      variables: { id: ID, healthStatus: 'atRisk' },
    });
  });

  it('says what GitLab refused, and adds no comment claiming a check-in', async () => {
    const { sent, client } = fakeWrites(['Custom field Current is not available for this type']);
    const failure = checkIn(client, {
      id: ID,
      health: 'onTrack',
      currentValue: 3,
      currentField: CURRENT,
    });
    await expect(failure).rejects.toBeInstanceOf(CheckInProblem);
    await expect(failure).rejects.toThrow(/GitLab did not save the check-in/);
    expect(sent.map((s) => s.operationName)).toEqual(['CheckInCustomFieldMutation']);
  });

  it('refuses decimals for GitLab’s progress widget before sending anything', async () => {
    const { sent, client } = fakeWrites();
    await expect(checkIn(client, { id: ID, health: 'onTrack', currentValue: 1.5 })).rejects.toThrow(
      /whole numbers only/,
    );
    expect(sent).toEqual([]);
  });
});
