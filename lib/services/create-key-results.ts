// The quick-create use case: key results under an objective, through the user's own token. It
// checks what would make GitLab refuse the whole batch first (read-only token, no OKRs, a parent
// that cannot take more children), then creates each draft with its values, and keeps a record
// of every attempt so that a double click, a reopened popup or a retry after an unclear failure
// never makes the same key result twice.
import type {
  CreateContext,
  CreateDestination,
  CreatedItem,
  CreateContextResult,
  CreateSubmitResult,
  KeyResultOutcome,
  KeyResultSubmission,
  MemberOption,
  MilestoneOption,
  ParentSnapshot,
  Problem,
  ProjectOption,
  WorkItemRef,
} from '../messages';
import type { CreateAttempt, InstanceRecord } from '../settings';
import type { NumberField, TypeWithWidgets } from '../gitlab/carrier-writes';
import { DEFAULT_CARRIER_SETTINGS, type CarrierSettings } from '../gitlab/carriers/conventions';
import {
  customFieldsPlan,
  customFieldValues,
  keyResultTypeIn,
  labelsFor,
  needsProject,
  topGroupOf,
  valuesPlanFor,
  type ValuesPlan,
} from './create-plan';
import { instanceForRef } from '../instances';
import { noInstanceProblem } from './problems';
import { problemOf } from './problems';

/** GitLab's limit on the children of one objective. */
export const MAX_CHILDREN = 100;

/** What the use case needs of GitLab, for one instance. */
export interface KeyResultGateway {
  loadParent(ref: WorkItemRef, settings: CarrierSettings): Promise<ParentSnapshot>;
  /** The Key Result type's global id in the namespace, or null when OKRs are not available there. */
  keyResultTypeId(namespacePath: string): Promise<string | null>;
  /** The group's projects (subgroups included) where the user may create issues. */
  issueProjects(groupPath: string): Promise<ProjectOption[]>;
  /** A namespace's work item types with their widgets (a project's custom types included). */
  typesOf(namespacePath: string): Promise<TypeWithWidgets[]>;
  /** A top-level group's active number custom fields (none where GitLab has none). */
  numberFields(topGroupPath: string): Promise<NumberField[]>;
  /** The labels a group's items may carry, its ancestors' included. */
  labels(groupPath: string): Promise<{ id: string; title: string }[]>;
  /** Whether this GitLab takes custom field values on create and update (17.10+), as far as known. */
  writesCustomFields(): boolean;
  createKeyResult(input: {
    namespacePath: string;
    parentId: string;
    typeId: string;
    title: string;
    description: string;
    assigneeIds: string[];
    milestoneId: string | null;
    dueDate: string | null;
    healthStatus: KeyResultSubmission['healthStatus'];
    labelIds?: string[];
    customFields?: { customFieldId: string; numberValue: number }[];
  }): Promise<CreatedItem>;
  updateProgress(input: {
    id: string;
    startValue: number;
    currentValue: number;
    endValue: number;
  }): Promise<void>;
  updateCustomFields(input: {
    id: string;
    values: { customFieldId: string; numberValue: number }[];
  }): Promise<void>;
  /** A child of the parent with this title created at or after `since`, if any. */
  findRecentChildByTitle(input: {
    parentId: string;
    title: string;
    since: string;
  }): Promise<CreatedItem | null>;
  members(ref: WorkItemRef): Promise<MemberOption[]>;
  milestones(ref: WorkItemRef): Promise<MilestoneOption[]>;
}

export interface AttemptStore {
  get(localId: string): Promise<CreateAttempt | null>;
  put(attempt: CreateAttempt): Promise<void>;
}

export interface CreatePorts {
  instances(): Promise<InstanceRecord[]>;
  /** A gateway for the instance, or a thrown `problem` (e.g. no token stored). */
  gatewayFor(instance: InstanceRecord): Promise<KeyResultGateway>;
  attempts: AttemptStore;
  now(): Date;
  /** Something changed on this instance: cached views are stale, open panels should refresh. */
  changed(origin: string): Promise<void>;
  /**
   * How the namespace keeps its OKRs (lib/settings.ts `carrierSettingsFor`); GitLab's OKR types
   * when absent.
   */
  settingsFor?(instance: InstanceRecord, ref: WorkItemRef): Promise<CarrierSettings>;
  /** The project key results of this group went in last time, and keeping the new one. */
  projectChoice?: {
    get(instance: InstanceRecord, groupPath: string): Promise<string | null>;
    set(instance: InstanceRecord, groupPath: string, projectPath: string): Promise<void>;
  };
}

