// Quick-create under an objective epic (the epics carrier) against a fake GitLab group: the key
// result is an issue (or the project's own "Key result" item) in the project the user picked,
// with the key-result and quarter labels, the DRI, the milestone, the parent epic and its values
// in custom fields in ONE create; a retry after a lost answer finds the issue among the epic's
// children instead of making another; a batch whose values have nowhere to go makes nothing.
import { describe, expect, it } from 'vitest';
import { GitLabError } from '@/lib/gitlab/errors';
import { DEFAULT_EPIC_SETTINGS, type CarrierSettings } from '@/lib/gitlab/carriers/conventions';
import type { TypeWithWidgets } from '@/lib/gitlab/carrier-writes';
import type { KeyResultSubmission, ParentSnapshot, WorkItemRef } from '@/lib/messages';
import { createKeyResultService, type KeyResultGateway } from '@/lib/services/create-key-results';
import type { CreateAttempt, InstanceRecord } from '@/lib/settings';

const epicRef: WorkItemRef = {
  origin: 'https://gitlab.example.com',
  basePath: '',
  fullPath: 'acme',
  iid: '2',
  route: 'epic',
  namespaceKind: 'group',
};

const instance: InstanceRecord = {
  baseUrl: 'https://gitlab.example.com',
  origin: 'https://gitlab.example.com',
  addedAt: '2026-11-01T00:00:00.000Z',
  check: { ok: true, username: 'casey', scopes: ['api'], checkedAt: '2026-11-01T00:00:00.000Z' },
};

const LABEL_SETTINGS: CarrierSettings = {
  ...DEFAULT_EPIC_SETTINGS,
  quarter: { source: 'label', labelPattern: 'okrq:{quarter}' },
};

const ISSUE: TypeWithWidgets = {
  id: 'gid://gitlab/WorkItems::Type/1',
  name: 'Issue',
  widgets: ['ASSIGNEES', 'LABELS', 'MILESTONE', 'HIERARCHY', 'HEALTH_STATUS', 'CUSTOM_FIELDS'],
  parentTypeNames: ['Epic'],
};
const TASK: TypeWithWidgets = {
  id: 'gid://gitlab/WorkItems::Type/5',
  name: 'Task',
  widgets: [],
  parentTypeNames: ['Issue'],
};
/** GitLab's own Key Result type (okrs_mvc on): named like a key result, but only under an Objective. */
const NATIVE_KR: TypeWithWidgets = {
  id: 'gid://gitlab/WorkItems::Type/7',
  name: 'Key Result',
  widgets: ['ASSIGNEES', 'HIERARCHY', 'HEALTH_STATUS', 'PROGRESS'],
  parentTypeNames: ['Objective'],
};
const CUSTOM_KR: TypeWithWidgets = {
  id: 'gid://gitlab/WorkItems::Type/1001',
  name: 'Key result',
  widgets: ['ASSIGNEES', 'LABELS', 'HIERARCHY', 'HEALTH_STATUS', 'CUSTOM_FIELDS'],
  parentTypeNames: ['Epic'],
};

function epic(labels: string[] = ['okr:o', 'okrq:FY24-Q2']): ParentSnapshot {
  return {
    id: 'gid://gitlab/WorkItem/902',
    reference: 'acme&2',
    url: 'https://gitlab.example.com/groups/acme/-/epics/2',
    title: 'Make the platform boring',
    kind: 'objective',
    state: 'opened',
    milestone: null,
    children: [],
    childrenIncomplete: false,
    labels,
  };
}

function draft(overrides: Partial<KeyResultSubmission> = {}): KeyResultSubmission {
  return {
    localId: 'd1',
    title: 'Cut deploy time from 40 to 10 minutes',
    description: '### Overview\n',
    assigneeIds: ['gid://gitlab/User/3'],
    milestoneId: null,
    dueDate: null,
    healthStatus: 'onTrack',
    progress: { startValue: 40, currentValue: 35, endValue: 10 },
    projectPath: 'acme/engineering',
    ...overrides,
  };
}

type Created = Parameters<KeyResultGateway['createKeyResult']>[0] & {
  id: string;
  createdAt: string;
  values?: { customFieldId: string; numberValue: number }[];
};

