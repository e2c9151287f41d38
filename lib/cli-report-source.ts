// `okr-lens report`'s port on the real services: the map page's quarter map service (its tree,
// then its items' notes) and the notes loader, on one GitLab client with the token from the environment, the carrier detected
// as the extension detects it for a group nobody set up.
import type { ReportSource } from './cli-report';
import { DEFAULT_CARRIER_SETTINGS, type CarrierSettings } from './gitlab/carriers/conventions';
import { createGitLabClient, type GitLabClient } from './gitlab/client';
import { loadItemNotes } from './gitlab/item-history';
import { itemsOfPeople, mapForView } from './okr/quarter/map-view';
import type { InstanceRecord } from './settings';
import { problemOf } from './services/problems';
import { createQuarterMapService } from './services/quarter-map';
import { detectCarrier, topLevelGroupOf } from './services/detect-carrier';

export interface ReportSourceOptions {
  baseUrl: string;
  origin: string;
  token: string;
  fetch?: typeof fetch;
  now: () => Date;
  timeZone: string;
  /** How the scope keeps its OKRs; detected when not given (GitLab's OKR types if none found). */
  carrierSettings?: CarrierSettings;
}

export function reportSourceFor(options: ReportSourceOptions): ReportSource {
  const record: InstanceRecord = {
    baseUrl: options.baseUrl,
    origin: options.origin,
    addedAt: options.now().toISOString(),
  };
  let client: GitLabClient | null = null;
  const clientOf = () =>
    (client ??= createGitLabClient({
      baseUrl: options.baseUrl,
      token: options.token,
      fetch: options.fetch,
    }));
  // As the extension offers it for a group nobody set up: detected once per top-level group.
  const detections = new Map<string, Promise<CarrierSettings | null>>();
  const detected = (fullPath: string) => {
    const group = topLevelGroupOf(fullPath);
    let detection = detections.get(group);
    if (!detection) {
      detection = detectCarrier({ client: clientOf() }, fullPath).then(
        (proposal) => proposal.settings,
      );
      detections.set(group, detection);
    }
    return detection;
  };
  const service = createQuarterMapService({
    instances: async () => [record],
    clientFor: async () => clientOf(),
    carrierSettings: async (_baseUrl, fullPath) =>
      options.carrierSettings ?? (await detected(fullPath)) ?? DEFAULT_CARRIER_SETTINGS,
    // One run, one map: nothing to keep between runs.
    cache: { peek: async () => null, put: async () => undefined },
    now: options.now,
    timeZone: () => options.timeZone,
  });

  return {
    async loadMap(request) {
      try {
        const scope = [request.scope];
        let quarter = request.quarter;
        if (!quarter) {
          const quarters = await service.quarters({ baseUrl: request.baseUrl, scope });
          if (!quarters.ok) return { ok: false, message: quarters.problem.message };
          if (!quarters.current) {
            return {
              ok: false,
              message: `No quarter found in ${request.scope}: name one with --quarter.`,
            };
          }
          quarter = quarters.current;
        }
        const mapRequest = { baseUrl: request.baseUrl, scope, quarter };
        const loaded = await service.load(mapRequest);
        if (!loaded.ok) return { ok: false, message: loaded.problem.message };
        // Then every item's notes, as the map page reads them: the checks that read notes and
        // staleness from the recorded updates, so the report says what the panel says.
        let { map } = loaded.data;
        for (let read = loaded.data.history; read.read < read.total;) {
          const step = await service.readHistory(mapRequest);
          if (!step.ok) {
            return {
              ok: false,
              message: `The items' history could not be read: ${step.problem.message}`,
            };
          }
          read = step.progress;
          if (step.done) map = step.data.map;
        }
        if (request.view === 'team') {
          return { ok: true, map: mapForView(map, itemsOfPeople(map, request.people)) };
        }
        if (request.view === 'mine') {
          const me = (await clientOf().rest.currentUser()).username;
          return { ok: true, map: mapForView(map, itemsOfPeople(map, [me])) };
        }
        return { ok: true, map };
      } catch (error) {
        return { ok: false, message: problemOf(error).message };
      }
    },
    async loadNotes(urls) {
      return (await loadItemNotes(clientOf(), urls)).byUrl;
    },
  };
}
