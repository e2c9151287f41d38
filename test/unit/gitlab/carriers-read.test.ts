// Reading OKRs kept as epics and labelled issues, or as custom "Key result" items: what an item
// is comes from `classify` (its type, labels and its parent's kind), its values from custom
// number fields, GitLab's number from the epic's rolled-up weight, its quarter from a milestone,
// a quarter label or the epic's dates; and an objective epic's tree still loads level by level,
// epics from their group.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CARRIER_SETTINGS,
  DEFAULT_EPIC_SETTINGS,
  type CarrierSettings,
} from '../../../lib/gitlab/carriers/conventions';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { chainOf, customValuesOf, epicRollupOf, nodeOf, quarterOf } from '../../../lib/gitlab/map';
import { loadItemTree } from '../../../lib/gitlab/okr-repository';
import type { WorkItemResponse } from '../../../lib/gitlab/schemas';
import { fakeFetch, json, noSleep, type RecordedRequest } from './fake-gitlab';

const BASE = 'https://gitlab.example.com';
const EPICS: CarrierSettings = DEFAULT_EPIC_SETTINGS;
const EPICS_BY_DATES: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { ...DEFAULT_EPIC_SETTINGS.quarter, source: 'dates' },
};
const EPICS_BY_LABEL: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { ...DEFAULT_EPIC_SETTINGS.quarter, source: 'label' },
};

interface Spec {
  id: number;
  iid?: number;
  type: string;
  title?: string;
  path?: string;
  labels?: string[];
  weight?: { weight?: number | null; rolledUpWeight?: number; rolledUpCompletedWeight?: number };
  counts?: { type: string; all: number; closed: number }[];
  custom?: { id: number; name: string; value: number | null }[];
  dates?: { startDate: string | null; dueDate: string | null };
  milestone?: { title: string; startDate: string; dueDate: string };
  state?: 'OPEN' | 'CLOSED';
  hierarchy?: Record<string, unknown>;
  tasks?: { count: number; completedCount: number };
}

/** A work item as GitLab's OkrNodeFields / OkrLinkFields bring it. */
function item(spec: Spec): WorkItemResponse {
  const epic = spec.type === 'Epic';
  const path = spec.path ?? (epic ? 'acme' : 'acme/engineering');
  const iid = spec.iid ?? spec.id;
  const widgets: Record<string, unknown>[] = [
    {
      __typename: 'WorkItemWidgetLabels',
      labels: { nodes: (spec.labels ?? []).map((title) => ({ title })) },
    },
    { __typename: 'WorkItemWidgetHealthStatus', healthStatus: 'onTrack' },
    {
      __typename: 'WorkItemWidgetDescription',
      description: '',
      taskCompletionStatus: spec.tasks ?? null,
    },
    {
      __typename: 'WorkItemWidgetHierarchy',
      hasParent: false,
      hasChildren: false,
      ...(spec.counts
        ? {
            rolledUpCountsByType: spec.counts.map((row) => ({
              workItemType: { name: row.type },
              countsByState: { all: row.all, closed: row.closed },
            })),
          }
        : {}),
      ...spec.hierarchy,
    },
  ];
  if (spec.weight) widgets.push({ __typename: 'WorkItemWidgetWeight', ...spec.weight });
  if (spec.custom) {
    widgets.push({
      __typename: 'WorkItemWidgetCustomFields',
      customFieldValues: spec.custom.map((field) => ({
        customField: { id: `gid://gitlab/Issuables::CustomField/${field.id}`, name: field.name },
        value: field.value,
      })),
    });
  }
  if (spec.dates) widgets.push({ __typename: 'WorkItemWidgetStartAndDueDate', ...spec.dates });
  if (spec.milestone)
    widgets.push({ __typename: 'WorkItemWidgetMilestone', milestone: spec.milestone });
  return {
    id: `gid://gitlab/WorkItem/${spec.id}`,
    iid: String(iid),
    reference: `${path}${epic ? '&' : '#'}${iid}`,
    webUrl: `${BASE}/${epic ? `groups/${path}/-/epics` : `${path}/-/issues`}/${iid}`,
    title: spec.title ?? `${spec.type} ${spec.id}`,
    state: spec.state ?? 'OPEN',
    workItemType: { name: spec.type },
    widgets: widgets as WorkItemResponse['widgets'],
  };
}

