// Big OKR trees for the benchmark: an objective tree of a given depth and width (or size),
// and a key result at a chosen depth, added to a store with GitLab's rules applied.
import { ACCESS, LIMITS, type SandboxStore, type WorkItemRecord } from '../store';

export interface GeneratedTreeOptions {
  /** Objective levels, 1..9 (GitLab's limit). Key results hang under the last level. */
  levels: number;
  /** Children per objective (objectives above the last level, key results on it). */
  fanout?: number;
  /** Or: roughly how many items in total; the fanout is derived from it. */
  descendants?: number;
  namespacePath?: string;
  /** Milestone title for every item (default: the first active milestone of the namespace). */
  milestoneTitle?: string;
  /** Or the milestone itself (e.g. a group's own copy of a quarter another group also has). */
  milestoneId?: number;
  /** Stop once the tree holds this many items: the last branches are cut short. */
  maxItems?: number;
  assignee?: string;
  /** Prefix for the items' seed keys (`${keyPrefix}-1.2.3`), default `generated`. */
  keyPrefix?: string;
  /** Under an existing item (its objective level counts toward the limit). */
  parentId?: number;
}

export interface GeneratedTree {
  root: WorkItemRecord;
  /** Every item created, root first. */
  items: WorkItemRecord[];
  objectives: number;
  keyResults: number;
}

/** Fanout f with about `descendants` items in a tree of `levels` objective levels plus KRs. */
function fanoutFor(levels: number, descendants: number): number {
  for (let f = 1; f <= LIMITS.childrenPerParent; f += 1) {
    let total = 0;
    for (let level = 1; level <= levels; level += 1) total += f ** level;
    if (total >= descendants) return f;
  }
  return LIMITS.childrenPerParent;
}

export function addGeneratedObjective(
  store: SandboxStore,
  options: GeneratedTreeOptions,
): GeneratedTree {
  const levels = Math.max(1, Math.min(options.levels, LIMITS.objectiveDepth));
  const fanout = Math.min(
    options.fanout ?? fanoutFor(levels, options.descendants ?? 10),
    LIMITS.childrenPerParent,
  );
  const namespacePath = options.namespacePath ?? 'gitlab-com/gitlab-okrs';
  const ns = store.namespace(namespacePath);
  if (!ns) throw new Error(`No namespace ${namespacePath}`);
  const milestone =
    options.milestoneId !== undefined
      ? store.milestone(options.milestoneId)
      : options.milestoneTitle
        ? store.milestoneByTitle(options.milestoneTitle)
        : store
            .milestonesFor(ns)
            .find(
              (m) =>
                m.state === 'active' &&
                m.startDate !== null &&
                m.startDate <= store.nowIso().slice(0, 10),
            );
  const assignee = store.userByUsername(options.assignee ?? 'casey');
  if (!assignee) throw new Error(`No user ${options.assignee}`);
  const prefix = options.keyPrefix ?? 'generated';
  const items: WorkItemRecord[] = [];
  let keyResults = 0;

  const make = (
    type: 'Objective' | 'Key Result',
    title: string,
    key: string,
    parentId: number | null,
  ): WorkItemRecord => {
    const result = store.createWorkItem({
      namespacePath,
      type,
      title,
      authorId: assignee.id,
      assigneeIds: [assignee.id],
      milestoneId: milestone?.id ?? null,
      parentId,
      seedKey: key,
    });
    if (!result.item) throw new Error(`Cannot generate ${key}: ${result.errors.join('; ')}`);
    items.push(result.item);
    return result.item;
  };
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const grow = (parent: WorkItemRecord, level: number, path: string) => {
    for (let i = 1; i <= fanout && items.length < maxItems; i += 1) {
      const childPath = `${path}.${i}`;
      if (level < levels) {
        grow(
          make(
            'Objective',
            `Objective ${childPath}: raise 1 measure`,
            `${prefix}-${childPath}`,
            parent.id,
          ),
          level + 1,
          childPath,
        );
      } else {
        const kr = make(
          'Key Result',
          `Key result ${childPath}: from 0 to 10`,
          `${prefix}-${childPath}`,
          parent.id,
        );
        keyResults += 1;
        // Spread progress so roll-ups are not all equal; deterministic, no randomness.
        store.setProgress(
          kr,
          { startValue: 0, currentValue: (i * 7 + level * 3) % 11, endValue: 10 },
          assignee.id,
        );
        store.setHealthStatus(
          kr,
          (['onTrack', 'needsAttention', 'atRisk'] as const)[i % 3] ?? 'onTrack',
          assignee.id,
        );
      }
    }
  };
  const root = make(
    'Objective',
    `Generated objective (${levels} levels × ${fanout})`,
    `${prefix}-1`,
    options.parentId ?? null,
  );
  grow(root, 1, '1');
  return { root, items, objectives: items.length - keyResults, keyResults };
}