function fakeGroup(options: { settings?: CarrierSettings; parent?: ParentSnapshot } = {}) {
  const created: Created[] = [];
  const updates: Parameters<KeyResultGateway['updateCustomFields']>[0][] = [];
  const faults = { loseNextAnswer: false, writesCustomFields: true };
  const types: Record<string, TypeWithWidgets[]> = {
    'acme/engineering': [ISSUE, TASK, NATIVE_KR],
    'acme/platform/infra': [ISSUE, TASK, CUSTOM_KR],
  };
  const clock = { time: Date.parse('2026-11-21T10:00:00.000Z') };
  const parentSnapshot = options.parent ?? epic();
  const gateway: KeyResultGateway = {
    loadParent: async () => ({
      ...parentSnapshot,
      // The epic's children: the issues made under it (GitLab's hierarchy widget lists them).
      children: created.map((item) => ({
        id: item.id,
        title: item.title,
        kind: 'keyResult' as const,
        state: 'opened' as const,
      })),
    }),
    keyResultTypeId: async () => null,
    issueProjects: async () => [
      { fullPath: 'acme/engineering', name: 'Engineering' },
      { fullPath: 'acme/platform/infra', name: 'Infra' },
    ],
    typesOf: async (path) => types[path] ?? [],
    numberFields: async () => [
      { id: 'gid://gitlab/Issuables::CustomField/1', name: 'Start', typeNames: [] },
      { id: 'gid://gitlab/Issuables::CustomField/2', name: 'Current', typeNames: [] },
      { id: 'gid://gitlab/Issuables::CustomField/3', name: 'Target', typeNames: [] },
      { id: 'gid://gitlab/Issuables::CustomField/9', name: 'Cost', typeNames: [] },
    ],
    labels: async () => [
      { id: 'gid://gitlab/GroupLabel/11', title: 'okr:o' },
      { id: 'gid://gitlab/GroupLabel/12', title: 'okr:kr' },
      { id: 'gid://gitlab/GroupLabel/13', title: 'okrq:FY24-Q2' },
      { id: 'gid://gitlab/GroupLabel/14', title: 'OKR' },
      { id: 'gid://gitlab/GroupLabel/15', title: 'Key Result' },
      { id: 'gid://gitlab/GroupLabel/16', title: 'Objective' },
    ],
    writesCustomFields: () => faults.writesCustomFields,
    async createKeyResult(input) {
      const id = `gid://gitlab/WorkItem/${1000 + created.length}`;
      created.push({
        ...input,
        id,
        createdAt: new Date(clock.time).toISOString(),
        ...(input.customFields ? { values: input.customFields } : {}),
      });
      if (faults.loseNextAnswer) {
        faults.loseNextAnswer = false;
        throw new GitLabError(
          { kind: 'timeout', message: 'GitLab did not answer within 30 seconds.' },
          { unclear: true },
        );
      }
      return { id, reference: `acme/engineering#${created.length}`, url: 'u', title: input.title };
    },
    updateProgress: async () => {
      throw new Error('an issue has no progress widget');
    },
    async updateCustomFields(input) {
      updates.push(input);
    },
    async findRecentChildByTitle(input) {
      const found = created.find(
        (item) => item.parentId === input.parentId && item.title === input.title,
      );
      return found ? { id: found.id, reference: 'r', url: 'u', title: found.title } : null;
    },
    members: async () => [{ id: 'gid://gitlab/User/3', username: 'casey', name: 'Casey' }],
    milestones: async () => [],
  };
  const attempts = new Map<string, CreateAttempt>();
  const remembered = new Map<string, string>();
  const service = createKeyResultService({
    instances: async () => [instance],
    gatewayFor: async () => gateway,
    attempts: {
      get: async (id) => attempts.get(id) ?? null,
      put: async (attempt) => void attempts.set(attempt.localId, attempt),
    },
    now: () => new Date(clock.time),
    changed: async () => undefined,
    settingsFor: async () => options.settings ?? LABEL_SETTINGS,
    projectChoice: {
      get: async (_instance, group) => remembered.get(group) ?? null,
      set: async (_instance, group, project) => void remembered.set(group, project),
    },
  });
  return { service, created, updates, faults, remembered, types };
}

