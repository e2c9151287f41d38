// A tiny GitLab stand-in for the stale watch's tests: work items in GitLab's JSON shape, and a
// fetch that answers the watch's two list queries page by page and records every request.
import { createGitLabClient, type GitLabClient } from '../../../lib/gitlab/client';

export const BASE_URL = 'https://gitlab.example.com';

export interface ItemSpec {
  id: number;
  title?: string;
  /** GitLab's type name: Objective, Key Result, Epic, Issue, Task or a custom type's name. */
  type?: string;
  labels?: string[];
  /** The direct parent, as the carrier documents read it (type and labels). */
  parent?: { id: number; type: string; labels?: string[]; fullPath?: string };
  /** The progress widget: GitLab's OKR types have it (the default for them), epics and issues not. */
  withProgress?: boolean;
  health?: 'onTrack' | 'needsAttention' | 'atRisk' | null;
  createdAt?: string;
  /** System notes: `[createdAt, body]`. */
  notes?: [string, string][];
  progressUpdatedAt?: string | null;
  progress?: { startValue: number; currentValue: number; endValue: number; progress: number };
  assignees?: string[];
  /** Ancestors, root first: `[id, title]`; the first has no parent. */
  ancestors?: [number, string][];
  /** Defaults to true for a key result and for an objective with ancestors. */
  hasParent?: boolean;
  fullPath?: string;
}

/** A work item as GitLab answers the StaleWatchFields fragment. */
export function workItem(spec: ItemSpec) {
  const fullPath = spec.fullPath ?? 'okrs/team';
  const type = spec.type ?? 'Key Result';
  const ancestors = spec.ancestors ?? [];
  const progress = spec.progress ?? {
    startValue: 0,
    currentValue: 40,
    endValue: 100,
    progress: 40,
  };
  return {
    id: `gid://gitlab/WorkItem/${spec.id}`,
    reference: `${fullPath}#${spec.id}`,
    webUrl: `${BASE_URL}/${fullPath}/-/work_items/${spec.id}`,
    title: spec.title ?? `${type} ${spec.id}`,
    state: 'OPEN',
    createdAt: spec.createdAt ?? '2026-01-05T09:00:00Z',
    workItemType: { name: type },
    widgets: [
      ...((spec.withProgress ?? (type === 'Objective' || type === 'Key Result'))
        ? [
            {
              __typename: 'WorkItemWidgetProgress',
              ...progress,
              updatedAt: spec.progressUpdatedAt ?? null,
            },
          ]
        : []),
      {
        __typename: 'WorkItemWidgetLabels',
        labels: { nodes: (spec.labels ?? []).map((title) => ({ title })) },
      },
      {
        __typename: 'WorkItemWidgetHealthStatus',
        healthStatus: spec.health === undefined ? 'onTrack' : spec.health,
      },
      {
        __typename: 'WorkItemWidgetAssignees',
        assignees: { nodes: (spec.assignees ?? ['dri']).map((username) => ({ username })) },
      },
      {
        __typename: 'WorkItemWidgetNotes',
        notes: {
          nodes: (spec.notes ?? []).map(([createdAt, body]) => ({ body, createdAt, system: true })),
        },
      },
      {
        __typename: 'WorkItemWidgetHierarchy',
        hasParent:
          spec.hasParent ?? (type === 'Key Result' || ancestors.length > 0 || !!spec.parent),
        parent: spec.parent
          ? {
              id: `gid://gitlab/WorkItem/${spec.parent.id}`,
              reference: `${spec.parent.fullPath ?? fullPath.split('/')[0]}#${spec.parent.id}`,
              workItemType: { name: spec.parent.type },
              widgets: [
                {
                  __typename: 'WorkItemWidgetLabels',
                  labels: { nodes: (spec.parent.labels ?? []).map((title) => ({ title })) },
                },
              ],
            }
          : null,
        ancestors: {
          nodes: ancestors.map(([id, title], index) => ({
            id: `gid://gitlab/WorkItem/${id}`,
            reference: `${fullPath}#${id}`,
            webUrl: `${BASE_URL}/${fullPath}/-/work_items/${id}`,
            title,
            workItemType: { name: 'Objective' },
            widgets: [{ __typename: 'WorkItemWidgetHierarchy', hasParent: index > 0 }],
          })),
        },
      },
    ],
  };
}

export type WorkItemJson = ReturnType<typeof workItem>;

export interface RecordedRequest {
  operationName: string;
  variables: Record<string, unknown>;
}

export interface FakeGitLab {
  fetch: typeof globalThis.fetch;
  requests: RecordedRequest[];
}

