// Shared by the sandbox tests: a sandbox on the e2e clock and small GraphQL / REST callers.
import { startSandbox, type Sandbox } from '../../sandbox/server';

export const NOW = '2026-11-21T10:00:00.000Z';

/** A sandbox on the e2e clock; `gitlabVersion` picks the GitLab it plays (default latest). */
export function start(gitlabVersion = 'latest'): Promise<Sandbox> {
  return startSandbox({ now: NOW, gitlabVersion });
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  json: {
    data?: Record<string, unknown> | null;
    errors?: {
      message: string;
      path?: string[];
      locations?: { line: number; column: number }[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

export async function graphqlAt(
  sandbox: Sandbox,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = sandbox.tokens.api,
  root = '',
): Promise<GraphQLAnswer> {
  const response = await fetch(`${sandbox.url}${root}/api/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let json: GraphQLAnswer['json'] = {};
  try {
    json = JSON.parse(text) as GraphQLAnswer['json'];
  } catch {
    // 429 answers are plain text, and the malformed-JSON fault is not JSON at all.
  }
  return { status: response.status, headers: response.headers, json };
}

export async function restAt(
  sandbox: Sandbox,
  path: string,
  token: string | null = sandbox.tokens.api,
  header: 'bearer' | 'private' = 'private',
) {
  const headers: Record<string, string> = {};
  if (token)
    headers[header === 'bearer' ? 'Authorization' : 'PRIVATE-TOKEN'] =
      header === 'bearer' ? `Bearer ${token}` : token;
  const response = await fetch(`${sandbox.url}${path}`, { headers });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Picks a widget by its GraphQL `type` from a `widgets` list. */
export function widget<T = Record<string, unknown>>(item: unknown, type: string): T {
  const widgets = (item as { widgets: ({ type: string } & Record<string, unknown>)[] }).widgets;
  const found = widgets.find((w) => w.type === type);
  if (!found) throw new Error(`No ${type} widget`);
  return found as T;
}

export const ITEM_QUERY = `
query Item($path: ID!, $iid: String!) {
  namespace(fullPath: $path) {
    workItem(iid: $iid) {
      id iid title state reference(full: true) webUrl confidential
      workItemType { name }
      widgets {
        type
        ... on WorkItemWidgetHierarchy { hasParent parent { iid } ancestors(first: 20) { nodes { iid title } } children(first: 100) { count nodes { iid title } } }
        ... on WorkItemWidgetProgress { progress startValue currentValue endValue updatedAt }
        ... on WorkItemWidgetHealthStatus { healthStatus }
        ... on WorkItemWidgetDescription { description taskCompletionStatus { count completedCount } }
        ... on WorkItemWidgetMilestone { milestone { title startDate dueDate } }
        ... on WorkItemWidgetAssignees { assignees { nodes { username } } }
        ... on WorkItemWidgetNotes { discussions(first: 100) { nodes { notes { nodes { system body createdAt } } } } }
        ... on WorkItemWidgetLinkedItems { linkedItems { nodes { linkType workItemState workItem { reference(full: true) widgets { type ... on WorkItemWidgetDescription { taskCompletionStatus { count completedCount } } } } } } }
      }
    }
  }
}`;

export async function itemAt(
  sandbox: Sandbox,
  key: string,
  token: string | null = sandbox.tokens.api,
) {
  const { fullPath, iid } = sandbox.item(key);
  const answer = await graphqlAt(sandbox, ITEM_QUERY, { path: fullPath, iid }, token);
  return (
    (answer.json.data?.namespace as { workItem: Record<string, unknown> | null } | null)
      ?.workItem ?? null
  );
}

export function notesOf(item: unknown): { system: boolean; body: string; createdAt: string }[] {
  const notes = widget<{
    discussions: {
      nodes: { notes: { nodes: { system: boolean; body: string; createdAt: string }[] } }[];
    };
  }>(item, 'NOTES');
  return notes.discussions.nodes.flatMap((d) => d.notes.nodes);
}
