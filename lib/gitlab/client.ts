// The GitLab client: GraphQL over fetch and REST through @gitbeaker/rest, both through one
// transport that talks only to the configured instance, keeps the token in a header, caps
// concurrent requests, honours GitLab's rate limits, times out, and never repeats a write.
import {
  PersonalAccessTokens,
  GroupMembers,
  GroupMilestones,
  Groups,
  ProjectMembers,
  ProjectMilestones,
  Users,
} from '@gitbeaker/rest';
import type { z } from 'zod';
import {
  GitLabError,
  malformedProblem,
  notAllowedOriginProblem,
  offlineProblem,
  problemFromGraphQLErrors,
  problemFromResponse,
  rateLimitedProblem,
  redactToken,
  retryAfterMsOf,
  timeoutProblem,
  unclearWriteProblem,
} from './errors';
import {
  GraphQLEnvelopeSchema,
  RestMemberSchema,
  RestMilestoneSchema,
  RestProjectSchema,
  RestTokenSchema,
  RestUserSchema,
  type RestMember,
  type RestProject,
  type RestMilestone,
  type RestToken,
  type RestUser,
} from './schemas';

/** One request as the `onRequest` hook sees it (never with the token). */
export interface RequestRecord {
  api: 'graphql' | 'rest';
  /** GraphQL operation name, or `GET /user`-style for REST. */
  operation: string;
  method: string;
  /** Path and query below the instance, e.g. `/api/graphql`. */
  path: string;
  /** HTTP status, or null when no answer came (offline, timeout). */
  status: number | null;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

export interface GitLabClientOptions {
  /** Instance base URL, possibly with a relative URL root: `https://host/gitlab`. */
  baseUrl: string;
  token: string;
  fetch?: typeof globalThis.fetch;
  /** Per request, body included. GitLab itself stops at 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once for this client. */
  maxConcurrent?: number;
  /** Waits (rate limits, back-off); injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number | Date;
  onRequest?: (record: RequestRecord) => void;
  /** Retries of a read after 429 / 502–504 / a network failure. Writes are never retried. */
  maxRetries?: number;
  /** A longer `Retry-After` is not waited out: the caller gets a rateLimited problem. */
  maxRetryWaitMs?: number;
}

export interface GraphQLCallOptions {
  signal?: AbortSignal;
}

export interface GitLabRest {
  /** `GET /user`: who the token belongs to. */
  currentUser(): Promise<RestUser>;
  /** `GET /personal_access_tokens/self`: the token's scopes and expiry. */
  tokenSelf(): Promise<RestToken>;
  /**
   * Active milestones of a project, its groups' milestones included (`state: 'all'`: closed ones
   * too, e.g. the quarters the quarter map can switch to).
   */
  projectMilestones(projectPath: string, options?: MilestoneListOptions): Promise<RestMilestone[]>;
  /** Active milestones of a group, its ancestors' included (`state: 'all'`: closed ones too). */
  groupMilestones(groupPath: string, options?: MilestoneListOptions): Promise<RestMilestone[]>;
  /** Project members (inherited included) matching a name or username, for the DRI picker. */
  projectMembers(projectPath: string, query: string): Promise<RestMember[]>;
  /** Group members (inherited included), for the DRI picker of an epic. */
  groupMembers(groupPath: string, query: string): Promise<RestMember[]>;
  /**
   * A group's projects, its subgroups' included, where the user is at least a Guest (who may
   * create issues) and issues are on: where a key result issue under an epic can go.
   */
  groupIssueProjects(groupPath: string): Promise<RestProject[]>;
}

export interface MilestoneListOptions {
  search?: string;
  /** `active` (the default) or every milestone, closed ones included. */
  state?: 'active' | 'all';
}

export interface GitLabClient {
  /** Normalised base URL, no trailing slash. */
  readonly baseUrl: string;
  readonly origin: string;
  graphql<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    options?: GraphQLCallOptions,
  ): Promise<T>;
  rest: GitLabRest;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxConcurrent: 4,
  maxRetries: 2,
  maxRetryWaitMs: 60_000,
};

/** Pause when GitLab says no request is left in the window and names no reset time. */
const EMPTY_WINDOW_PAUSE_MS = 1_000;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** `mutation X` (after any comments or fragments) → true. */
export function isMutation(document: string): boolean {
  const withoutComments = document.replace(/#[^\n]*/g, '');
  const match = /(?:^|\})\s*(query|mutation|subscription)\b/.exec(withoutComments);
  return match?.[1] === 'mutation';
}

