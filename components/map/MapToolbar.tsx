// The quarter map's views (Everything, My team, Mine), the team's people and objectives, the
// filters (DRI, health, stale, with warnings, type) and the title search. Everything it changes
// goes to the page's URL through `onChange`.
import { useEffect, useState } from 'react';
import type { MapItem } from '../../lib/okr/quarter/map-model';
import {
  HEALTH_FILTERS,
  MAP_VIEWS,
  type HealthFilter,
  type MapPageState,
  type TypeFilter,
} from '../../lib/map-state';
import { HEALTH_LABEL, VIEW_LABEL } from './map-words';

export interface MapToolbarProps {
  state: MapPageState;
  onChange(change: Partial<MapPageState>): void;
  /** Everyone who is the DRI of an item of the map. */
  dris: string[];
  /** The map's top objectives, for "everything under chosen objectives". */
  topObjectives: MapItem[];
  /** The token user's username; null when the instance's token check did not say. */
  me: string | null;
  onExpandAll(): void;
  onCollapseAll(): void;
}

const HEALTH_FILTER_LABEL: Record<HealthFilter, string> = {
  ...HEALTH_LABEL,
  none: 'No health status',
};

function listText(list: string[]): string {
  return list.join(', ');
}

function parseList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.replace(/^@/, '').trim())
    .filter((entry) => entry !== '');
}

export function MapToolbar({
  state,
  onChange,
  dris,
  topObjectives,
  me,
  onExpandAll,
  onCollapseAll,
}: MapToolbarProps) {
  // Typed text is kept as typed and sent when it settles, so the URL does not change per key.
  const [search, setSearch] = useState(state.search);
  const [people, setPeople] = useState(listText(state.people));
  // The URL changed under the page (back, a bookmark): what it names replaces what was typed.
  const [seen, setSeen] = useState({ search: state.search, people: listText(state.people) });
  if (seen.search !== state.search || seen.people !== listText(state.people)) {
    setSeen({ search: state.search, people: listText(state.people) });
    setSearch(state.search);
    setPeople(listText(state.people));
  }
  useEffect(() => {
    if (search === state.search) return undefined;
    const timer = setTimeout(() => onChange({ search }), 200);
    return () => clearTimeout(timer);
  }, [search, state.search, onChange]);

  const toggleHealth = (health: HealthFilter) =>
    onChange({
      health: state.health.includes(health)
        ? state.health.filter((value) => value !== health)
        : [...state.health, health],
    });
  const toggleUnder = (reference: string) =>
    onChange({
      under: state.under.includes(reference)
        ? state.under.filter((value) => value !== reference)
        : [...state.under, reference],
    });

  return (
    <section className="map-toolbar" aria-label="Views and filters">
      <div className="map-toolbar-row">
        <div className="map-views" role="group" aria-label="View">
          {MAP_VIEWS.map((view) => (
            <button
              key={view}
              type="button"
              className={`map-view-button${state.view === view ? ' map-view-button--active' : ''}`}
              aria-pressed={state.view === view}
              onClick={() => onChange({ view })}
            >
              {VIEW_LABEL[view]}
            </button>
          ))}
        </div>
        <label className="map-search">
          <span className="map-visually-hidden">Search by title</span>
          <input
            type="search"
            placeholder="Search by title"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <div className="map-expand">
          <button type="button" className="ext-button ext-button--small" onClick={onExpandAll}>
            Expand all
          </button>
          <button type="button" className="ext-button ext-button--small" onClick={onCollapseAll}>
            Collapse all
          </button>
        </div>
      </div>
      {state.view === 'mine' && (
        <p className="map-view-note" data-testid="map-view-note">
          {me ? (
            <>Items whose DRI is you (@{me}).</>
          ) : (
            <>OKR Lens does not know whose token this is yet: check the token in the options.</>
          )}
        </p>
      )}
      {state.view === 'team' && (
        <div className="map-team" data-testid="map-team">
          <label className="map-field">
            <span>People (usernames)</span>
            <input
              type="text"
              value={people}
              placeholder="e.g. casey, morgan"
              onChange={(event) => setPeople(event.target.value)}
              onBlur={() => onChange({ people: parseList(people) })}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onChange({ people: parseList(people) });
              }}
            />
          </label>
          <fieldset className="map-field map-under">
            <legend>Everything under these objectives</legend>
            {topObjectives.length === 0 && (
              <span className="map-muted">No objectives in this map.</span>
            )}
            {topObjectives.map((objective) => (
              <label key={objective.url} className="map-check">
                <input
                  type="checkbox"
                  checked={state.under.includes(objective.reference)}
                  onChange={() => toggleUnder(objective.reference)}
                />
                <bdi>{objective.title}</bdi>
              </label>
            ))}
          </fieldset>
        </div>
      )}
      <div className="map-toolbar-row map-filters">
        <label className="map-field map-field--inline">
          <span>DRI</span>
          <select
            aria-label="DRI"
            value={state.dri[0] ?? ''}
            onChange={(event) => onChange({ dri: event.target.value ? [event.target.value] : [] })}
          >
            <option value="">Anyone</option>
            {dris.map((dri) => (
              <option key={dri} value={dri}>
                @{dri}
              </option>
            ))}
          </select>
        </label>
        <label className="map-field map-field--inline">
          <span>Type</span>
          <select
            aria-label="Type"
            value={state.type}
            onChange={(event) => onChange({ type: event.target.value as TypeFilter })}
          >
            <option value="all">Objectives and key results</option>
            <option value="objective">Objectives</option>
            <option value="keyResult">Key results</option>
          </select>
        </label>
        <fieldset className="map-health-filter">
          <legend className="map-visually-hidden">Health</legend>
          {HEALTH_FILTERS.map((health) => (
            <label key={health} className="map-check">
              <input
                type="checkbox"
                checked={state.health.includes(health)}
                onChange={() => toggleHealth(health)}
              />
              {HEALTH_FILTER_LABEL[health]}
            </label>
          ))}
        </fieldset>
        <label className="map-check">
          <input
            type="checkbox"
            checked={state.staleOnly}
            onChange={(event) => onChange({ staleOnly: event.target.checked })}
          />
          Stale only
        </label>
        <label className="map-check">
          <input
            type="checkbox"
            checked={state.warningsOnly}
            onChange={(event) => onChange({ warningsOnly: event.target.checked })}
          />
          With warnings
        </label>
      </div>
    </section>
  );
}
