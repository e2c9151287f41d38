// GitLab's work item responses → the domain's OkrNode and ChainLink. The only place that knows
// GitLab's type names, state and widget shapes; a widget the response lacks maps to "unknown"
// (null, or an empty list), never to a crash.
import type {
  ChainLink,
  CustomValues,
  EpicRollup,
  HealthStatus,
  ItemState,
  Note,
  OkrKind,
  OkrNode,
  Person,
  ProgressValues,
  Quarter,
  TaskCounts,
} from '../okr/model';
import { epicProgressOf } from '../okr/epic-progress';
import { fiscalQuarterDates, fiscalQuarterTitleOf } from '../okr/fiscal-quarter';
import { latestOf } from '../okr/staleness';
import { taskCountsOf } from '../okr/tasks';
import {
  classify,
  countsAsIssue,
  DEFAULT_CARRIER_SETTINGS,
  isEpicType,
  normalName,
  quarterFromLabel,
  type CarrierSettings,
  type QuarterSource,
} from './carriers/conventions';
import {
  HealthStatusSchema,
  widgetOf,
  type LinkedItemResponse,
  type ProgressWidget,
  type WorkItemResponse,
} from './schemas';

/**
 * The domain kind of a work item under the carrier settings (GitLab's OKR types when none are
 * given), or null for items that are no OKR and no issue (a task, a plain epic). `classify`
 * decides; this only reads what it needs from the response.
 */
export function kindOf(
  typeName: string | undefined,
  options: {
    labels?: readonly string[];
    parentKind?: OkrKind | null;
    carrier?: CarrierSettings;
  } = {},
): OkrKind | null {
  return classify(
    { typeName, labels: options.labels ?? [], parentKind: options.parentKind ?? null },
    options.carrier ?? DEFAULT_CARRIER_SETTINGS,
  );
}

/** The labels GitLab sent with an item (none when its labels widget was not selected). */
export function labelsOf(item: WorkItemResponse): string[] {
  return (widgetOf(item, 'WorkItemWidgetLabels')?.labels?.nodes ?? []).map((label) => label.title);
}

/** An item's kind under the context's carrier, from its type, labels and its parent's kind. */
export function kindOfItem(
  item: WorkItemResponse,
  context: MapContext,
  parentKind: OkrKind | null = null,
): OkrKind | null {
  return kindOf(item.workItemType?.name, {
    labels: labelsOf(item),
    parentKind,
    carrier: carrierOf(context),
  });
}

function carrierOf(context: MapContext): CarrierSettings {
  return context.carrier ?? DEFAULT_CARRIER_SETTINGS;
}

export function stateOf(state: WorkItemResponse['state']): ItemState {
  return state === 'CLOSED' ? 'closed' : 'opened';
}

/** GraphQL's HealthStatus values are the domain's (`onTrack`, `needsAttention`, `atRisk`). */
export function healthOf(value: unknown): HealthStatus | null {
  const parsed = HealthStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The words GitLab writes in system notes and REST (`on track`, `needs attention`, `at risk`). */
export function healthFromWords(words: string): HealthStatus | null {
  const normalised = words
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  if (normalised === 'on track') return 'onTrack';
  if (normalised === 'needs attention') return 'needsAttention';
  if (normalised === 'at risk') return 'atRisk';
  return null;
}

/** A calendar date from GitLab's `Date` (`2024-07-31`) or `Time` (`2024-07-31T00:00:00Z`). */
export function calendarDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value);
  return match ? match[0] : null;
}

/** Where links point: the item's own `webUrl`, or a URL built from its full reference. */
export interface MapContext {
  /** Instance base URL with any relative URL root, without trailing slash. */
  baseUrl: string;
  /** How the item's namespace keeps its OKRs; GitLab's OKR types when absent. */
  carrier?: CarrierSettings;
}

