// The quarter map's switcher against the sandbox, over HTTP: for each scope entry the milestones
// GitLab lists for it (a group with its subgroups, projects and ancestors; a project with its
// groups) or, on the epics carrier with quarter labels, the labels found; one option a title,
// newest first, with today's quarter chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import {
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  type CarrierSettings,
} from '../../../lib/gitlab/carriers/conventions';
import {
  byStartDate,
  createQuarterMapService,
  currentQuarterOf,
} from '../../../lib/services/quarter-map';
import { clockFrom, fiscalQuarter } from '../../sandbox/clock';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';
const today = clockFrom(NOW)();
const CURRENT = fiscalQuarter(today, 0);
const PREVIOUS = fiscalQuarter(today, -1);
const NEXT = fiscalQuarter(today, 1);

/** acme keeps its quarters as `okrq:` labels on its epics. */
const ACME: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { source: 'label', labelPattern: 'okrq:{quarter}' },
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox.close());

function service() {
  const instance = { baseUrl: sandbox.url, origin: sandbox.url, addedAt: NOW };
  return createQuarterMapService({
    instances: async () => [instance],
    clientFor: async () => createGitLabClient({ baseUrl: sandbox.url, token: sandbox.tokens.api }),
    carrierSettings: async (_baseUrl, fullPath) =>
      fullPath.split('/')[0] === 'acme' ? ACME : DEFAULT_CARRIER_SETTINGS,
    cache: { peek: async () => null, put: async () => undefined },
    now: () => new Date(NOW),
    timeZone: () => 'UTC',
  });
}

async function quartersOf(...scope: string[]) {
  sandbox.clearRequests();
  const result = await service().quarters({ baseUrl: sandbox.url, scope });
  if (!result.ok) throw new Error(result.problem.message);
  const graphql = sandbox.requests().filter((entry) => entry.api === 'graphql').length;
  return { ...result, titles: result.quarters.map((q) => q.title), graphql };
}

describe('the quarter switcher', () => {
  it('lists a group’s quarters kept as milestones of its projects, newest first', async () => {
    const { titles, quarters, current, graphql } = await quartersOf('gitlab-com');
    // FY24-Q2, the previous and the next quarter are milestones of gitlab-com/gitlab-okrs only;
    // the current one is kept by the group and the project: one option.
    expect(titles).toEqual([NEXT.title, CURRENT.title, PREVIOUS.title, 'FY24-Q2']);
    expect(quarters.at(-1)).toEqual({
      title: 'FY24-Q2',
      start: '2023-05-01',
      end: '2023-07-31',
      source: 'milestone',
    });
    expect(current).toBe(CURRENT.title);
    expect(graphql).toBe(1);
  });

  it('lists a project’s own milestones and its groups’', async () => {
    const { titles, current } = await quartersOf('gitlab-org/gitlab');
    expect(titles).toEqual(['19.7']);
    expect(current).toBe('19.7');
    expect((await quartersOf('northwind/roadmap')).titles).toEqual([CURRENT.title, PREVIOUS.title]);
  });

  it('merges scope entries by title, and lists quarter labels on the epics carrier', async () => {
    const { titles, quarters, current } = await quartersOf('acme', 'gitlab-com/gitlab-okrs');
    expect(titles).toEqual([NEXT.title, CURRENT.title, PREVIOUS.title, 'FY24-Q2']);
    // acme's label and the project's milestone name the same quarter: the first one found stays.
    expect(quarters.find((q) => q.title === CURRENT.title)?.source).toBe('label');
    expect(current).toBe(CURRENT.title);
  });

  it('says plainly when GitLab does not know a scope', async () => {
    const result = await service().quarters({ baseUrl: sandbox.url, scope: ['no-such-group'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain('GitLab did not find no-such-group');
  });
});

describe('the quarter chosen by default', () => {
  const option = (title: string, start: string, end: string) => ({
    title,
    start,
    end,
    source: 'milestone' as const,
  });

  it('is the quarter that holds today, not a year or a sprint milestone that holds it too', () => {
    const quarters = byStartDate([
      option('FY27', '2026-02-01', '2027-01-31'),
      option('Sprint 48', '2026-11-30', '2026-12-11'),
      option('FY27-Q4', '2026-11-01', '2027-01-31'),
      option('FY27-Q3', '2026-08-01', '2026-10-31'),
    ]);
    expect(currentQuarterOf(quarters, '2026-12-06')).toBe('FY27-Q4');
    // Without a quarter's title among them, the shortest span that holds today.
    expect(
      currentQuarterOf(
        quarters.filter((q) => q.title !== 'FY27-Q4'),
        '2026-12-06',
      ),
    ).toBe('Sprint 48');
  });

  it('is the latest started quarter between quarters, and the list opens at the newest', () => {
    const quarters = byStartDate([
      option('FY27-Q2', '2026-05-01', '2026-07-31'),
      option('FY27-Q4', '2026-11-01', '2027-01-31'),
    ]);
    expect(quarters.map((q) => q.title)).toEqual(['FY27-Q4', 'FY27-Q2']);
    expect(currentQuarterOf(quarters, '2026-09-15')).toBe('FY27-Q2');
  });
});
