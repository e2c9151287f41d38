// The stale-health e2e tests' oracle and set-up steps: the sandbox's own records judged with the
// handbook's rules (lib/okr), and a watched namespace stored as the options page stores it.
import type { BrowserContext } from '@playwright/test';
import { serviceWorker } from './hardening-support';
import type { Sandbox } from '../sandbox/server';
import { profileSchema } from '../sandbox/versions/profile-schema';
import { compareVersions } from '../sandbox/versions/profiles';
import { CUSTOM_TYPES_FROM, EPIC_WORK_ITEMS_FROM } from '../sandbox/graphql';
import type { WorkItemRecord } from '../sandbox/store';
import { staleness } from '../../lib/okr/staleness';
import type { OkrKind, OkrNode } from '../../lib/okr/model';
import {
  classify,
  DEFAULT_CARRIER_SETTINGS,
  type CarrierSettings,
} from '../../lib/gitlab/carriers/conventions';

/** The few extension APIs the tests call inside the service worker (run there, not in Node). */
declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
  };
};

/** The sandbox's OKR project, where most of the seeded OKRs live. */
export const WATCHED = 'gitlab-com/gitlab-okrs';

/** Watches a namespace of the sandbox (the set-up the options page offers), in storage. */
export async function watchNamespace(context: BrowserContext, fullPath: string): Promise<string> {
  return serviceWorker(context).evaluate(async (path) => {
    const { instances } = (await chrome.storage.local.get('instances')) as {
      instances: { baseUrl: string }[];
    };
    const baseUrl = instances.find((i) => i.baseUrl.startsWith('http://127.0.0.1'))!.baseUrl;
    await chrome.storage.local.set({ watchedNamespaces: [{ baseUrl, fullPath: path }] });
    return baseUrl;
  }, fullPath);
}

/** How the sandbox's top-level groups keep their OKRs, as the options page stores the choice. */
export type SandboxCarriers = Record<string, CarrierSettings>;

/** Chooses a carrier per top-level group of the sandbox (the options page's set-up), in storage. */
export async function chooseCarriers(
  context: BrowserContext,
  carriers: SandboxCarriers,
): Promise<void> {
  await serviceWorker(context).evaluate(async (chosen) => {
    const { instances } = (await chrome.storage.local.get('instances')) as {
      instances: { baseUrl: string }[];
    };
    const baseUrl = instances.find((i) => i.baseUrl.startsWith('http://127.0.0.1'))!.baseUrl;
    await chrome.storage.local.set({ carrierChoices: { [baseUrl]: chosen } });
  }, carriers);
}

