// The GitLab adapter's error taxonomy: every way a call to GitLab can fail, turned into a Problem
// whose message tells a person what happened and what to do. No message ever carries a token.
import type { Problem } from '../messages';

const OPTIONS_HINT = 'in OKR Lens options';

/** A failed call to GitLab, with the Problem to show. */
export class GitLabError extends Error {
  override readonly name = 'GitLabError';
  readonly problem: Problem;
  /** HTTP status, when GitLab answered. */
  readonly status: number | undefined;
  /**
   * True when a write was sent and it is not known whether GitLab applied it (a timeout, a lost
   * connection or a server error after sending). The caller must check before trying again.
   */
  readonly unclear: boolean;
  /** GitLab's own GraphQL error messages (token removed), for callers that degrade on them. */
  readonly gitlabMessages: readonly string[];

  constructor(
    problem: Problem,
    details: {
      status?: number;
      unclear?: boolean;
      cause?: unknown;
      gitlabMessages?: string[];
    } = {},
  ) {
    super(problem.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.problem = problem;
    this.status = details.status;
    this.unclear = details.unclear ?? false;
    this.gitlabMessages = details.gitlabMessages ?? [];
  }
}

export function isGitLabError(error: unknown): error is GitLabError {
  return error instanceof GitLabError;
}

/** A GitLab error body (REST or OAuth style); any of the fields may be absent. */
export interface GitLabErrorBody {
  error?: unknown;
  error_description?: unknown;
  message?: unknown;
  scope?: unknown;
  /** GraphQL's `{ errors: [{ message }] }`, which GitLab also sends with a 401. */
  errors?: unknown;
}

function parseErrorBody(text: string): GitLabErrorBody {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as GitLabErrorBody) : {};
  } catch {
    return {};
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(textOf).join(' ');
  return '';
}

/** The messages of a GraphQL-style error body, `{ errors: [{ message }] }`. */
function graphQLMessagesOf(body: GitLabErrorBody): string[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.flatMap((error: unknown) =>
    error &&
    typeof error === 'object' &&
    typeof (error as { message?: unknown }).message === 'string'
      ? [(error as { message: string }).message]
      : [],
  );
}

