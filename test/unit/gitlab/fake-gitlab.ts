// A fake `fetch` for the GitLab adapter's unit tests: it records every request and answers from
// a handler, so no test touches the network. Also a tiny in-memory OKR tree that answers the
// item and descendants queries the way GitLab shapes them.

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export type Handler = (
  request: RecordedRequest,
  signal: AbortSignal | undefined,
) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function fakeFetch(handler: Handler) {
  const requests: RecordedRequest[] = [];
  const fetch = async (
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<Response> => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    let parsed: { operationName?: string; variables?: Record<string, unknown> } = {};
    try {
      parsed = body ? (JSON.parse(body) as typeof parsed) : {};
    } catch {
      parsed = {};
    }
    const request: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      operationName: parsed.operationName,
      variables: parsed.variables ?? {},
    };
    requests.push(request);
    return handler(request, init.signal ?? undefined);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const noSleep = async (): Promise<void> => undefined;

// --- A small OKR tree, served in GitLab's shapes -------------------------------------------

export interface FakeItem {
  id: number;
  iid: number;
  fullPath: string;
  type: 'Objective' | 'Key Result' | 'Issue' | 'Task';
  title: string;
  parent?: number;
  progress?: number;
  health?: 'onTrack' | 'needsAttention' | 'atRisk' | null;
}

const gid = (id: number) => `gid://gitlab/WorkItem/${id}`;

export function createFakeTree(items: FakeItem[], host = 'https://gitlab.example.com') {
  const byId = new Map(items.map((item) => [item.id, item]));
  const childrenOf = (item: FakeItem) => items.filter((other) => other.parent === item.id);

  function link(item: FakeItem) {
    return {
      id: gid(item.id),
      iid: String(item.iid),
      reference: `${item.fullPath}#${item.iid}`,
      webUrl: `${host}/${item.fullPath}/-/work_items/${item.iid}`,
      title: item.title,
      state: 'OPEN',
      createdAt: '2024-04-01T09:00:00Z',
      closedAt: null,
      workItemType: { name: item.type },
    };
  }

  function node(item: FakeItem, hierarchy: Record<string, unknown> = {}) {
    return {
      ...link(item),
      widgets: [
        {
          __typename: 'WorkItemWidgetHierarchy',
          hasChildren: childrenOf(item).length > 0,
          hasParent: item.parent !== undefined,
          ...hierarchy,
        },
        {
          __typename: 'WorkItemWidgetProgress',
          progress: item.progress ?? 0,
          startValue: null,
          currentValue: null,
          endValue: null,
          updatedAt: null,
        },
        { __typename: 'WorkItemWidgetHealthStatus', healthStatus: item.health ?? null },
      ],
    };
  }

  function withChildren(item: FakeItem) {
    const ancestors: FakeItem[] = [];
    for (let parent = item.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
      const found = byId.get(parent);
      if (found) ancestors.unshift(found);
    }
    return node(item, {
      ancestors: { nodes: ancestors.map((ancestor) => node(ancestor)) },
      children: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: childrenOf(item).map((child) => node(child)),
      },
    });
  }

  const handler: Handler = (request) => {
    const { fullPath, iid, iids } = request.variables as {
      fullPath: string;
      iid?: string;
      iids?: string[];
    };
    if (request.operationName === 'OkrItemQuery') {
      const item = items.find(
        (candidate) => candidate.fullPath === fullPath && String(candidate.iid) === iid,
      );
      return json({
        data: {
          namespace: {
            id: 'gid://gitlab/Namespace/1',
            fullPath,
            workItem: item ? withChildren(item) : null,
          },
        },
      });
    }
    if (request.operationName === 'OkrDescendantsQuery') {
      const found = items.filter(
        (candidate) =>
          candidate.fullPath === fullPath && (iids ?? []).includes(String(candidate.iid)),
      );
      return json({
        data: {
          namespace: {
            id: 'gid://gitlab/Namespace/1',
            workItems: { nodes: found.map(withChildren) },
          },
        },
      });
    }
    return json({ errors: [{ message: `unexpected ${request.operationName}` }] });
  };
  return { handler };
}