export interface KeyResultService {
  context(ref: WorkItemRef): Promise<CreateContextResult>;
  submit(ref: WorkItemRef, drafts: KeyResultSubmission[]): Promise<CreateSubmitResult>;
}

/**
 * For an attempt recorded without the parent's same-titled children: how far before its start a
 * retry looks, a margin for a GitLab clock that runs behind ours.
 */
const CLOCK_MARGIN_MS = 10 * 60 * 1000;

type AttemptBase = Pick<CreateAttempt, 'localId' | 'parentId' | 'title' | 'startedAt' | 'twins'>;

/** Ids of the parent's children with this title, or undefined when some child has no id. */
function twinsOf(parent: ParentSnapshot, title: string): string[] | undefined {
  const same = parent.children.filter((child) => child.title.trim() === title.trim());
  if (same.some((child) => !child.id)) return undefined;
  return same.map((child) => child.id!);
}

export function readOnlyProblem(): Problem {
  return {
    kind: 'insufficientScope',
    message:
      'This token can only read (read_api scope). To create key results, create a GitLab token ' +
      'with the api scope and paste it in OKR Lens options.',
  };
}

export function okrsUnavailableProblem(namespacePath: string): Problem {
  return {
    kind: 'okrsUnavailable',
    message:
      `OKRs are not available in ${namespacePath}: GitLab offers no Key Result type there. ` +
      'OKRs need GitLab Ultimate with the OKR feature turned on; ask your administrator.',
  };
}

export function parentLimitProblem(parent: ParentSnapshot, adding: number): Problem | null {
  if (parent.kind === 'keyResult') {
    return {
      kind: 'limit',
      message:
        'A key result cannot have children in GitLab. Open its objective to add key results there.',
    };
  }
  if (parent.kind !== 'objective') {
    return {
      kind: 'notAnOkr',
      message: 'Key results go under an objective. Open an objective, or pick one below.',
    };
  }
  const count = parent.children.length;
  if (count + adding > MAX_CHILDREN || (parent.childrenIncomplete && count >= MAX_CHILDREN)) {
    const room = Math.max(0, MAX_CHILDREN - count);
    return {
      kind: 'limit',
      message:
        `This objective has ${count} children and GitLab allows ${MAX_CHILDREN}: ` +
        (room === 0
          ? 'it cannot take another. Add a child objective elsewhere, or close and move some.'
          : `only ${room} more fit. Create fewer key results, or split the objective.`),
    };
  }
  return null;
}

/** Tokens known to lack the api scope (the options page checked them). */
function lacksWriteScope(instance: InstanceRecord): boolean {
  const scopes = instance.check?.scopes;
  return Array.isArray(scopes) && !scopes.includes('api');
}

/** Whether GitLab may have applied a write whose answer never came. */
function isUnclear(error: unknown): boolean {
  if (error && typeof error === 'object' && 'unclear' in error) {
    return (error as { unclear: unknown }).unclear === true;
  }
  const kind = problemOf(error).kind;
  return kind === 'timeout' || kind === 'offline' || kind === 'server' || kind === 'unknown';
}

/** How the key results of one batch are made: where, as which type, with which labels and values. */
interface CreatePlan {
  namespacePath: string;
  typeId: string;
  typeName: string;
  labelIds: string[];
  values: ValuesPlan;
  /** Made in a project the user picked (under an epic), not in the parent's own namespace. */
  inProject: boolean;
}

function needsProjectFor(plans: Map<string, CreatePlan>): boolean {
  return [...plans.values()].some((plan) => plan.inProject);
}

/** Project choices kept for the service's life only (when no storage is given). */
function memoryProjectChoice(): NonNullable<CreatePorts['projectChoice']> {
  const chosen = new Map<string, string>();
  const key = (instance: InstanceRecord, group: string) => `${instance.baseUrl} ${group}`;
  return {
    get: async (instance, group) => chosen.get(key(instance, group)) ?? null,
    set: async (instance, group, project) => void chosen.set(key(instance, group), project),
  };
}