/** A chain of `depth` objectives (1..9) with one key result under the deepest. */
export function addKeyResultAtDepth(
  store: SandboxStore,
  depth: number,
  options: Omit<GeneratedTreeOptions, 'levels' | 'fanout' | 'descendants'> = {},
): { keyResult: WorkItemRecord; chain: WorkItemRecord[] } {
  const tree = addGeneratedObjective(store, {
    ...options,
    levels: depth,
    fanout: 1,
    keyPrefix: options.keyPrefix ?? `kr-depth-${depth}`,
  });
  const keyResult = tree.items.at(-1);
  if (!keyResult || keyResult.type !== 'Key Result')
    throw new Error('Generated chain has no key result');
  return { keyResult, chain: tree.items.slice(0, -1) };
}

export interface GeneratedEpicTreeOptions {
  /** Objective epic levels, 1..7 (GitLab's epic depth). Key result issues hang under the last. */
  levels: number;
  /** Children per objective epic. */
  fanout: number;
  /** The group the epics live in (default `acme`), with the `okr:o` / `okr:kr` labels. */
  groupPath?: string;
  /** The project the key result issues live in (default `acme/engineering`). */
  projectPath?: string;
  /** The quarter label every item carries (default: the group's first `okrq:` label). */
  quarterLabel?: string;
  assignee?: string;
  keyPrefix?: string;
}

/**
 * An objective tree kept as epics and labelled issues (issue 12's epics carrier): objective epics
 * labelled `okr:o`, key result issues labelled `okr:kr` with their values in the group's custom
 * number fields Start / Current / Target and a weight (so GitLab's epic progress has a number),
 * every item carrying the quarter label. Same shape as `addGeneratedObjective`.
 */
export function addGeneratedEpicObjective(
  store: SandboxStore,
  options: GeneratedEpicTreeOptions,
): GeneratedTree {
  const groupPath = options.groupPath ?? 'acme';
  const projectPath = options.projectPath ?? 'acme/engineering';
  const group = store.namespace(groupPath);
  if (!group) throw new Error(`No group ${groupPath}`);
  const label = (title: string) => {
    const found = store.labelByTitle(title, projectPath);
    if (!found) throw new Error(`No label ${title} in ${projectPath}`);
    return found.id;
  };
  const quarter =
    options.quarterLabel ??
    store.labelsFor(group).find((l) => l.title.startsWith('okrq:'))?.title ??
    null;
  if (!quarter) throw new Error(`No quarter label in ${groupPath}`);
  const fields = new Map(store.customFieldsOf(group).map((f) => [f.name, f.id]));
  const fieldId = (name: string) => {
    const id = fields.get(name);
    if (id === undefined) throw new Error(`No custom field ${name} in ${groupPath}`);
    return id;
  };
  const assignee = store.userByUsername(options.assignee ?? 'casey');
  if (!assignee) throw new Error(`No user ${options.assignee}`);
  const prefix = options.keyPrefix ?? 'generated-epic';
  const levels = Math.max(1, Math.min(options.levels, 7));
  const fanout = Math.min(options.fanout, LIMITS.childrenPerParent);
  const items: WorkItemRecord[] = [];
  let keyResults = 0;

  const make = (
    kind: 'objective' | 'keyResult',
    title: string,
    key: string,
    parentId: number | null,
    weight: number | null = null,
  ): WorkItemRecord => {
    const result = store.createWorkItem({
      namespacePath: kind === 'objective' ? groupPath : projectPath,
      type: kind === 'objective' ? 'Epic' : 'Issue',
      title,
      authorId: assignee.id,
      assigneeIds: [assignee.id],
      labelIds: [label(kind === 'objective' ? 'okr:o' : 'okr:kr'), label(quarter)],
      parentId,
      weight,
      seedKey: key,
    });
    if (!result.item) throw new Error(`Cannot generate ${key}: ${result.errors.join('; ')}`);
    items.push(result.item);
    return result.item;
  };
  const grow = (parent: WorkItemRecord, level: number, path: string) => {
    for (let i = 1; i <= fanout; i += 1) {
      const childPath = `${path}.${i}`;
      const key = `${prefix}-${childPath}`;
      if (level < levels) {
        grow(
          make('objective', `Objective ${childPath}: raise 1 measure`, key, parent.id),
          level + 1,
          childPath,
        );
        continue;
      }
      const current = (i * 7 + level * 3) % 11;
      const kr = make(
        'keyResult',
        `Key result ${childPath}: from 0 to 10`,
        key,
        parent.id,
        1 + (i % 3),
      );
      keyResults += 1;
      const problem = store.setCustomFieldValues(
        kr,
        [
          { customFieldId: fieldId('Start'), numberValue: 0 },
          { customFieldId: fieldId('Current'), numberValue: current },
          { customFieldId: fieldId('Target'), numberValue: 10 },
        ],
        assignee.id,
      );
      if (problem) throw new Error(`Cannot set ${key}'s values: ${problem}`);
      if (current === 10) store.setState(kr, 'closed', assignee.id);
      store.setHealthStatus(
        kr,
        (['onTrack', 'needsAttention', 'atRisk'] as const)[i % 3] ?? 'onTrack',
        assignee.id,
      );
    }
  };
  const root = make(
    'objective',
    `Generated epic objective (${levels} levels × ${fanout})`,
    `${prefix}-1`,
    null,
  );
  grow(root, 1, '1');
  return { root, items, objectives: items.length - keyResults, keyResults };
}

