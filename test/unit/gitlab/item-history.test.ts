// Items' notes for their history, against the sandbox over HTTP: read by URL, ten a request,
// grouped by the namespace GitLab needs as context; what they record becomes history points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { loadItemNotes, namespacePathOf } from '../../../lib/gitlab/item-history';
import { historyOf } from '../../../lib/okr/quarter/history';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox?.close());

const clientOf = (baseUrl = sandbox.url) =>
  createGitLabClient({ baseUrl, token: sandbox.tokens.api });

describe('namespacePathOf', () => {
  it('finds the project or group of an item URL, under a relative URL root too', () => {
    const base = 'https://gitlab.example/gitlab';
    expect(namespacePathOf(`${base}/acme/engineering/-/issues/3`, base)).toBe('acme/engineering');
    expect(namespacePathOf(`${base}/groups/acme/-/epics/1`, base)).toBe('acme');
    expect(namespacePathOf('https://other.example/acme/-/issues/3', base)).toBeNull();
  });
});

describe('loadItemNotes', () => {
  it("reads a key result's health and progress changes and its comment", async () => {
    sandbox.reset();
    const url = sandbox.urlOf('cto-kr-1-2');
    const { byUrl, requests } = await loadItemNotes(clientOf(), [url]);
    expect(requests).toBe(1);
    const loaded = byUrl.get(url)!;
    expect(loaded.scale).toEqual({ start: 0, target: 10 });
    expect(loaded.notes.some((note) => note.body.startsWith('Only 4 of 10'))).toBe(true);
    const points = historyOf(loaded.notes, { scale: loaded.scale });
    expect(points.at(-1)).toMatchObject({ health: 'needsAttention', progress: 0.4 });
  });

  it('reads a key result issue kept in custom fields (acme): value and scale from its notes', async () => {
    sandbox.reset();
    const key = sandbox
      .seedKeys()
      .find(
        (candidate) =>
          candidate.startsWith('acme-kr') &&
          sandbox.item(candidate).title.startsWith('Experimental launch of Remote Development'),
      )!;
    const url = sandbox.urlOf(key);
    const loaded = (await loadItemNotes(clientOf(), [url])).byUrl.get(url)!;
    const points = historyOf(loaded.notes, {
      scale: loaded.scale,
      fields: { start: ['Start'], current: ['Current'], target: ['Target'] },
    });
    expect(points.at(-1)).toMatchObject({ value: 4, progress: 0.4, health: 'needsAttention' });
  });

  it('asks for at most ten items a request', async () => {
    sandbox.reset();
    const keys = sandbox.seedKeys().filter((key) => /^cto-kr-/.test(key));
    expect(keys.length).toBeGreaterThan(10);
    sandbox.clearRequests();
    const { byUrl, requests } = await loadItemNotes(
      clientOf(),
      keys.map((key) => sandbox.urlOf(key)),
    );
    expect(byUrl.size).toBe(keys.length);
    expect(requests).toBe(Math.ceil(keys.length / 10));
    expect(sandbox.graphqlRequests('ItemHistoryQuery')).toHaveLength(requests);
  });
});
