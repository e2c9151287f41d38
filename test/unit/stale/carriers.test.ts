// The stale watch on every carrier (issue 12), on a fixed clock: which listed items are objectives
// and key results under a group's carrier settings (an epic by its labels, an issue by its own
// labels or its parent epic's, a custom "Key result" type by its name), a custom field's new
// value as an update, and how many requests the user's items cost (one per 100 per group).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  type CarrierSettings,
} from '../../../lib/gitlab/carriers/conventions';
import { WorkItemSchema, type WorkItemResponse } from '../../../lib/gitlab/schemas';
import {
  carrierPathsOf,
  createStaleWatch,
  judgeStale,
  kindOnInstance,
  type StaleWatchSettings,
} from '../../../lib/services/stale-watch';
import type { CarrierChoices, InstanceRecord } from '../../../lib/settings';
import { BASE_URL, clientFor, fakeGitLab, workItem, type ItemSpec } from './fake-gitlab';

const NOW = new Date('2026-11-20T12:00:00Z');
const OCTOBER = '2026-10-20T10:00:00Z';
const NOVEMBER = '2026-11-02T10:00:00Z';
const HEALTH_NOTE = 'changed health status to **on track**';
/** GitLab's own words for a new custom number value (ee/…/system_notes/issuables_service.rb). */
const CURRENT_NOTE = '<p>changed Current to <code class="idiff">12</code></p>';

const EPICS: CarrierSettings = DEFAULT_EPIC_SETTINGS;
const choices: CarrierChoices = { [BASE_URL]: { acme: EPICS, northwind: EPICS } };

const instance: InstanceRecord = {
  baseUrl: BASE_URL,
  origin: BASE_URL,
  addedAt: '2026-01-01T00:00:00Z',
  check: { ok: true, username: 'dri', checkedAt: '2026-11-01T00:00:00Z' },
};

function parsed(spec: ItemSpec): WorkItemResponse {
  return WorkItemSchema.parse(workItem(spec)) as WorkItemResponse;
}

const objectiveEpic = { id: 10, type: 'Epic', labels: ['okr:o'], fullPath: 'acme' };

describe('which listed items are objectives and key results', () => {
  const kindOf = kindOnInstance(choices, BASE_URL);
  const cases: [string, ItemSpec, string | null][] = [
    [
      'an epic labelled okr:o',
      { id: 1, type: 'Epic', labels: ['okr:o'], fullPath: 'acme' },
      'objective',
    ],
    [
      'an epic labelled OKR::KR (any case, one colon or two)',
      { id: 2, type: 'Epic', labels: ['OKR::KR'], fullPath: 'acme' },
      'keyResult',
    ],
    [
      'an epic without an OKR label',
      { id: 3, type: 'Epic', labels: ['roadmap'], fullPath: 'acme' },
      null,
    ],
    [
      'an issue under an objective epic',
      { id: 4, type: 'Issue', fullPath: 'acme/engineering', parent: objectiveEpic },
      'keyResult',
    ],
    [
      'an issue labelled okr:kr without a parent',
      { id: 5, type: 'Issue', labels: ['okr:kr'], fullPath: 'acme/engineering' },
      'keyResult',
    ],
    [
      'a plain issue under a plain epic',
      {
        id: 6,
        type: 'Issue',
        fullPath: 'acme/engineering',
        parent: { id: 11, type: 'Epic', labels: [] },
      },
      'issue',
    ],
    ['a task', { id: 7, type: 'Task', labels: ['okr:kr'], fullPath: 'acme/engineering' }, null],
    [
      'a custom "Key result" item',
      { id: 8, type: 'Key result', fullPath: 'northwind/roadmap' },
      'keyResult',
    ],
    [
      'an epic labelled OKR + Objective',
      { id: 9, type: 'Epic', labels: ['OKR', 'Objective'], fullPath: 'northwind' },
      'objective',
    ],
    [
      'GitLab’s Objective type in a group nobody configured',
      { id: 12, type: 'Objective', fullPath: 'gitlab-com/okrs' },
      'objective',
    ],
    [
      'an epic labelled okr:o in a group nobody configured',
      { id: 13, type: 'Epic', labels: ['okr:o'], fullPath: 'gitlab-org' },
      null,
    ],
    [
      'an issue under an objective epic of another configured group',
      { id: 14, type: 'Issue', fullPath: 'northwind/roadmap', parent: objectiveEpic },
      'keyResult',
    ],
  ];
  for (const [name, spec, kind] of cases) {
    it(`${name}: ${kind ?? 'not judged'}`, () => {
      expect(kindOf(parsed(spec))).toBe(kind);
    });
  }

  it('judges only objectives and key results, with their DRI and since when', () => {
    const found = cases.map(([, spec]) => ({
      item: parsed({ ...spec, assignees: ['dri'], notes: [[OCTOBER, HEALTH_NOTE]] }),
      assignedToYou: true,
    }));
    const { items, judged } = judgeStale(
      found,
      BASE_URL,
      {
        now: NOW.toISOString(),
        timeZone: 'UTC',
        holidays: [],
        maxAgeDays: 35,
        businessDayDeadline: 5,
      },
      kindOf,
    );
    expect(judged).toBe(
      cases.filter(([, , kind]) => kind === 'objective' || kind === 'keyResult').length,
    );
    expect(items).toHaveLength(judged); // all updated in October: stale after November's 5th business day
    const issueKr = items.find((item) => item.id === 'gid://gitlab/WorkItem/4')!;
    expect(issueKr).toMatchObject({
      kind: 'keyResult',
      dri: ['dri'],
      code: 'notThisMonth',
      lastUpdate: OCTOBER,
      progress: null,
      // GitLab's check-in reminder lives on the progress record: never offered on an epic.
      topLevel: false,
    });
    expect(items.find((item) => item.id === 'gid://gitlab/WorkItem/1')?.topLevel).toBe(false);
  });
});

