// GitLab's work item responses → the domain's OkrNode and ChainLink. The only place that knows
// GitLab's type names, state and widget shapes; a widget the response lacks maps to "unknown"
// (null, or an empty list), never to a crash.
import type {
  ChainLink,
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
import { latestOf } from '../okr/staleness';
import { taskCountsOf } from '../okr/tasks';
import {
  HealthStatusSchema,
  widgetOf,
  type LinkedItemResponse,
  type ProgressWidget,
  type WorkItemResponse,
} from './schemas';

/** GitLab's work item type names of OKR nodes and of the issues linked to them. */
const KIND_BY_TYPE_NAME: Record<string, OkrKind> = {
  Objective: 'objective',
  'Key Result': 'keyResult',
  Issue: 'issue',
};

/** The domain kind of a GitLab work item type name, or null for other types (task, epic, …). */
export function kindOf(typeName: string | undefined): OkrKind | null {
  return (typeName && KIND_BY_TYPE_NAME[typeName]) || null;
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
  };
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
  options: { kindFallback?: OkrKind } = {},
): OkrNode {
  const kind = kindOf(item.workItemType?.name) ?? options.kindFallback ?? 'issue';
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
    milestone: milestoneOf(item),
    startDate: calendarDate(dates?.startDate),
    dueDate: calendarDate(dates?.dueDate),
    labels: (widgetOf(item, 'WorkItemWidgetLabels')?.labels?.nodes ?? []).map((l) => l.title),
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
    kind: kindOf(item.workItemType?.name) ?? 'issue',
    title: item.title ?? '',
    state: stateOf(item.state),
    health: healthOf(widgetOf(item, 'WorkItemWidgetHealthStatus')?.healthStatus),
    gitlabProgress: progress?.progress ?? null,
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
  return { chain: kept.map((ancestor) => chainLinkOf(ancestor, context)), chainTruncated };
}
