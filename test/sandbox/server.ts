// The GitLab sandbox server: GraphQL at /api/graphql, REST at /api/v4, GitLab-like HTML pages,
// fault switches and a request log, served at the root and under the relative URL root /gitlab.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { GRAPHQL_INVALID_TOKEN, hasScope, identify, tokenFrom, type Caller } from './auth';
import { clockFrom } from './clock';
import { Faults, type ControlRequest, type FaultEffect } from './faults';
import { executeGraphQLRequest, sandboxSchema, type GraphQLRequestBody } from './graphql';
import { handlePage, PAGE_USER_COOKIE, pageSessionOf } from './pages/index';
import { handleRest } from './rest';
import { loadSeed } from './seed/load';
import { gid, SandboxStore, type WidgetTypeName, type WorkItemRecord } from './store';
import { gitlabProfile, type GitLabProfile } from './versions/profiles';

/** The relative URL root the same instance is also served under (`gon.relative_url_root`). */
export const RELATIVE_URL_ROOT = '/gitlab';

export const DEMO_TOKENS = {
  api: 'glpat-okrlens-demo-api',
  readApi: 'glpat-okrlens-read-api',
  expired: 'glpat-okrlens-expired',
} as const;

export interface SandboxOptions {
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** ISO timestamp that fixes the clock (else `SANDBOX_NOW`, else real time). */
  now?: string;
  /** Base latency for every API request. */
  latencyMs?: number;
  /**
   * The GitLab version the sandbox plays: "17.0", "17.5", "17.11", "18.0", "18.6", any "X.Y", or
   * "latest" (else `SANDBOX_GITLAB_VERSION`, else latest). Fields newer than it do not exist, and
   * `metadata` and `/api/v4/version` report it.
   */
  gitlabVersion?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query as requested (with the relative URL root, if any). */
  path: string;
  /**
   * `app`: GitLab's own page script calling `/api/graphql` with the signed-in session (as GitLab's
   * Vue apps do before they render). It pays the base latency but no faults, and it is not an
   * API request of the extension (`graphql`, `rest`), so counts of those stay the extension's.
   */
  api: 'graphql' | 'rest' | 'page' | 'asset' | 'app';
  /** GraphQL operation name(s), comma-separated for a batch. */
  operationName: string | null;
  /** 0 when the request was held (timeout fault) and never answered. */
  status: number;
  bytes: number;
  ms: number;
  at: string;
}

export interface SeededItem {
  key: string;
  iid: string;
  fullPath: string;
  title: string;
  /** `gid://gitlab/WorkItem/N`. */
  gid: string;
  type: WorkItemRecord['type'];
  /** Path of the item's page, without host or relative URL root. */
  webPath: string;
  /** Full URL of the item's page. */
  url: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` (the relative-root instance is at `${url}/gitlab`). */
  url: string;
  tokens: { api: string; readApi: string; expired: string };
  /** The GitLab version it plays. */
  gitlab: GitLabProfile;
  /** The current store (replaced by `reset()`). */
  readonly store: SandboxStore;
  faults: Faults;
  requests(): RequestLogEntry[];
  /**
   * The logged GraphQL requests; with `operation`, only those of that operation name (a string
   * matches the whole name, a pattern any part of it).
   */
  graphqlRequests(operation?: string | RegExp): RequestLogEntry[];
  clearRequests(): void;
  /** Re-seeds the store, clears faults and the request log. */
  reset(): void;
  /** A seeded item by its seed key (see seed/okrs.yaml); throws for an unknown key. */
  item(key: string): SeededItem;
  /** The page URL of a seeded item; `{ relativeRoot: true }` for the `/gitlab/...` variant. */
  urlOf(key: string, options?: { relativeRoot?: boolean }): string;
  seedKeys(): string[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = clockFrom(options.now);
  const seeded = () => loadSeed(new SandboxStore(now));
  let store = seeded();
  const profile = gitlabProfile(options.gitlabVersion);
  sandboxSchema(profile); // build the executable schema before the first request
  const faults = new Faults(options.latencyMs ?? 0);
  let log: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const rateLimit = new RateLimiter(now);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { message: '500 Internal Server Error' });
      process.stderr.write(
        `sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const underRoot =
      url.pathname === RELATIVE_URL_ROOT || url.pathname.startsWith(`${RELATIVE_URL_ROOT}/`);
    const root = underRoot ? RELATIVE_URL_ROOT : '';
    const path = underRoot ? url.pathname.slice(RELATIVE_URL_ROOT.length) || '/' : url.pathname;
    const baseUrl = `http://${req.headers.host ?? 'localhost'}${root}`;
    const method = req.method ?? 'GET';

    if (path.startsWith('/__sandbox/')) return control(req, res, path, method);

