// The views the benchmark opens: a key result at depths 1, 4 and 9 and objectives with about 10,
// 100 and 1,000 descendants, generated into the sandbox (one fresh copy per cold run, so every
// cold visit meets an empty cache).
import type { Sandbox } from '../sandbox/server';
import {
  addEpicKeyResultAtDepth,
  addGeneratedEpicObjective,
  addGeneratedObjective,
  addKeyResultAtDepth,
} from '../sandbox/seed/generate';
import { ACCESS, type SandboxStore, type User, type WorkItemRecord } from '../sandbox/store';

const NAMESPACE = 'gitlab-com/gitlab-okrs';
/** The sandbox's group that keeps its OKRs as epics and labelled issues. */
export const EPIC_GROUP = 'acme';
/** Owners of the objectives below a generated root, so no one holds hundreds of objectives. */
const TEAM_SIZE = 12;

export interface ScenarioSpec {
  id: string;
  label: string;
  kind: 'keyResult' | 'objective';
  /** Key result: objectives above it. Objective: levels of objectives, key results below. */
  levels: number;
  /** Objective trees: children per objective. */
  fanout: number;
  /** Cold (and warm) browser visits; each cold visit gets its own copy of the tree. */
  runs: number;
  /** Node runs of the naive baseline (slow for big trees: one request per item). */
  baselineRuns: number;
  /** Injected latency per API request for this view, when not the run's default. */
  latencyMs?: number;
  /**
   * How the tree is kept: GitLab's OKR types (default) or epics and labelled issues in the
   * sandbox's `acme` group (objective epics `okr:o`, key result issues `okr:kr`, custom fields).
   */
  carrier?: 'workItemTypes' | 'epics';
}

export interface ItemCopy {
  namespaceKind: 'group' | 'project';
  fullPath: string;
  iid: string;
  url: string;
}

export interface SeededScenario extends ScenarioSpec {
  copies: ItemCopy[];
  /** Items below the viewed one (objectives and key results). */
  descendants: number;
  /** Objectives above the viewed one. */
  ancestors: number;
}

const SLOW_LATENCY_MS = 600;

export function scenarioSpecs(options: { quick: boolean }): ScenarioSpec[] {
  const runs = options.quick ? 2 : 5;
  const bigRuns = options.quick ? 1 : 3;
  const kr = (levels: number): ScenarioSpec => ({
    id: `kr-depth-${levels}`,
    label: `key result, depth ${levels}`,
    kind: 'keyResult',
    levels,
    fanout: 1,
    runs,
    baselineRuns: runs,
  });
  const objective = (levels: number, nominal: number, many: boolean): ScenarioSpec => ({
    id: `objective-${nominal}`,
    label: `objective, ${nominal} descendants`,
    kind: 'objective',
    levels,
    fanout: 10,
    runs: many ? bigRuns : runs,
    baselineRuns: many ? (options.quick ? 1 : 2) : runs,
  });
  // The same key result with a slow network, where the round trip outweighs GitLab's own page.
  const slow: ScenarioSpec = {
    ...kr(4),
    id: 'kr-depth-4-slow',
    label: `key result, depth 4, ${SLOW_LATENCY_MS} ms`,
    runs: options.quick ? 1 : 3,
    baselineRuns: 1,
    latencyMs: SLOW_LATENCY_MS,
  };
  // The same views kept as epics and labelled issues (issue 12): a key result issue under
  // three objective epics, and an objective epic with about 1,000 descendants.
  const onEpics = (spec: ScenarioSpec): ScenarioSpec => ({
    ...spec,
    id: `epic-${spec.id}`,
    label: `${spec.label}, as epics and issues`,
    carrier: 'epics',
  });
  return [
    kr(1),
    kr(4),
    kr(9),
    slow,
    objective(1, 10, false),
    objective(2, 100, false),
    objective(3, 1000, true),
    onEpics(kr(3)),
    onEpics(objective(3, 1000, true)),
  ];
}

function addBenchUser(store: SandboxStore, username: string): User {
  const user = store.addUser({
    username,
    name: `Bench ${username}`,
    jobTitle: 'Engineer',
    createdAt: store.nowIso(),
  });
  store.namespace(NAMESPACE)?.members.set(user.id, ACCESS.developer);
  return user;
}

/**
 * The generator makes one person the DRI of a whole tree; real trees spread objectives over a
 * team, and the DRI rule's lookup (the DRI's other objectives) should see a realistic count.
 */
function spreadOwnership(items: WorkItemRecord[], team: User[]): void {
  items.slice(1).forEach((item, index) => {
    const owner = team[index % team.length];
    if (item.type === 'Objective' && owner) item.assigneeIds = [owner.id];
  });
}

/** Adds every scenario's copies to the sandbox's store (sandbox.reset() would drop them). */
export function seedScenarios(sandbox: Sandbox, specs: ScenarioSpec[]): SeededScenario[] {
  const store = sandbox.store;
  const team = Array.from({ length: TEAM_SIZE }, (_, index) =>
    addBenchUser(store, `bench-owner-${index + 1}`),
  );
  return specs.map((spec) => {
    const copies: ItemCopy[] = [];
    let descendants = 0;
    for (let copy = 0; copy < spec.runs; copy += 1) {
      const keyPrefix = `bench-${spec.id}-c${copy}`;
      // Each copy has its own DRI: one person, one objective per quarter, as the handbook wants.
      const assignee = addBenchUser(store, `bench-dri-${spec.id}-${copy}`).username;
      const options = { keyPrefix, assignee, namespacePath: NAMESPACE };
      let item: WorkItemRecord;
      if (spec.carrier === 'epics') {
        store
          .namespace(EPIC_GROUP)
          ?.members.set(store.userByUsername(assignee)!.id, ACCESS.developer);
        const epicOptions = { keyPrefix, assignee };
        if (spec.kind === 'keyResult') {
          item = addEpicKeyResultAtDepth(store, spec.levels, epicOptions).keyResult;
        } else {
          const tree = addGeneratedEpicObjective(store, {
            ...epicOptions,
            levels: spec.levels,
            fanout: spec.fanout,
          });
          descendants = tree.items.length - 1;
          item = tree.root;
        }
      } else if (spec.kind === 'keyResult') {
        const { keyResult, chain } = addKeyResultAtDepth(store, spec.levels, options);
        spreadOwnership([keyResult, ...chain.slice().reverse()], team);
        item = keyResult;
      } else {
        const tree = addGeneratedObjective(store, {
          ...options,
          levels: spec.levels,
          fanout: spec.fanout,
        });
        spreadOwnership(tree.items, team);
        descendants = tree.items.length - 1;
        item = tree.root;
      }
      copies.push({
        namespaceKind: store.namespace(item.namespacePath)?.kind ?? 'project',
        fullPath: item.namespacePath,
        iid: String(item.iid),
        url: `${sandbox.url}${store.webPath(item)}`,
      });
    }
    return {
      ...spec,
      copies,
      descendants,
      ancestors: spec.kind === 'keyResult' ? spec.levels : 0,
    };
  });
}