describe('what an item is, by carrier', () => {
  const context = (carrier: CarrierSettings) => ({ baseUrl: BASE, carrier });

  it('reads an epic labelled okr:o as an objective and one labelled okr:kr as a key result', () => {
    const objective = nodeOf(item({ id: 1, type: 'Epic', labels: ['okr:o'] }), context(EPICS));
    const keyResult = nodeOf(item({ id: 2, type: 'Epic', labels: ['OKR::KR'] }), context(EPICS));
    expect(objective.kind).toBe('objective');
    expect(keyResult.kind).toBe('keyResult');
  });

  it('reads an issue as a key result by its label or by its objective parent', () => {
    const labelled = nodeOf(item({ id: 3, type: 'Issue', labels: ['okr:kr'] }), context(EPICS));
    const underObjective = nodeOf(item({ id: 4, type: 'Issue' }), context(EPICS), {
      parentKind: 'objective',
    });
    const plain = nodeOf(item({ id: 5, type: 'Issue' }), context(EPICS));
    expect([labelled.kind, underObjective.kind, plain.kind]).toEqual([
      'keyResult',
      'keyResult',
      'issue',
    ]);
  });

  it('reads a custom "Key result" type as a key result on either carrier', () => {
    const raw = item({ id: 6, type: 'Key result', path: 'northwind/roadmap' });
    expect(nodeOf(raw, context(EPICS)).kind).toBe('keyResult');
    expect(nodeOf(raw, context(DEFAULT_CARRIER_SETTINGS)).kind).toBe('keyResult');
  });

  it('leaves a plain epic out of the chain, and reads GitLab’s number of an objective epic', () => {
    const keyResult = item({
      id: 10,
      type: 'Issue',
      hierarchy: {
        hasParent: true,
        ancestors: {
          nodes: [
            item({ id: 11, type: 'Epic', title: 'Company themes' }),
            item({
              id: 12,
              type: 'Epic',
              labels: ['okr:o'],
              weight: { rolledUpWeight: 20, rolledUpCompletedWeight: 8 },
            }),
            item({ id: 13, type: 'Epic', labels: ['okr:o'] }),
          ],
        },
      },
    });
    const { chain, chainTruncated } = chainOf(keyResult, context(EPICS));
    expect(chain.map((link) => [link.id, link.kind, link.gitlabProgress])).toEqual([
      ['gid://gitlab/WorkItem/12', 'objective', 40],
      ['gid://gitlab/WorkItem/13', 'objective', null],
    ]);
    expect(chainTruncated).toBe(false);
  });
});