/** `group/project#12` → `{ fullPath: 'group/project', iid: '12' }` (also `group&12`). */
export function parseReference(
  reference: string | undefined,
): { fullPath: string; iid: string } | null {
  const match = /^(.+?)[#&](\d+)$/.exec(reference ?? '');
  return match && match[1] && match[2] ? { fullPath: match[1], iid: match[2] } : null;
}

export function urlOf(item: WorkItemResponse, context: MapContext): string {
  if (item.webUrl) return item.webUrl;
  const parsed = parseReference(item.reference);
  return parsed
    ? `${context.baseUrl}/${parsed.fullPath}/-/work_items/${parsed.iid}`
    : context.baseUrl;
}

/** A progress widget's values; each one GitLab left out (or the whole widget) as null. */
export function progressValuesOf(widget: ProgressWidget | undefined): ProgressValues {
  return {
    progress: widget?.progress ?? null,
    startValue: widget?.startValue ?? null,
    currentValue: widget?.currentValue ?? null,
    endValue: widget?.endValue ?? null,
    updatedAt: widget?.updatedAt ?? null,
  };
}

function progressOf(item: WorkItemResponse): ProgressValues | null {
  const widget = widgetOf(item, 'WorkItemWidgetProgress');
  return widget ? progressValuesOf(widget) : null;
}

function assigneesOf(item: WorkItemResponse): Person[] {
  const nodes = widgetOf(item, 'WorkItemWidgetAssignees')?.assignees?.nodes ?? [];
  return nodes.map((user) => ({
    ...(user.id ? { id: user.id } : {}),
    username: user.username,
    name: user.name ?? user.username,
  }));
}

function milestoneOf(item: WorkItemResponse): Quarter | null {
  const milestone = widgetOf(item, 'WorkItemWidgetMilestone')?.milestone;
  if (!milestone) return null;
  return {
    ...(milestone.id ? { id: milestone.id } : {}),
    title: milestone.title,
    startDate: calendarDate(milestone.startDate),
    dueDate: calendarDate(milestone.dueDate),
    source: 'milestone',
  };
}

/**
 * The quarter a label names under the pattern (`okrq:{quarter}` + `okrq::FY24-Q2`), with the
 * dates of GitLab's fiscal quarter when the title is one (`FY24-Q2` = May to July 2023).
 */
function labelQuarterOf(labels: readonly string[], pattern: string): Quarter | null {
  for (const label of labels) {
    const title = quarterFromLabel(pattern, label);
    if (!title) continue;
    const dates = fiscalQuarterDates(title);
    return {
      title,
      startDate: dates?.startDate ?? null,
      dueDate: dates?.dueDate ?? null,
      source: 'label',
    };
  }
  return null;
}

/**
 * An epic's own start and due dates as its quarter, titled as the fiscal quarter they span
 * exactly (`FY27-Q1`) or not at all.
 */
function datesQuarterOf(item: WorkItemResponse): Quarter | null {
  if (!isEpicType(item.workItemType?.name)) return null;
  const dates = widgetOf(item, 'WorkItemWidgetStartAndDueDate');
  const startDate = calendarDate(dates?.startDate);
  const dueDate = calendarDate(dates?.dueDate);
  if (!startDate || !dueDate) return null;
  return {
    title: fiscalQuarterTitleOf(startDate, dueDate) ?? '',
    startDate,
    dueDate,
    source: 'dates',
  };
}

/**
 * The item's quarter where its carrier keeps it: the milestone (OKR types, and the handbook's
 * epics), a quarter label, or an epic's dates. On the epics carrier the configured source is
 * tried first and the others after it, so an issue with a milestone under label-quartered
 * epics still has its quarter; the quarter says where it came from.
 */
export function quarterOf(item: WorkItemResponse, context: MapContext): Quarter | null {
  const carrier = carrierOf(context);
  const readers: Record<QuarterSource, () => Quarter | null> = {
    milestone: () => milestoneOf(item),
    label: () => labelQuarterOf(labelsOf(item), carrier.quarter.labelPattern),
    dates: () => datesQuarterOf(item),
  };
  const order: QuarterSource[] =
    carrier.carrier === 'epics'
      ? [carrier.quarter.source, 'milestone', 'label', 'dates']
      : [carrier.quarter.source];
  for (const source of new Set(order)) {
    const quarter = readers[source]();
    if (quarter) return quarter;
  }
  return null;
}

/**
 * A key result's start, current and target from the custom number fields the carrier names
 * (any one of the names per value, compared as label names are); null when the item has none
 * of them (or GitLab sent no custom fields widget).
 */
export function customValuesOf(item: WorkItemResponse, context: MapContext): CustomValues | null {
  const values = widgetOf(item, 'WorkItemWidgetCustomFields')?.customFieldValues;
  if (!values?.length) return null;
  const names = carrierOf(context).fields;
  const result: CustomValues = { start: null, current: null, target: null, fields: {} };
  for (const role of ['start', 'current', 'target'] as const) {
    const wanted = new Set(names[role].map(normalName));
    const found = values.find((value) => wanted.has(normalName(value.customField.name)));
    if (!found) continue;
    result[role] = typeof found.value === 'number' ? found.value : null;
    result.fields[role] = { id: found.customField.id, name: found.customField.name };
  }
  return Object.keys(result.fields).length > 0 ? result : null;
}

/**
 * What GitLab's epic progress bar is made of: the rolled-up weight and its closed part, and the
 * closed and total issues below the epic (GitLab counts issues, and types that take their place,
 * not epics or tasks). Null for an item that is no epic, or when GitLab sent neither.
 */
export function epicRollupOf(item: WorkItemResponse, context: MapContext): EpicRollup | null {
  if (!isEpicType(item.workItemType?.name)) return null;
  const weight = widgetOf(item, 'WorkItemWidgetWeight');
  const total = weight?.rolledUpWeight;
  const completed = weight?.rolledUpCompletedWeight;
  const counts = widgetOf(item, 'WorkItemWidgetHierarchy')?.rolledUpCountsByType;
  const issueRows = (counts ?? []).filter((row) =>
    countsAsIssue(row.workItemType.name, carrierOf(context)),
  );
  const rollup: EpicRollup = {
    weight:
      typeof total === 'number' && typeof completed === 'number' ? { completed, total } : null,
    issues: counts
      ? {
          closed: issueRows.reduce((sum, row) => sum + (row.countsByState.closed ?? 0), 0),
          total: issueRows.reduce((sum, row) => sum + (row.countsByState.all ?? 0), 0),
        }
      : null,
  };
  return rollup.weight || rollup.issues ? rollup : null;
}

/**
 * The notes GitLab sent, from `notes` or (before GitLab 18.2) from `discussions`, and the stale
 * watch's separate page of comments (`comments` / `commentThreads`).
 */
export function noteNodesOf(item: WorkItemResponse) {
  const widget = widgetOf(item, 'WorkItemWidgetNotes');
  return [
    ...(widget?.notes?.nodes ??
      widget?.discussions?.nodes.flatMap((discussion) => discussion.notes?.nodes ?? []) ??
      []),
    // The stale watch's own page of comments (a check-in that changed nothing leaves only one).
    ...(widget?.comments?.nodes ??
      widget?.commentThreads?.nodes.flatMap((discussion) => discussion.notes?.nodes ?? []) ??
      []),
  ];
}

export function notesOf(item: WorkItemResponse): Note[] {
  const nodes = noteNodesOf(item);
  return nodes
    .map((note) => ({
      body: note.body,
      createdAt: note.createdAt,
      system: note.system ?? false,
      ...(note.author ? { author: note.author.username } : {}),
      ...(note.author?.bot === undefined ? {} : { authorBot: note.author.bot }),
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The item's "relates to" links (not "blocks" or "is blocked by"). */
function relatedLinksOf(item: WorkItemResponse): LinkedItemResponse[] {
  const links = widgetOf(item, 'WorkItemWidgetLinkedItems')?.linkedItems?.nodes ?? [];
  // The documents ask for RELATED links only; older sandboxes or versions may ignore the filter.
  return links.filter((link) => link.linkType === undefined || link.linkType === 'relates_to');
}

/** The linked items of an item as leaf nodes (issues with their state and task counts). */
function linkedNodesOf(item: WorkItemResponse, context: MapContext): OkrNode[] {
  const nodes: OkrNode[] = [];
  for (const link of relatedLinksOf(item)) {
    if (!link.workItem) continue;
    const node = nodeOf(link.workItem, context, { kindFallback: 'issue' });
    if (link.workItemState) node.state = stateOf(link.workItemState);
    nodes.push(node);
  }
  return nodes;
}

/** The linked work items of an item, raw (the repository picks linked key results from them). */
export function linkedWorkItemsOf(item: WorkItemResponse): WorkItemResponse[] {
  return relatedLinksOf(item).flatMap((link) => (link.workItem ? [link.workItem] : []));
}

export function childrenOf(item: WorkItemResponse): WorkItemResponse[] {
  return widgetOf(item, 'WorkItemWidgetHierarchy')?.children?.nodes ?? [];
}

export function ancestorsOf(item: WorkItemResponse): WorkItemResponse[] {
  return widgetOf(item, 'WorkItemWidgetHierarchy')?.ancestors?.nodes ?? [];
}

/** True / false when GitLab said so; undefined when the hierarchy widget was not brought. */
export function hasChildrenOf(item: WorkItemResponse): boolean | undefined {
  return widgetOf(item, 'WorkItemWidgetHierarchy')?.hasChildren;
}

export function hasParentOf(item: WorkItemResponse): boolean | undefined {
  return widgetOf(item, 'WorkItemWidgetHierarchy')?.hasParent;
}

/**
 * An item's task counts: GitLab's own from the description widget, or counted with GitLab's rule
 * from the plain description where a query could not reach the widget (a linked issue of a
 * child); null when neither was read.
 */
function tasksOf(
  item: WorkItemResponse,
  status: { count: number; completedCount: number } | null | undefined,
): TaskCounts | null {
  if (status) return { total: status.count, completed: status.completedCount };
  return typeof item.description === 'string' ? taskCountsOf(item.description) : null;
}

/**
 * One work item as a domain node, without children (the repository attaches them). Linked
 * items are mapped for key results and issues; objectives are scored from their children.
 */
export function nodeOf(
  item: WorkItemResponse,
  context: MapContext,
  options: { kindFallback?: OkrKind; parentKind?: OkrKind | null } = {},
): OkrNode {
  const kind =
    kindOfItem(item, context, options.parentKind ?? null) ?? options.kindFallback ?? 'issue';
  const description = widgetOf(item, 'WorkItemWidgetDescription');
  const dates = widgetOf(item, 'WorkItemWidgetStartAndDueDate');
  const tasks = tasksOf(item, description?.taskCompletionStatus);
  const hasChildren = hasChildrenOf(item);
  return {
    id: item.id,
    reference: item.reference ?? item.id,
    url: urlOf(item, context),
    kind,
    title: item.title ?? '',
    state: stateOf(item.state),
    createdAt: item.createdAt ?? null,
    updatedAt: item.updatedAt ?? null,
    closedAt: item.closedAt ?? null,
    description: description?.description ?? item.description ?? '',
    tasks,
    progress: progressOf(item),
    health: healthOf(widgetOf(item, 'WorkItemWidgetHealthStatus')?.healthStatus),
    assignees: assigneesOf(item),
    milestone: quarterOf(item, context),
    startDate: calendarDate(dates?.startDate),
    dueDate: calendarDate(dates?.dueDate),
    labels: labelsOf(item),
    customValues: customValuesOf(item, context),
    epicRollup: epicRollupOf(item, context),
    notes: notesOf(item),
    children: [],
    // Until the repository attaches loaded children, children GitLab reports are unloaded.
    ...(hasChildren ? { childrenIncomplete: true } : {}),
    linkedItems: kind === 'objective' ? [] : linkedNodesOf(item, context),
  };
}

/** One step of a parent chain (or a linked key result) from a work item. */
export function chainLinkOf(item: WorkItemResponse, context: MapContext): ChainLink {
  const progress = widgetOf(item, 'WorkItemWidgetProgress');
  return {
    id: item.id,
    reference: item.reference ?? item.id,
    url: urlOf(item, context),
    kind: kindOfItem(item, context) ?? 'issue',
    title: item.title ?? '',
    state: stateOf(item.state),
    health: healthOf(widgetOf(item, 'WorkItemWidgetHealthStatus')?.healthStatus),
    // An epic has no progress widget: its number is GitLab's epic progress bar.
    gitlabProgress:
      progress?.progress ?? epicProgressOf(epicRollupOf(item, context))?.percent ?? null,
    lastChange: latestOf([item.updatedAt, progress?.updatedAt]),
  };
}

/** GitLab nests objectives at most 9 levels deep: no real chain or tree is longer. */
export const GITLAB_MAX_LEVELS = 9;

/**
 * The parent chain of an item, root first, and whether GitLab cut it short: the ancestors list
 * stops at the first ancestor the user may not read, so a chain whose top still has a parent
 * (or an item with a parent but no readable ancestor) is truncated. A chain GitLab should never
 * send is cut too, read upwards from the direct parent: at the item itself or any ancestor seen
 * before (a loop), and after 9 levels. An item whose hierarchy widget is missing has an unknown
 * chain, marked as cut, so no rule takes it for an item without a parent.
 */
export function chainOf(
  item: WorkItemResponse,
  context: MapContext,
): { chain: ChainLink[]; chainTruncated: boolean } {
  // Without the hierarchy widget nothing is known about the parent: never "no parent".
  if (!widgetOf(item, 'WorkItemWidgetHierarchy')) return { chain: [], chainTruncated: true };
  const ancestors = ancestorsOf(item);
  const seen = new Set<string>([item.id]);
  const kept: WorkItemResponse[] = [];
  for (const ancestor of [...ancestors].reverse()) {
    if (seen.has(ancestor.id) || kept.length === GITLAB_MAX_LEVELS) break;
    seen.add(ancestor.id);
    kept.unshift(ancestor);
  }
  const top = kept[0];
  const cut = kept.length < ancestors.length;
  const chainTruncated = cut || (top ? hasParentOf(top) === true : hasParentOf(item) === true);
  // The chain shows OKRs: an ancestor of a known type that is none (a plain epic above the
  // objective epics, when only labelled epics are objectives) is left out, not cut.
  const okrAncestors = kept.filter(
    (ancestor) => !ancestor.workItemType || kindOfItem(ancestor, context) !== null,
  );
  return {
    chain: okrAncestors.map((ancestor) => chainLinkOf(ancestor, context)),
    chainTruncated,
  };
}
