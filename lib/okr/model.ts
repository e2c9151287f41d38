// The OKR domain model: what an objective, a key result and a linked issue are, independent of
// GitLab's wire format. The GitLab adapter maps responses into these shapes; everything else
// (scoring, rules, staleness, the panel, the CLI) reads only these.

/** Dates are ISO strings: `YYYY-MM-DD` for calendar dates, full ISO 8601 for timestamps. */
export type IsoDate = string;
export type IsoDateTime = string;

export type OkrKind = 'objective' | 'keyResult' | 'issue';

/** GitLab's health status enum values (camelCase, as GraphQL sends them). */
export type HealthStatus = 'onTrack' | 'needsAttention' | 'atRisk';

export type ItemState = 'opened' | 'closed';

export interface Person {
  /** GitLab user global id (`gid://gitlab/User/N`) when known. */
  id?: string;
  username: string;
  name: string;
}

/**
 * A quarter, e.g. `FY24-Q2`: a GitLab milestone, a quarter label (`okrq:FY24-Q2`), or an epic's
 * own start and due dates, as the namespace's carrier says (`source`; a milestone when absent).
 */
export interface Quarter {
  id?: string;
  title: string;
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  source?: 'milestone' | 'label' | 'dates';
}

/**
 * A key result's start, current and target values kept in GitLab custom number fields (named as
 * the carrier settings say, e.g. Start / Current / Target), with the fields' ids so a check-in
 * can write the current value back. A value GitLab holds no number for is null.
 */
export interface CustomValues {
  start: number | null;
  current: number | null;
  target: number | null;
  /** The custom field's global id and name for each value found (absent: no such field). */
  fields: Partial<Record<'start' | 'current' | 'target', { id: string; name: string }>>;
}

/**
 * What GitLab's own progress bar on an epic is made of: the completed and total weight of its
 * descendant issues (`rolledUpCompletedWeight` / `rolledUpWeight`) and, for an epic whose issues
 * carry no weight, its closed and total issues (`rolledUpCountsByType`).
 */
export interface EpicRollup {
  weight: { completed: number; total: number } | null;
  issues: { closed: number; total: number } | null;
}

/** GitLab's progress widget. `progress` is GitLab's stored percentage (0..100). */
export interface ProgressValues {
  progress: number | null;
  startValue: number | null;
  currentValue: number | null;
  endValue: number | null;
  updatedAt: IsoDateTime | null;
}

/** A comment or a system note on a work item (only the recent ones are fetched). */
export interface Note {
  body: string;
  createdAt: IsoDateTime;
  system: boolean;
  author?: string;
  /** Whether GitLab says the author is a bot (its automation, support bot…), when it was asked. */
  authorBot?: boolean;
}

/** The task-list checkboxes of a description. */
export interface TaskCounts {
  total: number;
  completed: number;
}

/** A work item as the domain sees it. Objectives carry their children; leaves have none. */
export interface OkrNode {
  /** GitLab global id, `gid://gitlab/WorkItem/N` (or `gid://gitlab/Issue/N`). */
  id: string;
  /** Human reference, `group/project#12`. */
  reference: string;
  /** Web URL of the item. */
  url: string;
  kind: OkrKind;
  title: string;
  state: ItemState;
  createdAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  /** When GitLab last changed anything on the item (a health change included), when loaded. */
  updatedAt?: IsoDateTime | null;
  description: string;
  tasks: TaskCounts | null;
  /** null when the item has no progress widget (plain issues, epics, custom types). */
  progress: ProgressValues | null;
  /** Values from custom number fields (epics-and-issues and custom-type carriers), when found. */
  customValues?: CustomValues | null;
  /** GitLab's epic progress inputs, for an epic (GitLab's own number beside ours). */
  epicRollup?: EpicRollup | null;
  health: HealthStatus | null;
  assignees: Person[];
  milestone: Quarter | null;
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  labels: string[];
  /** Recent notes, newest last. May be partial; rules that need notes say so. */
  notes: Note[];
  /** Direct children (objectives and key results), as far as they were loaded. */
  children: OkrNode[];
  /**
   * True when GitLab says the item has children that were not loaded (e.g. a depth cut).
   * Scoring treats unloaded children as unknown rather than as zero.
   */
  childrenIncomplete?: boolean;
  /** Issues (or other work items) linked to a key result with "relates to". */
  linkedItems: OkrNode[];
}

/** One step of the parent chain, root first, direct parent last. */
export interface ChainLink {
  id: string;
  reference: string;
  url: string;
  kind: OkrKind;
  title: string;
  state: ItemState;
  health: HealthStatus | null;
  /** GitLab's stored progress for the ancestor (0..100), when known. */
  gitlabProgress: number | null;
  /** The last change GitLab records on it (its own `updatedAt` or its progress'), when loaded. */
  lastChange?: IsoDateTime | null;
}

/**
 * A node with nothing known beyond its identity: for items the domain judges without having
 * loaded them (a draft key result, an ancestor from the parent chain).
 */
export function blankNode(fields: Pick<OkrNode, 'id' | 'kind' | 'title' | 'state'>): OkrNode {
  return {
    reference: '',
    url: '',
    createdAt: null,
    closedAt: null,
    description: '',
    tasks: null,
    progress: null,
    health: null,
    assignees: [],
    milestone: null,
    startDate: null,
    dueDate: null,
    labels: [],
    notes: [],
    children: [],
    linkedItems: [],
    ...fields,
  };
}
