import { describe, expect, it } from 'vitest';
import { instanceForPage, matchPatternOf, normaliseInstanceUrl } from '@/lib/instances';
import {
  InstanceProblem,
  listInstances,
  removeInstance,
  saveInstance,
  type InstancePorts,
  type TokenCheck,
} from '@/lib/services/instances';
import { createMemorySecretStore } from '@/lib/secrets';
import type { InstanceRecord } from '@/lib/settings';

describe('normaliseInstanceUrl', () => {
  it('accepts a bare host and adds https', () => {
    expect(normaliseInstanceUrl('gitlab.example.com')).toEqual({
      baseUrl: 'https://gitlab.example.com',
      origin: 'https://gitlab.example.com',
      basePath: '',
    });
  });
  it('keeps a relative URL root and drops the trailing slash', () => {
    expect(normaliseInstanceUrl('https://example.com/gitlab/')?.baseUrl).toBe(
      'https://example.com/gitlab',
    );
  });
  it('cuts GitLab routes off a pasted address (the project path stays: the root cannot be told from it)', () => {
    expect(
      normaliseInstanceUrl('https://example.com/gitlab/group/project/-/work_items/12')?.baseUrl,
    ).toBe('https://example.com/gitlab/group/project');
    expect(normaliseInstanceUrl('https://gitlab.com/groups/gitlab-org/-/epics/1')?.baseUrl).toBe(
      'https://gitlab.com',
    );
  });
  it('refuses what is not a web address', () => {
    expect(normaliseInstanceUrl('')).toBeNull();
    expect(normaliseInstanceUrl('ftp://example.com')).toBeNull();
    expect(normaliseInstanceUrl('https://user:secret@example.com')).toBeNull();
    expect(normaliseInstanceUrl('http://exa mple.com')).toBeNull();
  });
});

describe('instanceForPage', () => {
  const records = [
    { baseUrl: 'https://example.com', origin: 'https://example.com' },
    { baseUrl: 'https://example.com/gitlab', origin: 'https://example.com' },
  ];
  it('prefers the longest relative URL root', () => {
    expect(instanceForPage(records, 'https://example.com/gitlab/g/p/-/issues/1')?.baseUrl).toBe(
      'https://example.com/gitlab',
    );
    expect(instanceForPage(records, 'https://example.com/gitlabber/p/-/issues/1')?.baseUrl).toBe(
      'https://example.com',
    );
  });
  it('finds nothing on another host', () => {
    expect(instanceForPage(records, 'https://gitlab.com/g/p/-/issues/1')).toBeNull();
  });
  it('builds a port-less match pattern', () => {
    expect(matchPatternOf({ baseUrl: 'http://127.0.0.1:3999/gitlab' })).toBe(
      'http://127.0.0.1/gitlab/*',
    );
  });
});

function ports(
  check: (token: string) => TokenCheck,
): InstancePorts & { records: InstanceRecord[] } {
  const state = {
    records: [] as InstanceRecord[],
    loadInstances: async () => state.records,
    saveInstances: async (records: InstanceRecord[]) => void (state.records = records),
    secrets: createMemorySecretStore(),
    checkToken: async (_baseUrl: string, token: string) => check(token),
    now: () => new Date('2026-11-21T10:00:00Z'),
  };
  return state;
}

const sid: TokenCheck = {
  userId: 1,
  username: 'sid',
  name: 'Sid',
  scopes: ['api'],
  expiresAt: null,
};

describe('instance service', () => {
  it('stores a token only after GitLab accepted it, and never shows it back', async () => {
    const p = ports(() => sid);
    const view = await saveInstance(p, { baseUrl: 'gitlab.example.com/', token: ' glpat-1 ' });
    expect(view).toMatchObject({
      baseUrl: 'https://gitlab.example.com',
      hasToken: true,
      check: { username: 'sid' },
    });
    expect(JSON.stringify(await listInstances(p))).not.toContain('glpat-1');
    expect(await p.secrets.get('https://gitlab.example.com')).toBe('glpat-1');
  });

  it('keeps the working token when a new one is refused', async () => {
    const p = ports((token) => {
      if (token === 'bad')
        throw Object.assign(new Error('401'), {
          problem: { kind: 'unauthorized', message: 'GitLab refused the token.' },
        });
      return sid;
    });
    await saveInstance(p, { baseUrl: 'https://gitlab.example.com', token: 'good' });
    await expect(
      saveInstance(p, { baseUrl: 'https://gitlab.example.com', token: 'bad' }),
    ).rejects.toBeInstanceOf(InstanceProblem);
    expect(await p.secrets.get('https://gitlab.example.com')).toBe('good');
  });

  it('forgets the token with the instance', async () => {
    const p = ports(() => sid);
    await saveInstance(p, { baseUrl: 'https://gitlab.example.com', token: 't' });
    await removeInstance(p, 'https://gitlab.example.com');
    expect(p.records).toEqual([]);
    expect(await p.secrets.get('https://gitlab.example.com')).toBeNull();
  });

  it('says plainly when the address is not one', async () => {
    await expect(
      saveInstance(
        ports(() => sid),
        { baseUrl: 'not a url at all' },
      ),
    ).rejects.toThrow(/not a web address/);
  });
});
