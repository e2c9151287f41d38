// The background owns the tokens, the GitLab clients, the caches and the content script
// registrations. It is wiring only: each feature's handlers live in lib/background/, every
// decision in lib/services and lib/okr.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { GITLAB_COM } from '@/lib/instances';
import { RequestSchema } from '@/lib/messages';
import { createIndexedDbSecretStore } from '@/lib/secrets';
import {
  carrierChoicesItem,
  carrierSettingsFor,
  carrierQuietItem,
  holidaysItem,
  instancesItem,
  lastMapScopeItem,
  quarterMapIndexItem,
  quarterMapStorageKey,
  storedQuarterMapOf,
  QUARTER_MAP_CACHE_LIMIT,
  loadRuleSettings,
  ruleSettingsItem,
  stalenessSettingsItem,
  topLevelObjectivesItem,
  viewCacheItem,
  VIEW_CACHE_LIMIT,
} from '@/lib/settings';
import type { InstancePorts } from '@/lib/services/instances';
import { createViewCache } from '@/lib/services/view-cache';
import { createViewService } from '@/lib/services/okr-view';
import { checkToken, clientFactory } from '@/lib/services/gitlab-access';
import { createRouter, refused, type Sender, type SenderPolicy } from '@/lib/background/router';
import { instanceHandlers, syncContentScripts } from '@/lib/background/instances';
import { createClock } from '@/lib/background/clock';
import { optionsHandlers, pageHandlers, viewHandlers } from '@/lib/background/views';
import { createHandlers } from '@/lib/background/create';
import { createBackgroundStaleBadge, startStaleBadge, staleHandlers } from '@/lib/background/badge';
import { itemNotesHandlers } from '@/lib/background/item-notes';
import { createItemNotesService } from '@/lib/services/item-notes';
import { mapHandlers } from '@/lib/background/map';
import { createQuarterMapService } from '@/lib/services/quarter-map';
import { createQuarterMapCache } from '@/lib/services/quarter-map-cache';
import {
  carrierHandlers,
  withCarrierProposals,
  type CarrierPorts,
} from '@/lib/background/carriers';
import { detectCarrier } from '@/lib/services/detect-carrier';

