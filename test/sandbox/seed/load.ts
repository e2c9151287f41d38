// Loads seed/okrs.yaml into a SandboxStore: relative dates resolved against the sandbox clock,
// every health and progress change replayed so GitLab's system notes carry the seed's dates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { fiscalQuarter, isoDay, isoTime, resolveDate } from '../clock';
import {
  ACCESS,
  SandboxStore,
  type HealthStatus,
  type WorkItemRecord,
  type WorkItemTypeName,
} from '../store';

const SEED_FILE = fileURLToPath(new URL('./okrs.yaml', import.meta.url));
/** OKRs kept as epics and labelled issues, and as a custom work item type (issue 12). */
const CARRIERS_FILE = fileURLToPath(new URL('./carriers.yaml', import.meta.url));

const when = z.union([z.string(), z.number()]);
const healthChange = z.object({
  status: z.enum(['onTrack', 'needsAttention', 'atRisk']).nullable(),
  at: when.optional(),
  by: z.string().optional(),
});
/** Custom field values by field name, set at `at` by `by` (default: the first assignee). */
const customValuesSpec = z
  .object({ at: when.optional(), by: z.string().optional() })
  .catchall(z.union([z.number(), z.string(), z.null()]));

const progressSpec = z.union([
  z.object({ value: z.number(), at: when.optional(), by: z.string().optional() }),
  z.object({
    start: z.number(),
    current: z.number(),
    end: z.number(),
    at: when.optional(),
    by: z.string().optional(),
  }),
]);

interface WorkItemSpec {
  key: string;
  type?: WorkItemTypeName;
  namespace?: string;
  iid?: number;
  title: string;
  author?: string;
  assignees?: string[];
  milestone?: string;
  labels?: string[];
  /** The item's own weight (issues and tasks). */
  weight?: number;
  /** Custom field values by field name, or a history of such writes (each writes GitLab's notes). */
  customFields?: z.infer<typeof customValuesSpec> | z.infer<typeof customValuesSpec>[];
  confidential?: boolean;
  state?: 'opened' | 'closed';
  created?: string | number;
  closedAt?: string | number;
  startDate?: string | number;
  dueDate?: string | number;
  description?: string;
  health?: z.infer<typeof healthChange> | z.infer<typeof healthChange>[] | HealthStatus;
  progress?: z.infer<typeof progressSpec>;
  storedProgress?: { value: number; at?: string | number; by?: string };
  notes?: { by: string; at?: string | number; body: string; internal?: boolean }[];
  links?: string[];
  children?: WorkItemSpec[];
}

const workItemSpec: z.ZodType<WorkItemSpec> = z.lazy(() =>
  z.object({
    key: z.string(),
    /** A base type, or a custom type the seed defines (`workItemTypes`). */
    type: z.string().optional(),
    namespace: z.string().optional(),
    iid: z.number().int().positive().optional(),
    title: z.string(),
    author: z.string().optional(),
    assignees: z.array(z.string()).optional(),
    milestone: z.string().optional(),
    labels: z.array(z.string()).optional(),
    weight: z.number().int().nonnegative().optional(),
    customFields: z.union([customValuesSpec, z.array(customValuesSpec)]).optional(),
    confidential: z.boolean().optional(),
    state: z.enum(['opened', 'closed']).optional(),
    created: when.optional(),
    closedAt: when.optional(),
    startDate: when.optional(),
    dueDate: when.optional(),
    description: z.string().optional(),
    health: z
      .union([healthChange, z.array(healthChange), z.enum(['onTrack', 'needsAttention', 'atRisk'])])
      .optional(),
    progress: progressSpec.optional(),
    storedProgress: z
      .object({ value: z.number(), at: when.optional(), by: z.string().optional() })
      .optional(),
    notes: z
      .array(
        z.object({
          by: z.string(),
          at: when.optional(),
          body: z.string(),
          internal: z.boolean().optional(),
        }),
      )
      .optional(),
    links: z.array(z.string()).optional(),
    children: z.array(workItemSpec).optional(),
  }),
);