describe('values, GitLab’s epic number and the quarter', () => {
  it('takes start, current and target from the custom fields the settings name', () => {
    const raw = item({
      id: 20,
      type: 'Issue',
      custom: [
        { id: 1, name: 'baseline', value: 120 },
        { id: 2, name: 'Current', value: 70 },
        { id: 3, name: 'Goal', value: 50 },
        { id: 4, name: 'Team', value: null },
      ],
    });
    expect(customValuesOf(raw, { baseUrl: BASE, carrier: EPICS })).toEqual({
      start: 120,
      current: 70,
      target: 50,
      fields: {
        start: { id: 'gid://gitlab/Issuables::CustomField/1', name: 'baseline' },
        current: { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current' },
        target: { id: 'gid://gitlab/Issuables::CustomField/3', name: 'Goal' },
      },
    });
    expect(customValuesOf(item({ id: 21, type: 'Issue' }), { baseUrl: BASE })).toBeNull();
  });

  it('reads an epic’s rolled-up weight and its closed issues (not its child epics)', () => {
    const raw = item({
      id: 22,
      type: 'Epic',
      labels: ['okr:o'],
      weight: { weight: null, rolledUpWeight: 13, rolledUpCompletedWeight: 5 },
      counts: [
        { type: 'Issue', all: 4, closed: 1 },
        { type: 'Epic', all: 2, closed: 0 },
        { type: 'Task', all: 6, closed: 6 },
      ],
    });
    expect(epicRollupOf(raw, { baseUrl: BASE, carrier: EPICS })).toEqual({
      weight: { completed: 5, total: 13 },
      issues: { closed: 1, total: 4 },
    });
  });

  it('dates a quarter label from GitLab’s fiscal year and says it came from the label', () => {
    const raw = item({ id: 23, type: 'Issue', labels: ['okr:kr', 'OKRQ::FY24-Q2'] });
    expect(quarterOf(raw, { baseUrl: BASE, carrier: EPICS })).toEqual({
      title: 'FY24-Q2',
      startDate: '2023-05-01',
      dueDate: '2023-07-31',
      source: 'label',
    });
  });

  it('takes the configured source first, and the others after it on the epics carrier', () => {
    const raw = item({
      id: 24,
      type: 'Epic',
      labels: ['okr:o', 'okrq:FY24-Q3'],
      milestone: { title: 'FY24-Q2', startDate: '2023-05-01', dueDate: '2023-07-31' },
      dates: { startDate: '2023-11-01', dueDate: '2024-01-31' },
    });
    expect(quarterOf(raw, { baseUrl: BASE, carrier: EPICS })?.title).toBe('FY24-Q2');
    expect(quarterOf(raw, { baseUrl: BASE, carrier: EPICS_BY_LABEL })?.title).toBe('FY24-Q3');
    expect(quarterOf(raw, { baseUrl: BASE, carrier: EPICS_BY_DATES })).toEqual({
      title: 'FY24-Q4',
      startDate: '2023-11-01',
      dueDate: '2024-01-31',
      source: 'dates',
    });
    const labelOnly = item({ id: 25, type: 'Issue', labels: ['okrq:FY24-Q3'] });
    expect(quarterOf(labelOnly, { baseUrl: BASE, carrier: EPICS })?.source).toBe('label');
    // GitLab's OKR types keep their quarter in the milestone only, as before.
    expect(quarterOf(labelOnly, { baseUrl: BASE })).toBeNull();
  });
});

describe('loading an epic-carried tree', () => {
  function clientFor(answer: (request: RecordedRequest) => unknown) {
    const fake = fakeFetch((request) => json(answer(request)));
    const client = createGitLabClient({
      baseUrl: BASE,
      token: 'glpat-test',
      fetch: fake.fetch,
      sleep: noSleep,
    });
    return { client, requests: fake.requests };
  }

  it('reads a key result issue three levels down, its kind from its objective epic parent', async () => {
    const objective = item({ id: 30, type: 'Epic', labels: ['okr:o'] });
    const subObjective = item({ id: 31, type: 'Epic', labels: ['okr:o'] });
    const keyResult = item({
      id: 32,
      type: 'Issue',
      custom: [
        { id: 1, name: 'Start', value: 0 },
        { id: 2, name: 'Current', value: 31 },
        { id: 3, name: 'Target', value: 72 },
      ],
      hierarchy: { hasParent: true, ancestors: { nodes: [objective, subObjective] } },
    });
    const { client, requests } = clientFor(() => ({
      data: { namespace: { id: 'gid://gitlab/Group/1', workItem: keyResult } },
    }));
    const tree = await loadItemTree(
      client,
      { fullPath: 'acme/engineering', iid: '32' },
      { carrier: EPICS },
    );
    expect(requests).toHaveLength(1);
    expect(tree.item.kind).toBe('keyResult');
    expect(tree.item.customValues).toMatchObject({ start: 0, current: 31, target: 72 });
    expect(tree.chain.map((link) => link.kind)).toEqual(['objective', 'objective']);
    // The same issue under GitLab's OKR types is a plain issue linked to nothing.
    const native = await loadItemTree(client, { fullPath: 'acme/engineering', iid: '32' });
    expect(native.item.kind).toBe('issue');
  });

  it('loads an objective epic’s child epics from their group, level by level, in one request each', async () => {
    const keyResultEpic = item({
      id: 41,
      type: 'Epic',
      labels: ['okr:kr'],
      hierarchy: { hasChildren: true },
    });
    const childObjective = item({
      id: 42,
      type: 'Epic',
      labels: ['okr:o'],
      hierarchy: { hasChildren: true },
    });
    const keyResultIssue = item({ id: 43, type: 'Issue' });
    const plainEpic = item({ id: 44, type: 'Epic' });
    const root = item({
      id: 40,
      type: 'Epic',
      labels: ['okr:o'],
      hierarchy: {
        hasChildren: true,
        ancestors: { nodes: [] },
        children: {
          pageInfo: { hasNextPage: false },
          nodes: [keyResultEpic, childObjective, keyResultIssue, plainEpic],
        },
      },
    });
    const levelTwo = [
      {
        ...keyResultEpic,
        widgets: [
          {
            __typename: 'WorkItemWidgetHierarchy',
            hasChildren: true,
            children: {
              pageInfo: { hasNextPage: false },
              nodes: [
                item({ id: 45, type: 'Issue', state: 'CLOSED' }),
                item({ id: 46, type: 'Issue', tasks: { count: 4, completedCount: 1 } }),
              ],
            },
          },
        ],
      },
      {
        ...childObjective,
        widgets: [
          {
            __typename: 'WorkItemWidgetHierarchy',
            hasChildren: true,
            children: {
              pageInfo: { hasNextPage: false },
              nodes: [item({ id: 47, type: 'Issue', path: 'acme/support' })],
            },
          },
        ],
      },
    ];
    const { client, requests } = clientFor((request) =>
      request.operationName === 'OkrItemQuery'
        ? { data: { namespace: { id: 'gid://gitlab/Group/1', workItem: root } } }
        : { data: { namespace: { id: 'gid://gitlab/Group/1', workItems: { nodes: levelTwo } } } },
    );
    const tree = await loadItemTree(client, { fullPath: 'acme', iid: '40' }, { carrier: EPICS });

    expect(requests.map((request) => [request.operationName, request.variables])).toEqual([
      ['OkrItemQuery', { fullPath: 'acme', iid: '40' }],
      ['OkrDescendantsQuery', { fullPath: 'acme', iids: ['41', '42'] }],
    ]);
    expect(tree.requests).toBe(2);
    const children = tree.item.children;
    expect(children.map((child) => [child.id.split('/').pop(), child.kind])).toEqual([
      ['41', 'keyResult'],
      ['42', 'objective'],
      ['43', 'keyResult'],
    ]);
    // The key result epic carries its issues; the child objective its issue, a key result.
    expect(children[0]?.children.map((issue) => issue.kind)).toEqual(['issue', 'issue']);
    expect(children[1]?.children.map((issue) => issue.kind)).toEqual(['keyResult']);
  });

  it('before GitLab 18.1 asks the group for its epics', async () => {
    const childObjective = item({
      id: 51,
      type: 'Epic',
      labels: ['okr:o'],
      hierarchy: { hasChildren: true },
    });
    const root = item({
      id: 50,
      type: 'Epic',
      labels: ['okr:o'],
      hierarchy: {
        hasChildren: true,
        ancestors: { nodes: [] },
        children: { pageInfo: { hasNextPage: false }, nodes: [childObjective] },
      },
    });
    const { client, requests } = clientFor((request) => {
      if (request.operationName === 'VersionQuery')
        return { data: { metadata: { version: '17.1.0' } } };
      if (request.operationName === 'OkrItemQuery') {
        return request.body?.includes('rolledUpWeight')
          ? {
              errors: [
                {
                  message: "Field 'rolledUpWeight' doesn't exist on type 'WorkItemWidgetWeight'",
                },
              ],
            }
          : { data: { namespace: { id: 'gid://gitlab/Group/1', workItem: root } } };
      }
      return { data: { group: { id: 'gid://gitlab/Group/1', workItems: { nodes: [] } } } };
    });
    await loadItemTree(client, { fullPath: 'acme', iid: '50' }, { carrier: EPICS });
    expect(requests.map((request) => request.operationName)).toEqual([
      'OkrItemQuery',
      'VersionQuery',
      'OkrItemQuery',
      'OkrDescendantsInGroupQuery',
    ]);
    expect(requests.at(-1)?.variables).toEqual({ fullPath: 'acme', iids: ['51'] });
  });

  it('says what is missing on a plain epic', async () => {
    const { client } = clientFor(() => ({
      data: { namespace: { id: 'gid://gitlab/Group/1', workItem: item({ id: 60, type: 'Epic' }) } },
    }));
    await expect(
      loadItemTree(client, { fullPath: 'acme', iid: '60' }, { carrier: EPICS }),
    ).rejects.toThrow(/carries none of the labels .*okr:o/);
  });
});