export default defineBackground(() => {
  const secrets = createIndexedDbSecretStore();
  const now = createClock();
  const clientFor = clientFactory(secrets);

  const instancePorts: InstancePorts = {
    loadInstances: () => instancesItem.getValue(),
    saveInstances: (records) => instancesItem.setValue(records),
    secrets,
    checkToken,
    now,
  };

  const views = createViewCache({
    now,
    limit: VIEW_CACHE_LIMIT,
    persistent: {
      load: () => viewCacheItem.getValue(),
      save: (entries) => viewCacheItem.setValue(entries),
    },
  });

  const viewService = createViewService({
    instances: () => instancesItem.getValue(),
    clientFor,
    cache: views,
    now,
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    ruleSettings: loadRuleSettings,
    holidays: () => holidaysItem.getValue(),
    topLevelObjectives: () => topLevelObjectivesItem.getValue(),
    carrierSettings: async (ref, instance) =>
      carrierSettingsFor(await carrierChoicesItem.getValue(), instance.baseUrl, ref.fullPath),
  });
  const quarterMaps = createQuarterMapService({
    instances: () => instancesItem.getValue(),
    clientFor,
    carrierSettings: async (baseUrl, fullPath) =>
      carrierSettingsFor(await carrierChoicesItem.getValue(), baseUrl, fullPath),
    cache: createQuarterMapCache({
      now,
      limit: QUARTER_MAP_CACHE_LIMIT,
      persistent: {
        load: async (key) => storedQuarterMapOf(await storage.getItem(quarterMapStorageKey(key))),
        save: (key, entry) => storage.setItem(quarterMapStorageKey(key), entry),
        remove: (key) => storage.removeItem(quarterMapStorageKey(key)),
        index: () => quarterMapIndexItem.getValue(),
        saveIndex: (index) => quarterMapIndexItem.setValue(index),
      },
    }),
    now,
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    ruleSettings: loadRuleSettings,
    holidays: () => holidaysItem.getValue(),
    topLevelObjectives: () => topLevelObjectivesItem.getValue(),
  });

  // Cached views carry the old settings' verdicts: the next page load computes them afresh.
  for (const item of [
    ruleSettingsItem,
    topLevelObjectivesItem,
    holidaysItem,
    stalenessSettingsItem,
    carrierChoicesItem,
  ])
    item.watch(() => void views.clear());

  // Carriers: detection for the options page, and the panel's proposal on a group nobody set up.
  const carrierPorts: CarrierPorts = {
    instances: () => instancesItem.getValue(),
    choices: () => carrierChoicesItem.getValue(),
    async saveChoice(baseUrl, group, settings) {
      const choices = await carrierChoicesItem.getValue();
      await carrierChoicesItem.setValue({
        ...choices,
        [baseUrl]: { ...choices[baseUrl], [group]: settings },
      });
    },
    detect: async (instance, fullPath) =>
      detectCarrier({ client: await clientFor(instance) }, fullPath),
    quiet: {
      has: async (key) => (await carrierQuietItem.getValue()).includes(key),
      add: async (key) => {
        const keys = await carrierQuietItem.getValue();
        if (!keys.includes(key)) await carrierQuietItem.setValue([...keys, key]);
      },
    },
  };
  const proposals = withCarrierProposals(viewService, carrierPorts);
  // Views read the old way are dropped when a group's carrier changes (here or in the options).
  carrierChoicesItem.watch(() => void views.clear());

  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const policy: SenderPolicy = {
    // A content script reports its web page's URL; only the extension's own pages (options,
    // popup, even when opened in a tab) report the extension's origin.
    isExtensionPage: (sender: Sender) =>
      typeof sender.url === 'string' && new URL(sender.url).origin === extensionOrigin,
  };

  // The stale-health watch and its toolbar badge (alarms, start-up, token and settings changes).
  const staleBadge = createBackgroundStaleBadge({ clientFor, now, views });
  startStaleBadge(staleBadge);

  const route = createRouter([
    pageHandlers(() => instancesItem.getValue(), proposals.views),
    viewHandlers(proposals.views),
    carrierHandlers(proposals, carrierPorts, policy),
    optionsHandlers(() => browser.runtime.openOptionsPage()),
    staleHandlers(staleBadge, policy),
    instanceHandlers(instancePorts, views, policy),
    createHandlers({ clientFor, views, now }, policy),
    itemNotesHandlers(
      createItemNotesService({ instances: () => instancesItem.getValue(), clientFor }),
      policy,
    ),
    mapHandlers(
      {
        service: quarterMaps,
        instances: () => instancesItem.getValue(),
        openPage: async (path) => {
          await browser.tabs.create({ url: browser.runtime.getURL(path as '/map.html') });
        },
        rememberScope: (scope) => lastMapScopeItem.setValue(scope),
      },
      policy,
    ),
  ]);

  instancesItem.watch((records) => {
    void syncContentScripts(records ?? []).catch((error: unknown) =>
      console.warn('OKR Lens: content script registration failed', error),
    );
  });
  browser.runtime.onInstalled.addListener(async () => {
    try {
      // gitlab.com is configured from the start; the panel there asks for a token until it has one.
      if (!(await instancesItem.getValue()).length) {
        await instancesItem.setValue([
          { baseUrl: GITLAB_COM, origin: GITLAB_COM, addedAt: now().toISOString() },
        ]);
      }
      await syncContentScripts(await instancesItem.getValue());
    } catch (error) {
      console.warn('OKR Lens: set-up after install failed', error);
    }
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only the extension's own contexts, and only the shapes lib/messages.ts declares.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = RequestSchema.safeParse(message);
    if (!parsed.success)
      return Promise.resolve(refused('OKR Lens did not understand that request.'));
    return now.ready
      .then(() => route(parsed.data, sender))
      .catch((error: unknown) => {
        console.warn(
          'OKR Lens: request failed',
          error instanceof Error ? error.message : 'unknown error',
        );
        return refused('Something went wrong inside OKR Lens. Reload the page to try again.');
      });
  });
});
