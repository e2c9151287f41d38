// The background owns the tokens, the GitLab clients, the caches and the content script
// registrations. It is wiring only: every decision lives in lib/services and lib/okr.
import { browser, type Browser } from 'wxt/browser';
import { GITLAB_COM, matchPatternOf } from '@/lib/instances';
import { RequestSchema, type Problem, type Request } from '@/lib/messages';
import { createIndexedDbSecretStore } from '@/lib/secrets';
import {
  CachedViewSchema,
  instancesItem,
  viewCacheItem,
  VIEW_CACHE_LIMIT,
  type CachedView,
  type InstanceRecord,
} from '@/lib/settings';
import {
  InstanceProblem,
  listInstances,
  recheckInstance,
  removeInstance,
  saveInstance,
  type InstancePorts,
} from '@/lib/services/instances';
import { createViewCache } from '@/lib/services/view-cache';
import { createViewService } from '@/lib/services/okr-view';
import { checkToken, clientFactory } from '@/lib/services/gitlab-access';

const CONTENT_SCRIPT_ID = 'okr-lens-gitlab';
const CONTENT_SCRIPT_FILE = 'content-scripts/gitlab.js';

export default defineBackground(() => {
  const secrets = createIndexedDbSecretStore();
  const now = () => new Date();

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
      async load() {
        // Entries written by an older release that no longer parse are dropped, not trusted.
        const stored = await viewCacheItem.getValue();
        const valid: Record<string, CachedView> = {};
        for (const [key, entry] of Object.entries(stored)) {
          const parsed = CachedViewSchema.safeParse(entry);
          if (parsed.success) valid[key] = parsed.data;
        }
        return valid;
      },
      save: (entries) => viewCacheItem.setValue(entries),
    },
  });

  const viewService = createViewService({
    instances: () => instancesItem.getValue(),
    clientFor: clientFactory(secrets),
    cache: views,
    now,
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  });

  /** Keeps one runtime-registered content script matching every configured instance. */
  async function syncContentScripts(records: InstanceRecord[]) {
    const matches = [...new Set(records.map(matchPatternOf))];
    const granted: string[] = [];
    for (const pattern of matches) {
      // Only hosts the user granted: registering others would fail for the whole list.
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
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }

  async function ensureDefaults() {
    const records = await instancesItem.getValue();
    if (!records.length) {
      await instancesItem.setValue([
        { baseUrl: GITLAB_COM, origin: GITLAB_COM, addedAt: now().toISOString() },
      ]);
    }
  }

  instancesItem.watch((records) => {
    void syncContentScripts(records ?? []).catch((error: unknown) =>
      console.warn('OKR Lens: content script registration failed', error),
    );
  });
  browser.runtime.onInstalled.addListener(() => {
    void ensureDefaults().then(async () => syncContentScripts(await instancesItem.getValue()));
  });
  browser.runtime.onStartup.addListener(() => {
    void instancesItem.getValue().then(syncContentScripts);
  });

  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const fromExtensionPage = (sender: Browser.runtime.MessageSender) =>
    !sender.tab && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);

  async function handle(request: Request, sender: Browser.runtime.MessageSender): Promise<unknown> {
    switch (request.type) {
      case 'view:peek':
      case 'view:load': {
        // A content script may ask only about the instance its own tab is on.
        if (sender.tab && sender.url && new URL(sender.url).origin !== request.ref.origin) {
          return refused('A page may only ask about its own GitLab instance.');
        }
        return request.type === 'view:peek'
          ? viewService.peek(request.ref)
          : viewService.load(request.ref);
      }
      case 'instances:list':
      case 'instances:save':
      case 'instances:remove':
      case 'instances:check': {
        if (!fromExtensionPage(sender))
          return refused('Only OKR Lens settings can change instances.');
        if (request.type === 'instances:list') return listInstances(instancePorts);
        if (request.type === 'instances:remove') {
          await removeInstance(instancePorts, request.baseUrl);
          return { ok: true };
        }
        try {
          const instance =
            request.type === 'instances:save'
              ? await saveInstance(instancePorts, request)
              : await recheckInstance(instancePorts, request.baseUrl);
          await views.forgetOrigin(instance.origin);
          return { ok: true, instance };
        } catch (error) {
          if (error instanceof InstanceProblem) return { ok: false, problem: error.problem };
          throw error;
        }
      }
    }
  }

  function refused(message: string): { ok: false; problem: Problem } {
    return { ok: false, problem: { kind: 'invalidRequest', message } };
  }

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only the extension's own contexts, and only the shapes lib/messages.ts declares.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = RequestSchema.safeParse(message);
    if (!parsed.success)
      return Promise.resolve(refused('OKR Lens did not understand that request.'));
    return handle(parsed.data, sender).catch((error: unknown) => {
      console.warn('OKR Lens: request failed', error);
      return refused('Something went wrong inside OKR Lens. Reload the page to try again.');
    });
  });
});
