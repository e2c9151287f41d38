// The configured GitLab instances, each with its token's state and the actions on it.
import { useId } from 'react';
import type { InstanceView } from '../../lib/messages';
import { formatDateTime } from '../../lib/okr/format';
import { TokenCheckDetails } from './TokenCheckDetails';

export interface InstanceListProps {
  instances: InstanceView[] | null;
  /** The instance an action is running on, so its buttons wait. */
  busyBaseUrl: string | null;
  loadError: string | null;
  now: Date;
  onCheck: (baseUrl: string) => void;
  onRemove: (baseUrl: string) => void;
  onAddToken: (baseUrl: string) => void;
}

export function InstanceList(props: InstanceListProps) {
  const headingId = useId();
  const { instances, loadError } = props;
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="instance-list">
      <h2 id={headingId}>GitLab instances</h2>
      {loadError && (
        <p className="opt-callout opt-callout--danger" role="alert">
          {loadError}
        </p>
      )}
      {instances === null && !loadError && <p className="opt-muted">Loading…</p>}
      {instances?.length === 0 && (
        <p className="opt-muted">No GitLab instance yet. Add one below.</p>
      )}
      {instances && instances.length > 0 && (
        <ul className="opt-instances">
          {instances.map((instance) => (
            <InstanceCard key={instance.baseUrl} instance={instance} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InstanceCard({
  instance,
  busyBaseUrl,
  now,
  onCheck,
  onRemove,
  onAddToken,
}: InstanceListProps & { instance: InstanceView }) {
  const busy = busyBaseUrl === instance.baseUrl;
  const { check } = instance;
  const status = statusOf(instance);
  return (
    <li
      className="opt-instance"
      data-testid="instance"
      data-base-url={instance.baseUrl}
      aria-busy={busy}
    >
      <div className="opt-instance-head">
        <span className="opt-instance-url">
          <bdi>{instance.baseUrl}</bdi>
        </span>
        <span className={`ext-pill ext-pill--${status.tone}`} data-testid="instance-status">
          {status.label}
        </span>
      </div>
      {check?.ok && instance.hasToken && <TokenCheckDetails check={check} now={now} />}
      {check && !check.ok && (
        <p className="opt-callout opt-callout--danger" data-testid="instance-problem">
          {check.problem?.message ?? 'The last check failed.'}
        </p>
      )}
      {check && (
        <p className="opt-muted opt-small">Last checked {formatDateTime(check.checkedAt)}</p>
      )}
      <div className="opt-actions">
        {instance.hasToken ? (
          <button
            type="button"
            className="ext-button"
            disabled={busy}
            onClick={() => onCheck(instance.baseUrl)}
          >
            {busy ? 'Checking…' : 'Check again'}
            <span className="opt-sr-only"> {instance.baseUrl}</span>
          </button>
        ) : (
          <button type="button" className="ext-button" onClick={() => onAddToken(instance.baseUrl)}>
            Add a token<span className="opt-sr-only"> for {instance.baseUrl}</span>
          </button>
        )}
        <button
          type="button"
          className="ext-button ext-button--danger"
          disabled={busy}
          onClick={() => onRemove(instance.baseUrl)}
        >
          Remove<span className="opt-sr-only"> {instance.baseUrl}</span>
        </button>
      </div>
    </li>
  );
}

/** Worded differently from the save result ("Token works"), so each text names one place. */
function statusOf(instance: InstanceView): {
  label: string;
  tone: 'success' | 'warning' | 'danger' | 'neutral';
} {
  if (!instance.hasToken) return { label: 'No token yet', tone: 'neutral' };
  if (!instance.check) return { label: 'Not checked yet', tone: 'neutral' };
  if (!instance.check.ok) return { label: 'Token problem', tone: 'danger' };
  return { label: 'Connected', tone: 'success' };
}