/** A chain of `depth` objective epics (1..7) with one key result issue under the deepest. */
export function addEpicKeyResultAtDepth(
  store: SandboxStore,
  depth: number,
  options: Omit<GeneratedEpicTreeOptions, 'levels' | 'fanout'> = {},
): { keyResult: WorkItemRecord; chain: WorkItemRecord[] } {
  const tree = addGeneratedEpicObjective(store, {
    ...options,
    levels: depth,
    fanout: 1,
    keyPrefix: options.keyPrefix ?? `epic-kr-depth-${depth}`,
  });
  const keyResult = tree.items.at(-1);
  if (!keyResult || keyResult.type !== 'Issue')
    throw new Error('Generated chain has no key result');
  return { keyResult, chain: tree.items.slice(0, -1) };
}

export interface GeneratedQuarterOptions {
  /** A new top-level group (`bench-map-2000`); its projects are `${groupPath}/team-N`. */
  groupPath: string;
  projects: number;
  /** OKR items in the quarter, objectives and key results together (exactly this many). */
  items: number;
  /** Objective levels of each top objective's tree; key results hang under the last. */
  levels: number;
  /** Children per objective. */
  fanout: number;
  /** The quarter: a group milestone with this title and these dates is made for it. */
  quarter: { title: string; startDate: string | null; dueDate: string | null };
  /** Owners of the top objectives, in turn (usernames); members of the group as developers. */
  owners: string[];
  keyPrefix: string;
}

export interface GeneratedQuarter {
  projects: string[];
  /** Every item created, trees in the order they were made. */
  items: WorkItemRecord[];
  roots: WorkItemRecord[];
}

/**
 * A group whose quarter holds many OKR items across a few projects (the quarter map's big case):
 * objective trees of `levels` levels are added to the projects in turn, each objective owned by
 * the next person of `owners`, until the quarter holds `items` items. Every item carries the
 * group's milestone for the quarter, as objectives and key results planned for it do.
 */
export function addGeneratedQuarter(
  store: SandboxStore,
  options: GeneratedQuarterOptions,
): GeneratedQuarter {
  const memberIds = options.owners.map((username) => {
    const user = store.userByUsername(username);
    if (!user) throw new Error(`No user ${username}`);
    return user.id;
  });
  const members = new Map(memberIds.map((id) => [id, ACCESS.developer] as const));
  store.addNamespace({
    kind: 'group',
    fullPath: options.groupPath,
    name: options.groupPath,
    visibility: 'private',
    members,
  });
  const projects = Array.from({ length: options.projects }, (_, index) => {
    const fullPath = `${options.groupPath}/team-${index + 1}`;
    store.addNamespace({
      kind: 'project',
      fullPath,
      name: `Team ${index + 1}`,
      visibility: 'private',
      members: new Map(),
    });
    return fullPath;
  });
  const milestone = store.addMilestone({
    title: options.quarter.title,
    description: `Fiscal quarter ${options.quarter.title}`,
    state: 'active',
    startDate: options.quarter.startDate,
    dueDate: options.quarter.dueDate,
    namespacePath: options.groupPath,
    createdAt: store.nowIso(),
    updatedAt: store.nowIso(),
  });
  const items: WorkItemRecord[] = [];
  const roots: WorkItemRecord[] = [];
  for (let tree = 0; items.length < options.items; tree += 1) {
    const generated = addGeneratedObjective(store, {
      levels: options.levels,
      fanout: options.fanout,
      namespacePath: projects[tree % projects.length],
      milestoneId: milestone.id,
      assignee: options.owners[tree % options.owners.length],
      keyPrefix: `${options.keyPrefix}-t${tree + 1}`,
      maxItems: options.items - items.length,
    });
    // The tree's objectives below the top go to the next owners, so no one owns hundreds.
    generated.items.slice(1).forEach((item, index) => {
      const owner = memberIds[(tree + index + 1) % memberIds.length];
      if (item.type === 'Objective' && owner !== undefined) item.assigneeIds = [owner];
    });
    items.push(...generated.items);
    roots.push(generated.root);
  }
  return { projects, items, roots };
}
