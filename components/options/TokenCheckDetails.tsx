// The facts of a token check a user acts on: who the token belongs to, its scopes and expiry.
import type { InstanceView } from '../../lib/messages';
import { formatDate } from '../../lib/okr/format';
import { expiryOf, scopeVerdict } from './token-check';

type Check = NonNullable<InstanceView['check']>;

export function TokenCheckDetails({ check, now }: { check: Check; now: Date }) {
  return (
    <>
      <TokenFacts check={check} now={now} />
      <TokenWarnings check={check} now={now} />
    </>
  );
}

export function TokenFacts({ check, now }: { check: Check; now: Date }) {
  const expiry = expiryOf(check.expiresAt, now);
  return (
    <dl className="opt-facts">
      <dt>User</dt>
      <dd data-testid="token-user">
        <bdi>{check.name ?? check.username ?? 'Unknown'}</bdi>
        {check.username && <span className="opt-muted"> @{check.username}</span>}
      </dd>
      <dt>Scopes</dt>
      <dd data-testid="token-scopes">
        {check.scopes?.length ? check.scopes.join(', ') : 'unknown'}
      </dd>
      <dt>Expires</dt>
      <dd data-testid="token-expiry">
        {expiry.kind === 'never' ? 'never' : formatDate(expiry.date)}
        {expiry.kind === 'later' && <span className="opt-muted"> (in {expiry.days} days)</span>}
      </dd>
    </dl>
  );
}

/** What needs doing about the token: it runs out soon, or it can only read. */
export function TokenWarnings({ check, now }: { check: Check; now: Date }) {
  const verdict = scopeVerdict(check.scopes);
  const expiry = expiryOf(check.expiresAt, now);
  return (
    <>
      {expiry.kind === 'soon' && (
        <p className="opt-callout opt-callout--warning" data-testid="token-expiry-warning">
          This token expires{' '}
          {expiry.days === 0 ? 'today' : `in ${expiry.days} ${expiry.days === 1 ? 'day' : 'days'}`}.
          Create a new one before {formatDate(expiry.date)} so OKR Lens keeps working.
        </p>
      )}
      {expiry.kind === 'expired' && (
        <p className="opt-callout opt-callout--danger" data-testid="token-expiry-warning">
          This token expired on {formatDate(expiry.date)}. Create a new one and save it here.
        </p>
      )}
      {verdict === 'readOnly' && (
        <p className="opt-callout opt-callout--info" data-testid="token-read-only">
          Read-only: with <code>read_api</code> OKR Lens shows scores and checks but can’t create
          key results. Use a token with the <code>api</code> scope for that.
        </p>
      )}
      {verdict === 'insufficient' && (
        <p className="opt-callout opt-callout--danger" data-testid="token-insufficient">
          This token can’t read OKRs: it needs the <code>read_api</code> or <code>api</code> scope.
        </p>
      )}
    </>
  );
}
