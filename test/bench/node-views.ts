// Views loaded in Node with the product's GitLab client against the sandbox: the extension's own
// view service (its real loading path, minus the browser) and the naive baseline, each timed
// from the first request to a built view, with every request the client made.
import {
  DEFAULT_CARRIER_SETTINGS,
  type CarrierSettings,
} from '../../lib/gitlab/carriers/conventions';
import { createGitLabClient, type GitLabClient, type RequestRecord } from '../../lib/gitlab/client';
import { createViewService } from '../../lib/services/okr-view';
import type { ViewCache } from '../../lib/services/view-cache';
import type { OkrView } from '../../lib/view';
import type { Sandbox } from '../sandbox/server';
import { naiveView } from './baseline';
import type { ItemCopy } from './scenarios';

export interface NodeViewRun {
  ms: number;
  graphql: number;
  rest: number;
  requestBytes: number;
  responseBytes: number;
  /** The computed score (0..1) of the viewed item, null for no data. */
  score: number | null;
  /** Requests per GraphQL operation (REST as `GET /path`). */
  operations: Record<string, number>;
}

export type ViewLoader = (
  client: GitLabClient,
  copy: ItemCopy,
  carrier: CarrierSettings,
) => Promise<OkrView>;

const TIME_ZONE = 'UTC';

/** A cache that never has anything: every load is cold. */
const noCache: ViewCache = {
  peek: () => Promise.resolve(null),
  put: () => Promise.resolve(),
  forgetOrigin: () => Promise.resolve(),
};

/** The extension's view service (loadItemTree, the DRI lookup when its rule is on, the view). */
export function extensionLoader(sandbox: Sandbox): ViewLoader {
  return async (client, copy, carrier) => {
    const origin = new URL(sandbox.url).origin;
    const service = createViewService({
      instances: () =>
        Promise.resolve([{ baseUrl: client.baseUrl, origin, addedAt: new Date().toISOString() }]),
      clientFor: () => Promise.resolve(client),
      cache: noCache,
      now: () => sandbox.store.now(),
      timeZone: () => TIME_ZONE,
      carrierSettings: () => Promise.resolve(carrier),
    });
    const result = await service.load({
      origin,
      basePath: '',
      fullPath: copy.fullPath,
      iid: copy.iid,
      route: 'work_item',
      namespaceKind: copy.namespaceKind,
    });
    if (!result.ok) throw new Error(`Extension view failed: ${result.problem.message}`);
    return result.view;
  };
}

export function baselineLoader(sandbox: Sandbox): ViewLoader {
  return (client, copy, carrier) =>
    naiveView(client, copy, { now: sandbox.store.now(), timeZone: TIME_ZONE }, carrier);
}

/** One timed view load with a fresh client (no state carried between runs). */
export async function measureInNode(
  sandbox: Sandbox,
  load: ViewLoader,
  copy: ItemCopy,
  carrier: CarrierSettings = DEFAULT_CARRIER_SETTINGS,
): Promise<NodeViewRun> {
  const records: RequestRecord[] = [];
  const client = createGitLabClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.api,
    onRequest: (record) => records.push(record),
  });
  const started = performance.now();
  const view = await load(client, copy, carrier);
  const ms = performance.now() - started;
  return {
    ms,
    graphql: records.filter((r) => r.api === 'graphql').length,
    rest: records.filter((r) => r.api === 'rest').length,
    requestBytes: records.reduce((sum, r) => sum + r.requestBytes, 0),
    responseBytes: records.reduce((sum, r) => sum + r.responseBytes, 0),
    score: view.item.score.value,
    operations: countBy(records.map((r) => r.operation)),
  };
}

function countBy(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
