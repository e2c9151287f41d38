// Background feature: the options page's instances and tokens, and the content script that
// follows them (registered at run time for every configured host the user granted).
import { browser } from 'wxt/browser';
import { matchPatternOf } from '../instances';
import {
  InstanceProblem,
  listInstances,
  recheckInstance,
  removeInstance,
  saveInstance,
  type InstancePorts,
} from '../services/instances';
import type { ViewCache } from '../services/view-cache';
import type { InstanceRecord } from '../settings';
import { extensionPagesOnly, type Handlers, type SenderPolicy } from './router';

const CONTENT_SCRIPT_ID = 'okr-lens-gitlab';
const CONTENT_SCRIPT_FILE = 'content-scripts/gitlab.js';

/** The registration under way: calls run one after another, the last one's records win. */
let syncing: Promise<void> = Promise.resolve();

/**
 * Keeps one runtime-registered content script matching every configured, granted instance.
 * Calls are serialised: at install the instances watch and the install handler both sync, and
 * two registrations of one id at once fail with "Duplicate script ID".
 */
export function syncContentScripts(records: InstanceRecord[]): Promise<void> {
  const run = syncing.then(() => registerFor(records));
  syncing = run.catch(() => undefined);
  return run;
}

async function registerFor(records: InstanceRecord[]): Promise<void> {
  const granted: string[] = [];
  for (const pattern of new Set(records.map(matchPatternOf))) {
    // Only hosts the user granted: one refused pattern would fail the whole registration.
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({
    ids: [CONTENT_SCRIPT_ID],
  });
  if (existing.length)
    await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (!granted.length) return;
  await browser.scripting.registerContentScripts([
    {
      id: CONTENT_SCRIPT_ID,
      matches: granted,
      js: [CONTENT_SCRIPT_FILE],
      // As early as the page allows: the script asks for the view from the URL while GitLab's
      // page still loads, and mounts the panel when GitLab's view appears.
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
  ]);
}

export function instanceHandlers(
  ports: InstancePorts,
  views: ViewCache,
  policy: SenderPolicy,
): Handlers {
  const answer = async (work: () => Promise<Awaited<ReturnType<typeof saveInstance>>>) => {
    try {
      const instance = await work();
      await views.forgetOrigin(instance.origin);
      return { ok: true, instance };
    } catch (error) {
      if (error instanceof InstanceProblem) return { ok: false, problem: error.problem };
      throw error;
    }
  };
  return {
    'instances:list': extensionPagesOnly(policy, () => listInstances(ports)),
    'instances:save': extensionPagesOnly(policy, (request) =>
      answer(() => saveInstance(ports, request)),
    ),
    'instances:check': extensionPagesOnly(policy, (request) =>
      answer(() => recheckInstance(ports, request.baseUrl)),
    ),
    'instances:remove': extensionPagesOnly(policy, async (request) => {
      await removeInstance(ports, request.baseUrl);
      return { ok: true };
    }),
  };
}
