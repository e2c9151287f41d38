// Carrier detection on GitLab's answers of each kind: a group using GitLab's own OKR types, one
// keeping OKRs as epics and labelled issues, a project with a custom "Key result" type, a group
// with no OKRs, and a GitLab too old to serve epics as work items. Each test counts the requests:
// detection never asks per item.
import { describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { detectCarrier, proposalOf, topLevelGroupOf } from '../../../lib/services/detect-carrier';
import { capabilitiesOf } from '../../../lib/gitlab/capabilities';
import { classify, DEFAULT_EPIC_SETTINGS } from '../../../lib/gitlab/carriers/conventions';
import { fakeFetch, json, noSleep, type RecordedRequest } from '../gitlab/fake-gitlab';

const NATIVE_TYPES = [
  { id: 'gid://gitlab/WorkItems::Type/1', name: 'Issue' },
  { id: 'gid://gitlab/WorkItems::Type/5', name: 'Task' },
  { id: 'gid://gitlab/WorkItems::Type/6', name: 'Objective' },
  { id: 'gid://gitlab/WorkItems::Type/7', name: 'Key Result' },
  { id: 'gid://gitlab/WorkItems::Type/8', name: 'Epic' },
];

const labels = (...titles: string[]) => ({ nodes: titles.map((title) => ({ title })) });
const count = (n: number) => ({ count: n });

interface GroupAnswer {
  fullPath: string;
  okr?: string[];
  objective?: string[];
  key?: string[];
  objectives?: number;
  keyResults?: number;
}

function surveyAnswer(group: GroupAnswer | null, types = NATIVE_TYPES) {
  return {
    data: {
      namespace: { id: 'gid://gitlab/Namespaces/1', workItemTypes: { nodes: types } },
      group: group && {
        id: 'gid://gitlab/Group/1',
        fullPath: group.fullPath,
        name: group.fullPath,
        okrLabels: labels(...(group.okr ?? [])),
        objectiveLabels: labels(...(group.objective ?? [])),
        keyResultLabels: labels(...(group.key ?? [])),
        objectives: count(group.objectives ?? 0),
        keyResults: count(group.keyResults ?? 0),
      },
    },
  };
}

const child = (typeName: string, ...titles: string[]) => ({
  id: `gid://gitlab/WorkItem/${Math.random()}`,
  workItemType: { id: `gid://gitlab/WorkItems::Type/${typeName}`, name: typeName },
  widgets: [{ __typename: 'WorkItemWidgetLabels', labels: labels(...titles) }],
});

function client(answer: (request: RecordedRequest) => unknown) {
  const fake = fakeFetch((request) => json(answer(request)));
  const gitlab = createGitLabClient({
    baseUrl: 'https://gitlab.example.com',
    token: 'glpat-test',
    fetch: fake.fetch,
    sleep: noSleep,
  });
  return { client: gitlab, requests: fake.requests };
}

describe('carrier detection', () => {
  it('proposes GitLab’s OKR types for a group holding Objective and Key Result items, in one request', async () => {
    const { client: gitlab, requests } = client(() =>
      surveyAnswer({ fullPath: 'gitlab-com', okr: ['OKR'], objectives: 14, keyResults: 40 }),
    );
    const proposal = await detectCarrier({ client: gitlab }, 'gitlab-com');
    expect(proposal.found).toBe(true);
    expect(proposal.settings?.carrier).toBe('workItemTypes');
    expect(proposal.summary).toBe('14 objectives and 40 key results in gitlab-com.');
    expect(proposal.groupPath).toBe('gitlab-com');
    expect(requests.map((r) => r.operationName)).toEqual(['DetectCarrierSurveyQuery']);
  });

  it('proposes epics and labels with the labels, quarter and fields it found, in two requests', async () => {
    const { client: gitlab, requests } = client((request) =>
      request.operationName === 'DetectCarrierSurveyQuery'
        ? surveyAnswer({
            fullPath: 'acme',
            okr: ['okr:o', 'okr:kr', 'okrq:FY26-Q4', 'okrq:FY27-Q1'],
          })
        : {
            data: {
              group: {
                id: 'gid://gitlab/Group/2',
                objectives: {
                  count: 6,
                  nodes: [
                    {
                      id: 'gid://gitlab/WorkItem/1',
                      widgets: [
                        {
                          __typename: 'WorkItemWidgetHierarchy',
                          children: {
                            nodes: [
                              child('Issue', 'okr:kr'),
                              child('Issue'),
                              child('Epic', 'okr:o'),
                            ],
                          },
                        },
                      ],
                    },
                  ],
                },
                keyResults: count(19),
                quarterObjectives: count(6),
                quarterKeyResults: count(18),
              },
            },
          },
    );
    const proposal = await detectCarrier({ client: gitlab }, 'acme');
    expect(proposal.found).toBe(true);
    expect(proposal.summary).toBe('6 objectives and 18 key results in acme for FY27-Q1.');
    expect(proposal.carrierWords).toBe('epics and labels');
    const settings = proposal.settings!;
    expect(settings.carrier).toBe('epics');
    expect(settings.objectiveEpics).toBe('labelled');
    expect(settings.objectiveLabels).toEqual([['okr:o']]);
    expect(settings.keyResultLabels).toEqual([['okr:kr']]);
    expect(settings.quarter).toEqual({ source: 'label', labelPattern: 'okrq:{quarter}' });
    expect(settings.fields).toEqual(DEFAULT_EPIC_SETTINGS.fields);
    expect(proposal.details.at(-1)).toBe(
      'Values: the custom number fields Start, Current and Target where an item has them.',
    );
    // The sample asked for the newest quarter, with the labels as GitLab spells them.
    const sample = requests[1]!;
    expect(sample.operationName).toBe('DetectCarrierSampleQuery');
    expect(sample.variables).toMatchObject({
      groupPath: 'acme',
      objectiveLabels: ['okr:o'],
      keyResultLabels: ['okr:kr'],
      quarterObjectiveLabels: ['okr:o', 'okrq:FY27-Q1'],
    });
    expect(requests).toHaveLength(2);
    // What the proposal says is what classify then reads.
    expect(classify({ typeName: 'Epic', labels: ['OKR::O'] }, settings)).toBe('objective');
    expect(classify({ typeName: 'Issue', labels: ['okr:kr'] }, settings)).toBe('keyResult');
  });

  it('finds a project’s custom "Key result" type and the handbook’s OKR + Objective labels', async () => {
    const customTypes = [
      ...NATIVE_TYPES.filter((type) => type.name !== 'Key Result' && type.name !== 'Objective'),
      { id: 'gid://gitlab/WorkItems::Type/1001', name: 'Key result' },
    ];
    const { client: gitlab, requests } = client((request) =>
      request.operationName === 'DetectCarrierSurveyQuery'
        ? surveyAnswer(
            {
              fullPath: 'northwind',
              okr: ['OKR'],
              objective: ['Objective'],
            },
            customTypes,
          )
        : {
            data: {
              group: {
                id: 'gid://gitlab/Group/3',
                objectives: {
                  count: 1,
                  nodes: [
                    {
                      id: 'gid://gitlab/WorkItem/9',
                      widgets: [
                        {
                          __typename: 'WorkItemWidgetHierarchy',
                          children: { nodes: [child('Key result'), child('Key result')] },
                        },
                      ],
                    },
                  ],
                },
                typedKeyResults: count(2),
              },
            },
          },
    );
    const proposal = await detectCarrier({ client: gitlab }, 'northwind/roadmap');
    expect(proposal.summary).toBe('1 objective and 2 key results in northwind.');
    expect(proposal.groupPath).toBe('northwind');
    expect(proposal.carrierWords).toBe('epics and Key result items');
    const settings = proposal.settings!;
    expect(settings.carrier).toBe('epics');
    expect(settings.objectiveLabels).toEqual([['OKR', 'Objective']]);
    expect(settings.keyResultTypeNames).toEqual(['Key result']);
    expect(settings.quarter.source).toBe('milestone');
    expect(requests[0]!.variables).toEqual({
      fullPath: 'northwind/roadmap',
      groupPath: 'northwind',
    });
    expect(requests[1]!.variables).toMatchObject({
      keyResultTypeIds: ['gid://gitlab/WorkItems::Type/1001'],
      withKeyResultTypes: true,
      withKeyResultLabels: false,
    });
    expect(classify({ typeName: 'Key result', labels: [] }, settings)).toBe('keyResult');
  });

  it('says plainly that a group holds no OKRs, and what it looked for', async () => {
    const { client: gitlab, requests } = client((request) =>
      request.operationName === 'DetectCarrierSurveyQuery'
        ? surveyAnswer({ fullPath: 'gitlab-org' })
        : { data: { group: { id: 'gid://gitlab/Group/4', typedKeyResults: count(0) } } },
    );
    const proposal = await detectCarrier({ client: gitlab }, 'gitlab-org');
    expect(proposal.found).toBe(false);
    expect(proposal.settings).toBeNull();
    expect(proposal.summary).toBe(
      'No OKRs found in gitlab-org: no Objective or Key Result items, no OKR labels, no labelled epics.',
    );
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  it('names the types it did not find when the namespace has none', () => {
    const proposal = proposalOf({
      searchedPath: 'plain',
      survey: {
        capabilities: capabilitiesOf(null),
        group: { fullPath: 'plain', name: 'Plain' },
        types: NATIVE_TYPES.filter((type) => !/Objective|Key/.test(type.name)),
        labels: [],
        nativeCounts: { objectives: 0, keyResults: 0 },
      },
      sample: null,
    });
    expect(proposal.summary).toBe(
      'No OKRs found in plain: no Objective or Key Result types, no OKR labels, no labelled epics.',
    );
  });

  it('on GitLab 17.0 reads with 17.0’s documents and says why labelled epics cannot be read', async () => {
    const { client: gitlab, requests } = client((request) => {
      if (request.operationName === 'VersionQuery')
        return { data: { metadata: { version: '17.0.3-ee' } } };
      if (request.body?.includes('namespace(fullPath'))
        return {
          errors: [
            {
              message: "Field 'workItemTypes' doesn't exist on type 'Namespace'",
              locations: [{ line: 3, column: 5 }],
              path: ['query DetectCarrierSurveyQuery', 'namespace', 'workItemTypes'],
              extensions: {
                code: 'undefinedField',
                typeName: 'Namespace',
                fieldName: 'workItemTypes',
              },
            },
          ],
        };
      const answer = surveyAnswer({ fullPath: 'acme', okr: ['okr:o', 'okr:kr'] });
      return { data: { project: null, group: answer.data.group } };
    });
    const proposal = await detectCarrier({ client: gitlab }, 'acme');
    expect(proposal.found).toBe(false);
    expect(proposal.summary).toBe(
      'No OKRs found in acme: it has the labels okr:o and okr:kr, but GitLab 17.0 does not serve epics as work items, which OKR Lens needs to read them (GitLab 17.2 or later).',
    );
    // 17.0's survey reads types from a project and asks for no custom fields.
    const retried = requests.at(-1)!;
    expect(retried.body).toContain('project(fullPath');
    expect(retried.body).not.toContain('customFields');
    expect(requests.map((r) => r.operationName)).toEqual([
      'DetectCarrierSurveyQuery',
      'VersionQuery',
      'DetectCarrierSurveyQuery',
    ]);
  });

  it('keys a choice by the top-level group in lower case', () => {
    expect(topLevelGroupOf('Acme/Engineering')).toBe('acme');
  });
});