describe('a custom field’s new value is an update on every carrier', () => {
  it('keeps a key result issue fresh when its Current changed this month, by a person only', () => {
    const kindOf = kindOnInstance(choices, BASE_URL);
    const judge = (notes: [string, string][], bot = false) => {
      const item = parsed({
        id: 4,
        type: 'Issue',
        fullPath: 'acme/engineering',
        parent: objectiveEpic,
        notes,
      });
      if (bot) {
        const notesWidget = item.widgets?.find((w) => w.__typename === 'WorkItemWidgetNotes');
        for (const note of (notesWidget as { notes: { nodes: { author?: unknown }[] } }).notes
          .nodes)
          note.author = { username: 'automation-bot', bot: true };
      }
      return judgeStale(
        [{ item, assignedToYou: true }],
        BASE_URL,
        {
          now: NOW.toISOString(),
          timeZone: 'UTC',
          holidays: [],
          maxAgeDays: 35,
          businessDayDeadline: 5,
        },
        kindOf,
      ).items;
    };
    expect(judge([[OCTOBER, HEALTH_NOTE]])).toHaveLength(1);
    expect(
      judge([
        [OCTOBER, HEALTH_NOTE],
        [NOVEMBER, CURRENT_NOTE],
      ]),
    ).toHaveLength(0);
    expect(
      judge(
        [
          [OCTOBER, HEALTH_NOTE],
          [NOVEMBER, CURRENT_NOTE],
        ],
        true,
      ),
    ).toHaveLength(1);
  });
});

/** `count` of the user's items in a group: `okrs` objective epics and key result issues under them, the rest plain issues and tasks. */
function groupItems(fullPath: string, count: number, okrs: number, from: number) {
  return Array.from({ length: count }, (_, index) => {
    const id = from + index;
    const notes: [string, string][] = [[OCTOBER, HEALTH_NOTE]];
    if (index >= okrs)
      return workItem({ id, type: index % 2 ? 'Task' : 'Issue', fullPath: `${fullPath}/p`, notes });
    return index % 2
      ? workItem({ id, type: 'Epic', labels: ['okr:o'], fullPath, notes })
      : workItem({
          id,
          type: 'Issue',
          fullPath: `${fullPath}/p`,
          parent: { id: from + 1, type: 'Epic', labels: ['okr:o'], fullPath },
          notes,
        });
  });
}