export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

/** Splits and checks a base URL: http(s), no credentials, no query; trailing slashes dropped. */
function parseBaseUrl(baseUrl: string): { baseUrl: string; origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new GitLabError({
      kind: 'noInstance',
      message: 'The GitLab address is not a web address. Correct it in OKR Lens options.',
    });
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new GitLabError({
      kind: 'noInstance',
      message:
        'The GitLab address must be a plain http(s) address such as https://gitlab.example.com. Correct it in OKR Lens options.',
    });
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return { baseUrl: `${url.origin}${basePath}`, origin: url.origin, basePath };
}

/**
 * True when `url` lies on the instance: same scheme, host and port as `baseUrl`, below its
 * relative URL root, and without credentials. Everything the client sends passes this check.
 */
export function isInsideInstance(baseUrl: string, url: URL | string): boolean {
  const base = new URL(baseUrl);
  const target = new URL(url);
  const basePath = base.pathname.replace(/\/+$/, '');
  const below = target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
  return target.origin === base.origin && below && !target.username && !target.password;
}

/** At most `limit` tasks at once; the rest wait in order. */
function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

interface TransportRequest {
  api: 'graphql' | 'rest';
  operation: string;
  method: string;
  url: URL;
  body?: string;
  isWrite: boolean;
  signal?: AbortSignal | undefined;
}

interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
}

class TimeoutSignal extends Error {}

