// The quarter map service on the epics carrier against the sandbox: a group set up with the
// epics convention as the options page offers it (quarter source: milestone) whose quarters are
// labels (`okrq:FY27-Q4`, acme) still has its quarters and its map, as its panel has the quarter
// (`quarterOf` reads the configured source first and the others after it); a group keeping its
// quarters as milestones (northwind) still maps under a label-first set-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_EPIC_SETTINGS,
  type CarrierSettings,
} from '../../../lib/gitlab/carriers/conventions';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { createQuarterMapService } from '../../../lib/services/quarter-map';
import type { InstanceRecord } from '../../../lib/settings';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';
const LABEL_FIRST: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { ...DEFAULT_EPIC_SETTINGS.quarter, source: 'label' },
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox?.close());

function serviceWith(settings: CarrierSettings, on: Sandbox = sandbox) {
  const record: InstanceRecord = {
    baseUrl: on.url,
    origin: new URL(on.url).origin,
    addedAt: NOW,
  };
  const client = createGitLabClient({ baseUrl: on.url, token: on.tokens.api });
  return createQuarterMapService({
    instances: async () => [record],
    clientFor: async () => client,
    carrierSettings: async () => settings,
    cache: { peek: async () => null, put: async () => undefined },
    now: () => new Date(NOW),
    timeZone: () => 'UTC',
  });
}

/** The seeded OKRs of a group's current quarter, by key. */
function currentQuarterKeys(prefix: RegExp): string[] {
  return sandbox.seedKeys().filter((key) => prefix.test(key) && !/-issue-|-previous$/.test(key));
}

describe('the quarter map on the epics carrier', () => {
  it('offers quarter labels and maps them under the epics convention whose source is milestones', async () => {
    const service = serviceWith(DEFAULT_EPIC_SETTINGS);
    const quarters = await service.quarters({ baseUrl: sandbox.url, scope: ['acme'] });
    expect(quarters.ok).toBe(true);
    if (!quarters.ok) return;
    expect(quarters.current).toBe('FY27-Q4');
    expect(quarters.quarters.map((quarter) => [quarter.title, quarter.source])).toEqual([
      ['FY27-Q4', 'label'],
      ['FY27-Q3', 'label'],
    ]);

    const loaded = await service.load({
      baseUrl: sandbox.url,
      scope: ['acme'],
      quarter: 'FY27-Q4',
    });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const urls = loaded.data.map.items.map((item) => item.url).sort();
    expect(urls).toEqual(
      currentQuarterKeys(/^acme-(objective|kr)-/)
        .map((key) => sandbox.urlOf(key))
        .sort(),
    );
    expect(loaded.data.map.quarter).toEqual({
      title: 'FY27-Q4',
      start: '2026-11-01',
      end: '2027-01-31',
    });
  });

  it('keeps last quarter’s objective to last quarter', async () => {
    const service = serviceWith(DEFAULT_EPIC_SETTINGS);
    const loaded = await service.load({
      baseUrl: sandbox.url,
      scope: ['acme'],
      quarter: 'FY27-Q3',
    });
    expect(loaded.ok && loaded.data.map.items.map((item) => item.url)).toEqual([
      sandbox.urlOf('acme-objective-previous'),
    ]);
  });

  it('maps a group keeping its quarters as milestones under a label-first set-up', async () => {
    const service = serviceWith(LABEL_FIRST);
    const quarters = await service.quarters({ baseUrl: sandbox.url, scope: ['northwind'] });
    expect(quarters.ok && quarters.current).toBe('FY27-Q4');
    const loaded = await service.load({
      baseUrl: sandbox.url,
      scope: ['northwind'],
      quarter: 'FY27-Q4',
    });
    expect(loaded.ok && loaded.data.map.items.map((item) => item.url).sort()).toEqual(
      currentQuarterKeys(/^nw-(objective|kr)/)
        .map((key) => sandbox.urlOf(key))
        .sort(),
    );
  });

  it('says a GitLab before 17.2 serves no epics to map, rather than that there is no quarter', async () => {
    const old = await startSandbox({ now: NOW, gitlabVersion: '17.0' });
    try {
      const quarters = await serviceWith(DEFAULT_EPIC_SETTINGS, old).quarters({
        baseUrl: old.url,
        scope: ['acme'],
      });
      expect(quarters).toEqual({
        ok: false,
        problem: {
          kind: 'okrsUnavailable',
          message: expect.stringContaining(
            'GitLab 17.0 does not serve epics as work items, which OKR Lens needs to map OKRs kept as epics and labelled issues (GitLab 17.2 or later)',
          ),
        },
      });
    } finally {
      await old.close();
    }
  });
});
