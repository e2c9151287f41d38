// The notes behind items' histories (their recorded changes and comments), read by URL in
// batches of GitLab's limit: one request per 10 items, never one per item.
import { z } from 'zod';
import type { Note } from '../okr/model';
import type { GitLabClient } from './client';
import { withCapabilities } from './capabilities';
import { documentsFor } from './documents';
import { notesOf, progressValuesOf } from './map';
import { WorkItemSchema, widgetOf } from './schemas';

/**
 * `workItemsByReference` refuses more references than this: "Number of references exceeds the
 * limit" (app/graphql/resolvers/work_item_references_resolver.rb, REFERENCES_LIMIT = 10). It
 * also needs a readable context namespace (`authorized_find!(context_namespace_path)`), so the
 * items are asked for by the group or project they live in.
 */
export const REFERENCES_LIMIT = 10;

const ItemHistoryResponseSchema = z.object({
  workItemsByReference: z
    .object({ nodes: z.array(WorkItemSchema.nullable()) })
    .nullable()
    .optional(),
});

export interface ItemNotes {
  notes: Note[];
  /** The progress widget's start and target, when the item keeps its value in its own units. */
  scale: { start: number; target: number } | null;
}

export interface LoadedNotes {
  /** By the URL asked for; an item GitLab did not return (gone, or not readable) is missing. */
  byUrl: Map<string, ItemNotes>;
  requests: number;
}

function sameItem(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/**
 * The group or project an item's URL lives in: `https://host/acme/engineering/-/issues/3` →
 * `acme/engineering`, `https://host/groups/acme/-/epics/1` → `acme` (after a relative URL root).
 */
export function namespacePathOf(url: string, baseUrl: string): string | null {
  const base = baseUrl.replace(/\/+$/, '');
  if (!url.startsWith(`${base}/`)) return null;
  const path = url.slice(base.length + 1).replace(/^groups\//, '');
  const routeEnd = path.indexOf('/-/');
  return routeEnd > 0 ? path.slice(0, routeEnd) : null;
}

/** URLs grouped by their namespace, in batches GitLab takes. */
function batchesOf(urls: string[], baseUrl: string): { context: string; refs: string[] }[] {
  const byNamespace = new Map<string, string[]>();
  for (const url of new Set(urls)) {
    const context = namespacePathOf(url, baseUrl);
    if (context === null) continue; // not an item of this instance: nothing to ask GitLab
    byNamespace.set(context, [...(byNamespace.get(context) ?? []), url]);
  }
  const batches: { context: string; refs: string[] }[] = [];
  for (const [context, list] of byNamespace) {
    for (let i = 0; i < list.length; i += REFERENCES_LIMIT) {
      batches.push({ context, refs: list.slice(i, i + REFERENCES_LIMIT) });
    }
  }
  return batches;
}

/** The notes of the items at `urls`, 10 a request, the requests side by side (the client caps them). */
export async function loadItemNotes(client: GitLabClient, urls: string[]): Promise<LoadedNotes> {
  const batches = batchesOf(urls, client.baseUrl);
  const byUrl = new Map<string, ItemNotes>();
  await Promise.all(
    batches.map(async ({ context, refs }) => {
      const data = await withCapabilities(client, (capabilities) =>
        client.graphql(
          documentsFor(capabilities).ItemHistoryQuery,
          { contextNamespacePath: context, refs },
          ItemHistoryResponseSchema,
        ),
      );
      for (const item of data.workItemsByReference?.nodes ?? []) {
        if (!item?.webUrl) continue;
        const url = refs.find((ref) => sameItem(ref, item.webUrl!)) ?? item.webUrl;
        const progress = progressValuesOf(widgetOf(item, 'WorkItemWidgetProgress'));
        const { startValue: start, endValue: target } = progress;
        byUrl.set(url, {
          notes: notesOf(item),
          scale: start !== null && target !== null && start !== target ? { start, target } : null,
        });
      }
    }),
  );
  return { byUrl, requests: batches.length };
}