describe('quick-create under an objective epic', () => {
  it('offers the group’s projects and says which labels and fields the key result gets', async () => {
    const { service, remembered } = fakeGroup();
    remembered.set('acme', 'acme/platform/infra');
    const result = await service.context(epicRef);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.context.destination).toEqual({
      kind: 'project',
      projects: [
        { fullPath: 'acme/engineering', name: 'Engineering' },
        { fullPath: 'acme/platform/infra', name: 'Infra' },
      ],
      chosen: 'acme/platform/infra',
      labels: ['okr:kr', 'okrq:FY24-Q2'],
      missingLabels: [],
      quarter: 'FY24-Q2',
      fields: { start: 'Start', current: 'Current', target: 'Target' },
    });
    expect(result.context.members.map((member) => member.username)).toEqual(['casey']);
  });

  it('makes ONE issue in the picked project with parent, labels, DRI and values in the same request', async () => {
    const { service, created, updates, remembered } = fakeGroup();
    const result = await service.submit(epicRef, [draft()]);
    expect(result.ok && result.outcomes.map((outcome) => outcome.state)).toEqual(['created']);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      namespacePath: 'acme/engineering',
      typeId: ISSUE.id,
      parentId: 'gid://gitlab/WorkItem/902',
      assigneeIds: ['gid://gitlab/User/3'],
      labelIds: ['gid://gitlab/GroupLabel/12', 'gid://gitlab/GroupLabel/13'],
      customFields: [
        { customFieldId: 'gid://gitlab/Issuables::CustomField/1', numberValue: 40 },
        { customFieldId: 'gid://gitlab/Issuables::CustomField/2', numberValue: 35 },
        { customFieldId: 'gid://gitlab/Issuables::CustomField/3', numberValue: 10 },
      ],
    });
    // Everything went with the create: no second request.
    expect(updates).toEqual([]);
    expect(remembered.get('acme')).toBe('acme/engineering');
  });

  it('makes an issue, not GitLab’s own Key Result (whose parent must be an Objective)', async () => {
    const { service, created } = fakeGroup();
    await service.submit(epicRef, [draft()]);
    expect(created.map((item) => item.typeId)).toEqual([ISSUE.id]);
  });

  it('makes an item of the project’s own "Key result" type where the project has one', async () => {
    const { service, created } = fakeGroup();
    await service.submit(epicRef, [draft({ projectPath: 'acme/platform/infra' })]);
    expect(created.map((item) => [item.namespacePath, item.typeId])).toEqual([
      ['acme/platform/infra', CUSTOM_KR.id],
    ]);
  });

  it('pairs the key-result label with the parent’s objective label (OKR + Objective → OKR + Key Result)', async () => {
    const { service, created } = fakeGroup({
      parent: epic(['OKR', 'Objective']),
      settings: DEFAULT_EPIC_SETTINGS,
    });
    await service.submit(epicRef, [draft()]);
    expect(created[0]?.labelIds).toEqual([
      'gid://gitlab/GroupLabel/14',
      'gid://gitlab/GroupLabel/15',
    ]);
  });

  it('after a lost answer, a retry finds the issue among the epic’s children and sets its values again', async () => {
    const { service, created, updates, faults } = fakeGroup();
    faults.loseNextAnswer = true;
    const first = await service.submit(epicRef, [draft()]);
    expect(first.ok && first.outcomes[0]?.state).toBe('unclear');
    const retry = await service.submit(epicRef, [draft()]);
    expect(retry.ok && retry.outcomes[0]).toMatchObject({ state: 'created', recovered: true });
    expect(created).toHaveLength(1);
    expect(updates).toEqual([
      {
        id: created[0]!.id,
        values: [
          { customFieldId: 'gid://gitlab/Issuables::CustomField/1', numberValue: 40 },
          { customFieldId: 'gid://gitlab/Issuables::CustomField/2', numberValue: 35 },
          { customFieldId: 'gid://gitlab/Issuables::CustomField/3', numberValue: 10 },
        ],
      },
    ]);
  });

  it('refuses a batch with no project picked, and makes nothing', async () => {
    const { service, created } = fakeGroup();
    const { projectPath: _none, ...withoutProject } = draft();
    const result = await service.submit(epicRef, [withoutProject]);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'invalidRequest' } });
    expect(!result.ok && result.problem.message).toMatch(/Pick the project/);
    expect(created).toEqual([]);
  });

  it('refuses values a GitLab before 17.10 cannot store, and makes nothing; without values it creates', async () => {
    const { service, created, faults } = fakeGroup();
    faults.writesCustomFields = false;
    const refused = await service.submit(epicRef, [draft()]);
    expect(!refused.ok && refused.problem.message).toMatch(
      /Nothing was created.*older than 17\.10.*Leave the values empty/,
    );
    expect(created).toEqual([]);
    const plain = await service.submit(epicRef, [draft({ localId: 'd2', progress: null })]);
    expect(plain.ok && plain.outcomes[0]?.state).toBe('created');
    expect(created[0]?.customFields).toBeUndefined();
  });

  it('says which labels the group lacks instead of setting them', async () => {
    const { service } = fakeGroup({ parent: epic(['okr:o', 'okrq:FY25-Q1']) });
    const result = await service.context(epicRef);
    expect(result.ok && result.context.destination).toMatchObject({
      labels: ['okr:kr'],
      missingLabels: ['okrq:FY25-Q1'],
    });
  });
});