/**
 * Answers `MyStaleWatchQuery` from `mine` and `NamespaceStaleWatchQuery` (or, as a GitLab
 * before 18.1, `GroupStaleWatchQuery`) from `namespaces`
 * (filtered by `assignees` when given), 100 a page, with opaque cursors. `before` may replace
 * an answer (e.g. a 429 or a 401) by returning a Response.
 */
export function fakeGitLab(data: {
  mine?: WorkItemJson[] | 'unsupported';
  namespaces?: Record<string, WorkItemJson[]>;
  /**
   * The user's open items of every type for the carrier documents: per group path, or `*` for
   * the whole instance (`MyCarrierWatchQuery`).
   */
  carriers?: Record<string, WorkItemJson[]>;
  before?: (request: RecordedRequest, count: number) => Response | undefined;
}): FakeGitLab {
  const requests: RecordedRequest[] = [];
  const page = (items: WorkItemJson[], after: unknown, size = 100) => {
    const start = typeof after === 'string' ? Number(after.replace('cursor-', '')) : 0;
    const nodes = items.slice(start, start + size);
    const end = start + nodes.length;
    return {
      pageInfo: { hasNextPage: end < items.length, endCursor: `cursor-${end}` },
      nodes,
    };
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables: Record<string, unknown>;
    };
    const request = { operationName: body.operationName, variables: body.variables };
    requests.push(request);
    const replaced = data.before?.(request, requests.length);
    if (replaced) return replaced;
    const variables = body.variables;
    if (body.operationName === 'VersionQuery') {
      // Before 17.10 GitLab has no `currentUser.workItems`; the fake's version says as much.
      const version = data.mine === 'unsupported' ? '17.9.0-ee' : '18.6.0-ee';
      return json({ data: { metadata: { version } } });
    }
    if (body.operationName === 'MyStaleWatchQuery') {
      if (data.mine === 'unsupported') {
        return json({
          errors: [{ message: "Field 'workItems' doesn't exist on type 'CurrentUser'" }],
        });
      }
      return json({
        data: {
          currentUser: {
            id: 'gid://gitlab/User/1',
            workItems: page(data.mine ?? [], variables.after),
          },
        },
      });
    }
    if (body.operationName === 'MyCarrierWatchQuery') {
      return json({
        data: {
          currentUser: {
            id: 'gid://gitlab/User/1',
            workItems: page(data.carriers?.['*'] ?? [], variables.after),
          },
        },
      });
    }
    const carrierRoot = {
      NamespaceCarrierWatchQuery: 'namespace',
      GroupCarrierWatchQuery: 'group',
    }[body.operationName];
    if (carrierRoot) {
      const items = data.carriers?.[String(variables.fullPath)];
      return json({
        data: {
          [carrierRoot]: items
            ? { id: 'gid://gitlab/Group/2', workItems: page(items, variables.after) }
            : null,
        },
      });
    }
    // Before GitLab 18.1 a namespace is listed as a group (the fake's namespaces are groups).
    const roots: Record<string, string> = {
      NamespaceStaleWatchQuery: 'namespace',
      GroupStaleWatchQuery: 'group',
      ProjectStaleWatchQuery: 'project',
    };
    const root = roots[body.operationName];
    if (root === 'project') return json({ data: { project: null } });
    if (root) {
      const items = data.namespaces?.[String(variables.fullPath)];
      if (!items) return json({ data: { [root]: null } });
      const assignees = variables.assignees as string[] | undefined;
      const filtered = assignees
        ? items.filter((item) =>
            item.widgets.some(
              (widget) =>
                widget.__typename === 'WorkItemWidgetAssignees' &&
                'assignees' in widget &&
                widget.assignees?.nodes.some((user) => assignees.includes(user.username)),
            ),
          )
        : items;
      return json({
        data: {
          [root]: { id: 'gid://gitlab/Group/1', workItems: page(filtered, variables.after) },
        },
      });
    }
    return json({ errors: [{ message: `unexpected ${body.operationName}` }] });
  };
  return { fetch, requests };
}

export function clientFor(
  fake: FakeGitLab,
  sleep: (ms: number) => Promise<void> = async () => {},
): GitLabClient {
  return createGitLabClient({ baseUrl: BASE_URL, token: 'glpat-test', fetch: fake.fetch, sleep });
}

/** `count` open key results assigned to `username`, none updated since `lastUpdate`. */
export function manyItems(
  count: number,
  options: { from?: number; username?: string; lastUpdate?: string } = {},
) {
  return Array.from({ length: count }, (_, index) =>
    workItem({
      id: (options.from ?? 1) + index,
      assignees: [options.username ?? 'dri'],
      notes: [
        [options.lastUpdate ?? '2026-10-01T10:00:00Z', 'changed health status to **on track**'],
      ],
    }),
  );
}
