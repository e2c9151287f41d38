// Objectives the popup offers when the open tab shows none: the user's own open objectives on
// every configured instance, then objectives recently seen in a panel.
import type { GitLabClient } from '../gitlab/client';
import { nodeOf } from '../gitlab/map';
import type { ObjectivePick, ObjectivePicksResult, Problem } from '../messages';
import type { CachedView, InstanceRecord } from '../settings';
import { problemOf } from './problems';
import { listMyOkrs } from './stale-watch';

export interface ObjectivePickPorts {
  instances(): Promise<InstanceRecord[]>;
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  recentViews(): Promise<CachedView[]>;
}

/** Enough to find one's objective of the quarter without scrolling a long list. */
const MAX_PICKS = 30;

export async function objectivesToPick(ports: ObjectivePickPorts): Promise<ObjectivePicksResult> {
  const picks: ObjectivePick[] = [];
  const problems: Problem[] = [];
  for (const instance of await ports.instances()) {
    const username = instance.check?.username;
    if (!username) continue;
    try {
      const client = await ports.clientFor(instance);
      const mine = await listMyOkrs(client, username);
      for (const raw of mine) {
        const node = nodeOf(raw, { baseUrl: client.baseUrl });
        if (node.kind !== 'objective' || node.state !== 'opened') continue;
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
  const recent = (await ports.recentViews())
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
