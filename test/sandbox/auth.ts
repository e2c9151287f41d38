// Who is calling: personal access tokens from `Authorization: Bearer`, `PRIVATE-TOKEN` or
// `?private_token=`, checked the way GitLab checks them (unknown, expired, revoked, scopes).
import type { IncomingMessage } from 'node:http';
import type { SandboxStore, Token } from './store';

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: number; token: Token }
  | { kind: 'rejected'; reason: 'invalid' | 'expired' | 'revoked' };

export function tokenFrom(req: IncomingMessage, url: URL): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1].trim();
  const privateToken = req.headers['private-token'];
  if (typeof privateToken === 'string' && privateToken) return privateToken;
  return url.searchParams.get('private_token');
}

export function identify(store: SandboxStore, token: string | null): Caller {
  if (token === null) return { kind: 'anonymous' };
  const found = store.tokens.get(token);
  if (!found) return { kind: 'rejected', reason: 'invalid' };
  if (found.revoked) return { kind: 'rejected', reason: 'revoked' };
  if (found.expiresAt !== null && found.expiresAt <= store.nowIso().slice(0, 10))
    return { kind: 'rejected', reason: 'expired' };
  return { kind: 'user', userId: found.userId, token: found };
}

export const hasScope = (caller: Caller, scope: 'api' | 'read_api'): boolean =>
  caller.kind === 'user' &&
  (caller.token.scopes.includes('api') ||
    (scope === 'read_api' && caller.token.scopes.includes('read_api')));

/** GitLab's REST answer for a rejected token: status, headers and JSON body. */
export function restRejection(reason: 'invalid' | 'expired' | 'revoked' | 'missing'): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  if (reason === 'invalid' || reason === 'missing')
    return { status: 401, headers: {}, body: { message: '401 Unauthorized' } };
  const description = reason === 'expired' ? 'Token has expired.' : 'Token has been revoked.';
  return {
    status: 401,
    headers: {
      'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"`,
    },
    body: { error: 'invalid_token', error_description: description },
  };
}

/** GitLab's `/api/graphql` answer for a token it does not accept. */
export const GRAPHQL_INVALID_TOKEN = { errors: [{ message: 'Invalid token' }] };

/** GitLab's REST answer when a token lacks the scope an endpoint needs. */
export function insufficientScope(scope: string) {
  return {
    status: 403,
    body: {
      error: 'insufficient_scope',
      error_description:
        'The request requires higher privileges than provided by the access token.',
      scope,
    },
  };
}