const seedFile = z.object({
  users: z
    .array(z.object({ username: z.string(), name: z.string(), jobTitle: z.string().default('') }))
    .default([]),
  tokens: z
    .array(
      z.object({
        name: z.string(),
        value: z.string(),
        user: z.string(),
        scopes: z.array(z.string()),
        expiresAt: when.nullable(),
        createdAt: when.default('-30d'),
      }),
    )
    .default([]),
  namespaces: z
    .array(
      z.object({
        path: z.string(),
        kind: z.enum(['group', 'project']),
        name: z.string(),
        visibility: z.enum(['public', 'private']).default('public'),
        members: z
          .record(
            z.string(),
            z.enum(['guest', 'planner', 'reporter', 'developer', 'maintainer', 'owner']),
          )
          .default({}),
        /** GitLab's OKR roll-up in this project (on unless switched off). */
        okrRollups: z.boolean().optional(),
        /** GitLab's `okr_checkin_reminders` feature flag for this project (off by default). */
        okrCheckinReminders: z.boolean().optional(),
        /** GitLab's `okrs_mvc` flag for a top-level group (on unless switched off). */
        okrTypes: z.boolean().optional(),
      }),
    )
    .default([]),
  milestones: z
    .array(
      z.object({
        key: z.string(),
        namespace: z.string(),
        /** Fiscal quarter relative to now (0 = current): title and dates come from the calendar. */
        quarter: z.number().int().optional(),
        title: z.string().optional(),
        start: when.optional(),
        due: when.optional(),
        state: z.enum(['active', 'closed']).optional(),
      }),
    )
    .default([]),
  /** `namespace`: the group (group label) or project (project label) that owns it. */
  labels: z
    .array(
      z.object({
        title: z.string(),
        color: z.string(),
        description: z.string().optional(),
        namespace: z.string(),
      }),
    )
    .default([]),
  /** Custom work item types (GitLab 19.1), each on a top-level group. */
  workItemTypes: z
    .array(z.object({ namespace: z.string(), name: z.string(), iconName: z.string() }))
    .default([]),
  /** Custom fields on top-level groups, for the types named (base or custom). */
  customFields: z
    .array(
      z.object({
        namespace: z.string(),
        name: z.string(),
        fieldType: z.enum(['SINGLE_SELECT', 'MULTI_SELECT', 'NUMBER', 'TEXT', 'DATE']),
        workItemTypes: z.array(z.string()),
        active: z.boolean().default(true),
        createdBy: z.string().default('casey'),
        created: when.default('-60d'),
      }),
    )
    .default([]),
  workItems: z.array(workItemSpec).default([]),
});

export type SeedFile = z.infer<typeof seedFile>;

export function readSeedFile(path = SEED_FILE): SeedFile {
  return seedFile.parse(parse(readFileSync(path, 'utf8')));
}

/** The sandbox's whole seed: okrs.yaml, then carriers.yaml (each list appended in that order). */
export function readSeedFiles(paths: string[] = [SEED_FILE, CARRIERS_FILE]): SeedFile {
  const files = paths.map((path) => readSeedFile(path));
  return {
    users: files.flatMap((f) => f.users),
    tokens: files.flatMap((f) => f.tokens),
    namespaces: files.flatMap((f) => f.namespaces),
    milestones: files.flatMap((f) => f.milestones),
    labels: files.flatMap((f) => f.labels),
    workItemTypes: files.flatMap((f) => f.workItemTypes),
    customFields: files.flatMap((f) => f.customFields),
    workItems: files.flatMap((f) => f.workItems),
  };
}

/**
 * A seed title with its quarter placeholders filled in: `{{quarter}}` is the current fiscal
 * quarter's title (`FY27-Q1`), `{{quarter-1}}` / `{{quarter+1}}` the previous / next one, so
 * quarter labels (`okrq:{{quarter}}`) name the same quarter as the seed's milestones.
 */
export function seedTitle(title: string, now: Date): string {
  return title.replace(
    /\{\{\s*quarter\s*(?:([+-])\s*(\d+))?\s*\}\}/g,
    (_, sign, n) => fiscalQuarter(now, sign ? Number(`${sign}${n}`) : 0).title,
  );
}

