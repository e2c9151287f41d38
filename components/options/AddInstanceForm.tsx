// The form that adds a GitLab instance (or replaces its token), and what the check found.
import { useId, type FormEvent } from 'react';
import type { InstanceView, Problem } from '../../lib/messages';
import { normaliseInstanceUrl } from '../../lib/instances';
import { TokenWarnings } from './TokenCheckDetails';
import { tokenPageUrl } from './token-check';

export type SaveOutcome =
  | { kind: 'saved'; instance: InstanceView }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'permissionDenied'; origin: string };

export interface AddInstanceFormProps {
  url: string;
  token: string;
  saving: boolean;
  outcome: SaveOutcome | null;
  now: Date;
  onUrlChange: (url: string) => void;
  onTokenChange: (token: string) => void;
  /** Called from the submit event itself: the host permission prompt needs the user's gesture. */
  onSave: () => void;
}

export function AddInstanceForm(props: AddInstanceFormProps) {
  const { url, token, saving, outcome, now } = props;
  const headingId = useId();
  const urlId = useId();
  const tokenId = useId();
  const urlHintId = useId();
  const tokenHintId = useId();
  const normalised = normaliseInstanceUrl(url);
  const tokenPage = tokenPageUrl(normalised?.baseUrl ?? 'https://gitlab.com');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSave();
  };

  return (
    <section className="opt-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Add a GitLab instance</h2>
      <form className="opt-form" onSubmit={submit} noValidate>
        <div className="opt-field">
          <label htmlFor={urlId}>GitLab URL</label>
          <input
            id={urlId}
            name="baseUrl"
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://gitlab.com"
            value={url}
            aria-describedby={urlHintId}
            onChange={(event) => props.onUrlChange(event.target.value)}
            required
          />
          <p id={urlHintId} className="opt-hint">
            gitlab.com, or your self-managed GitLab’s address with its path if it has one, e.g.
            https://example.com/gitlab. For a self-managed host your browser asks to let OKR Lens
            read it.
          </p>
        </div>
        <div className="opt-field">
          <label htmlFor={tokenId}>Personal access token</label>
          <input
            id={tokenId}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-describedby={tokenHintId}
            onChange={(event) => props.onTokenChange(event.target.value)}
          />
          <div id={tokenHintId} className="opt-hint">
            <p>
              Create a token with the <code>api</code> scope to see scores and create key results. A{' '}
              <code>read_api</code> token is enough to read; OKR Lens then says it can’t create key
              results.{' '}
              <a href={tokenPage} target="_blank" rel="noreferrer" data-testid="token-page-link">
                Create a token on {new URL(tokenPage).host}
              </a>
            </p>
            <p>The token stays in this browser and is sent only to that GitLab.</p>
          </div>
        </div>
        <div className="opt-actions">
          <button type="submit" className="ext-button ext-button--primary" disabled={saving}>
            {saving ? 'Checking…' : 'Save and check'}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" data-testid="save-result">
        {outcome && <SaveResult outcome={outcome} now={now} />}
      </div>
    </section>
  );
}

function SaveResult({ outcome, now }: { outcome: SaveOutcome; now: Date }) {
  if (outcome.kind === 'permissionDenied') {
    return (
      <div className="opt-result opt-result--problem">
        <p className="opt-result-title">OKR Lens may not read {outcome.origin}</p>
        <p>
          The browser’s permission was not given, so nothing was saved. Save again and choose Allow.
        </p>
      </div>
    );
  }
  if (outcome.kind === 'problem') {
    return (
      <div className="opt-result opt-result--problem" data-problem-kind={outcome.problem.kind}>
        <p className="opt-result-title">The token was not saved</p>
        <p>{outcome.problem.message}</p>
        {outcome.problem.action && (
          <p>
            <a href={outcome.problem.action.url} target="_blank" rel="noreferrer">
              {outcome.problem.action.label}
            </a>
          </p>
        )}
      </div>
    );
  }
  const { instance } = outcome;
  const check = instance.check;
  return (
    <div className="opt-result opt-result--ok">
      <p className="opt-result-title">{check?.ok ? 'Token works' : 'Saved'}</p>
      <p>
        {check?.ok && (check.name || check.username) ? (
          <>
            Signed in to <bdi>{instance.baseUrl}</bdi> as{' '}
            <strong data-testid="checked-user">
              <bdi>{check.name ?? check.username}</bdi>
            </strong>
            {check.username && check.name && <> (@{check.username})</>}.
          </>
        ) : (
          <>
            <bdi>{instance.baseUrl}</bdi> is saved.
          </>
        )}
      </p>
      {check?.ok && <TokenWarnings check={check} now={now} />}
    </div>
  );
}