function secondsText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMsOf(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function rateLimitedProblem(retryAfterMs: number | undefined): Problem {
  return {
    kind: 'rateLimited',
    message:
      retryAfterMs === undefined
        ? 'GitLab is limiting how fast OKR Lens may ask. Wait a minute and try again.'
        : `GitLab is limiting how fast OKR Lens may ask. Try again in ${secondsText(retryAfterMs)}.`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** Maps an HTTP error status and GitLab's error body to a Problem. */
export function problemFromResponse(
  status: number,
  bodyText: string,
  retryAfterMs?: number,
  context: { isWrite?: boolean } = {},
): Problem {
  const body = parseErrorBody(bodyText);
  const code = textOf(body.error).toLowerCase();
  const detail =
    `${textOf(body.error_description)} ${textOf(body.message)} ${textOf(body.errors)} ${code}`.toLowerCase();
  if (status === 401) {
    if (/expired/.test(detail)) {
      return {
        kind: 'tokenExpired',
        message: `Your GitLab token has expired. Create a new one with the api scope and paste it ${OPTIONS_HINT}.`,
      };
    }
    return {
      kind: 'unauthorized',
      message: `GitLab refused the token: it may be revoked or expired. Create a new one with the api scope and paste it ${OPTIONS_HINT}.`,
    };
  }
  if (status === 403) {
    if (code === 'insufficient_scope' || /insufficient_scope|higher privileges/.test(detail)) {
      return {
        kind: 'insufficientScope',
        message: `The GitLab token lacks a needed scope: reading needs read_api, changes need api. Create a token with the api scope and paste it ${OPTIONS_HINT}.`,
      };
    }
    return {
      kind: 'forbidden',
      message:
        'GitLab says your account may not do this. Ask a maintainer of the project for access.',
    };
  }
  if (status === 404) {
    return {
      kind: 'notFound',
      message:
        'GitLab did not find this item, or your account may not see it. Check the address and your access.',
    };
  }
  if (status === 429) return rateLimitedProblem(retryAfterMs);
  if (status === 422 && graphQLMessagesOf(body).some(isQueryRefusal)) {
    return queryRefusedProblem(context); // "Query too large"
  }
  if (status === 413 || status === 414) {
    return {
      kind: 'limit',
      message: 'The request was too large for GitLab. Open a smaller part of the tree.',
    };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      message: `GitLab had a problem answering (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'invalidRequest',
      message: `GitLab answered with a redirect. Check the instance address ${OPTIONS_HINT}: it must be the address GitLab itself uses.`,
    };
  }
  return {
    kind: 'invalidRequest',
    message: `GitLab did not accept the request (HTTP ${status}). Update OKR Lens, or report this if it keeps happening.`,
  };
}

export function offlineProblem(): Problem {
  return {
    kind: 'offline',
    message: 'GitLab could not be reached. Check your connection (or VPN) and try again.',
  };
}

export function timeoutProblem(timeoutMs: number): Problem {
  return {
    kind: 'timeout',
    message: `GitLab did not answer within ${secondsText(timeoutMs)}. Try again; if it keeps happening, GitLab may be busy.`,
  };
}

export function malformedProblem(): Problem {
  return {
    kind: 'malformed',
    message:
      'GitLab answered in a shape OKR Lens does not understand (perhaps a newer or older GitLab version, or a proxy page). Update OKR Lens or report it.',
  };
}

export function notAllowedOriginProblem(): Problem {
  return {
    kind: 'invalidRequest',
    message: `OKR Lens only talks to the GitLab address set ${OPTIONS_HINT}; a request elsewhere was refused.`,
  };
}

/** The problem for a write that was sent but whose outcome is unknown. */
export function unclearWriteProblem(cause: Problem): Problem {
  return {
    ...cause,
    message: `${cause.message.replace(/ Try again.*$/, '')} It is not clear whether GitLab saved the change: check the item before trying again.`,
  };
}

/**
 * GitLab's refusals of a query before it runs, in GitLab's words (gitlab-org/gitlab
 * lib/gitlab/graphql/query_analyzers/ast/recursion_analyzer.rb, app/graphql/gitlab_schema.rb
 * through graphql-ruby's depth and complexity analyzers, app/controllers/graphql_controller.rb).
 * Every query is OKR Lens's own, so such a refusal is OKR Lens's fault, never the user's.
 */
const QUERY_REFUSALS: readonly RegExp[] = [
  /^Recursive query - too many of fields '.*' detected\s+in single branch of the query/,
  /^Query has depth of \d+, which exceeds max depth of \d+$/,
  /^Query has complexity of \d+, which exceeds max complexity of \d+$/,
  /^Query too large$/,
];

/** True when GitLab refused the query itself before running it (see QUERY_REFUSALS). */
export function isQueryRefusal(message: string): boolean {
  return QUERY_REFUSALS.some((refusal) => refusal.test(message));
}

export function queryRefusedProblem(context: { isWrite?: boolean } = {}): Problem {
  const outcome = context.isWrite ? 'nothing was changed' : 'the item could not be loaded';
  return {
    kind: 'queryRefused',
    message:
      `GitLab refused the request OKR Lens sent as too large or too deeply nested, so ${outcome}. ` +
      'That is a fault in OKR Lens, not in your GitLab or your settings: please report it.',
  };
}

export interface GraphQLErrorEntry {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

/** Maps the `errors` of a GraphQL response (HTTP 200 or 4xx with a GraphQL body) to a Problem. */
export function problemFromGraphQLErrors(
  errors: readonly GraphQLErrorEntry[],
  context: { isWrite?: boolean } = {},
): Problem {
  const messages = errors.map((error) => error.message);
  const all = messages.join(' ');
  if (messages.some(isQueryRefusal)) return queryRefusedProblem(context);
  if (context.isWrite && /does not exist or you don't have permission/i.test(all)) {
    // GitLab answers a write with a read-only (read_api) token the same way as one on an item
    // the account may not change.
    return {
      kind: 'forbidden',
      message: `GitLab refused the change: the token may be read-only (read_api), or your account may not edit this item. Use a token with the api scope ${OPTIONS_HINT}, or ask for access.`,
    };
  }
  if (
    /complexity|too many records|query too large|exceeds the max|max depth|query length/i.test(all)
  ) {
    return {
      kind: 'limit',
      message:
        'The OKR tree is too large for one GitLab request. Open a lower objective to see its part of the tree.',
    };
  }
  if (/timeout|timed out/i.test(all)) {
    return {
      kind: 'timeout',
      message: 'GitLab took too long to answer. Try again in a moment.',
    };
  }
  if (/does not exist or you don't have permission|not found/i.test(all)) {
    return {
      kind: 'notFound',
      message:
        'GitLab did not find this item, or your account may not see it. Check the address and your access.',
    };
  }
  if (/insufficient.scope|scope/i.test(all)) {
    return {
      kind: 'insufficientScope',
      message: `The GitLab token lacks a needed scope: changes need api. Create a token with the api scope and paste it ${OPTIONS_HINT}.`,
    };
  }
  if (/doesn't exist on type|doesn't accept argument|isn't a defined input type/i.test(all)) {
    return {
      kind: 'graphql',
      message:
        'GitLab refused a field OKR Lens asked for, even in the form its version takes. OKR Lens supports GitLab 17.0 and later: if this instance is newer, please report it to OKR Lens.',
    };
  }
  const first = messages[0] ?? 'unknown error';
  return {
    kind: 'graphql',
    message: `GitLab refused the request: ${first}. Try again, or report it if it keeps happening.`,
  };
}

/** Maps a mutation payload's `errors` (sent with HTTP 200) to a Problem. */
export function problemFromMutationErrors(action: string, errors: readonly string[]): Problem {
  const listed = errors.join('; ');
  if (/not found|don't have permission|not allowed|cannot be (added|created)/i.test(listed)) {
    return {
      kind: 'forbidden',
      message: `GitLab did not ${action}: ${listed}. Check that your account may change this item.`,
    };
  }
  return {
    kind: 'invalidRequest',
    message: `GitLab did not ${action}: ${listed}. Correct it and try again.`,
  };
}

/** Removes a token from any text that is about to leave the client (logs, error messages). */
export function redactToken(text: string, token: string): string {
  if (!token) return text;
  return text.split(token).join('[token]');
}

/** True when GitLab said a field the document uses does not exist (an older GitLab). */
export function isMissingField(error: unknown, typeName: string, fieldName: string): boolean {
  return (
    error instanceof GitLabError &&
    error.gitlabMessages.some((message) =>
      message.includes(`Field '${fieldName}' doesn't exist on type '${typeName}'`),
    )
  );
}