/** Fills the store from the seed files. Returns the store for chaining. */
export function loadSeed(store: SandboxStore, seed: SeedFile = readSeedFiles()): SandboxStore {
  const now = store.now();
  const at = (value: string | number | undefined, fallback = 'now'): string =>
    isoTime(resolveDate(value ?? fallback, now));
  const day = (value: string | number): string => isoDay(resolveDate(value, now));
  const userId = (username: string): number => {
    const user = store.userByUsername(username);
    if (!user) throw new Error(`Seed names unknown user ${username}`);
    return user.id;
  };

  for (const user of seed.users) store.addUser({ ...user, createdAt: at('-900d') });
  for (const token of seed.tokens) {
    store.addToken({
      value: token.value,
      name: token.name,
      userId: userId(token.user),
      scopes: token.scopes,
      createdAt: at(token.createdAt),
      expiresAt: token.expiresAt === null ? null : day(token.expiresAt),
      revoked: false,
    });
  }
  for (const ns of seed.namespaces) {
    const members = new Map(
      Object.entries(ns.members).map(
        ([username, role]) => [userId(username), ACCESS[role]] as const,
      ),
    );
    store.addNamespace({
      kind: ns.kind,
      fullPath: ns.path,
      name: ns.name,
      visibility: ns.visibility,
      members,
      ...(ns.okrRollups === undefined ? {} : { okrRollups: ns.okrRollups }),
      ...(ns.okrCheckinReminders === undefined
        ? {}
        : { okrCheckinReminders: ns.okrCheckinReminders }),
      ...(ns.okrTypes === undefined ? {} : { okrTypes: ns.okrTypes }),
    });
  }

  for (const type of seed.workItemTypes)
    store.addCustomType({
      namespacePath: type.namespace,
      name: type.name,
      iconName: type.iconName,
    });
  for (const field of seed.customFields) {
    store.addCustomField({
      namespacePath: field.namespace,
      name: field.name,
      fieldType: field.fieldType,
      active: field.active,
      workItemTypeIds: field.workItemTypes.map((name) => store.typeInfo(name).id),
      createdById: userId(field.createdBy),
      createdAt: at(field.created),
    });
  }

  const milestoneIds = new Map<string, number>();
  for (const m of seed.milestones) {
    const quarter = m.quarter === undefined ? undefined : fiscalQuarter(now, m.quarter);
    const startDate = quarter?.startDate ?? (m.start === undefined ? null : day(m.start));
    const dueDate = quarter?.dueDate ?? (m.due === undefined ? null : day(m.due));
    const title = m.title ?? quarter?.title;
    if (!title) throw new Error(`Milestone ${m.key} needs a title or a quarter`);
    const created = store.addMilestone({
      title,
      description: quarter ? `Fiscal quarter ${title}` : '',
      // GitLab leaves an expired milestone active until someone closes it.
      state: m.state ?? 'active',
      startDate,
      dueDate,
      namespacePath: m.namespace,
      // Milestones are made a few weeks before their quarter starts (and never in the future).
      createdAt: minIso(at(startDate ? `${startDate}-21d` : '-400d'), at('now')),
      updatedAt: minIso(at(startDate ? `${startDate}-21d` : '-400d'), at('now')),
    });
    milestoneIds.set(m.key, created.id);
  }
  for (const label of seed.labels) {
    if (!store.namespace(label.namespace))
      throw new Error(`Label ${label.title} names unknown namespace ${label.namespace}`);
    store.addLabel({
      title: seedTitle(label.title, now),
      color: label.color,
      textColor: '#FFFFFF',
      description: label.description ?? null,
      namespacePath: label.namespace,
    });
  }

  // Items first (parents before children), then what happens to them over time.
  const created: { spec: WorkItemSpec; item: WorkItemRecord }[] = [];
  const addTree = (
    spec: WorkItemSpec,
    parent: WorkItemRecord | null,
    inherited: { namespace?: string; milestone?: string },
  ) => {
    const type: WorkItemTypeName =
      spec.type ??
      (parent?.type === 'Objective'
        ? 'Key Result'
        : parent?.type === 'Epic'
          ? 'Issue'
          : 'Objective');
    const namespacePath = spec.namespace ?? inherited.namespace;
    if (!namespacePath) throw new Error(`Seed item ${spec.key} needs a namespace`);
    const milestoneKey = spec.milestone ?? inherited.milestone;
    const milestoneId =
      milestoneKey && milestoneKey !== 'none' ? milestoneIds.get(milestoneKey) : undefined;
    if (milestoneKey && milestoneKey !== 'none' && milestoneId === undefined)
      throw new Error(`Unknown milestone ${milestoneKey}`);
    const assignees = spec.assignees ?? [];
    const result = store.createWorkItem({
      namespacePath,
      type,
      title: spec.title,
      iid: spec.iid,
      authorId: userId(spec.author ?? assignees[0] ?? 'casey'),
      description: (spec.description ?? '').replace(
        /\{\{\s*([^}]+?)\s*\}\}/g,
        (_, expression: string) => day(expression),
      ),
      confidential: spec.confidential,
      state: spec.state,
      assigneeIds: assignees.map(userId),
      milestoneId: milestoneId ?? null,
      labelIds: (spec.labels ?? []).map((title) => {
        const label = store.labelByTitle(seedTitle(title, now), namespacePath);
        if (!label) throw new Error(`Seed item ${spec.key}: no label ${title} in ${namespacePath}`);
        return label.id;
      }),
      weight: spec.weight ?? null,
      startDate: spec.startDate === undefined ? null : day(spec.startDate),
      dueDate: spec.dueDate === undefined ? null : day(spec.dueDate),
      parentId: parent?.id ?? null,
      createdAt: at(spec.created, 'quarter.start-7d'),
      closedAt: spec.closedAt === undefined ? null : at(spec.closedAt),
      seedKey: spec.key,
    });
    if (!result.item) throw new Error(`Seed item ${spec.key}: ${result.errors.join('; ')}`);
    created.push({ spec, item: result.item });
    for (const child of spec.children ?? [])
      addTree(child, result.item, { namespace: namespacePath, milestone: milestoneKey });
  };
  for (const spec of seed.workItems) addTree(spec, null, {});

  for (const { spec, item } of created) replayHistory(store, spec, item, at, userId);
  // Typed-over parent progress goes last, after every child has rolled up.
  for (const { spec, item } of created) {
    if (spec.storedProgress) {
      const by = spec.storedProgress.by;
      const actor = by ? userId(by) : (item.assigneeIds[0] ?? item.authorId);
      store.setStoredProgress(item, spec.storedProgress.value, at(spec.storedProgress.at), actor);
    }
  }
  for (const item of store.workItems.values()) {
    const latest = [
      item.createdAt,
      item.progress?.updatedAt ?? '',
      ...item.notes.map((n) => n.createdAt),
    ]
      .sort()
      .at(-1);
    item.updatedAt = latest ?? item.createdAt;
    if (item.closedAt && item.closedAt > item.updatedAt) item.updatedAt = item.closedAt;
  }
  return store;
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