export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  const { baseUrl, origin, basePath } = parseBaseUrl(options.baseUrl);
  const token = options.token;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULTS.maxRetryWaitMs;
  const sleep = options.sleep ?? defaultSleep;
  const nowMs = (): number => {
    const value = options.now?.() ?? Date.now();
    return value instanceof Date ? value.getTime() : value;
  };
  const limit = createLimiter(Math.max(1, options.maxConcurrent ?? DEFAULTS.maxConcurrent));
  /** GitLab said the rate-limit window is used up: no request before this time. */
  let pausedUntil = 0;

  function assertOwnInstance(url: URL): void {
    if (!isInsideInstance(baseUrl, url)) throw new GitLabError(notAllowedOriginProblem());
  }

  function noteRateLimit(headers: Headers): void {
    if (headers.get('ratelimit-remaining')?.trim() !== '0') return;
    const reset = Number(headers.get('ratelimit-reset'));
    const wait =
      Number.isFinite(reset) && reset > 0 ? reset * 1000 - nowMs() : EMPTY_WINDOW_PAUSE_MS;
    pausedUntil = Math.max(pausedUntil, nowMs() + Math.min(Math.max(wait, 0), maxRetryWaitMs));
  }

  /** One try: no retry here. Throws GitLabError for no answer; returns any HTTP answer. */
  async function sendOnce(request: TransportRequest, attempt: number): Promise<TransportResponse> {
    return limit(async () => {
      const pause = pausedUntil - nowMs();
      if (pause > 0) await sleep(pause);
      const started = nowMs();
      const controller = new AbortController();
      const abortFromCaller = () => controller.abort(request.signal?.reason);
      request.signal?.addEventListener('abort', abortFromCaller, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new TimeoutSignal());
        }, timeoutMs);
      });
      let status: number | null = null;
      let text = '';
      try {
        const headers = new Headers({
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
        });
        if (request.body !== undefined) headers.set('Content-Type', 'application/json');
        const exchange = (async () => {
          const response = await fetchImpl(request.url.toString(), {
            method: request.method,
            headers,
            ...(request.body === undefined ? {} : { body: request.body }),
            signal: controller.signal,
            // A redirect could carry the token to another address: refuse to follow it.
            redirect: 'manual',
            credentials: 'omit',
          });
          status = response.type === 'opaqueredirect' ? 302 : response.status;
          text = await response.text();
          return { status, headers: response.headers, text };
        })();
        const answer = await Promise.race([exchange, timedOut]);
        noteRateLimit(answer.headers);
        return answer;
      } catch (error) {
        if (error instanceof TimeoutSignal) {
          throw new GitLabError(timeoutProblem(timeoutMs), { unclear: request.isWrite });
        }
        if (request.signal?.aborted) {
          throw new GitLabError(
            { kind: 'unknown', message: 'The request was cancelled.' },
            { unclear: request.isWrite },
          );
        }
        throw new GitLabError(offlineProblem(), {
          unclear: request.isWrite,
          cause: new Error(redactToken(String(error), token)),
        });
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', abortFromCaller);
        options.onRequest?.({
          api: request.api,
          operation: request.operation,
          method: request.method,
          path: `${request.url.pathname.slice(basePath.length)}${request.url.search}`,
          status,
          requestBytes: request.body === undefined ? 0 : byteLength(request.body),
          responseBytes: byteLength(text),
          durationMs: nowMs() - started,
          attempt,
        });
      }
    });
  }

  function failureOf(request: TransportRequest, response: TransportResponse): GitLabError {
    const retryAfterMs = retryAfterMsOf(response.headers.get('retry-after'), nowMs());
    const problem = problemFromResponse(response.status, response.text, retryAfterMs, {
      isWrite: request.isWrite,
    });
    // A 5xx after a write was sent leaves its outcome unknown; a 4xx was refused outright.
    const unclear = request.isWrite && response.status >= 500;
    return new GitLabError(unclear ? unclearWriteProblem(problem) : problem, {
      status: response.status,
      unclear,
    });
  }

  function isRetryableStatus(status: number): boolean {
    return status === 429 || status === 502 || status === 503 || status === 504;
  }

  /** Sends with retries for reads; a write goes out exactly once. */
  async function send(request: TransportRequest): Promise<TransportResponse> {
    assertOwnInstance(request.url);
    for (let attempt = 1; ; attempt += 1) {
      let response: TransportResponse;
      try {
        response = await sendOnce(request, attempt);
      } catch (error) {
        const retryable =
          !request.isWrite &&
          error instanceof GitLabError &&
          error.problem.kind === 'offline' &&
          attempt <= maxRetries;
        if (!retryable) {
          if (error instanceof GitLabError && error.unclear) {
            throw new GitLabError(unclearWriteProblem(error.problem), {
              unclear: true,
              cause: error,
            });
          }
          throw error;
        }
        await sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      if (response.status >= 200 && response.status < 300) return response;
      if (request.isWrite || !isRetryableStatus(response.status) || attempt > maxRetries) {
        throw failureOf(request, response);
      }
      const retryAfterMs = retryAfterMsOf(response.headers.get('retry-after'), nowMs());
      const wait = retryAfterMs ?? 1000 * 2 ** (attempt - 1);
      if (wait > maxRetryWaitMs) {
        throw new GitLabError(rateLimitedProblem(wait), { status: response.status });
      }
      await sleep(wait);
    }
  }

  function parseJson(text: string, isWrite: boolean): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const problem = malformedProblem();
      throw new GitLabError(isWrite ? unclearWriteProblem(problem) : problem, {
        unclear: isWrite,
        cause: error,
      });
    }
  }

  async function graphql<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    callOptions: GraphQLCallOptions = {},
  ): Promise<T> {
    const operationName = operationNameOf(document);
    const isWrite = isMutation(document);
    const response = await send({
      api: 'graphql',
      operation: operationName ?? 'anonymous',
      method: 'POST',
      url: new URL(`${baseUrl}/api/graphql`),
      body: JSON.stringify({ query: document, variables, operationName }),
      isWrite,
      signal: callOptions.signal,
    });
    const envelope = GraphQLEnvelopeSchema.safeParse(parseJson(response.text, isWrite));
    if (!envelope.success) {
      throw new GitLabError(malformedProblem(), { unclear: isWrite, cause: envelope.error });
    }
    const errors = envelope.data.errors ?? [];
    if (errors.length > 0) {
      const problem = problemFromGraphQLErrors(errors, { isWrite });
      throw new GitLabError(
        { ...problem, message: redactToken(problem.message, token) },
        { gitlabMessages: errors.map((error) => redactToken(error.message, token)) },
      );
    }
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) {
      const problem = malformedProblem();
      throw new GitLabError(isWrite ? unclearWriteProblem(problem) : problem, {
        unclear: isWrite,
        cause: data.error,
      });
    }
    return data.data;
  }

  const rest = createRest(baseUrl, send, parseJson);
  return { baseUrl, origin, graphql, rest };
}

// --- REST through gitbeaker ------------------------------------------------------------------

type GitbeakerOptions = ConstructorParameters<typeof Users>[0];
type RequesterFn = NonNullable<NonNullable<GitbeakerOptions>['requesterFn']>;
type Send = (request: TransportRequest) => Promise<TransportResponse>;

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function queryOf(searchParams: unknown): string {
  if (!searchParams || typeof searchParams !== 'object') return '';
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (value === undefined || value === null) continue;
    query.set(snakeCase(key), String(value));
  }
  return query.toString();
}