/** The user's time zone as the extension reads it. */
export async function browserTimeZone(context: BrowserContext): Promise<string> {
  return serviceWorker(context).evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Whether the sandbox serves GitLab 17.10's `currentUser.workItems` (the one-query path). */
export function sandboxHasMyWorkItems(sandbox: Sandbox): boolean {
  // The GitLab version the sandbox plays decides (CurrentUser.workItems came in 17.10).
  const type = profileSchema(sandbox.gitlab).getType('CurrentUser');
  return !!type && 'getFields' in type && 'workItems' in type.getFields();
}

/** Whether the GitLab the sandbox plays has custom work item types (19.1). */
export function sandboxHasCustomTypes(sandbox: Sandbox): boolean {
  return compareVersions(sandbox.gitlab.version, CUSTOM_TYPES_FROM) >= 0;
}

/** The demo user (the api token's), whose OKRs are "yours". */
export function demoUserOf(sandbox: Sandbox): number {
  return sandbox.store.tokens.get(sandbox.tokens.api)!.userId;
}

/**
 * What the sandbox's record is under its top-level group's carrier (`classify` on the record's
 * type and label titles, and its readable parent's): GitLab's OKR types where nobody chose.
 */
export function sandboxKindOf(
  sandbox: Sandbox,
  item: WorkItemRecord,
  carriers: SandboxCarriers,
): OkrKind | null {
  const store = sandbox.store;
  const user = demoUserOf(sandbox);
  // Before GitLab 17.2 epics are no work items: GitLab lists none, and no issue has one as parent.
  // Custom types (19.1) are not served before either.
  const epics = compareVersions(sandbox.gitlab.version, EPIC_WORK_ITEMS_FROM) >= 0;
  const customTypes = sandboxHasCustomTypes(sandbox);
  const visible = (record: WorkItemRecord) =>
    store.canRead(user, record) &&
    (epics || record.type !== 'Epic') &&
    (customTypes || !store.typeInfo(record.type).custom);
  const settingsOf = (record: WorkItemRecord) =>
    carriers[record.namespacePath.split('/')[0]!.toLowerCase()] ?? DEFAULT_CARRIER_SETTINGS;
  const labelsOf = (record: WorkItemRecord) =>
    record.labelIds.flatMap((id) => {
      const label = store.labels.get(id);
      return label ? [label.title] : [];
    });
  const parent = store.parentOf(item);
  if (!visible(item)) return null;
  // An item of a custom type is listed only where its group is set up: GitLab's `types:` filter
  // (what the watch asks for GitLab's OKR types by) names system-defined types alone.
  if (
    store.typeInfo(item.type).custom &&
    !Object.hasOwn(carriers, item.namespacePath.split('/')[0]!.toLowerCase())
  )
    return null;
  const parentKind =
    parent && visible(parent)
      ? classify({ typeName: String(parent.type), labels: labelsOf(parent) }, settingsOf(parent))
      : null;
  return classify(
    { typeName: String(item.type), labels: labelsOf(item), parentKind },
    settingsOf(item),
  );
}

/**
 * The oracle: the sandbox's own records, judged with the handbook's rules (lib/okr), for the
 * demo user: open objectives and key results assigned to them (anywhere when the sandbox offers
 * GitLab 17.10's instance-wide query; else in the groups set up for a carrier), plus every
 * readable one in the watched namespace. An item is an objective or a key result as its
 * top-level group's carrier says (`carriers`; GitLab's OKR types where nobody chose).
 */
export function staleInSandbox(
  sandbox: Sandbox,
  timeZone: string,
  watched: string | null,
  carriers: SandboxCarriers = {},
): WorkItemRecord[] {
  const store = sandbox.store;
  const user = demoUserOf(sandbox);
  const everywhere = sandboxHasMyWorkItems(sandbox);
  // The extension's test clock follows the sandbox's fixed time (launchWithExtension): the
  // oracle judges on it too, never on the day the tests run.
  const now = store.nowIso();
  return [...store.workItems.values()].filter((item) => {
    if (item.state !== 'opened' || !store.canRead(user, item)) return false;
    const kind = sandboxKindOf(sandbox, item, carriers);
    if (kind !== 'objective' && kind !== 'keyResult') return false;
    const inCarrierGroup = Object.hasOwn(carriers, item.namespacePath.split('/')[0]!.toLowerCase());
    // Where nobody chose a carrier, only GitLab's own OKR types are listed (`types:`): a custom
    // type named "Key result" there waits for the group to be set up (detection offers it).
    if (!inCarrierGroup && store.typeInfo(item.type).custom) return false;
    const inWatched = item.namespacePath === watched;
    // Only watched namespaces list everyone's OKRs, and GitLab's OKR types alone.
    const watchedOkr = inWatched && (item.type === 'Objective' || item.type === 'Key Result');
    const mine = item.assigneeIds.includes(user) && (everywhere || inWatched || inCarrierGroup);
    if (!watchedOkr && !mine) return false;
    const node = {
      kind,
      state: item.state,
      health: item.healthStatus,
      createdAt: item.createdAt,
      progress: item.progress ? { ...item.progress } : null,
      notes: item.notes.map((note) => {
        const author = store.users.get(note.authorId);
        return {
          body: note.body,
          createdAt: note.createdAt,
          system: note.system,
          ...(author ? { author: author.username, authorBot: author.bot === true } : {}),
        };
      }),
    } as unknown as OkrNode;
    return staleness(node, {
      now,
      timeZone,
      holidays: [],
      maxAgeDays: 35,
      businessDayDeadline: 5,
    }).stale;
  });
}