function replayHistory(
  store: SandboxStore,
  spec: WorkItemSpec,
  item: WorkItemRecord,
  at: (value: string | number | undefined, fallback?: string) => string,
  userId: (username: string) => number,
): void {
  const defaultActor = item.assigneeIds[0] ?? item.authorId;
  const actor = (by: string | undefined) => (by ? userId(by) : defaultActor);
  const health =
    spec.health === undefined
      ? []
      : typeof spec.health === 'string'
        ? [{ status: spec.health }]
        : [spec.health].flat();
  for (const change of health)
    store.setHealthStatus(item, change.status, actor(change.by), at(change.at, item.createdAt));
  const progress = spec.progress;
  if (progress) {
    const values =
      'value' in progress
        ? { startValue: 0, currentValue: progress.value, endValue: 100 }
        : { startValue: progress.start, currentValue: progress.current, endValue: progress.end };
    const problem = store.setProgress(
      item,
      values,
      actor(progress.by),
      at(progress.at, item.createdAt),
    );
    if (problem) throw new Error(`Seed item ${spec.key}: ${problem}`);
  }
  const customWrites = spec.customFields === undefined ? [] : [spec.customFields].flat();
  for (const write of customWrites) {
    const { at: when, by, ...values } = write;
    const ns = store.namespace(item.namespacePath);
    const fields = ns ? store.customFieldsOf(ns) : [];
    const inputs = Object.entries(values).map(([name, value]) => {
      const field = fields.find((f) => f.name === name);
      if (!field) throw new Error(`Seed item ${spec.key}: no custom field ${name}`);
      return typeof value === 'string'
        ? { customFieldId: field.id, textValue: value }
        : { customFieldId: field.id, numberValue: value };
    });
    const problem = store.setCustomFieldValues(item, inputs, actor(by), at(when, item.createdAt));
    if (problem) throw new Error(`Seed item ${spec.key}: ${problem}`);
  }
  for (const note of spec.notes ?? []) {
    store.addNote(item, {
      authorId: userId(note.by),
      body: note.body,
      createdAt: at(note.at),
      internal: note.internal,
    });
  }
  for (const key of spec.links ?? []) {
    const target = store.workItemBySeedKey(key);
    if (!target) throw new Error(`Seed item ${spec.key} links unknown ${key}`);
    store.link(item, target, 'relates_to', item.createdAt);
  }
  if (item.state === 'closed') {
    const closedAt = item.closedAt ?? store.nowIso();
    store.addNote(item, {
      authorId: defaultActor,
      body: 'closed',
      system: true,
      createdAt: closedAt,
      systemNoteIconName: 'issue-close',
    });
  }
}
