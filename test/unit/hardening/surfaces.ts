// The four surfaces of OKR Lens wired as the extension and the command line wire them, on the
// real GitLab client over HTTP against the sandbox, so a fault switched on in the sandbox meets
// the same code a user's click meets. The browser's own part (rendering) is in test/e2e.
import type { Sandbox } from '../../sandbox/server';
import { createGitLabClient, type GitLabClient } from '../../../lib/gitlab/client';
import { runCli } from '../../../lib/cli';
import type {
  CreateSubmitResult,
  KeyResultSubmission,
  StaleReport,
  ViewResult,
  WorkItemRef,
} from '../../../lib/messages';
import { createKeyResultService } from '../../../lib/services/create-key-results';
import { keyResultGateway } from '../../../lib/services/key-result-gateway';
import { createViewService } from '../../../lib/services/okr-view';
import { createStaleWatch } from '../../../lib/services/stale-watch';
import { createViewCache } from '../../../lib/services/view-cache';
import { workItemRefFromUrl } from '../../../lib/page';
import type { CreateAttempt, InstanceRecord } from '../../../lib/settings';

export const NOW = '2026-11-21T10:00:00.000Z';

/** Rewrites GraphQL answers on their way to OKR Lens (a GitLab that sends odd data). */
export type AnswerRewrite = (body: unknown) => unknown;

export interface SurfaceOptions {
  /** The background's client limits, shortened so a hung request costs a test seconds. */
  timeoutMs?: number;
  rewrite?: AnswerRewrite;
  /** Another way to the sandbox (e.g. one that loses one answer), instead of plain fetch. */
  fetch?: typeof fetch;
}

/** `fetch` that passes requests on and hands GraphQL answers to `rewrite` first. */
export function rewritingFetch(rewrite: AnswerRewrite | undefined): typeof fetch {
  if (!rewrite) return globalThis.fetch.bind(globalThis);
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (!String(input).endsWith('/api/graphql') || !response.ok) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return new Response(text, { status: response.status, headers: response.headers });
    }
    return Response.json(rewrite(body), { status: response.status, headers: response.headers });
  };
}

export function instanceOf(sandbox: Sandbox): InstanceRecord {
  return {
    baseUrl: sandbox.url,
    origin: sandbox.url,
    addedAt: NOW,
    check: { ok: true, username: 'casey', scopes: ['api'], checkedAt: NOW },
  };
}

/** The background's client (lib/services/gitlab-access.ts) with its rate-limit bound. */
export function backgroundClient(sandbox: Sandbox, options: SurfaceOptions = {}): GitLabClient {
  return createGitLabClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.api,
    maxRetryWaitMs: 3_000,
    timeoutMs: options.timeoutMs ?? 20_000,
    fetch: options.fetch ?? rewritingFetch(options.rewrite),
  });
}

/**
 * A network between OKR Lens and GitLab that spoils the answer to the next request of one
 * GraphQL operation: `refused` answers 429 without passing it on; `failedAfter` lets GitLab
 * apply it and answers 500; `lostAfter` lets GitLab apply it and never answers. Counts how
 * often the operation was sent.
 */
export function spoilingFetch(operation: string, effect: 'refused' | 'failedAfter' | 'lostAfter') {
  let armed = true;
  const sent = { count: 0 };
  const spoiled: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const isTarget = body.includes(`"operationName":"${operation}"`);
    if (isTarget) sent.count += 1;
    if (!isTarget || !armed) return fetch(input, init);
    armed = false;
    if (effect === 'refused')
      return Response.json(
        { message: 'Retry later' },
        { status: 429, headers: { 'Retry-After': '1' } },
      );
    await fetch(input, init);
    if (effect === 'failedAfter')
      return Response.json({ message: '500 Internal Server Error' }, { status: 500 });
    return new Promise<Response>((_, reject) =>
      init?.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      ),
    );
  };
  return { fetch: spoiled, sent };
}

export function refOf(sandbox: Sandbox, key: string): WorkItemRef {
  const ref = workItemRefFromUrl(sandbox.urlOf(key));
  if (!ref) throw new Error(`No work item reference for ${key}`);
  return ref;
}

/** The panel's answer for a page (what `view:load` returns to the content script). */
export async function panelView(
  sandbox: Sandbox,
  key: string,
  options: SurfaceOptions = {},
): Promise<ViewResult> {
  const client = backgroundClient(sandbox, options);
  const service = createViewService({
    instances: async () => [instanceOf(sandbox)],
    clientFor: async () => client,
    cache: createViewCache({
      persistent: { load: async () => ({}), save: async () => undefined },
      now: () => new Date(NOW),
      limit: 10,
    }),
    now: () => new Date(NOW),
    timeZone: () => 'UTC',
  });
  return service.load(refOf(sandbox, key));
}

/** The popup's quick-create, with attempts kept across submits as the background keeps them. */
export function quickCreate(sandbox: Sandbox, options: SurfaceOptions = {}) {
  const attempts = new Map<string, CreateAttempt>();
  const client = backgroundClient(sandbox, options);
  const service = createKeyResultService({
    instances: async () => [instanceOf(sandbox)],
    gatewayFor: async () => keyResultGateway(client),
    attempts: {
      get: async (localId) => attempts.get(localId) ?? null,
      put: async (attempt) => void attempts.set(attempt.localId, attempt),
    },
    now: () => new Date(),
    changed: async () => undefined,
  });
  return {
    context: (key: string) => service.context(refOf(sandbox, key)),
    submit: (key: string, drafts: KeyResultSubmission[]): Promise<CreateSubmitResult> =>
      service.submit(refOf(sandbox, key), drafts),
  };
}

export function draft(localId: string, title: string): KeyResultSubmission {
  return {
    localId,
    title,
    description: 'Fault matrix draft.',
    assigneeIds: [],
    milestoneId: null,
    dueDate: null,
    healthStatus: 'onTrack',
    progress: { startValue: 0, currentValue: 1, endValue: 10 },
  };
}

/** One run of the stale-health watch behind the badge. */
export async function badgeWatch(
  sandbox: Sandbox,
  options: SurfaceOptions = {},
  previous?: StaleReport,
): Promise<StaleReport> {
  const client = backgroundClient(sandbox, options);
  const watch = createStaleWatch({
    instances: async () => [instanceOf(sandbox)],
    clientFor: async () => client,
    settings: async () => ({ watched: [], holidays: [], maxAgeDays: 35, businessDayDeadline: 5 }),
    seenNamespaces: async () => ['gitlab-com/gitlab-okrs'],
    now: () => new Date(NOW),
    timeZone: () => 'UTC',
  });
  return watch.run(previous);
}

/** `okr-lens view <url>` in-process: exit code and what it printed. */
export async function cli(
  sandbox: Sandbox,
  key: string,
  options: { json?: boolean; rewrite?: AnswerRewrite } = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['view', sandbox.urlOf(key), ...(options.json ? ['--json'] : [])], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { GITLAB_TOKEN: sandbox.tokens.api, TZ: 'UTC' },
    fetch: rewritingFetch(options.rewrite),
    now: () => new Date(NOW),
  });
  return { code, stdout, stderr };
}

/** The key results the sandbox holds under a seeded objective, by title. */
export function keyResultTitlesUnder(sandbox: Sandbox, key: string): string[] {
  const id = Number(sandbox.item(key).gid.split('/').pop());
  return sandbox.store
    .childrenOf(id)
    .filter((child) => child.type === 'Key Result')
    .map((child) => child.title);
}