export function createKeyResultService(given: CreatePorts): KeyResultService {
  const ports = {
    ...given,
    settingsFor: given.settingsFor ?? (async () => DEFAULT_CARRIER_SETTINGS),
    projectChoice: given.projectChoice ?? memoryProjectChoice(),
  };
  /** One run per draft at a time: a second submit of the same draft joins the first. */
  const running = new Map<string, Promise<KeyResultOutcome>>();

  async function gatewayOf(
    ref: WorkItemRef,
  ): Promise<
    | { ok: true; gateway: KeyResultGateway; instance: InstanceRecord }
    | { ok: false; problem: Problem }
  > {
    const instance = instanceForRef(await ports.instances(), ref);
    if (!instance) return { ok: false, problem: noInstanceProblem(ref) };
    if (lacksWriteScope(instance)) return { ok: false, problem: readOnlyProblem() };
    try {
      return { ok: true, gateway: await ports.gatewayFor(instance), instance };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  async function context(ref: WorkItemRef): Promise<CreateContextResult> {
    const access = await gatewayOf(ref);
    if (!access.ok) return access;
    const { gateway, instance } = access;
    try {
      const settings = await ports.settingsFor(instance, ref);
      const parent = await gateway.loadParent(ref, settings);
      const limit = parentLimitProblem(parent, 1);
      if (limit) return { ok: false, problem: limit };
      // Pickers are a convenience: a namespace whose members or milestones GitLab will not
      // list still gets a form (the parent's milestone and "nobody" stay available).
      const [members, milestones, destination] = await Promise.all([
        gateway.members(ref).catch(() => []),
        gateway.milestones(ref).catch(() => []),
        needsProject(ref, settings)
          ? destinationOf(gateway, instance, ref, parent, settings)
          : Promise.resolve(undefined),
      ]);
      const withParentMilestone =
        parent.milestone && !milestones.some((m) => m.id === parent.milestone?.id)
          ? [parent.milestone, ...milestones]
          : milestones;
      const result: CreateContext = {
        parent,
        members,
        milestones: withParentMilestone,
        me: instance.check?.username ?? null,
        ...(destination ? { destination } : {}),
      };
      return { ok: true, context: result };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  /** The project picker under an epic, with the labels and fields a new key result gets. */
  async function destinationOf(
    gateway: KeyResultGateway,
    instance: InstanceRecord,
    ref: WorkItemRef,
    parent: ParentSnapshot,
    settings: CarrierSettings,
  ): Promise<CreateDestination> {
    const topGroup = topGroupOf(ref.fullPath);
    const [projects, labels, fields, remembered] = await Promise.all([
      gateway.issueProjects(ref.fullPath),
      // Without labels or fields the key result is still made: the form says what it lacks.
      gateway.labels(ref.fullPath).catch(() => []),
      gateway.numberFields(topGroup).catch((): NumberField[] => []),
      ports.projectChoice.get(instance, ref.fullPath).catch(() => null),
    ]);
    const chosen =
      projects.find((project) => project.fullPath === remembered)?.fullPath ??
      (projects.length === 1 ? projects[0]!.fullPath : null);
    const choice = labelsFor(parent.labels ?? [], settings, labels);
    const plan = customFieldsPlan(fields, settings, null, topGroup, gateway.writesCustomFields());
    return {
      kind: 'project',
      projects,
      chosen,
      labels: choice.titles,
      missingLabels: choice.missing,
      ...(choice.quarter ? { quarter: choice.quarter } : {}),
      fields:
        plan.kind === 'customFields'
          ? {
              start: plan.fields.start.name,
              current: plan.fields.current.name,
              target: plan.fields.target.name,
            }
          : {},
      ...(plan.kind === 'none' ? { valuesUnavailable: plan.why } : {}),
    };
  }

  async function record(
    base: AttemptBase,
    outcome: Omit<KeyResultOutcome, 'localId'>,
  ): Promise<KeyResultOutcome> {
    const attempt: CreateAttempt = {
      ...base,
      ...outcome,
      updatedAt: ports.now().toISOString(),
    };
    await ports.attempts.put(attempt);
    const { localId, state, item, problem, recovered } = attempt;
    return {
      localId,
      state,
      ...(item ? { item } : {}),
      ...(problem ? { problem } : {}),
      ...(recovered ? { recovered } : {}),
    };
  }

  async function setValues(
    gateway: KeyResultGateway,
    draft: KeyResultSubmission,
    item: CreatedItem,
    base: AttemptBase,
    recovered: boolean,
    plan: CreatePlan,
    sentWithCreate: boolean,
  ): Promise<KeyResultOutcome> {
    const extra = recovered ? { recovered } : {};
    if (draft.progress) {
      try {
        if (plan.values.kind === 'progress') {
          await gateway.updateProgress({ id: item.id, ...draft.progress });
        } else if (plan.values.kind === 'customFields' && !sentWithCreate) {
          // An item found again, or one whose values failed: setting the same values twice is
          // harmless (GitLab notes only a change).
          await gateway.updateCustomFields({
            id: item.id,
            values: customFieldValues(plan.values, draft.progress),
          });
        }
      } catch (error) {
        return record(base, {
          state: 'progressFailed',
          item,
          problem: progressProblem(problemOf(error)),
          ...extra,
        });
      }
    }
    return record(base, { state: 'created', item, ...extra });
  }

  async function createOne(
    gateway: KeyResultGateway,
    ref: WorkItemRef,
    parent: ParentSnapshot,
    plan: CreatePlan,
    draft: KeyResultSubmission,
  ): Promise<KeyResultOutcome> {
    const previous = await ports.attempts.get(draft.localId);
    if (previous?.state === 'created' && previous.item) {
      return { localId: draft.localId, state: 'created', item: previous.item };
    }
    const now = ports.now();
    // An earlier attempt that may have reached GitLab: look for its item before creating.
    const maybeSent = previous?.state === 'unclear' || previous?.state === 'creating';
    const base: AttemptBase = {
      localId: draft.localId,
      parentId: parent.id,
      title: draft.title,
      startedAt: previous?.startedAt ?? now.toISOString(),
      // Taken before the first send only: by a retry, the parent may hold our own item.
      ...(maybeSent
        ? previous?.twins
          ? { twins: previous.twins }
          : {}
        : (() => {
            const twins = twinsOf(parent, draft.title);
            return twins ? { twins } : {};
          })()),
    };
    // The item exists (its values are missing, or a stopped background never set them).
    if (previous?.item) {
      return setValues(
        gateway,
        draft,
        previous.item,
        base,
        previous.recovered ?? false,
        plan,
        false,
      );
    }
    if (maybeSent) {
      try {
        const since = base.twins
          ? new Date(0).toISOString()
          : new Date(Date.parse(base.startedAt) - CLOCK_MARGIN_MS).toISOString();
        const found = await gateway.findRecentChildByTitle({
          parentId: parent.id,
          title: draft.title,
          since,
        });
        if (found && !base.twins?.includes(found.id)) {
          return setValues(gateway, draft, found, base, true, plan, false);
        }
      } catch (error) {
        // Not knowing whether it exists, creating now could double it: stay unclear.
        return record(base, { state: 'unclear', problem: problemOf(error) });
      }
    }
    const fresh = { ...base, startedAt: maybeSent ? base.startedAt : now.toISOString() };
    await record(fresh, { state: 'creating' });
    let item: CreatedItem;
    try {
      item = await gateway.createKeyResult({
        namespacePath: plan.namespacePath,
        parentId: parent.id,
        typeId: plan.typeId,
        title: draft.title,
        description: draft.description,
        assigneeIds: draft.assigneeIds,
        milestoneId: draft.milestoneId,
        dueDate: draft.dueDate,
        healthStatus: draft.healthStatus,
        ...(plan.labelIds.length ? { labelIds: plan.labelIds } : {}),
        ...(plan.values.kind === 'customFields' && draft.progress
          ? { customFields: customFieldValues(plan.values, draft.progress) }
          : {}),
      });
    } catch (error) {
      const problem = problemOf(error);
      if (isUnclear(error)) return record(fresh, { state: 'unclear', problem: unclear(problem) });
      return record(fresh, { state: 'failed', problem });
    }
    // The item exists from here on: record it before the second request, so nothing can
    // forget it.
    await record(fresh, { state: 'creating', item });
    return setValues(gateway, draft, item, fresh, false, plan, true);
  }

  async function submit(
    ref: WorkItemRef,
    drafts: KeyResultSubmission[],
  ): Promise<CreateSubmitResult> {
    const access = await gatewayOf(ref);
    if (!access.ok) return access;
    const { gateway, instance } = access;
    let parent: ParentSnapshot;
    let plans: Map<string, CreatePlan>;
    try {
      const settings = await ports.settingsFor(instance, ref);
      parent = await gateway.loadParent(ref, settings);
      // Drafts made already (by an earlier, partly failed submit) do not need room again.
      const pending: KeyResultSubmission[] = [];
      for (const draft of drafts) {
        const previous = await ports.attempts.get(draft.localId);
        if (!previous?.item) pending.push(draft);
      }
      const limit = parentLimitProblem(parent, pending.length);
      if (limit) return { ok: false, problem: limit };
      const planned = await plansFor(gateway, ref, parent, settings, drafts);
      if (!planned.ok) return planned;
      plans = planned.plans;
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }

    const outcomes: KeyResultOutcome[] = [];
    // One after the other: GitLab throttles bursts, and the order is the order typed.
    for (const draft of drafts) {
      const joined = running.get(draft.localId);
      if (joined) {
        outcomes.push(await joined);
        continue;
      }
      const plan = plans.get(draft.projectPath ?? ref.fullPath)!;
      const run = createOne(gateway, ref, parent, plan, draft).finally(() =>
        running.delete(draft.localId),
      );
      running.set(draft.localId, run);
      outcomes.push(await run);
      const last = outcomes.at(-1);
      // A rate limit applies to the rest as well: stop rather than be refused again.
      if (last?.state === 'failed' && last.problem?.kind === 'rateLimited') {
        for (const rest of drafts.slice(outcomes.length)) {
          outcomes.push({ localId: rest.localId, state: 'failed', problem: last.problem });
        }
        break;
      }
    }
    if (outcomes.some((outcome) => outcome.item)) {
      const project = drafts.find((draft) => draft.projectPath)?.projectPath;
      if (project && needsProjectFor(plans)) {
        await ports.projectChoice.set(instance, ref.fullPath, project).catch(() => undefined);
      }
      await ports.changed(ref.origin).catch(() => undefined);
    }
    return { ok: true, outcomes };
  }

  /**
   * How each draft is made, decided before anything is sent, so a batch GitLab would refuse
   * (no project picked, no type, values with nowhere to go) makes nothing.
   */
  async function plansFor(
    gateway: KeyResultGateway,
    ref: WorkItemRef,
    parent: ParentSnapshot,
    settings: CarrierSettings,
    drafts: KeyResultSubmission[],
  ): Promise<{ ok: true; plans: Map<string, CreatePlan> } | { ok: false; problem: Problem }> {
    const plans = new Map<string, CreatePlan>();
    if (!needsProject(ref, settings)) {
      const typeId = await gateway.keyResultTypeId(ref.fullPath);
      if (!typeId) return { ok: false, problem: okrsUnavailableProblem(ref.fullPath) };
      plans.set(ref.fullPath, {
        namespacePath: ref.fullPath,
        typeId,
        typeName: 'Key Result',
        labelIds: [],
        values: { kind: 'progress' },
        inProject: false,
      });
      return { ok: true, plans };
    }
    const projects = [...new Set(drafts.map((draft) => draft.projectPath))];
    if (projects.some((project) => !project)) {
      return {
        ok: false,
        problem: {
          kind: 'invalidRequest',
          message:
            'Pick the project the key results go in: an epic holds issues of its group’s projects.',
        },
      };
    }
    const topGroup = topGroupOf(ref.fullPath);
    const withValues = drafts.some((draft) => draft.progress);
    const [labels, fields] = await Promise.all([
      gateway.labels(ref.fullPath),
      withValues ? gateway.numberFields(topGroup) : Promise.resolve([]),
    ]);
    const choice = labelsFor(parent.labels ?? [], settings, labels);
    for (const project of projects as string[]) {
      const type = keyResultTypeIn(await gateway.typesOf(project), settings);
      if (!type) {
        return {
          ok: false,
          problem: {
            kind: 'invalidRequest',
            message: `GitLab offers no issue type in ${project}: pick another project, or turn issues on there.`,
          },
        };
      }
      const values = valuesPlanFor(type, fields, settings, topGroup, gateway.writesCustomFields());
      if (withValues && values.kind === 'none') {
        return {
          ok: false,
          problem: {
            kind: 'invalidRequest',
            message: `Nothing was created: the start, current and target values have nowhere to go. ${values.why} Leave the values empty to create the key results without them.`,
          },
        };
      }
      plans.set(project, {
        namespacePath: project,
        typeId: type.id,
        typeName: type.name,
        labelIds: choice.ids,
        values,
        inProject: true,
      });
    }
    return { ok: true, plans };
  }

  return { context, submit };
}

const LOST_ANSWER: Partial<Record<Problem['kind'], string>> = {
  timeout: 'GitLab did not answer in time.',
  offline: 'The connection to GitLab was lost.',
  server: 'GitLab had a problem answering.',
};

/** A create whose answer never came: say so, and that a retry cannot double it. */
function unclear(problem: Problem): Problem {
  return {
    ...problem,
    message:
      `${LOST_ANSWER[problem.kind] ?? 'The answer from GitLab was lost.'} It is not clear ` +
      'whether the key result was created: Retry looks for it first, so it is never made twice.',
  };
}

function progressProblem(problem: Problem): Problem {
  // Setting values again is harmless, so the client's "check before retrying" does not apply.
  const cause = problem.message
    .replace(/\s*It is not clear whether[\s\S]*$/, '')
    .replace(/\s*Try again[\s\S]*$/, '');
  return {
    ...problem,
    message:
      `The key result was created, but its start, current and target values were not set ` +
      `(${cause.replace(/\.$/, '')}). Retry sets only the values.`,
  };
}
