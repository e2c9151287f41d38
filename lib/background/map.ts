// Background feature: the quarter map page's requests (quarters, cached and fresh maps, the
// items' notes read step by step) and the
// panel's "Quarter map" link, which opens the map of the item's namespace with the item in view.
import { instanceForRef } from '../instances';
import { mapStateHash, EMPTY_MAP_STATE } from '../map-state';
import type { InstanceRecord } from '../settings';
import type { QuarterMapService } from '../services/quarter-map';
import { extensionPagesOnly, refused, type Handlers, type SenderPolicy } from './router';

export interface MapFeaturePorts {
  service: QuarterMapService;
  instances(): Promise<InstanceRecord[]>;
  /** Opens an extension page (`map.html#…`) in a new tab. */
  openPage(path: string): Promise<void>;
  /** Remembers the scope a map was loaded for: "Quarter map" opens there next time. */
  rememberScope(scope: { baseUrl: string; scope: string[] }): Promise<void>;
}

/** The map page's address for a state. */
export function mapPagePath(hash: string): string {
  return `/map.html${hash}`;
}

export function mapHandlers(ports: MapFeaturePorts, policy: SenderPolicy): Handlers {
  return {
    'map:quarters': extensionPagesOnly(policy, (request) =>
      ports.service.quarters(request.request),
    ),
    'map:peek': extensionPagesOnly(policy, (request) => ports.service.peek(request.request)),
    'map:details': extensionPagesOnly(policy, (request) =>
      ports.service.details(request.request, request.url),
    ),
    'map:load': extensionPagesOnly(policy, async (request) => {
      const result = await ports.service.load(request.request);
      if (result.ok)
        await ports.rememberScope({
          baseUrl: request.request.baseUrl,
          scope: result.data.map.scope,
        });
      return result;
    }),
    'map:history': extensionPagesOnly(policy, (request) =>
      ports.service.readHistory(request.request),
    ),
    // A content script may ask for the map of its own instance only.
    'map:open': async (request, sender) => {
      if (sender.tab && sender.url && new URL(sender.url).origin !== request.ref.origin)
        return refused('A page may only open the map of its own GitLab instance.');
      const instance = instanceForRef(await ports.instances(), request.ref);
      if (!instance) return refused('This GitLab is not set up in OKR Lens.');
      const hash = mapStateHash({
        ...EMPTY_MAP_STATE,
        instance: instance.baseUrl,
        scope: [request.ref.fullPath],
        quarter: request.quarter,
        focus: request.itemUrl,
      });
      await ports.openPage(mapPagePath(hash));
      return { ok: true };
    },
  };
}
