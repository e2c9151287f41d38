// The map page's notes request: answered for a configured instance from GitLab (the sandbox),
// refused with words for an unknown one, and the message's shape holds what crosses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { ItemNotesResultSchema, RequestSchema } from '../../../lib/messages';
import { createItemNotesService } from '../../../lib/services/item-notes';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: '2026-11-21T10:00:00.000Z' });
});
afterAll(() => sandbox?.close());

function service() {
  return createItemNotesService({
    instances: async () => [{ baseUrl: sandbox.url, origin: sandbox.url, addedAt: '2026-01-01' }],
    clientFor: async () => createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api }),
  });
}

describe('item notes service', () => {
  it('answers notes by URL in the message shape', async () => {
    const url = sandbox.urlOf('cto-objective-2');
    const result = await service().notes(sandbox.url, [url]);
    expect(ItemNotesResultSchema.parse(result)).toEqual(result);
    expect(result.ok && result.notes[url]?.notes.some((n) => n.body.startsWith('RTO work'))).toBe(
      true,
    );
  });

  it('refuses an instance that is not set up', async () => {
    const result = await service().notes('https://elsewhere.example', ['x']);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'noInstance' } });
  });

  it('is a request the background accepts, within its size limit', () => {
    const urls = ['https://gitlab.example/a/-/work_items/1'];
    expect(RequestSchema.safeParse({ type: 'map:notes', baseUrl: 'x', urls }).success).toBe(true);
    const tooMany = Array.from({ length: 5_001 }, () => urls[0]!);
    expect(
      RequestSchema.safeParse({ type: 'map:notes', baseUrl: 'x', urls: tooMany }).success,
    ).toBe(false);
  });
});