function watchOn(fake: ReturnType<typeof fakeGitLab>, settings: Partial<StaleWatchSettings>) {
  const client = clientFor(fake);
  return createStaleWatch({
    instances: async () => [instance],
    clientFor: async () => client,
    settings: async () => ({
      watched: [],
      holidays: [],
      maxAgeDays: 35,
      businessDayDeadline: 5,
      ...settings,
    }),
    now: () => NOW,
    timeZone: () => 'UTC',
  });
}

describe('requests for the user’s items on every carrier', () => {
  it('lists a configured group’s items once per 100, beside GitLab’s OKR types', async () => {
    const fake = fakeGitLab({
      mine: [
        workItem({
          id: 1,
          type: 'Key Result',
          fullPath: 'gitlab-com/okrs',
          notes: [[OCTOBER, HEALTH_NOTE]],
        }),
      ],
      carriers: {
        acme: groupItems('acme', 300, 40, 100),
        northwind: groupItems('northwind', 12, 6, 1000),
      },
    });
    const report = await watchOn(fake, { carriers: choices }).run();
    const perOperation = fake.requests.reduce<Record<string, number>>((counts, request) => {
      const key = `${request.operationName} ${String(request.variables.fullPath ?? '')}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    expect(perOperation).toEqual({
      MyStaleWatchQuery: 1,
      'NamespaceCarrierWatchQuery acme': 3, // 300 items
      'NamespaceCarrierWatchQuery northwind': 1,
    });
    // GitLab's KR, 40 + 6 carrier OKRs; plain issues and tasks are not judged.
    expect(report.watchedCount).toBe(1 + 40 + 6);
    expect(report.items).toHaveLength(47);
    expect(report.unwatched).toEqual([]);
  });

  it('lists the whole instance once when every group keeps its OKRs as epics (`*`)', async () => {
    const fake = fakeGitLab({ mine: [], carriers: { '*': groupItems('acme', 150, 10, 100) } });
    const report = await watchOn(fake, { carriers: { [BASE_URL]: { '*': EPICS } } }).run();
    expect(fake.requests.map((r) => r.operationName)).toEqual([
      'MyStaleWatchQuery',
      'MyCarrierWatchQuery',
      'MyCarrierWatchQuery',
    ]);
    expect(report.watchedCount).toBe(10);
  });

  it('asks nothing more when no group chose another carrier', async () => {
    const fake = fakeGitLab({ mine: [] });
    await watchOn(fake, { carriers: { [BASE_URL]: { '*': DEFAULT_CARRIER_SETTINGS } } }).run();
    expect(fake.requests.map((r) => r.operationName)).toEqual(['MyStaleWatchQuery']);
    expect(carrierPathsOf({}, BASE_URL)).toEqual([]);
  });

  it('on GitLab before 17.10 looks in the configured groups: no error, nothing missed', async () => {
    const fake = fakeGitLab({
      mine: 'unsupported',
      // GitLab's OKR types under acme (searched as a known group), and acme's carrier items.
      namespaces: {
        acme: [
          workItem({
            id: 1,
            type: 'Key Result',
            fullPath: 'acme/okrs',
            notes: [[OCTOBER, HEALTH_NOTE]],
          }),
        ],
      },
      carriers: { acme: groupItems('acme', 6, 6, 100) },
    });
    const watch = watchOn(fake, { carriers: { [BASE_URL]: { acme: EPICS } } });
    const report = await watch.run();
    expect(report.state).toBe('ok');
    expect(report.failures).toEqual([]);
    expect(report.watchedCount).toBe(1 + 6);
    expect(fake.requests.map((r) => r.operationName)).toEqual([
      'MyStaleWatchQuery', // refused: no currentUser.workItems before 17.10
      'VersionQuery',
      'GroupStaleWatchQuery',
      'GroupCarrierWatchQuery',
    ]);
  });

  it('says which configured group it cannot read, and still counts the others', async () => {
    const fake = fakeGitLab({ mine: [], carriers: { acme: groupItems('acme', 4, 4, 100) } });
    const report = await watchOn(fake, { carriers: choices }).run();
    expect(report.state).toBe('ok');
    expect(report.items).toHaveLength(4);
    expect(report.unwatched).toEqual([
      {
        baseUrl: BASE_URL,
        fullPath: 'northwind',
        problem: {
          kind: 'notFound',
          message:
            'The group northwind, set up in the options for how it keeps its OKRs, does not exist, or your account may not see it.',
        },
      },
    ]);
  });
});
