// Where the watch looks on a GitLab without `currentUser.workItems`: the namespaces the user
// opened OKRs in, per instance, from the panel's cached views.
import { describe, expect, it } from 'vitest';
import { namespacesSeenOn } from '../../../lib/background/badge';
import type { CachedView } from '../../../lib/settings';

const seen = (url: string, reference: string) =>
  ({
    storedAt: '2026-11-21T10:00:00Z',
    view: { item: { url, reference } },
  }) as unknown as CachedView;

const cached = [
  seen('https://example.com/okrs/team-a/-/work_items/3', 'okrs/team-a#3'),
  seen('https://example.com/okrs/team-a/-/work_items/4', 'okrs/team-a#4'),
  seen('https://example.com/gitlab/company/okrs/-/work_items/9', 'company/okrs#9'),
  seen('https://gitlab.com/gitlab-com/gitlab-okrs/-/work_items/1', 'gitlab-com/gitlab-okrs#1'),
];

describe('namespaces the user opened OKRs in', () => {
  it('keeps to the instance, relative URL root included, each namespace once', () => {
    const atRoot = { baseUrl: 'https://example.com', origin: 'https://example.com' };
    const underGitlab = { baseUrl: 'https://example.com/gitlab', origin: 'https://example.com' };
    const gitlabCom = { baseUrl: 'https://gitlab.com', origin: 'https://gitlab.com' };
    const instances = [atRoot, underGitlab, gitlabCom];
    expect(namespacesSeenOn(underGitlab, instances, cached)).toEqual(['company/okrs']);
    // A /gitlab page belongs to the /gitlab instance, not to the one at the host's root.
    expect(namespacesSeenOn(atRoot, instances, cached)).toEqual(['okrs/team-a']);
    expect(namespacesSeenOn(gitlabCom, instances, cached)).toEqual(['gitlab-com/gitlab-okrs']);
    // With only the root instance configured, every page on the host is its own.
    expect(namespacesSeenOn(atRoot, [atRoot], cached)).toEqual(['okrs/team-a', 'company/okrs']);
  });
});
