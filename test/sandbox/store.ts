// The sandbox's in-memory GitLab: users, groups, projects, milestones, labels and work items,
// with the rules GitLab applies when work items are created and updated (hierarchy limits,
// progress formula, parent roll-up, system notes, confidentiality).

import { isoTime } from './clock';

export type AccessLevel = 10 | 15 | 20 | 30 | 40 | 50;
export const ACCESS = {
  guest: 10,
  planner: 15,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

export type HealthStatus = 'onTrack' | 'needsAttention' | 'atRisk';
/** GitLab's system-defined types the sandbox serves. */
export type BaseTypeName = 'Issue' | 'Task' | 'Objective' | 'Key Result' | 'Epic';
/** A base type's name, or a custom type's (e.g. "Key result"). */
export type WorkItemTypeName = string;
export type LinkType = 'relates_to' | 'blocks' | 'is_blocked_by';

export interface User {
  id: number;
  username: string;
  name: string;
  /** Shown nowhere by GitLab's API but handy in the pages. */
  jobTitle: string;
  createdAt: string;
  /** GitLab's internal bots (`UserCore.bot`): here only its automation bot. */
  bot?: boolean;
}

export interface Token {
  value: string;
  name: string;
  userId: number;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
}

export interface Namespace {
  id: number;
  kind: 'group' | 'project';
  fullPath: string;
  name: string;
  /** Private namespaces are readable by members only. */
  visibility: 'public' | 'private';
  members: Map<number, AccessLevel>;
  /**
   * Whether GitLab rolls OKR progress up to parents in this project (on unless switched off):
   * `okr_automatic_rollups_enabled?` on the project in GitLab 16–17, the progress record's
   * `rollup_progress` in later versions (ee/app/models/work_items/progress.rb).
   */
  okrRollups?: boolean;
  /**
   * GitLab's `okr_checkin_reminders` feature flag for this project (off unless switched on): the
   * `/checkin_reminder` quick action exists only where it is on
   * (ee/lib/ee/gitlab/quick_actions/work_item_actions.rb).
   */
  okrCheckinReminders?: boolean;
  /**
   * GitLab's `okrs_mvc` feature flag for this top-level group (on unless switched off): without it
   * the group and its projects have no Objective / Key Result types.
   */
  okrTypes?: boolean;
}

export interface Milestone {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: 'active' | 'closed';
  startDate: string | null;
  dueDate: string | null;
  /** The project or group the milestone belongs to. */
  namespacePath: string;
  createdAt: string;
  updatedAt: string;
}

export interface Label {
  id: number;
  title: string;
  color: string;
  textColor: string;
  description: string | null;
  /**
   * The group or project the label belongs to. A group label can go on items of the group and
   * of every project and subgroup below it; a project label only on that project's items.
   */
  namespacePath: string;
}

/** GitLab's scoped label separator (ee/app/models/ee/label.rb `SCOPED_LABEL_SEPARATOR`). */
const SCOPED_LABEL_SEPARATOR = '::';

/**
 * A scoped label's scope, or null for an unscoped one: ee/app/models/ee/label.rb
 * `scoped_label_key` takes everything before the LAST `::` (`SCOPED_LABEL_PATTERN = /^.*::/`,
 * greedy), so `a::b::c` has the scope `a::b`.
 */
export function scopedLabelKey(title: string): string | null {
  const cut = title.lastIndexOf(SCOPED_LABEL_SEPARATOR);
  return cut < 0 ? null : title.slice(0, cut);
}

/**
 * At most one label per scope, as GitLab keeps it (ee/app/models/scoped_label_set.rb and its use
 * in ee/app/services/ee/issuable_base_service.rb): where several labels of one scope would be on
 * an item, only the one latest in `orderedIds` (existing labels first, then the added ones, in the
 * order given) stays. Unscoped labels are untouched.
 */
export function keepOneLabelPerScope(orderedIds: number[], labels: Map<number, Label>): number[] {
  const unique = [...new Set(orderedIds)];
  const lastOfScope = new Map<string, number>();
  for (const id of unique) {
    const key = scopedLabelKey(labels.get(id)?.title ?? '');
    if (key !== null) lastOfScope.set(key, id);
  }
  return unique.filter((id) => {
    const key = scopedLabelKey(labels.get(id)?.title ?? '');
    return key === null || lastOfScope.get(key) === id;
  });
}

export interface ProgressRecord {
  progress: number;
  startValue: number;
  currentValue: number;
  endValue: number;
  updatedAt: string;
  /** Set by `/checkin_reminder` (GitLab keeps it on the progress record). */
  reminderFrequency?: ReminderFrequency;
}

/** `WorkItems::Progress.reminder_frequencies` (ee/app/models/work_items/progress.rb). */
export const REMINDER_FREQUENCIES = ['weekly', 'twice_monthly', 'monthly', 'never'] as const;
export type ReminderFrequency = (typeof REMINDER_FREQUENCIES)[number];

export interface NoteRecord {
  id: number;
  discussionId: string;
  body: string;
  authorId: number;
  createdAt: string;
  system: boolean;
  systemNoteIconName: string | null;
  internal: boolean;
}

export interface LinkRecord {
  id: number;
  targetId: number;
  linkType: LinkType;
  createdAt: string;
}

export interface WorkItemRecord {
  id: number;
  iid: number;
  namespacePath: string;
  type: WorkItemTypeName;
  title: string;
  state: 'opened' | 'closed';
  confidential: boolean;
  description: string;
  authorId: number;
  assigneeIds: number[];
  milestoneId: number | null;
  labelIds: number[];
  healthStatus: HealthStatus | null;
  /** Custom field values by field id (a number field's number, a text field's text). */
  customValues: Record<number, number | string>;
  /** The item's own weight (issues and tasks; GitLab does not store one on epics). */
  weight: number | null;
  /** null until someone sets a progress (or a child rolls one up). */
  progress: ProgressRecord | null;
  startDate: string | null;
  dueDate: string | null;
  parentId: number | null;
  links: LinkRecord[];
  notes: NoteRecord[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  lockVersion: number;
  /** Stable name from the seed file, so tests never hard-code iids. */
  seedKey: string | null;
}

export interface WorkItemTypeInfo {
  id: number;
  name: WorkItemTypeName;
  /** The base type's IssueType value (a custom type: its base type's, ISSUE). */
  enumName: 'ISSUE' | 'TASK' | 'OBJECTIVE' | 'KEY_RESULT' | 'EPIC';
  iconName: string;
  widgets: WidgetTypeName[];
  allowedChildTypes: WorkItemTypeName[];
  /**
   * A custom type (GitLab 19.1; ee/app/models/work_items/types_framework/custom/type.rb): defined
   * on a top-level group, it delegates its widgets, hierarchy and base type to the issue type.
   */
  custom?: { namespacePath: string; base: 'Issue' };
}

/** GitLab's custom field types (the CustomFieldType enum). */
export type CustomFieldType = 'SINGLE_SELECT' | 'MULTI_SELECT' | 'NUMBER' | 'TEXT' | 'DATE';

/**
 * A custom field defined on a top-level group (ee/app/models/issuables/custom_field.rb), for the
 * work item types it lists.
 */
export interface CustomFieldRecord {
  id: number;
  /** The top-level group that defines it. */
  namespacePath: string;
  name: string;
  fieldType: CustomFieldType;
  active: boolean;
  workItemTypeIds: number[];
  createdById: number;
  createdAt: string;
  updatedAt: string;
}

/** One value written through `customFieldsWidget` (GraphQL's ids already turned into numbers). */
export interface CustomFieldInput {
  customFieldId: number;
  numberValue?: number | null;
  textValue?: string | null;
}

export type WidgetTypeName =
  | 'ASSIGNEES'
  | 'DESCRIPTION'
  | 'HIERARCHY'
  | 'LABELS'
  | 'MILESTONE'
  | 'NOTES'
  | 'HEALTH_STATUS'
  | 'PROGRESS'
  | 'LINKED_ITEMS'
  | 'START_AND_DUE_DATE'
  | 'WEIGHT'
  | 'CUSTOM_FIELDS';

const COMMON_WIDGETS: WidgetTypeName[] = [
  'ASSIGNEES',
  'DESCRIPTION',
  'HIERARCHY',
  'LABELS',
  'MILESTONE',
  'NOTES',
  'LINKED_ITEMS',
  'START_AND_DUE_DATE',
  // Every type GitLab ships has the custom fields widget (e.g. the `custom_fields` entry of
  // ee/app/models/work_items/system_defined/types/epic.rb WIDGETS).
  'CUSTOM_FIELDS',
];

/** GitLab's base work item types (ids as on a default instance) and their hierarchy rules. */
export const WORK_ITEM_TYPES: WorkItemTypeInfo[] = [
  {
    id: 1,
    name: 'Issue',
    enumName: 'ISSUE',
    iconName: 'work-item-issue',
    widgets: [...COMMON_WIDGETS, 'HEALTH_STATUS', 'WEIGHT'],
    allowedChildTypes: ['Task'],
  },
  {
    id: 5,
    name: 'Task',
    enumName: 'TASK',
    iconName: 'work-item-task',
    widgets: [...COMMON_WIDGETS, 'WEIGHT'],
    allowedChildTypes: [],
  },
  {
    id: 6,
    name: 'Objective',
    enumName: 'OBJECTIVE',
    iconName: 'work-item-objective',
    widgets: [...COMMON_WIDGETS, 'HEALTH_STATUS', 'PROGRESS'],
    allowedChildTypes: ['Objective', 'Key Result'],
  },
  {
    id: 7,
    name: 'Key Result',
    enumName: 'KEY_RESULT',
    iconName: 'work-item-keyresult',
    widgets: [...COMMON_WIDGETS, 'HEALTH_STATUS', 'PROGRESS'],
    allowedChildTypes: [],
  },
  {
    id: 8,
    name: 'Epic',
    enumName: 'EPIC',
    iconName: 'work-item-epic',
    widgets: [...COMMON_WIDGETS, 'HEALTH_STATUS', 'WEIGHT'],
    allowedChildTypes: ['Epic', 'Issue'],
  },
];

/** GitLab's limits on the OKR hierarchy. */
export const LIMITS = { objectiveDepth: 9, epicDepth: 7, childrenPerParent: 100 } as const;

/**
 * GitLab's hierarchy restrictions (app/models/work_items/system_defined/hierarchy_restriction.rb,
 * `ITEMS`): which type may sit under which, and how many levels of the same type a chain may
 * have. Every pair has `cross_hierarchy_enabled` (lib/gitlab/database_importers/work_items/
 * hierarchy_restrictions_importer.rb), so an epic may hold issues of projects in other groups.
 */
export const HIERARCHY_RESTRICTIONS: readonly {
  parent: BaseTypeName;
  child: BaseTypeName;
  maximumDepth: number;
}[] = [
  { parent: 'Objective', child: 'Objective', maximumDepth: LIMITS.objectiveDepth },
  { parent: 'Objective', child: 'Key Result', maximumDepth: 1 },
  { parent: 'Issue', child: 'Task', maximumDepth: 1 },
  { parent: 'Epic', child: 'Epic', maximumDepth: LIMITS.epicDepth },
  { parent: 'Epic', child: 'Issue', maximumDepth: 1 },
];

/**
 * How GitLab's weight widget is set up per type (`WIDGET_OPTIONS` in
 * ee/app/models/work_items/system_defined/types/epic.rb: `weight: { editable: false, rollup: true }`;
 * issues and tasks keep an editable weight and roll nothing up).
 */
export const WEIGHT_OPTIONS: Partial<
  Record<WorkItemTypeName, { editable: boolean; rollup: boolean }>
> = {
  Issue: { editable: true, rollup: false },
  Task: { editable: true, rollup: false },
  Epic: { editable: false, rollup: true },
};

/**
 * The weight GitLab's weight widget rolls up (ee/app/models/work_items/widgets/weight.rb,
 * `rolled_up_weight_by_state`): SUM(weight) of every descendant of the default Issue type, at any
 * depth, grouped by state, with the states whose sum is NULL dropped. `rolledUpWeight` is the
 * sum over states, `rolledUpCompletedWeight` the closed state's (0 when only open issues weigh);
 * both are null when no descendant issue has a weight.
 */
export function rolledUpWeightOf(descendants: readonly WorkItemRecord[]): {
  rolledUpWeight: number | null;
  rolledUpCompletedWeight: number | null;
} {
  const weighed = descendants.filter((d) => d.type === 'Issue' && d.weight !== null);
  if (weighed.length === 0) return { rolledUpWeight: null, rolledUpCompletedWeight: null };
  const sum = (items: readonly WorkItemRecord[]) =>
    items.reduce((total, d) => total + (d.weight ?? 0), 0);
  return {
    rolledUpWeight: sum(weighed),
    rolledUpCompletedWeight: sum(weighed.filter((d) => d.state === 'closed')),
  };
}

/**
 * GitLab's check of a weight (ee/app/models/ee/issue.rb: `validates :weight, allow_nil: true,
 * numericality: { greater_than_or_equal_to: 0 }`), in the model's words.
 */
export function weightProblem(weight: number | null): string | null {
  if (weight === null) return null;
  if (!Number.isInteger(weight)) return 'Weight must be an integer';
  return weight < 0 ? 'Weight must be greater than or equal to 0' : null;
}

export const HEALTH_WORDS: Record<HealthStatus, string> = {
  onTrack: 'on track',
  needsAttention: 'needs attention',
  atRisk: 'at risk',
};

/** A base type's info (custom types: `SandboxStore#typeInfo`). */
export function typeInfo(name: WorkItemTypeName): WorkItemTypeInfo {
  const info = WORK_ITEM_TYPES.find((t) => t.name === name);
  if (!info) throw new Error(`Unknown work item type ${name}`);
  return info;
}

export const gid = {
  workItem: (id: number) => `gid://gitlab/WorkItem/${id}`,
  user: (id: number) => `gid://gitlab/User/${id}`,
  milestone: (id: number) => `gid://gitlab/Milestone/${id}`,
  label: (id: number, owner: 'group' | 'project' = 'project') =>
    `gid://gitlab/${owner === 'group' ? 'GroupLabel' : 'ProjectLabel'}/${id}`,
  note: (id: number) => `gid://gitlab/Note/${id}`,
  discussion: (sha: string) => `gid://gitlab/Discussion/${sha}`,
  type: (id: number) => `gid://gitlab/WorkItems::Type/${id}`,
  group: (id: number) => `gid://gitlab/Group/${id}`,
  project: (id: number) => `gid://gitlab/Project/${id}`,
  namespace: (id: number) => `gid://gitlab/Namespaces::ProjectNamespace/${id}`,
  link: (id: number) => `gid://gitlab/WorkItems::RelatedWorkItemLink/${id}`,
  customField: (id: number) => `gid://gitlab/Issuables::CustomField/${id}`,
};

/** The numeric id at the end of a global id, if it has the expected model name. */
export function idFromGid(value: string, model: string): number | null {
  const match = /^gid:\/\/gitlab\/([\w:]+)\/(\d+)$/.exec(value);
  if (!match || !match[1] || !match[2]) return null;
  const accepted = model === 'Label' ? ['ProjectLabel', 'GroupLabel', 'Label'] : [model];
  return accepted.includes(match[1]) ? Number(match[2]) : null;
}

/**
 * GitLab's progress formula, `WorkItems::Progress#compute_progress`
 * (ee/app/models/work_items/progress.rb, GitLab 16.x onwards): a value past the target counts
 * 100, a value on the wrong side of the start counts 0, otherwise |current − start| / |end −
 * start| in whole percent. GitLab 18 rounds (`.round`); 16.x cut the decimals (`.to_i`).
 * GitLab 15.x had neither bound and refused the result above 100 (see progressProblem).
 */
export function progressOf(startValue: number, currentValue: number, endValue: number): number {
  if (startValue === endValue) return 0;
  const rising = startValue < endValue;
  if (rising ? currentValue < startValue : currentValue > startValue) return 0;
  if (rising ? currentValue > endValue : currentValue < endValue) return 100;
  return Math.round((Math.abs(currentValue - startValue) / Math.abs(endValue - startValue)) * 100);
}

/**
 * The progress record's own validations, in GitLab's words (`validates :progress, numericality:
 * { only_integer: true, greater_than_or_equal_to: 0, less_than_or_equal_to: 100 }` and
 * `check_start_end_values_to_not_be_same`, ee/app/models/work_items/progress.rb; the messages as
 * ee/spec/services/work_items/widgets/progress_service/update_service_spec.rb expects them).
 */
export function progressProblem(values: {
  progress: number;
  startValue: number;
  endValue: number;
}): string | null {
  if (values.startValue === values.endValue) return 'Start value cannot be same as end value';
  if (values.progress > 100) return 'Progress must be less than or equal to 100';
  if (values.progress < 0) return 'Progress must be greater than or equal to 0';
  return null;
}

/** GitLab's automation bot (lib/users/internal.rb `automation_bot`): who writes the roll-ups. */
export const AUTOMATION_BOT = { username: 'automation-bot', name: 'GitLab Automation Bot' };

/**
 * The task checkboxes GitLab counts for `taskCompletionStatus`: `Taskable::ITEM_PATTERN` in
 * GitLab's app/models/concerns/taskable.rb, scanned over the raw Markdown (fenced code included,
 * as GitLab does): optional `>` markers, list prefixes `-` `+` `*` or `1.`, a `[ ]` / `[x]`
 * checkbox, then whitespace and text.
 */
export function taskCompletionOf(description: string): { count: number; completedCount: number } {
  let count = 0;
  let completedCount = 0;
  for (const line of description.split('\n')) {
    const task = /^(?:>\s{0,4})*(?:\s*(?:[-+*]|\d+\.))+\s+\[(\s|[xX])\]\s.+/.exec(line);
    if (!task) continue;
    count += 1;
    if (task[1] !== undefined && /[xX]/.test(task[1])) completedCount += 1;
  }
  return { count, completedCount };
}

export type CreateResult = { item: WorkItemRecord; errors: [] } | { item: null; errors: string[] };

export interface NewWorkItem {
  namespacePath: string;
  type: WorkItemTypeName;
  title: string;
  authorId: number;
  iid?: number;
  description?: string;
  confidential?: boolean;
  state?: 'opened' | 'closed';
  assigneeIds?: number[];
  milestoneId?: number | null;
  labelIds?: number[];
  healthStatus?: HealthStatus | null;
  weight?: number | null;
  startDate?: string | null;
  dueDate?: string | null;
  parentId?: number | null;
  createdAt?: string;
  closedAt?: string | null;
  seedKey?: string | null;
}

export class SandboxStore {
  readonly users = new Map<number, User>();
  readonly tokens = new Map<string, Token>();
  readonly namespaces = new Map<string, Namespace>();
  readonly milestones = new Map<number, Milestone>();
  readonly labels = new Map<number, Label>();
  readonly workItems = new Map<number, WorkItemRecord>();
  private readonly seedKeys = new Map<string, number>();
  // Indexes, so generated trees of thousands of items stay fast to read.
  private readonly byIid = new Map<string, number>();
  private readonly childIds = new Map<number, number[]>();
  private readonly maxIid = new Map<string, number>();
  readonly customFields = new Map<number, CustomFieldRecord>();
  /** Custom work item types (GitLab 19.1), defined on top-level groups. */
  readonly customTypes: WorkItemTypeInfo[] = [];
  private nextId = {
    workItem: 1,
    note: 1,
    link: 1,
    milestone: 1,
    label: 1,
    namespace: 1,
    user: 1,
    customField: 1,
    // The sandbox numbers custom types from 1001 so their global ids (GitLab builds them with
    // the model name `WorkItems::Type`) never meet a system-defined type's.
    customType: 1001,
  };

  /** `now` is the sandbox clock: every timestamp the store writes comes from it. */
  constructor(readonly now: () => Date) {}

  // ---- reading -----------------------------------------------------------------------------

  nowIso(): string {
    return isoTime(this.now());
  }

  namespace(fullPath: string): Namespace | undefined {
    return this.namespaces.get(fullPath);
  }

  namespaceById(id: number): Namespace | undefined {
    return [...this.namespaces.values()].find((ns) => ns.id === id);
  }

  /** The group a project or subgroup sits in, if that group is known. */
  parentNamespace(ns: Namespace): Namespace | undefined {
    const cut = ns.fullPath.lastIndexOf('/');
    return cut < 0 ? undefined : this.namespaces.get(ns.fullPath.slice(0, cut));
  }

  userByUsername(username: string): User | undefined {
    return [...this.users.values()].find((u) => u.username === username);
  }

  /** Access level including what is inherited from parent groups (GitLab's "members/all"). */
  accessLevel(userId: number | null, ns: Namespace): AccessLevel | 0 {
    let best: AccessLevel | 0 = 0;
    for (
      let current: Namespace | undefined = ns;
      current;
      current = this.parentNamespace(current)
    ) {
      const level = userId === null ? undefined : current.members.get(userId);
      if (level && level > best) best = level;
    }
    return best;
  }

  /** Members with their effective (highest) access level, direct and inherited. */
  allMembers(ns: Namespace): { user: User; accessLevel: AccessLevel }[] {
    const levels = new Map<number, AccessLevel>();
    for (
      let current: Namespace | undefined = ns;
      current;
      current = this.parentNamespace(current)
    ) {
      for (const [userId, level] of current.members) {
        if ((levels.get(userId) ?? 0) < level) levels.set(userId, level);
      }
    }
    return [...levels].flatMap(([userId, accessLevel]) => {
      const user = this.users.get(userId);
      return user ? [{ user, accessLevel }] : [];
    });
  }

  canReadNamespace(userId: number | null, ns: Namespace): boolean {
    return ns.visibility === 'public' || this.accessLevel(userId, ns) > 0;
  }

  /** GitLab: confidential items are for the author, assignees and members with Planner or more. */
  canRead(userId: number | null, item: WorkItemRecord): boolean {
    const ns = this.namespaces.get(item.namespacePath);
    if (!ns || !this.canReadNamespace(userId, ns)) return false;
    if (!item.confidential) return true;
    if (userId !== null && (item.authorId === userId || item.assigneeIds.includes(userId)))
      return true;
    return this.accessLevel(userId, ns) >= ACCESS.planner;
  }

  canWrite(userId: number, ns: Namespace): boolean {
    return this.accessLevel(userId, ns) >= ACCESS.planner;
  }

  workItem(id: number): WorkItemRecord | undefined {
    return this.workItems.get(id);
  }

  workItemByIid(namespacePath: string, iid: number): WorkItemRecord | undefined {
    const id = this.byIid.get(`${namespacePath}#${iid}`);
    return id === undefined ? undefined : this.workItems.get(id);
  }

  workItemBySeedKey(key: string): WorkItemRecord | undefined {
    const id = this.seedKeys.get(key);
    return id === undefined ? undefined : this.workItems.get(id);
  }

  seedKeyList(): string[] {
    return [...this.seedKeys.keys()];
  }

  /** Direct children in the order they were added (GitLab's default relative position). */
  childrenOf(id: number): WorkItemRecord[] {
    return (this.childIds.get(id) ?? []).flatMap((childId) => this.workItems.get(childId) ?? []);
  }

  /** The chain above an item, root first and direct parent last. */
  ancestorsOf(item: WorkItemRecord): WorkItemRecord[] {
    const chain: WorkItemRecord[] = [];
    for (let p = this.parentOf(item); p; p = this.parentOf(p)) chain.unshift(p);
    return chain;
  }

  parentOf(item: WorkItemRecord): WorkItemRecord | undefined {
    return item.parentId === null ? undefined : this.workItems.get(item.parentId);
  }

  /** How many objective levels an objective sits at (a top objective is level 1). */
  objectiveLevel(item: WorkItemRecord): number {
    return this.sameTypeLevel(item);
  }

  /**
   * The level an item sits at among its ancestors of its own type (GitLab's
   * `same_type_base_and_ancestors.count`): a top epic is level 1.
   */
  sameTypeLevel(item: WorkItemRecord): number {
    return 1 + this.ancestorsOf(item).filter((a) => a.type === item.type).length;
  }

  /** Levels of objectives below this one, the item itself not counted. */
  objectiveHeightBelow(item: WorkItemRecord): number {
    return this.sameTypeHeightBelow(item);
  }

  /** Levels of the item's own type below it (GitLab's `same_type_descendants_depth` − 1). */
  sameTypeHeightBelow(item: WorkItemRecord): number {
    const sameType = this.childrenOf(item.id).filter((c) => c.type === item.type);
    return sameType.length === 0
      ? 0
      : 1 + Math.max(...sameType.map((c) => this.sameTypeHeightBelow(c)));
  }

  /** Every item below this one, depth first (GitLab's `descendants`, readable or not). */
  descendantsOf(item: WorkItemRecord): WorkItemRecord[] {
    return this.childrenOf(item.id).flatMap((child) => [child, ...this.descendantsOf(child)]);
  }

  milestone(id: number | null): Milestone | undefined {
    return id === null ? undefined : this.milestones.get(id);
  }

  milestoneByTitle(title: string): Milestone | undefined {
    return [...this.milestones.values()].find((m) => m.title === title);
  }

  /** Milestones a namespace can use: its own and its ancestor groups'. */
  milestonesFor(ns: Namespace): Milestone[] {
    const paths = new Set<string>();
    for (
      let current: Namespace | undefined = ns;
      current;
      current = this.parentNamespace(current)
    ) {
      paths.add(current.fullPath);
    }
    return [...this.milestones.values()].filter((m) => paths.has(m.namespacePath));
  }

  /** Items linking to or from this one, with the link type seen from this item. */
  linksOf(item: WorkItemRecord): LinkRecord[] {
    return item.links;
  }

  reference(item: WorkItemRecord, full: boolean): string {
    // WorkItem.reference_prefix is `#` for every type, group items included.
    return full ? `${item.namespacePath}#${item.iid}` : `#${item.iid}`;
  }

  /**
   * The item's path on the instance, without the host or relative URL root. An epic's is the
   * epics page, as for a legacy epic (ee/app/models/work_items/legacy_epics/... `web_url` is
   * `group_epic_url`); `/groups/<g>/-/work_items/<iid>` shows it too.
   */
  webPath(item: WorkItemRecord): string {
    const ns = this.namespaces.get(item.namespacePath);
    if (ns?.kind === 'group' && item.type === 'Epic')
      return `/groups/${item.namespacePath}/-/epics/${item.iid}`;
    if (ns?.kind === 'group') return `/groups/${item.namespacePath}/-/work_items/${item.iid}`;
    const section = item.type === 'Issue' ? 'issues' : 'work_items';
    return `/${item.namespacePath}/-/${section}/${item.iid}`;
  }

  // ---- types and custom fields -----------------------------------------------------------

  /** A base or custom type by name. */
  typeByName(name: WorkItemTypeName): WorkItemTypeInfo | undefined {
    return (
      this.customTypes.find((t) => t.name === name) ?? WORK_ITEM_TYPES.find((t) => t.name === name)
    );
  }

  /** A base or custom type by name; throws for a name nobody defined. */
  typeInfo(name: WorkItemTypeName): WorkItemTypeInfo {
    const info = this.typeByName(name);
    if (!info) throw new Error(`Unknown work item type ${name}`);
    return info;
  }

  /** The base type whose rules a type follows (itself, or a custom type's base). */
  baseTypeOf(name: WorkItemTypeName): BaseTypeName {
    const info = this.typeInfo(name);
    return (info.custom?.base ?? info.name) as BaseTypeName;
  }

  /** The custom types a namespace can use: those of its top-level group. */
  customTypesFor(ns: Namespace): WorkItemTypeInfo[] {
    const root = this.rootOf(ns).fullPath;
    return this.customTypes.filter((t) => t.custom?.namespacePath === root);
  }

  /** The top-level group (or the namespace itself when it has no parent). */
  rootOf(ns: Namespace): Namespace {
    let root = ns;
    for (let up = this.parentNamespace(ns); up; up = this.parentNamespace(up)) root = up;
    return root;
  }

  /**
   * Defines a custom type on a top-level group with the issue type's widgets and hierarchy
   * (ee/app/models/work_items/types_framework/custom/type.rb: name present, at most 48
   * characters, unique without regard to case, not a system-defined name).
   */
  addCustomType(input: {
    namespacePath: string;
    name: string;
    iconName: string;
  }): WorkItemTypeInfo {
    const name = input.name.trim();
    const ns = this.namespaces.get(input.namespacePath);
    if (!ns || ns.kind !== 'group' || this.parentNamespace(ns))
      throw new Error(`Custom types live on top-level groups, not ${input.namespacePath}`);
    if (!name || name.length > 48) throw new Error(`Bad custom type name ${input.name}`);
    // GitLab compares names without regard to case, spaces, dashes and underscores
    // (`normalize_name`). Its validator checks every system-defined name; the sandbox checks
    // those the group has, so a group without OKR types (`okrTypes: false`) may call a type
    // "Key result", as GitLab's own advice for leaving the OKR types suggests.
    const normal = (text: string) => text.toLowerCase().replace(/[\s-]+/g, '_');
    const systemTypes = WORK_ITEM_TYPES.filter(
      (t) => ns.okrTypes !== false || (t.name !== 'Objective' && t.name !== 'Key Result'),
    );
    const taken = [...systemTypes, ...this.customTypesFor(ns)].some(
      (t) => normal(t.name) === normal(name),
    );
    if (taken) throw new Error(`Name has already been taken: ${name}`);
    const issue = typeInfo('Issue');
    const created: WorkItemTypeInfo = {
      ...issue,
      id: this.nextId.customType++,
      name,
      iconName: input.iconName,
      custom: { namespacePath: input.namespacePath, base: 'Issue' },
    };
    this.customTypes.push(created);
    return created;
  }

  /** Defines a custom field on a top-level group. */
  addCustomField(
    field: Omit<CustomFieldRecord, 'id' | 'createdAt' | 'updatedAt'> & { createdAt?: string },
  ): CustomFieldRecord {
    const ns = this.namespaces.get(field.namespacePath);
    if (!ns || ns.kind !== 'group' || this.parentNamespace(ns))
      throw new Error(`Custom fields live on top-level groups, not ${field.namespacePath}`);
    const at = field.createdAt ?? this.nowIso();
    const created: CustomFieldRecord = {
      ...field,
      id: this.nextId.customField++,
      createdAt: at,
      updatedAt: at,
    };
    this.customFields.set(created.id, created);
    return created;
  }

  /**
   * The custom fields of a top-level group, as `group.customFields` lists them
   * (ee/app/finders/issuables/custom_fields_finder.rb): active ones first, then by name.
   */
  customFieldsOf(ns: Namespace): CustomFieldRecord[] {
    const root = this.rootOf(ns).fullPath;
    return [...this.customFields.values()]
      .filter((f) => f.namespacePath === root)
      .sort(
        (a, b) =>
          Number(b.active) - Number(a.active) ||
          a.name.toLowerCase().localeCompare(b.name.toLowerCase()) ||
          a.id - b.id,
      );
  }

  /**
   * The fields an item shows and takes values for (`CustomFieldsFinder.active_fields_for_work_item`):
   * the active fields of its top-level group that list its type.
   */
  activeFieldsFor(item: { namespacePath: string; type: WorkItemTypeName }): CustomFieldRecord[] {
    const ns = this.namespaces.get(item.namespacePath);
    if (!ns) return [];
    const typeId = this.typeInfo(item.type).id;
    return this.customFieldsOf(ns).filter((f) => f.active && f.workItemTypeIds.includes(typeId));
  }

  /**
   * Why GitLab would refuse these values (ee/app/services/work_items/callbacks/custom_fields.rb
   * raises "Invalid custom field ID: N" for a field that is not one of the item's active fields),
   * checked before anything is written: GitLab's callback runs in the save's transaction, so a
   * refused value leaves nothing changed.
   */
  customFieldsProblem(
    item: { namespacePath: string; type: WorkItemTypeName },
    inputs: CustomFieldInput[],
  ): string | null {
    const active = new Map(this.activeFieldsFor(item).map((f) => [f.id, f]));
    for (const input of inputs) {
      const field = active.get(input.customFieldId);
      if (!field) return `Invalid custom field ID: ${input.customFieldId}`;
      // The sandbox keeps number and text values; GitLab's select and date fields are not served.
      if (field.fieldType !== 'NUMBER' && field.fieldType !== 'TEXT')
        return `Unsupported field type: ${field.fieldType.toLowerCase()}`;
    }
    return null;
  }

  /**
   * Writes custom field values as GitLab's callback does: only the fields given change; a number
   * field takes `numberValue`, a text field `textValue` (the other key, or null, clears it); an
   * unchanged value writes nothing; each change writes GitLab's system note (ee/app/services/ee/
   * system_notes/issuables_service.rb `change_custom_field_number_type_note` /
   * `..._text_type_note`). Returns GitLab's error, or null once written.
   */
  setCustomFieldValues(
    item: WorkItemRecord,
    inputs: CustomFieldInput[],
    actorId: number,
    at = this.nowIso(),
  ): string | null {
    const problem = this.customFieldsProblem(item, inputs);
    if (problem) return problem;
    for (const input of inputs) {
      const field = this.customFields.get(input.customFieldId);
      if (!field) continue;
      const previous = item.customValues[field.id] ?? null;
      let value: number | string | null;
      if (field.fieldType === 'NUMBER') value = input.numberValue ?? null;
      else value = input.textValue ?? null;
      if (value === previous) continue;
      if (value === null) delete item.customValues[field.id];
      else item.customValues[field.id] = value;
      this.addNote(item, {
        authorId: actorId,
        body: customFieldNote(field, value, previous),
        system: true,
        createdAt: at,
        // GitLab's note action is `custom_field`, which has no icon of its own.
        systemNoteIconName: null,
      });
      this.touch(item, at);
    }
    return null;
  }

  // ---- building (seed and generators) -----------------------------------------------------

  addUser(user: Omit<User, 'id'>): User {
    const created = { id: this.nextId.user++, ...user };
    this.users.set(created.id, created);
    return created;
  }

  addToken(token: Token): void {
    this.tokens.set(token.value, token);
  }

  addNamespace(ns: Omit<Namespace, 'id'>): Namespace {
    const created = { id: this.nextId.namespace++, ...ns };
    this.namespaces.set(created.fullPath, created);
    return created;
  }

  addMilestone(milestone: Omit<Milestone, 'id' | 'iid'>): Milestone {
    const iid =
      [...this.milestones.values()].filter((m) => m.namespacePath === milestone.namespacePath)
        .length + 1;
    const created = { id: this.nextId.milestone++, iid, ...milestone };
    this.milestones.set(created.id, created);
    return created;
  }

  addLabel(label: Omit<Label, 'id'>): Label {
    const created = { id: this.nextId.label++, ...label };
    this.labels.set(created.id, created);
    return created;
  }

  /** The label of that title an item of `namespacePath` may carry (its own first, then up). */
  labelByTitle(title: string, namespacePath: string): Label | undefined {
    const ns = this.namespaces.get(namespacePath);
    return ns ? this.labelsFor(ns).find((l) => l.title === title) : undefined;
  }

  /**
   * The labels an item of this namespace may carry, nearest first: the project's own labels, then
   * its groups' up to the top (GitLab's `LabelsFinder` with `include_ancestor_groups`).
   */
  labelsFor(ns: Namespace): Label[] {
    const chain: string[] = [];
    for (let current: Namespace | undefined = ns; current; current = this.parentNamespace(current))
      chain.push(current.fullPath);
    return [...this.labels.values()]
      .filter((l) => chain.includes(l.namespacePath))
      .sort((a, b) => chain.indexOf(a.namespacePath) - chain.indexOf(b.namespacePath));
  }

  /** The label's global id: GitLab names group and project labels differently. */
  labelGid(label: Label): string {
    return gid.label(label.id, this.namespaces.get(label.namespacePath)?.kind ?? 'project');
  }

  /**
   * The labels an item ends up with after adding and removing, as GitLab's label handling does:
   * labels the item's namespace cannot use are dropped silently (IssuableBaseService#filter_labels
   * keeps only available ones), then one label per scope stays (`keepOneLabelPerScope`).
   */
  labelIdsAfter(
    item: { namespacePath: string; labelIds: number[] },
    add: number[],
    remove: number[] = [],
  ): number[] {
    const ns = this.namespaces.get(item.namespacePath);
    const available = new Set(ns ? this.labelsFor(ns).map((l) => l.id) : []);
    const added = add.filter((id) => available.has(id));
    const kept = [...item.labelIds, ...added].filter((id) => !remove.includes(id));
    return keepOneLabelPerScope(kept, this.labels);
  }

  /**
   * Creates a work item the way GitLab's `workItemCreate` does: hierarchy rules first, errors
   * returned rather than thrown. No notes are written for the initial values.
   */
  createWorkItem(input: NewWorkItem): CreateResult {
    const ns = this.namespaces.get(input.namespacePath);
    if (!ns) return { item: null, errors: [`Namespace ${input.namespacePath} not found`] };
    if (!this.typeByName(input.type)) throw new Error(`Unknown work item type ${input.type}`);
    if (!input.title.trim()) return { item: null, errors: ["Title can't be blank"] };
    const badWeight = weightProblem(input.weight ?? null);
    if (badWeight) return { item: null, errors: [badWeight] };
    const parent = input.parentId == null ? undefined : this.workItems.get(input.parentId);
    if (input.parentId != null && !parent)
      return { item: null, errors: ['No matching work item found for the parent'] };
    if (parent) {
      const problem = this.hierarchyProblem(parent, input.type, 0);
      if (problem) return { item: null, errors: [problem] };
    }
    const now = input.createdAt ?? this.nowIso();
    const iid = input.iid ?? this.nextIid(input.namespacePath);
    if (this.workItemByIid(input.namespacePath, iid))
      throw new Error(`iid ${iid} taken in ${input.namespacePath}`);
    const item: WorkItemRecord = {
      id: this.nextId.workItem++,
      iid,
      namespacePath: input.namespacePath,
      type: input.type,
      title: input.title,
      state: input.state ?? 'opened',
      confidential: input.confidential ?? false,
      description: input.description ?? '',
      authorId: input.authorId,
      assigneeIds: input.assigneeIds ?? [],
      milestoneId: input.milestoneId ?? null,
      labelIds: this.labelIdsAfter(
        { namespacePath: input.namespacePath, labelIds: [] },
        input.labelIds ?? [],
      ),
      healthStatus: input.healthStatus ?? null,
      weight: WEIGHT_OPTIONS[this.baseTypeOf(input.type)]?.editable ? (input.weight ?? null) : null,
      customValues: {},
      progress: null,
      startDate: input.startDate ?? null,
      dueDate: input.dueDate ?? null,
      parentId: parent?.id ?? null,
      links: [],
      notes: [],
      createdAt: now,
      updatedAt: now,
      closedAt: input.state === 'closed' ? (input.closedAt ?? now) : null,
      lockVersion: 0,
      seedKey: input.seedKey ?? null,
    };
    this.workItems.set(item.id, item);
    this.byIid.set(`${item.namespacePath}#${item.iid}`, item.id);
    this.maxIid.set(item.namespacePath, Math.max(iid, this.maxIid.get(item.namespacePath) ?? 0));
    if (parent) this.attachChild(parent.id, item.id);
    if (input.seedKey) {
      if (this.seedKeys.has(input.seedKey)) throw new Error(`Seed key ${input.seedKey} used twice`);
      this.seedKeys.set(input.seedKey, item.id);
    }
    return { item, errors: [] };
  }

  /**
   * Why GitLab would refuse a child of this type under `parent` (with `extraDepth` levels of
   * objectives below the child), in the words of GitLab's parent-link validations.
   */
  hierarchyProblem(
    parent: WorkItemRecord,
    childType: WorkItemTypeName,
    extraDepth: number,
  ): string | null {
    // A custom type takes the issue type's place in the restrictions (it delegates
    // `allowed_parent_types` / `allowed_child_types` to its base type).
    const restriction = HIERARCHY_RESTRICTIONS.find(
      (r) => r.parent === this.baseTypeOf(parent.type) && r.child === this.baseTypeOf(childType),
    );
    if (!restriction) {
      return 'Work item is not allowed to add this type of parent';
    }
    if (this.childrenOf(parent.id).length >= LIMITS.childrenPerParent) {
      return 'Work item parent already has maximum number of children.';
    }
    // app/models/work_items/parent_link.rb `validate_depth`: only for a parent of the child's own
    // type, `parent.same_type_base_and_ancestors.count + child.same_type_descendants_depth > max`.
    if (
      parent.type === childType &&
      this.sameTypeLevel(parent) + 1 + extraDepth > restriction.maximumDepth
    ) {
      return 'Work item reached maximum depth';
    }
    return null;
  }

  private attachChild(parentId: number, childId: number): void {
    this.childIds.set(parentId, [...(this.childIds.get(parentId) ?? []), childId]);
  }

  private detachChild(item: WorkItemRecord): void {
    if (item.parentId === null) return;
    this.childIds.set(
      item.parentId,
      (this.childIds.get(item.parentId) ?? []).filter((id) => id !== item.id),
    );
  }

  private nextIid(namespacePath: string): number {
    return (this.maxIid.get(namespacePath) ?? 0) + 1;
  }

  // ---- writing (what the mutations do) ----------------------------------------------------

  /**
   * Sets start/current/end like GitLab's progress widget (`WorkItems::Callbacks::Progress`):
   * start = end is refused, progress is recomputed, and only when the percentage changes does
   * GitLab write its system note and roll the parent up. A new current value that leaves the
   * percentage unchanged still saves the record (its `updatedAt` moves) without a note.
   */
  setProgress(
    item: WorkItemRecord,
    values: { startValue?: number | null; currentValue: number; endValue?: number | null },
    actorId: number,
    at = this.nowIso(),
  ): string | null {
    const startValue = values.startValue ?? item.progress?.startValue ?? 0;
    const endValue = values.endValue ?? item.progress?.endValue ?? 100;
    const progress = progressOf(startValue, values.currentValue, endValue);
    const problem = progressProblem({ progress, startValue, endValue });
    if (problem) return problem;
    const before = item.progress;
    const changed = before?.progress !== progress;
    const saved =
      changed ||
      before?.startValue !== startValue ||
      before.currentValue !== values.currentValue ||
      before.endValue !== endValue;
    if (!saved) return null;
    item.progress = {
      progress,
      startValue,
      currentValue: values.currentValue,
      endValue,
      updatedAt: at,
    };
    if (changed) {
      this.addNote(item, {
        authorId: actorId,
        body: `changed progress to **${progress}%**`,
        system: true,
        createdAt: at,
        systemNoteIconName: 'progress',
      });
      this.rollUpAbove(item, at);
    }
    this.touch(item, at);
    return null;
  }

  /**
   * A percentage someone typed into a parent objective's progress field (the seed's way to make
   * a parent disagree with its children): GitLab stores it as the current value on the default
   * 0–100 scale and writes the person's system note.
   */
  setStoredProgress(item: WorkItemRecord, progress: number, at: string, actorId: number): void {
    const changed = item.progress?.progress !== progress;
    item.progress = {
      progress,
      startValue: 0,
      currentValue: progress,
      endValue: 100,
      updatedAt: at,
    };
    if (changed)
      this.addNote(item, {
        authorId: actorId,
        body: `changed progress to **${progress}%**`,
        system: true,
        createdAt: at,
        systemNoteIconName: 'progress',
      });
  }

  setHealthStatus(
    item: WorkItemRecord,
    healthStatus: HealthStatus | null,
    actorId: number,
    at = this.nowIso(),
  ): void {
    if (item.healthStatus === healthStatus) return;
    item.healthStatus = healthStatus;
    const body = healthStatus
      ? `changed health status to **${HEALTH_WORDS[healthStatus]}**`
      : 'removed the health status';
    this.addNote(item, {
      authorId: actorId,
      body,
      system: true,
      createdAt: at,
      systemNoteIconName: 'status-health',
    });
    this.touch(item, at);
  }

  setState(
    item: WorkItemRecord,
    state: 'opened' | 'closed',
    actorId: number,
    at = this.nowIso(),
  ): void {
    if (item.state === state) return;
    item.state = state;
    item.closedAt = state === 'closed' ? at : null;
    this.addNote(item, {
      authorId: actorId,
      body: state === 'closed' ? 'closed' : 'reopened',
      system: true,
      createdAt: at,
      systemNoteIconName: state === 'closed' ? 'issue-close' : 'issues',
    });
    this.touch(item, at);
  }

  setParent(item: WorkItemRecord, parentId: number | null, at = this.nowIso()): string | null {
    if (parentId === null) {
      this.detachChild(item);
      item.parentId = null;
    } else {
      const parent = this.workItems.get(parentId);
      if (!parent) return 'No matching work item found for the parent';
      if (parent.id === item.id || this.ancestorsOf(parent).some((a) => a.id === item.id)) {
        return 'Work item cannot be added to itself or its descendants';
      }
      const problem = this.hierarchyProblem(parent, item.type, this.sameTypeHeightBelow(item));
      if (problem) return problem;
      this.detachChild(item);
      item.parentId = parent.id;
      this.attachChild(parent.id, item.id);
    }
    // GitLab recomputes a parent only when a child's percentage changes, not when the
    // hierarchy does (the Progress record's after_commit is its only trigger).
    this.touch(item, at);
    return null;
  }

  addNote(
    item: WorkItemRecord,
    note: {
      authorId: number;
      body: string;
      system?: boolean;
      createdAt?: string;
      systemNoteIconName?: string | null;
      internal?: boolean;
    },
  ): NoteRecord {
    const id = this.nextId.note++;
    const created: NoteRecord = {
      id,
      discussionId: discussionSha(id),
      body: note.body,
      authorId: note.authorId,
      createdAt: note.createdAt ?? this.nowIso(),
      system: note.system ?? false,
      systemNoteIconName: note.system ? (note.systemNoteIconName ?? null) : null,
      internal: note.internal ?? false,
    };
    item.notes.push(created);
    item.notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return created;
  }

  /** Deletes a note (GitLab's `destroyNote`); false when the item has no such note. */
  removeNote(item: WorkItemRecord, noteId: number): boolean {
    const before = item.notes.length;
    item.notes = item.notes.filter((note) => note.id !== noteId);
    return item.notes.length < before;
  }

  /** The item holding a note, if any. */
  itemOfNote(noteId: number): WorkItemRecord | undefined {
    return [...this.workItems.values()].find((item) => item.notes.some((n) => n.id === noteId));
  }

  /**
   * What `/checkin_reminder` does once GitLab has accepted it: the frequency goes on the
   * progress record (built with GitLab's defaults when the objective has none) and GitLab writes
   * `change_checkin_reminder_note` (ee/app/services/ee/system_notes/issuables_service.rb).
   */
  setCheckinReminder(
    item: WorkItemRecord,
    frequency: ReminderFrequency,
    actorId: number,
    at = this.nowIso(),
  ): void {
    item.progress = {
      progress: 0,
      startValue: 0,
      currentValue: 0,
      endValue: 100,
      ...item.progress,
      reminderFrequency: frequency,
      updatedAt: at,
    };
    this.addNote(item, {
      authorId: actorId,
      body:
        frequency === 'never'
          ? 'removed the checkin reminder'
          : `set a **${frequency.replace('_', ' ')}** checkin reminder`,
      system: true,
      createdAt: at,
      systemNoteIconName: 'clock',
    });
    this.touch(item, at);
  }

  /** A "relates to" / "blocks" link, recorded on both items as GitLab shows it from each side. */
  link(
    source: WorkItemRecord,
    target: WorkItemRecord,
    linkType: LinkType = 'relates_to',
    at = this.nowIso(),
  ): void {
    const inverse: Record<LinkType, LinkType> = {
      relates_to: 'relates_to',
      blocks: 'is_blocked_by',
      is_blocked_by: 'blocks',
    };
    const id = this.nextId.link++;
    source.links.push({ id, targetId: target.id, linkType, createdAt: at });
    target.links.push({ id, targetId: source.id, linkType: inverse[linkType], createdAt: at });
  }

  touch(item: WorkItemRecord, at = this.nowIso()): void {
    item.updatedAt = at;
    item.lockVersion += 1;
  }

  /** GitLab's automation bot, created the first time it writes (as GitLab creates it). */
  automationBot(): User {
    const existing = this.userByUsername(AUTOMATION_BOT.username);
    if (existing) return existing;
    return this.addUser({
      ...AUTOMATION_BOT,
      jobTitle: 'The GitLab automation bot used for automated workflows and tasks',
      createdAt: this.nowIso(),
      bot: true,
    });
  }

  /**
   * GitLab's roll-up after a child's percentage changed (`update_all_parent_objectives_progress`
   * in ee/app/models/work_items/progress.rb, then
   * ee/app/workers/work_items/update_parent_objectives_progress_worker.rb): where the project
   * rolls up, the direct parent with a progress widget gets ⌊Σ children's progress / number of
   * children⌋ (`average_progress_of_children`: every child, also those a reader may not see,
   * children without progress counting 0). Only the percentage changes (a new record starts at
   * 0 → 100). When it changes, the note is written as GitLab's automation bot and the parent's
   * own change rolls up the next level.
   */
  rollUpAbove(child: WorkItemRecord, at = this.nowIso()): void {
    const ns = this.namespaces.get(child.namespacePath);
    if (ns?.okrRollups === false) return;
    const parent = this.parentOf(child);
    if (!parent || !this.typeInfo(parent.type).widgets.includes('PROGRESS')) return;
    const children = this.childrenOf(parent.id);
    if (children.length === 0) return;
    const sum = children.reduce((total, c) => total + (c.progress?.progress ?? 0), 0);
    const progress = Math.floor(sum / children.length);
    if (parent.progress?.progress === progress) return;
    parent.progress = {
      startValue: 0,
      currentValue: 0,
      endValue: 100,
      ...parent.progress,
      progress,
      updatedAt: at,
    };
    this.addNote(parent, {
      authorId: this.automationBot().id,
      body: `changed progress to **${progress}%**`,
      system: true,
      createdAt: at,
      systemNoteIconName: 'progress',
    });
    this.rollUpAbove(parent, at);
  }
}

/**
 * Rails' `number_with_precision(value, strip_insignificant_zeros: true)` as GitLab's number field
 * note uses it: three decimals (the helper's default precision), rounded half up, trailing zeros
 * and a bare point dropped.
 */
export function numberWithPrecision(value: number): string {
  // Rails rounds the decimal the number prints as (`BigDecimal(number.to_s)`), half away from
  // zero: ten decimals of the double are that decimal, then the fourth decides.
  const tenths = BigInt(Math.abs(value).toFixed(10).replace('.', ''));
  const thousandths = (tenths + 5_000_000n) / 10_000_000n;
  const whole = thousandths / 1000n;
  const fraction = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  const sign = value < 0 && thousandths > 0n ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * GitLab's custom field system note (`custom_field_note`, ee/app/services/ee/system_notes/
 * issuables_service.rb): HTML, not Markdown (a field name could carry Markdown), name and value
 * escaped; "removed NAME: OLD" when the value was cleared, else "changed NAME to NEW".
 */
export function customFieldNote(
  field: Pick<CustomFieldRecord, 'name' | 'fieldType'>,
  value: number | string | null,
  previous: number | string | null,
): string {
  const shown = (v: number | string | null) =>
    v === null ? '' : typeof v === 'number' ? numberWithPrecision(v) : v.trim();
  const name = escapeHtml(field.name);
  return value === null && previous !== null
    ? `<p>removed ${name}: <code class="idiff">${escapeHtml(shown(previous))}</code></p>`
    : `<p>changed ${name} to <code class="idiff">${escapeHtml(shown(value))}</code></p>`;
}

/** GitLab's discussion ids are 40 hex characters. */
function discussionSha(noteId: number): string {
  return noteId.toString(16).padStart(8, '0').repeat(5);
}
