// Objectives the popup offers when the open tab shows none: the user's own open objectives on
// every configured instance, then objectives recently seen in a panel.
import type { GitLabClient } from '../gitlab/client';
import { nodeOf } from '../gitlab/map';
import { basePathOf } from '../instances';
import type { ObjectivePick, ObjectivePicksResult, Problem } from '../messages';
import { workItemRefFromUrl } from '../page';
import type { CachedView, InstanceRecord } from '../settings';
import { problemOf } from './problems';
import { findWatchedOkrs } from './stale-watch';

export interface ObjectivePickPorts {
  instances(): Promise<InstanceRecord[]>;
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  recentViews(): Promise<CachedView[]>;
}

/** Enough to find one's objective of the quarter without scrolling a long list. */
const MAX_PICKS = 30;

/** Instances found to lack `currentUser.workItems` (GitLab before 17.10), not asked again. */

/** Namespaces of the instance the user opened OKRs in: where an older GitLab is searched. */
function namespacesSeen(instance: InstanceRecord, views: CachedView[]): string[] {
  const basePath = basePathOf(instance);
  const paths = views.flatMap(({ view }) => {
    const ref = workItemRefFromUrl(view.item.url, { basePath });
    return ref && ref.origin === instance.origin ? [ref.fullPath] : [];
  });
  return [...new Set(paths)];
}

export async function objectivesToPick(ports: ObjectivePickPorts): Promise<ObjectivePicksResult> {
  const picks: ObjectivePick[] = [];
  const problems: Problem[] = [];
  const views = await ports.recentViews();
  for (const instance of await ports.instances()) {
    const username = instance.check?.username;
    if (!username) continue;
    try {
      const client = await ports.clientFor(instance);
      const scope = { username, watched: [], known: namespacesSeen(instance, views) };
      const { found } = await findWatchedOkrs(client, scope);
      for (const { item, assignedToYou } of found) {
        const node = nodeOf(item, { baseUrl: client.baseUrl });
        if (!assignedToYou || node.kind !== 'objective' || node.state !== 'opened') continue;
        picks.push({
          url: node.url,
          reference: node.reference,
          title: node.title,
          source: 'assigned',
        });
      }
    } catch (error) {
      problems.push(problemOf(error));
    }
  }
  const recent = views
    .filter((entry) => entry.view.item.type === 'objective' && entry.view.item.state === 'opened')
    .sort((a, b) => b.storedAt.localeCompare(a.storedAt));
  for (const { view } of recent) {
    picks.push({
      url: view.item.url,
      reference: view.item.reference,
      title: view.item.title,
      source: 'recent',
    });
  }
  const seen = new Set<string>();
  const unique = picks.filter((pick) => !seen.has(pick.url) && seen.add(pick.url));
  if (unique.length === 0 && problems[0]) return { ok: false, problem: problems[0] };
  return { ok: true, objectives: unique.slice(0, MAX_PICKS) };
}
