// "Badge": the groups and projects whose stale OKRs the toolbar badge counts besides your own
// (each with why it cannot be checked, when it cannot), and how often it asks GitLab.
import { useId, useState } from 'react';
import type { Problem } from '../../lib/messages';
import type { WatchedNamespace } from '../../lib/settings';
import { AddEntryForm, EntryList } from './EditableList';
import { NumberField } from './NumberField';
import { readNamespacePath } from './settings-input';
import { preferredWatchInstance, type WatchInstance } from './watch-status';

export interface BadgeSectionProps {
  watched: WatchedNamespace[] | null;
  refreshMinutes: number | null;
  /** The release's default interval (not a handbook number). */
  defaultMinutes: number;
  /** The configured instances, to pick where a namespace lives. */
  instances: WatchInstance[];
  /** Why a watch cannot be checked (no token, not found…), or null. */
  watchProblem?: (namespace: WatchedNamespace) => Problem | null;
  onWatchedChange: (watched: WatchedNamespace[]) => void;
  onRefreshMinutesChange: (minutes: number) => void;
}

const keyOf = (namespace: WatchedNamespace) => `${namespace.baseUrl}|${namespace.fullPath}`;

export function BadgeSection(props: BadgeSectionProps) {
  const { watched, refreshMinutes, instances } = props;
  const headingId = useId();
  const watchedHintId = useId();
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="badge-settings">
      <h2 id={headingId}>Badge</h2>
      <p className="opt-muted opt-intro">
        The toolbar badge counts your open OKRs whose health status is stale.
      </p>
      {watched === null || refreshMinutes === null ? (
        <p className="opt-muted">Loading…</p>
      ) : (
        <>
          <fieldset className="opt-group" aria-describedby={watchedHintId}>
            <legend>Watched namespaces</legend>
            <p id={watchedHintId} className="opt-hint opt-group-hint">
              Also count everyone’s stale OKRs in these groups and projects, e.g. your team’s.
            </p>
            <EntryList
              entries={watched.map((namespace) => ({
                key: keyOf(namespace),
                name: `${namespace.fullPath} on ${namespace.baseUrl}`,
                content: (
                  <>
                    <bdi className="opt-break">{namespace.fullPath}</bdi>{' '}
                    <span className="opt-muted opt-small">
                      on <bdi>{namespace.baseUrl}</bdi>
                    </span>
                    <WatchProblem problem={props.watchProblem?.(namespace) ?? null} />
                  </>
                ),
              }))}
              empty="No watched namespaces: the badge counts your own OKRs."
              testId="watched-list"
              onRemove={(removed) =>
                props.onWatchedChange(watched.filter((namespace) => keyOf(namespace) !== removed))
              }
            />
            {instances.length === 0 ? (
              <p className="opt-muted">Add a GitLab instance above to watch its namespaces.</p>
            ) : (
              <WatchForm instances={instances} watched={watched} onChange={props.onWatchedChange} />
            )}
          </fieldset>
          <div className="opt-numbers">
            <NumberField
              label="Check every"
              unit="minutes"
              min={1}
              max={1440}
              value={refreshMinutes}
              handbook={props.defaultMinutes}
              defaultWord="Default"
              onChange={props.onRefreshMinutesChange}
            />
          </div>
        </>
      )}
    </section>
  );
}

function WatchProblem({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <span className="opt-watch-problem">
      <strong>Not checked.</strong> {problem.message}
    </span>
  );
}

function WatchForm({
  instances,
  watched,
  onChange,
}: {
  instances: WatchInstance[];
  watched: WatchedNamespace[];
  onChange: (watched: WatchedNamespace[]) => void;
}) {
  const selectId = useId();
  // Until the user picks one, the form follows the preferred instance (the list loads later).
  const [chosen, setChosen] = useState<string | null>(null);
  const preferred = preferredWatchInstance(instances) ?? '';
  const baseUrl = instances.some((instance) => instance.baseUrl === chosen) ? chosen! : preferred;
  const withoutToken =
    instances.find((instance) => instance.baseUrl === baseUrl)?.hasToken === false;
  return (
    <AddEntryForm
      label="Group or project"
      placeholder="gitlab-org/okrs"
      action="Watch"
      before={
        instances.length > 1 ? (
          <div className="opt-field">
            <label htmlFor={selectId}>On instance</label>
            <select
              id={selectId}
              value={baseUrl}
              onChange={(event) => setChosen(event.target.value)}
            >
              {instances.map((instance) => (
                <option key={instance.baseUrl} value={instance.baseUrl}>
                  {instance.hasToken ? instance.baseUrl : `${instance.baseUrl} (no token)`}
                </option>
              ))}
            </select>
          </div>
        ) : null
      }
      hint={
        <>
          {instances.length === 1 ? (
            <>
              Its path on <bdi>{baseUrl}</bdi>, or its address.
            </>
          ) : (
            'Its path, or its address.'
          )}
          {withoutToken && (
            <>
              {' '}
              OKR Lens has no token for <bdi>{baseUrl}</bdi>: a watch there is not checked until you
              add one.
            </>
          )}
        </>
      }
      read={(text) => readNamespacePath(text, baseUrl)}
      onAdd={(fullPath) => {
        const next = { baseUrl, fullPath };
        if (!watched.some((namespace) => keyOf(namespace) === keyOf(next)))
          onChange([...watched, next]);
      }}
    />
  );
}
