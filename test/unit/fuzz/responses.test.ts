// Fuzzing what GitLab sends back: response bodies mutated from real shapes, or arbitrary, go
// through the real client, schemas, mappers, scoring-block parser, rules and view builder. The
// panel must get a view that passes its own schema or a typed problem; an `unknown` problem (an
// exception inside OKR Lens) or an exception escaping is a failure.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../../lib/gitlab/client';
import { GitLabError } from '../../../lib/gitlab/errors';
import { OkrItemResponseSchema, WorkItemSchema } from '../../../lib/gitlab/schemas';
import { chainOf, nodeOf } from '../../../lib/gitlab/map';
import { ProblemSchema, ViewResultSchema, type WorkItemRef } from '../../../lib/messages';
import { createViewService } from '../../../lib/services/okr-view';
import { createViewCache } from '../../../lib/services/view-cache';
import type { InstanceRecord } from '../../../lib/settings';
import { fakeFetch, noSleep } from '../gitlab/fake-gitlab';

const BASE = 'https://gitlab.example.com/gitlab';
const TOKEN = 'glpat-fuzz-token-never-shown';
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../gitlab/fixtures/${name}`, import.meta.url), 'utf8'),
  ) as unknown;
}

const SEEDS = { keyResult: fixture('key-result-item.json'), issue: fixture('issue-item.json') };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside a JSON document (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((child, index) => [
      [...prefix, index],
      ...pathsOf(child, [...prefix, index]),
    ]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) => [
      [...prefix, key],
      ...pathsOf(child, [...prefix, key]),
    ]);
  return [];
}

/** A copy of the document with the value at `path` replaced (`undefined` deletes it). */
function replaced(document: Json, path: Path, next: Json | undefined): Json {
  const copy = structuredClone(document);
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string, Json>)[step]!;
  const last = path[path.length - 1]!;
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, Json>)[last];
  } else (parent as Record<string, Json>)[last] = next;
  return copy;
}

/** Values GitLab (or something in between) might put where another value belongs. */
const hostileValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom<Json>(
    '',
    -1,
    0,
    1e308,
    -0.5,
    'NaN',
    '2024-13-45',
    'gid://gitlab/WorkItem/9042',
    '<img src=x onerror=alert(1)>',
    '\u202Eevil\u202C',
    'x'.repeat(10_000),
    '```okr\nscoring: rate\ninitial: 1\ntarget: 1\nmonthly: a, b\n```',
    '```okr\nweight: -3\ndue: 2024-02-30\nlate: -5 per week\n```',
    [],
    {},
    { nodes: null },
    { __typename: 'WorkItemWidgetHierarchy' },
  ),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** A seed response with one to four of its values replaced or removed. */
function mutatedResponse(seed: unknown): fc.Arbitrary<Json> {
  const paths = pathsOf(seed as Json);
  return fc
    .array(fc.tuple(fc.nat({ max: paths.length - 1 }), hostileValue), {
      minLength: 1,
      maxLength: 4,
    })
    .map((changes) =>
      changes.reduce<Json>((document, [index, value]) => {
        // Later changes may target a path an earlier one removed: then they do nothing.
        const path = paths[index]!;
        try {
          return replaced(document, path, value);
        } catch {
          return document;
        }
      }, seed as Json),
    );
}

const instance: InstanceRecord = {
  baseUrl: BASE,
  origin: 'https://gitlab.example.com',
  addedAt: '2026-11-01T00:00:00.000Z',
};
const ref: WorkItemRef = {
  origin: 'https://gitlab.example.com',
  basePath: '/gitlab',
  fullPath: 'acme/okrs',
  iid: '42',
  route: 'work_item',
  namespaceKind: 'project',
};

/** The panel's use case on a GitLab that answers every request with `answer()`. */
function viewServiceAnswering(answer: () => Response) {
  const { fetch } = fakeFetch(() => answer());
  const client = createGitLabClient({
    baseUrl: BASE,
    token: TOKEN,
    fetch,
    sleep: noSleep,
    maxRetries: 1,
  });
  return createViewService({
    instances: async () => [instance],
    clientFor: async () => client,
    cache: createViewCache({
      persistent: { load: async () => ({}), save: async () => undefined },
      now: () => new Date('2026-11-21T10:00:00Z'),
      limit: 5,
    }),
    now: () => new Date('2026-11-21T10:00:00Z'),
    timeZone: () => 'Europe/Berlin',
  });
}

/** What the panel would be handed: a valid view or a typed problem, never an internal error. */
function expectViewOrTypedProblem(result: unknown): void {
  const parsed = ViewResultSchema.safeParse(result);
  expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
  if (parsed.success && !parsed.data.ok) {
    expect(parsed.data.problem.kind).not.toBe('unknown');
    expect(parsed.data.problem.message).not.toContain(TOKEN);
  }
}

describe('the panel’s view from a misbehaving GitLab', () => {
  for (const [name, seed] of Object.entries(SEEDS)) {
    it(`a mutated ${name} response gives a valid view or a typed problem`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedResponse(seed), async (body) => {
          const service = viewServiceAnswering(() => Response.json(body));
          expectViewOrTypedProblem(await service.load(ref));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('any body with any status and rate-limit headers gives a typed problem or a view', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.constant(JSON.stringify({ errors: [{ message: 'Timeout on workItem' }], data: null })),
      fc.constant(JSON.stringify({ errors: 'not a list' })),
    );
    const header = fc.option(
      fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 5 }).map(String)),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
        header,
        header,
        async (text, status, retryAfter, remaining) => {
          const headers: Record<string, string> = {};
          if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
          if (remaining !== undefined) headers['ratelimit-remaining'] = remaining;
          const service = viewServiceAnswering(() =>
            status === 204
              ? new Response(null, { status, headers })
              : new Response(text, { status, headers }),
          );
          expectViewOrTypedProblem(await service.load(ref));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the client’s schemas at the boundary', () => {
  it('any JSON answer either parses or rejects with a GitLabError carrying a valid problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutatedResponse(SEEDS.keyResult),
          fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
        ),
        async (body) => {
          const { fetch } = fakeFetch(() => Response.json(body));
          const client = createGitLabClient({ baseUrl: BASE, token: TOKEN, fetch, sleep: noSleep });
          const outcome = await client
            .graphql('query OkrItemQuery { x }', {}, OkrItemResponseSchema)
            .then(
              (data) => ({ data }),
              (error: unknown) => ({ error }),
            );
          if ('error' in outcome) {
            expect(outcome.error).toBeInstanceOf(GitLabError);
            expect(ProblemSchema.safeParse((outcome.error as GitLabError).problem).success).toBe(
              true,
            );
          } else {
            expect(OkrItemResponseSchema.safeParse(outcome.data).success).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the mappers on any work item the schema lets through', () => {
  const items = fc
    .oneof(mutatedResponse(SEEDS.keyResult), mutatedResponse(SEEDS.issue))
    .map((document) => {
      const workItem = (document as { data?: { namespace?: { workItem?: unknown } } })?.data
        ?.namespace?.workItem;
      return WorkItemSchema.safeParse(workItem);
    })
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data!);

  it('nodeOf and chainOf never throw, and the chain never repeats an item', () => {
    fc.assert(
      fc.property(items, (item) => {
        const node = nodeOf(item, { baseUrl: BASE });
        expect(typeof node.title).toBe('string');
        const { chain } = chainOf(item, { baseUrl: BASE });
        const ids = chain.map((link) => link.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(item.id);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parent chains deeper than GitLab allows, or looping', () => {
  const seedItem = WorkItemSchema.parse(
    (SEEDS.keyResult as { data: { namespace: { workItem: unknown } } }).data.namespace.workItem,
  );
  const hierarchy = (ancestorIds: string[]) => ({
    ...seedItem,
    widgets: (seedItem.widgets ?? []).map((widget) =>
      widget.__typename === 'WorkItemWidgetHierarchy'
        ? {
            ...widget,
            ancestors: {
              nodes: ancestorIds.map((id, index) => ({
                id,
                title: `Objective ${index}`,
                reference: `acme/okrs#${index + 1}`,
                workItemType: { name: 'Objective' },
                widgets: [],
              })),
            },
          }
        : widget,
    ),
  });
  // Ids from a small pool, the item's own among them, so repeats and self-loops are common.
  const ancestorIds = fc.array(
    fc.constantFrom(
      seedItem.id,
      ...Array.from({ length: 14 }, (_, n) => `gid://gitlab/WorkItem/${n}`),
    ),
    { maxLength: 30 },
  );

  it('the chain holds at most 9 objectives, none twice and never the item itself; a cut is marked', () => {
    fc.assert(
      fc.property(ancestorIds, (ids) => {
        const { chain, chainTruncated } = chainOf(WorkItemSchema.parse(hierarchy(ids)), {
          baseUrl: BASE,
        });
        const chainIds = chain.map((link) => link.id);
        expect(chainIds.length).toBeLessThanOrEqual(9);
        expect(new Set(chainIds).size).toBe(chainIds.length);
        expect(chainIds).not.toContain(seedItem.id);
        // The direct parent (GitLab's last ancestor) is kept whenever it is not the item itself.
        const parent = ids[ids.length - 1];
        if (parent && parent !== seedItem.id) expect(chainIds[chainIds.length - 1]).toBe(parent);
        const clean =
          ids.length <= 9 && new Set(ids).size === ids.length && !ids.includes(seedItem.id);
        if (!clean) expect(chainTruncated).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
