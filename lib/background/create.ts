// Background feature: the popup's quick-create of key results, the objectives it offers to pick,
// and, after a change, fresh views everywhere (./changes).
import type { GitLabClient } from '../gitlab/client';
import {
  carrierChoicesItem,
  carrierSettingsFor,
  createAttemptsItem,
  createProjectChoicesItem,
  instancesItem,
  projectChoiceKey,
  viewCacheItem,
  type CreateAttempt,
  type InstanceRecord,
  type CachedView,
} from '../settings';
import { createKeyResultService, type AttemptStore } from '../services/create-key-results';
import { keyResultGateway } from '../services/key-result-gateway';
import { objectivesToPick } from '../services/objective-picks';
import type { ViewCache } from '../services/view-cache';
import { viewsChangedOn } from './changes';
import { extensionPagesOnly, type Handlers, type SenderPolicy } from './router';

export interface CreateFeaturePorts {
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  views: ViewCache;
  now(): Date;
}

/** Attempt records are kept this long: long enough for any retry, short enough to stay small. */
const ATTEMPT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Attempts in storage, so a retry from a reopened popup or a restarted worker sees them. */
export function storedAttempts(now: () => Date): AttemptStore {
  let writes: Promise<void> = Promise.resolve();
  return {
    async get(localId) {
      await writes;
      return (await createAttemptsItem.getValue())[localId] ?? null;
    },
    put(attempt: CreateAttempt) {
      const next = writes.then(async () => {
        const all = { ...(await createAttemptsItem.getValue()), [attempt.localId]: attempt };
        const oldest = now().getTime() - ATTEMPT_MAX_AGE_MS;
        for (const [id, entry] of Object.entries(all)) {
          if (Date.parse(entry.updatedAt) < oldest) delete all[id];
        }
        await createAttemptsItem.setValue(all);
      });
      writes = next.catch(() => undefined);
      return next;
    },
  };
}

async function recentViews(): Promise<CachedView[]> {
  return Object.values(await viewCacheItem.getValue());
}

export function createHandlers(ports: CreateFeaturePorts, policy: SenderPolicy): Handlers {
  const instances = () => instancesItem.getValue();
  const service = createKeyResultService({
    instances,
    gatewayFor: async (instance) => keyResultGateway(await ports.clientFor(instance)),
    attempts: storedAttempts(ports.now),
    now: ports.now,
    changed: (origin) => viewsChangedOn(ports.views, origin),
    settingsFor: async (instance, ref) =>
      carrierSettingsFor(await carrierChoicesItem.getValue(), instance.baseUrl, ref.fullPath),
    projectChoice: {
      async get(instance, groupPath) {
        const choices = await createProjectChoicesItem.getValue();
        return choices[projectChoiceKey(instance.baseUrl, groupPath)] ?? null;
      },
      async set(instance, groupPath, projectPath) {
        const choices = await createProjectChoicesItem.getValue();
        await createProjectChoicesItem.setValue({
          ...choices,
          [projectChoiceKey(instance.baseUrl, groupPath)]: projectPath,
        });
      },
    },
  });
  return {
    'create:context': extensionPagesOnly(policy, (request) => service.context(request.ref)),
    'create:submit': extensionPagesOnly(policy, (request) =>
      service.submit(request.ref, request.drafts),
    ),
    'create:objectives': extensionPagesOnly(policy, () =>
      objectivesToPick({ instances, clientFor: ports.clientFor, recentViews }),
    ),
  };
}
