import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  basePathFromPage,
  pageItemFromUrl,
  pageKeyOf,
  workItemRefFromUrl,
} from '../../../lib/page';
import { WorkItemRefSchema } from '../../../lib/messages';

/** The drawer parameter exactly as GitLab writes it: base64 of a JSON object. */
function show(data: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  return encodeURIComponent(btoa(String.fromCharCode(...bytes)));
}

describe('workItemRefFromUrl: item pages', () => {
  it('reads a project work item', () => {
    expect(
      workItemRefFromUrl('https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/1234', {}),
    ).toEqual({
      origin: 'https://gitlab.com',
      basePath: '',
      fullPath: 'gitlab-com/gitlab-okrs',
      iid: '1234',
      route: 'work_item',
      namespaceKind: 'project',
    });
  });

  it('reads a project issue in nested groups', () => {
    const ref = workItemRefFromUrl('https://gitlab.com/a/b/c/project/-/issues/12');
    expect(ref).toMatchObject({
      fullPath: 'a/b/c/project',
      iid: '12',
      route: 'issue',
      namespaceKind: 'project',
    });
  });

  it('reads group work items and epics', () => {
    expect(
      workItemRefFromUrl('https://gitlab.com/groups/gitlab-com/okrs/-/work_items/7'),
    ).toMatchObject({
      fullPath: 'gitlab-com/okrs',
      iid: '7',
      route: 'work_item',
      namespaceKind: 'group',
    });
    expect(workItemRefFromUrl('https://gitlab.com/groups/acme/-/epics/3')).toMatchObject({
      fullPath: 'acme',
      iid: '3',
      route: 'epic',
      namespaceKind: 'group',
    });
  });

  it('ignores trailing slashes, anchors and unrelated query parameters', () => {
    const expected = { fullPath: 'g/p', iid: '12', route: 'issue' };
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12/')).toMatchObject(expected);
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12#note_991')).toMatchObject(
      expected,
    );
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12?tab=activity#x')).toMatchObject(
      expected,
    );
  });

  it('decodes URL-encoded path segments', () => {
    expect(
      workItemRefFromUrl('https://gitlab.com/my%2Egroup/pro%6Aect/-/work_items/5'),
    ).toMatchObject({
      fullPath: 'my.group/project',
    });
  });

  it('treats the design viewer as the issue it belongs to, other sub-routes as no item', () => {
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12/designs')).toMatchObject({
      iid: '12',
    });
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12/designs/mock.png')).toMatchObject(
      { iid: '12' },
    );
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12/edit')).toBeNull();
    expect(workItemRefFromUrl('https://gitlab.com/g/p/-/issues/12.json')).toBeNull();
  });

  it('refuses pages that are not a work item', () => {
    for (const url of [
      'https://gitlab.com/',
      'https://gitlab.com/g/p',
      'https://gitlab.com/g/p/-/issues',
      'https://gitlab.com/g/p/-/issues/new',
      'https://gitlab.com/g/p/-/merge_requests/4',
      'https://gitlab.com/g/p/-/issues/0',
      'https://gitlab.com/p/-/issues/4', // a project needs a namespace
      'https://gitlab.com/groups/g/-/issues/4', // groups have no issue pages
      'https://gitlab.com/g/p/-/epics/4', // projects have no epics
      'https://gitlab.com/g/../p/-/issues/4',
      'https://gitlab.com/g%2Fh/p/-/issues/4',
      'ftp://gitlab.com/g/p/-/issues/4',
      'not a url',
      '',
    ]) {
      expect(workItemRefFromUrl(url), url).toBeNull();
    }
  });
});

describe('workItemRefFromUrl: relative URL root', () => {
  it('strips the configured base path', () => {
    const ref = workItemRefFromUrl('https://example.com/gitlab/g/p/-/work_items/9', {
      basePath: '/gitlab',
    });
    expect(ref).toMatchObject({
      origin: 'https://example.com',
      basePath: '/gitlab',
      fullPath: 'g/p',
      iid: '9',
    });
  });

  it('accepts the base path with a trailing slash or without its leading one', () => {
    for (const basePath of ['/gitlab/', 'gitlab', '/GitLab']) {
      expect(
        workItemRefFromUrl('https://example.com/gitlab/g/p/-/issues/9', { basePath }),
      ).toMatchObject({
        basePath: basePath === '/GitLab' ? '/GitLab' : '/gitlab',
        fullPath: 'g/p',
      });
    }
  });

  it('refuses a page outside the base path', () => {
    expect(
      workItemRefFromUrl('https://example.com/other/g/p/-/issues/9', { basePath: '/gitlab' }),
    ).toBeNull();
  });

  it('finds the base path from the namespace the page names', () => {
    expect(basePathFromPage('/gitlab/g/p/-/issues/1', 'g/p')).toBe('/gitlab');
    expect(basePathFromPage('/g/p/-/issues/1', 'g/p')).toBe('');
    expect(basePathFromPage('/tools/gitlab/groups/acme/-/epics/1', 'acme')).toBe('/tools/gitlab');
    expect(basePathFromPage('/groups/acme/-/epics/1', 'acme')).toBe('');
    expect(basePathFromPage('/x/y/-/issues/1', 'g/p')).toBeNull();
  });
});

