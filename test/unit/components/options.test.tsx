import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import {
  AddInstanceForm,
  type AddInstanceFormProps,
} from '../../../components/options/AddInstanceForm';
import { InstanceList, type InstanceListProps } from '../../../components/options/InstanceList';
import {
  expiryOf,
  hostPermissionPattern,
  needsHostPermission,
  scopeVerdict,
  tokenPageUrl,
} from '../../../components/options/token-check';
import { InstanceViewSchema, type InstanceView } from '../../../lib/messages';
import { App } from '../../../entrypoints/options/App';
import type { OptionsBackend } from '../../../entrypoints/options/backend';

const now = new Date('2026-11-21T10:00:00Z');

function instance(overrides: Partial<InstanceView> = {}): InstanceView {
  return InstanceViewSchema.parse({
    baseUrl: 'https://gitlab.example.com/gitlab',
    origin: 'https://gitlab.example.com',
    hasToken: true,
    check: {
      ok: true,
      username: 'ally',
      name: 'Ally Example',
      scopes: ['api'],
      expiresAt: '2027-06-30',
      checkedAt: '2026-11-21T09:00:00Z',
    },
    ...overrides,
  });
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function form(overrides: Partial<AddInstanceFormProps> = {}): string {
  return renderToStaticMarkup(
    <AddInstanceForm
      url="https://gitlab.com"
      token=""
      saving={false}
      outcome={null}
      now={now}
      onUrlChange={() => {}}
      onTokenChange={() => {}}
      onSave={() => {}}
      {...overrides}
    />,
  );
}

function list(overrides: Partial<InstanceListProps> = {}): string {
  return renderToStaticMarkup(
    <InstanceList
      instances={[instance()]}
      busyBaseUrl={null}
      loadError={null}
      now={now}
      onCheck={() => {}}
      onRemove={() => {}}
      onAddToken={() => {}}
      {...overrides}
    />,
  );
}

/** The id a label points at, and the input that has it. */
function inputLabelled(html: string, label: string): string {
  const forId = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
  expect(forId, label).toBeDefined();
  const input = new RegExp(`<input[^>]*id="${forId}"[^>]*>`).exec(html)?.[0];
  expect(input, label).toBeDefined();
  return input!;
}

describe('AddInstanceForm', () => {
  it('labels the URL field and keeps the token in a password field', () => {
    const html = form();
    expect(inputLabelled(html, 'GitLab URL')).toContain('type="text"');
    expect(inputLabelled(html, 'Personal access token')).toContain('type="password"');
    expect(html).toMatch(/<button type="submit"[^>]*>Save and check<\/button>/);
  });

  it('says which scopes to create and links to the token page of the typed instance', () => {
    const html = form({ url: 'example.com/gitlab/' });
    const text = textOf(html);
    expect(text).toContain('with the api scope');
    expect(text).toContain('A read_api token is enough to read');
    expect(html).toContain(
      'href="https://example.com/gitlab/-/user_settings/personal_access_tokens?name=OKR+Lens&amp;scopes=api"',
    );
  });

  it('shows who the token belongs to after a successful save', () => {
    const text = textOf(form({ outcome: { kind: 'saved', instance: instance() } }));
    expect(text).toContain('Token works');
    expect(text).toContain(
      'Signed in to https://gitlab.example.com/gitlab as Ally Example (@ally).',
    );
  });

  it('warns when the token expires within 14 days, and about a read-only token', () => {
    const soon = instance({
      check: { ...instance().check!, expiresAt: '2026-11-30', scopes: ['read_api'] },
    });
    const text = textOf(form({ outcome: { kind: 'saved', instance: soon } }));
    expect(text).toContain('This token expires in 9 days');
    expect(text).toContain('Read-only');
  });

  it('shows the problem when GitLab refused the token', () => {
    const text = textOf(
      form({
        outcome: {
          kind: 'problem',
          problem: { kind: 'unauthorized', message: 'GitLab did not accept this token.' },
        },
      }),
    );
    expect(text).toContain('The token was not saved');
    expect(text).toContain('GitLab did not accept this token.');
  });

  it('says so when the browser permission for a self-managed host was denied', () => {
    const text = textOf(
      form({ outcome: { kind: 'permissionDenied', origin: 'https://gitlab.example.com' } }),
    );
    expect(text).toContain('OKR Lens may not read https://gitlab.example.com');
    expect(text).toContain('nothing was saved');
  });

  it('waits while it checks', () => {
    expect(form({ saving: true })).toMatch(
      /<button type="submit"[^>]*disabled=""[^>]*>Checking…<\/button>/,
    );
  });
});

describe('InstanceList', () => {
  it('lists each instance with its user, scopes and expiry, and buttons named after it', () => {
    const html = list();
    const text = textOf(html);
    expect(text).toContain('https://gitlab.example.com/gitlab');
    expect(text).toContain('Connected');
    expect(text).toContain('Ally Example @ally');
    expect(text).toContain('Scopes api');
    expect(text).toContain('Expires Jun 30, 2027');
    expect(text).toContain('Check again https://gitlab.example.com/gitlab');
    expect(text).toContain('Remove https://gitlab.example.com/gitlab');
  });

  it('offers to add a token where there is none', () => {
    const text = textOf(list({ instances: [instance({ hasToken: false, check: undefined })] }));
    expect(text).toContain('No token yet');
    expect(text).toContain('Add a token');
    expect(text).not.toContain('Check again');
  });

  it('shows the last check’s problem', () => {
    const failed = instance({
      check: {
        ok: false,
        checkedAt: '2026-11-21T09:00:00Z',
        problem: { kind: 'tokenExpired', message: 'The token expired on 1 Nov.' },
      },
    });
    const text = textOf(list({ instances: [failed] }));
    expect(text).toContain('Token problem');
    expect(text).toContain('The token expired on 1 Nov.');
  });

  it('does not say "Token works", which names the save result alone', () => {
    expect(textOf(list())).not.toContain('Token works');
  });
});

describe('App', () => {
  it('renders the settings with a section left for rule settings', () => {
    const backend: OptionsBackend = {
      list: () => new Promise(() => {}),
      save: () => new Promise(() => {}),
      check: () => new Promise(() => {}),
      remove: () => new Promise(() => {}),
      detectCarrier: () => new Promise(() => {}),
      requestHostPermission: () => Promise.resolve(true),
    };
    const text = textOf(renderToStaticMarkup(<App backend={backend} now={now} />));
    expect(text).toContain('OKR Lens settings');
    expect(text).toContain('Loading…');
    expect(text).toContain('Handbook checks');
  });
});

describe('token checks', () => {
  it('tells write, read-only and useless scopes apart', () => {
    expect(scopeVerdict(['api', 'read_user'])).toBe('write');
    expect(scopeVerdict(['read_api'])).toBe('readOnly');
    expect(scopeVerdict(['read_user'])).toBe('insufficient');
    expect(scopeVerdict(undefined)).toBe('unknown');
  });

  it('counts the days to expiry, the expiry day itself still working', () => {
    expect(expiryOf('2026-11-21', now)).toMatchObject({ kind: 'soon', days: 0 });
    expect(expiryOf('2026-12-05', now)).toMatchObject({ kind: 'soon', days: 14 });
    expect(expiryOf('2026-12-06', now)).toMatchObject({ kind: 'later', days: 15 });
    expect(expiryOf('2026-11-20', now)).toMatchObject({ kind: 'expired' });
    expect(expiryOf(null, now)).toEqual({ kind: 'never' });
  });

  it('asks a self-managed host for permission on any port, never gitlab.com', () => {
    expect(needsHostPermission('https://gitlab.com')).toBe(false);
    expect(needsHostPermission('https://gitlab.example.com')).toBe(true);
    expect(hostPermissionPattern('https://gitlab.example.com:8443')).toBe(
      'https://gitlab.example.com/*',
    );
  });

  it('builds the token page of an instance under a path', () => {
    expect(tokenPageUrl('https://example.com/gitlab/')).toBe(
      'https://example.com/gitlab/-/user_settings/personal_access_tokens?name=OKR+Lens&scopes=api',
    );
  });
});