/**
 * gitbeaker builds the REST paths (`projects/<encoded path>/milestones`, pagination) and this
 * requester carries them through the shared transport: gitbeaker's own requester calls the
 * global fetch, retries 429 ten times without reading Retry-After, and has no origin guard.
 * gitbeaker keeps a relative URL root: its base is `<host>/api/v4`, `host` being our baseUrl.
 */
function requesterThrough(
  send: Send,
  parseJson: (text: string, isWrite: boolean) => unknown,
): RequesterFn {
  return (resourceOptions) => {
    const base = resourceOptions.url.endsWith('/')
      ? resourceOptions.url
      : `${resourceOptions.url}/`;
    const call =
      (method: string) =>
      async (
        endpoint: string,
        requestOptions?: { searchParams?: unknown; signal?: AbortSignal },
      ) => {
        const url = new URL(endpoint, base);
        url.search = queryOf(requestOptions?.searchParams);
        const response = await send({
          api: 'rest',
          operation: `${method} ${url.pathname.replace(/^.*\/api\/v4/, '')}`,
          method,
          url,
          isWrite: method !== 'GET',
          signal: requestOptions?.signal,
        });
        const body = response.text ? parseJson(response.text, method !== 'GET') : null;
        return {
          body: body as Record<string, unknown>,
          headers: Object.fromEntries(response.headers.entries()),
          status: response.status,
        };
      };
    return {
      get: call('GET'),
      post: call('POST'),
      put: call('PUT'),
      patch: call('PATCH'),
      delete: call('DELETE'),
    } as unknown as ReturnType<RequesterFn>;
  };
}

function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new GitLabError(malformedProblem(), { cause: parsed.error });
  return parsed.data;
}

/** The milestone list both pickers ask for: active, ancestors' included, two pages of 100. */
function milestoneQuery(search: string | undefined, state: 'active' | 'all' = 'active') {
  return {
    ...(state === 'active' ? { state: 'active' } : {}),
    includeAncestors: true,
    ...(search ? { search } : {}),
    perPage: 100,
    maxPages: 2,
  } as const;
}

function createRest(
  baseUrl: string,
  send: Send,
  parseJson: (text: string, isWrite: boolean) => unknown,
): GitLabRest {
  // The token is not given to gitbeaker: the transport adds it, so it exists in one place.
  const settings = {
    host: baseUrl,
    requesterFn: requesterThrough(send, parseJson),
    queryTimeout: null,
  } as const;
  const users = new Users(settings);
  const tokens = new PersonalAccessTokens(settings);
  const projectMilestones = new ProjectMilestones(settings);
  const groupMilestones = new GroupMilestones(settings);
  const projectMembers = new ProjectMembers(settings);
  const groupMembers = new GroupMembers(settings);
  const groups = new Groups(settings);
  const milestoneList = RestMilestoneSchema.array();
  return {
    async currentUser() {
      return validated(RestUserSchema, await users.showCurrentUser());
    },
    async tokenSelf() {
      return validated(RestTokenSchema, await tokens.show());
    },
    async projectMilestones(projectPath, { search, state } = {}) {
      const list = await projectMilestones.all(
        projectPath,
        milestoneQuery(search, state) as Parameters<typeof projectMilestones.all>[1],
      );
      return validated(milestoneList, list);
    },
    async groupMilestones(groupPath, { search, state } = {}) {
      const list = await groupMilestones.all(
        groupPath,
        milestoneQuery(search, state) as Parameters<typeof groupMilestones.all>[1],
      );
      return validated(milestoneList, list);
    },
    async projectMembers(projectPath, query) {
      const list = await projectMembers.all(projectPath, {
        includeInherited: true,
        query,
        perPage: 20,
        maxPages: 1,
      });
      return validated(RestMemberSchema.array(), list);
    },
    async groupMembers(groupPath, query) {
      const list = await groupMembers.all(groupPath, {
        includeInherited: true,
        query,
        perPage: 20,
        maxPages: 1,
      });
      return validated(RestMemberSchema.array(), list);
    },
    async groupIssueProjects(groupPath) {
      // GET /groups/:id/projects (lib/api/groups.rb): Guest (10) is the least role that creates
      // issues; archived projects take none.
      const list = await groups.allProjects(groupPath, {
        includeSubgroups: true,
        withIssuesEnabled: true,
        minAccessLevel: 10,
        archived: false,
        simple: true,
        orderBy: 'path',
        sort: 'asc',
        perPage: 100,
        maxPages: 2,
      } as Parameters<typeof groups.allProjects>[1]);
      return validated(RestProjectSchema.array(), list);
    },
  };
}
