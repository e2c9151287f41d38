// Which objective the popup works on: the page of a configured instance (with a relative URL
// root), and a clear reason when the tab shows none.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { targetOf, targetUrl } from '@/entrypoints/popup/target';
import type { InstanceView } from '@/lib/messages';

const instances: InstanceView[] = [
  { baseUrl: 'https://gitlab.com', origin: 'https://gitlab.com', hasToken: true },
  { baseUrl: 'https://example.com/gitlab', origin: 'https://example.com', hasToken: true },
];

describe('the popup target', () => {
  it('takes an objective page of a configured instance', () => {
    const target = targetOf('https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/12', instances);
    expect(target).toMatchObject({
      kind: 'item',
      ref: { origin: 'https://gitlab.com', fullPath: 'gitlab-com/gitlab-okrs', iid: '12' },
    });
  });

  it('reads a self-managed instance under a relative URL root', () => {
    const target = targetOf('https://example.com/gitlab/okrs/eng/-/work_items/3', instances);
    expect(target).toMatchObject({
      kind: 'item',
      ref: { basePath: '/gitlab', fullPath: 'okrs/eng' },
      baseUrl: 'https://example.com/gitlab',
    });
  });

  it('says why another page cannot be used', () => {
    expect(targetOf('https://example.org/', instances)).toMatchObject({
      kind: 'elsewhere',
      reason: expect.stringMatching(/not on a GitLab instance set up/),
    });
    expect(targetOf('https://gitlab.com/gitlab-com/gitlab-okrs/-/boards', instances)).toMatchObject(
      {
        kind: 'elsewhere',
        reason: expect.stringMatching(/shows no objective/),
      },
    );
    expect(targetOf('chrome://newtab/', instances)).toMatchObject({
      kind: 'elsewhere',
      reason: expect.stringMatching(/not a GitLab page/),
    });
  });

  it('prefers the address given to the popup over the active tab', async () => {
    fakeBrowser.reset();
    expect(await targetUrl('?url=https%3A%2F%2Fgitlab.com%2Fa%2Fb%2F-%2Fwork_items%2F1')).toBe(
      'https://gitlab.com/a/b/-/work_items/1',
    );
  });
});