describe('workItemRefFromUrl: the drawer', () => {
  it('takes the drawer item over the page item', () => {
    const url = `https://gitlab.com/g/p/-/work_items/1?show=${show({ id: 555, iid: '42', full_path: 'g/other' })}`;
    expect(workItemRefFromUrl(url)).toMatchObject({
      fullPath: 'g/other',
      iid: '42',
      route: 'work_item',
      namespaceKind: 'project',
    });
  });

  it('reads the drawer on a list page', () => {
    const url = `https://gitlab.com/groups/acme/-/work_items?show=${show({ id: 1, iid: 8, full_path: 'acme' })}`;
    expect(workItemRefFromUrl(url)).toMatchObject({
      fullPath: 'acme',
      iid: '8',
      namespaceKind: 'group',
    });
  });

  it('survives a + that the query string turned into a space', () => {
    // '?' characters in the title make standard base64 contain '+' and '/'.
    const raw = btoa(JSON.stringify({ iid: '3', full_path: 'g/p', id: 1, t: '>>>???' }));
    expect(raw).toMatch(/[+/]/);
    const url = `https://gitlab.com/g/p/-/issues?show=${raw}`;
    expect(workItemRefFromUrl(url)).toMatchObject({ fullPath: 'g/p', iid: '3' });
  });

  it('ignores a malformed drawer parameter and keeps the page item', () => {
    for (const value of [
      '%%%',
      'bm90IGpzb24',
      show('just a string'),
      show({ iid: 'x', full_path: 'g/p' }),
      show({ iid: '1' }),
      show({ iid: '1', full_path: '../x' }),
      show(null),
    ]) {
      const url = `https://gitlab.com/g/p/-/issues/12?show=${value}`;
      expect(workItemRefFromUrl(url), value).toMatchObject({
        fullPath: 'g/p',
        iid: '12',
        route: 'issue',
      });
    }
  });

  it('respects the base path for drawers too', () => {
    const url = `https://example.com/gitlab/g/p/-/issues?show=${show({ iid: '2', full_path: 'g/p' })}`;
    expect(workItemRefFromUrl(url, { basePath: '/gitlab' })).toMatchObject({
      basePath: '/gitlab',
      iid: '2',
    });
  });
});

describe('workItemRefFromUrl: properties', () => {
  it('never throws on arbitrary strings, and what it returns is a valid reference', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (tail, basePath) => {
        for (const url of [
          tail,
          `https://gitlab.com/${tail}`,
          `https://gitlab.com/g/p/-/issues/1?show=${tail}`,
        ]) {
          const ref = workItemRefFromUrl(url, { basePath });
          if (ref) expect(WorkItemRefSchema.safeParse(ref).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any project path and iid', () => {
    const segment = fc
      .stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,20}$/)
      .filter((s) => s !== '-' && !s.includes('..'));
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 1e9 }),
        (path, iid) => {
          const ref = workItemRefFromUrl(
            `https://gitlab.com/${path.join('/')}/-/work_items/${iid}`,
          );
          expect(ref).toMatchObject({ fullPath: path.join('/'), iid: String(iid) });
        },
      ),
    );
  });
});

describe('pageKeyOf', () => {
  it('gives the same key for the issue and work item pages of one item', () => {
    const issue = workItemRefFromUrl('https://gitlab.com/G/P/-/issues/12')!;
    const workItem = workItemRefFromUrl('https://gitlab.com/g/p/-/work_items/12')!;
    expect(pageKeyOf(issue)).toBe(pageKeyOf(workItem));
  });

  it('tells items, projects and instances apart', () => {
    const keys = [
      'https://gitlab.com/g/p/-/issues/12',
      'https://gitlab.com/g/p/-/issues/13',
      'https://gitlab.com/g/q/-/issues/12',
      'https://example.com/g/p/-/issues/12',
    ].map((url) => pageKeyOf(workItemRefFromUrl(url)!));
    expect(new Set(keys).size).toBe(4);
  });
});

describe('pageItemFromUrl', () => {
  it('says whether the item is the one in the drawer', () => {
    const drawerUrl = `https://gitlab.com/g/p/-/issues?show=${show({ iid: '2', full_path: 'g/p' })}`;
    expect(pageItemFromUrl(drawerUrl)?.in).toBe('drawer');
    expect(pageItemFromUrl('https://gitlab.com/g/p/-/issues/2')?.in).toBe('page');
    expect(pageItemFromUrl('https://gitlab.com/g/p/-/issues/2?show=broken')?.in).toBe('page');
  });
});
