// "Badge": the groups and projects whose stale OKRs the toolbar badge counts besides your own,
// and how often it asks GitLab.
import { useId, useState } from 'react';
import type { WatchedNamespace } from '../../lib/settings';
import { AddEntryForm, EntryList } from './EditableList';
import { NumberField } from './NumberField';
import { readNamespacePath } from './settings-input';

export interface BadgeSectionProps {
  watched: WatchedNamespace[] | null;
  refreshMinutes: number | null;
  /** The release's default interval (not a handbook number). */
  defaultMinutes: number;
  /** Base URLs of the configured instances, to pick where a namespace lives. */
  instances: string[];
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

function WatchForm({
  instances,
  watched,
  onChange,
}: {
  instances: string[];
  watched: WatchedNamespace[];
  onChange: (watched: WatchedNamespace[]) => void;
}) {
  const selectId = useId();
  const [chosen, setChosen] = useState(instances[0] ?? '');
  const baseUrl = instances.includes(chosen) ? chosen : (instances[0] ?? '');
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
                <option key={instance} value={instance}>
                  {instance}
                </option>
              ))}
            </select>
          </div>
        ) : null
      }
      hint={
        instances.length === 1 ? (
          <>
            Its path on <bdi>{baseUrl}</bdi>, or its address.
          </>
        ) : (
          'Its path, or its address.'
        )
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