    const api =
      path === '/api/graphql'
        ? 'graphql'
        : path.startsWith('/api/v4/')
          ? 'rest'
          : path.startsWith('/-/sandbox/')
            ? 'asset'
            : 'page';
    const entry: RequestLogEntry = {
      method,
      path: `${url.pathname}${url.search}`,
      api,
      operationName: null,
      status: 0,
      bytes: 0,
      ms: 0,
      at: new Date().toISOString(),
    };
    log.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.ms = Date.now() - started;
    });
    const countBytes = (body: string | Buffer): void => {
      entry.bytes = Buffer.byteLength(body);
    };

    if (api === 'page' || api === 'asset') {
      const answer = handlePage(store, {
        method,
        path,
        query: url.searchParams,
        root,
        baseUrl,
        cookies: cookiesOf(req),
        gitlabMajor: profile.version.major,
      });
      countBytes(answer.body);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }

    const body = await readBody(req);
    const token = tokenFrom(req, url);
    const session =
      api === 'graphql' && method === 'POST'
        ? pageSessionOf(store, {
            csrfToken: headerOf(req, 'x-csrf-token'),
            hasToken: token !== null,
            cookies: cookiesOf(req),
          })
        : undefined;
    if (session) {
      entry.api = 'app';
      const parsed = parseGraphQLBody(method, url, body);
      if (parsed) entry.operationName = operationNames(parsed);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      if (!parsed)
        return countBytes(send(res, 400, { errors: [{ message: 'Unexpected end of document' }] }));
      const context = {
        store,
        userId: session.userId,
        canMutate: false,
        baseUrl,
        hiddenWidgets: [],
        profile,
      };
      const answer = await executeGraphQLRequest(parsed, context);
      return countBytes(send(res, answer.status, answer.body));
    }
    const caller = identify(store, token);
    const effects = faults.take(api);
    const parsed = api === 'graphql' ? parseGraphQLBody(method, url, body) : null;
    if (parsed) entry.operationName = operationNames(parsed);

    const delay =
      faults.latencyMs + effects.reduce((sum, e) => sum + (e.kind === 'latency' ? e.ms : 0), 0);
    if (delay > 0) await sleep(delay);
    if (effects.some((e) => e.kind === 'timeout')) return; // held until the client gives up or close()

    const headers = rateLimit.headersFor(caller);
    const status = effects.find(
      (e): e is Extract<FaultEffect, { kind: 'status' }> => e.kind === 'status',
    );
    if (status) return countBytes(sendFault(res, api, status, headers));
    if (effects.some((e) => e.kind === 'malformedJson')) {
      const broken =
        api === 'graphql'
          ? '{"data":{"namespace":{"workItem":{"id":"gid://gitlab/WorkItem/1","title":"Trunc'
          : '[{"id":1,"title":"FY2';
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(broken);
      return countBytes(broken);
    }

    if (api === 'rest') {
      const answer = handleRest(store, {
        method,
        path: path.slice('/api/v4'.length),
        query: url.searchParams,
        caller,
        baseUrl,
        profile,
      });
      return countBytes(send(res, answer.status, answer.body, { ...headers, ...answer.headers }));
    }

    if (caller.kind === 'rejected')
      return countBytes(send(res, 401, GRAPHQL_INVALID_TOKEN, headers));
    if (!parsed)
      return countBytes(
        send(res, 400, { errors: [{ message: 'Unexpected end of document' }] }, headers),
      );
    const graphqlErrors = effects.find(
      (e): e is Extract<FaultEffect, { kind: 'graphqlErrors' }> => e.kind === 'graphqlErrors',
    );
    if (graphqlErrors) {
      const message =
        graphqlErrors.message ??
        'Request timed out. Please try a less complex query or a smaller set of records.';
      return countBytes(send(res, 200, { data: null, errors: [{ message }] }, headers));
    }
    const hiddenWidgets = effects.flatMap((e) =>
      e.kind === 'missingWidget' ? [e.widget ?? ('PROGRESS' satisfies WidgetTypeName)] : [],
    );
    const context = {
      store,
      userId: caller.kind === 'user' ? caller.userId : null,
      canMutate: hasScope(caller, 'api'),
      baseUrl,
      hiddenWidgets,
      profile,
    };
    const limits = effects.flatMap((e) => (e.kind === 'queryLimits' ? [e.limits] : []));
    const answer = await executeGraphQLRequest(parsed, context, Object.assign({}, ...limits));
    return countBytes(send(res, answer.status, answer.body, headers));
  }

  async function control(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    method: string,
  ): Promise<void> {
    if (path === '/__sandbox/requests' && method === 'GET') return void send(res, 200, log);
    if (path === '/__sandbox/requests/clear' && method === 'POST') {
      log = [];
      return void send(res, 200, { cleared: true });
    }
    if (path === '/__sandbox/reset' && method === 'POST') {
      sandbox.reset();
      return void send(res, 200, { reset: true, workItems: store.workItems.size });
    }
    if (path === '/__sandbox/control' && (method === 'POST' || method === 'GET')) {
      try {
        const body =
          method === 'POST' ? (JSON.parse((await readBody(req)) || '{}') as ControlRequest) : {};
        return void send(res, 200, faults.control(body));
      } catch (error) {
        return void send(res, 400, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    send(res, 404, { error: `Unknown sandbox control ${method} ${path}` });
  }

  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const baseUrl = `http://${host}:${port}`;

  const sandbox: Sandbox = {
    url: baseUrl,
    tokens: { ...DEMO_TOKENS },
    gitlab: profile,
    get store() {
      return store;
    },
    faults,
    requests: () => log.map((entry) => ({ ...entry })),
    graphqlRequests: (operation) =>
      sandbox
        .requests()
        .filter(
          (entry) =>
            entry.api === 'graphql' &&
            (operation === undefined ||
              (typeof operation === 'string'
                ? entry.operationName === operation
                : operation.test(entry.operationName ?? ''))),
        ),
    clearRequests: () => {
      log = [];
    },
    reset: () => {
      store = seeded();
      faults.clear();
      faults.latencyMs = options.latencyMs ?? 0;
      log = [];
    },
    item: (key) => {
      const item = store.workItemBySeedKey(key);
      if (!item)
        throw new Error(`No seeded item "${key}". Known keys: ${store.seedKeyList().join(', ')}`);
      const webPath = store.webPath(item);
      return {
        key,
        iid: String(item.iid),
        fullPath: item.namespacePath,
        title: item.title,
        gid: gid.workItem(item.id),
        type: item.type,
        webPath,
        url: `${baseUrl}${webPath}`,
      };
    },
    urlOf: (key, urlOptions) => {
      const { webPath } = sandbox.item(key);
      return `${baseUrl}${urlOptions?.relativeRoot ? RELATIVE_URL_ROOT : ''}${webPath}`;
    },
    seedKeys: () => store.seedKeyList(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return sandbox;
}

// ---- helpers --------------------------------------------------------------------------------

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): string {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
  return text;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookiesOf(req: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) cookies[name] = decodeURIComponent(value.join('='));
  }
  return cookies;
}

function parseGraphQLBody(
  method: string,
  url: URL,
  body: string,
): GraphQLRequestBody | GraphQLRequestBody[] | null {
  if (method === 'GET') {
    const query = url.searchParams.get('query');
    const variables = url.searchParams.get('variables');
    return query
      ? {
          query,
          variables: variables ? (JSON.parse(variables) as unknown) : undefined,
          operationName: url.searchParams.get('operationName'),
        }
      : null;
  }
  try {
    const parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) return parsed as GraphQLRequestBody[];
    return typeof parsed === 'object' && parsed !== null ? (parsed as GraphQLRequestBody) : null;
  } catch {
    return null;
  }
}

function operationNames(parsed: GraphQLRequestBody | GraphQLRequestBody[]): string | null {
  const names = [parsed].flat().map((one) => {
    if (typeof one.operationName === 'string' && one.operationName) return one.operationName;
    const match =
      typeof one.query === 'string' ? /\b(?:query|mutation)\s+(\w+)/.exec(one.query) : null;
    return match?.[1] ?? null;
  });
  return names.some(Boolean) ? names.map((n) => n ?? '(anonymous)').join(',') : null;
}

function sendFault(
  res: ServerResponse,
  api: 'graphql' | 'rest',
  fault: { status: number; retryAfter?: number },
  headers: Record<string, string>,
): string {
  if (fault.status === 429) {
    const retryAfter = String(fault.retryAfter ?? 60);
    const body = 'Retry later\n';
    res.writeHead(429, {
      ...headers,
      'RateLimit-Remaining': '0',
      'Retry-After': retryAfter,
      'Content-Type': 'text/plain',
    });
    res.end(body);
    return body;
  }
  const messages: Record<number, string> = {
    401: '401 Unauthorized',
    403: '403 Forbidden',
    404: '404 Not Found',
    500: '500 Internal Server Error',
  };
  const message = messages[fault.status] ?? String(fault.status);
  if (api === 'graphql') {
    const body =
      fault.status === 401
        ? GRAPHQL_INVALID_TOKEN
        : { errors: [{ message: fault.status === 500 ? 'Internal server error' : message }] };
    return send(res, fault.status, body, headers);
  }
  return send(res, fault.status, { message }, headers);
}

/** GitLab.com-style `RateLimit-*` headers: 2,000 requests a minute per user (or per caller IP). */
class RateLimiter {
  private window = 0;
  private used = new Map<string, number>();
  constructor(private readonly now: () => Date) {}

  headersFor(caller: Caller): Record<string, string> {
    const realNow = Date.now();
    const window = Math.floor(realNow / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.used.clear();
    }
    const key = caller.kind === 'user' ? `user:${caller.userId}` : 'anonymous';
    const used = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, used);
    const limit = 2000;
    const resetSeconds =
      Math.floor(this.now().getTime() / 1000) + 60 - (Math.floor(realNow / 1000) % 60);
    return {
      'RateLimit-Name': 'throttle_authenticated_api',
      'RateLimit-Limit': String(limit),
      'RateLimit-Observed': String(used),
      'RateLimit-Remaining': String(Math.max(0, limit - used)),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-ResetTime': new Date(resetSeconds * 1000).toUTCString(),
    };
  }
}

export { PAGE_USER_COOKIE };
