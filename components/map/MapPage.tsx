// The quarter map page: which map (instance, groups or projects, quarter), how fresh it is, the
// sums, the views and filters, and the tree. It renders what the entrypoint gives it and says
// what it wants through callbacks; it never fetches.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../lib/messages';
import type { MapPageState } from '../../lib/map-state';
import type { MapItem } from '../../lib/okr/quarter/map-model';
import type { LoadedQuarterMap, QuarterOption } from '../../lib/services/quarter-map';
import type { MapItemDetails } from '../../lib/services/quarter-map-builder';
import { localDateOf } from '../../lib/okr/calendar';
import { formatDate } from '../../lib/okr/format';
import { PROBLEM_FALLBACK } from '../panel/format';
import { MapSummaryBar } from './MapSummaryBar';
import { MapTable } from './MapTable';
import { MapToolbar } from './MapToolbar';
import { ancestorsOf, indexOf, isNarrowed, names, visibleRows, type MapRow } from './rows';
import { mapProblemTitle, updatedAgo } from './map-words';
import { HistoryStatusLine, type HistoryStatus } from './HistoryStatus';

/** Rows rendered before "Show more": enough for a screen and a half of scrolling, quick to paint. */
export const ROWS_PER_PAGE = 300;

export interface MapPageProps {
  state: MapPageState;
  onChange(change: Partial<MapPageState>): void;
  /** Configured instances (base URLs). */
  instances: string[];
  quarters: QuarterOption[] | null;
  data: LoadedQuarterMap | null;
  /** The words behind the rows explained so far, by item URL. */
  details: Record<string, MapItemDetails | Problem>;
  /** Asks for a row's words (the score's arithmetic, the checks' messages). */
  onNeedDetails(url: string): void;
  /** When the shown map was loaded from GitLab. */
  storedAt: string | null;
  loading: boolean;
  problem: Problem | null;
  /** The token user's username on the map's instance. */
  me: string | null;
  now: Date;
  onRefresh(): void;
  onOpenOptions(): void;
  /** Buttons other features add to the page's header (the Key Review report's). */
  actions?: ReactNode;
  /** What a row's opened details show besides the score's arithmetic (its history chart). */
  history?: (item: MapItem) => ReactNode;
  /** How far the items' notes (their history, the checks that read them) are read. */
  historyStatus?: HistoryStatus | null;
}

export function MapPage(props: MapPageProps) {
  const { state, onChange, data } = props;
  const [limit, setLimit] = useState(ROWS_PER_PAGE);
  const items = useMemo(() => data?.map.items ?? [], [data]);
  const index = useMemo(() => indexOf(items), [items]);
  const rows = useMemo(
    () => visibleRows(items, index, state, props.me),
    [items, index, state, props.me],
  );
  const dris = useMemo(
    () => [...new Set(items.flatMap((item) => (item.dri ? [item.dri] : [])))].sort(),
    [items],
  );
  const topObjectives = useMemo(() => index.children.get(null) ?? [], [index]);
  const focusItem = state.focus ? items.find((item) => names(item, state.focus ?? '')) : undefined;
  const today =
    localDateOf(props.now.toISOString(), Intl.DateTimeFormat().resolvedOptions().timeZone) ??
    props.now.toISOString().slice(0, 10);
  const quarterStart = data?.map.quarter.start ?? null;
  const quarterEnd = data?.map.quarter.end ?? null;
  const sparklineFrame = useMemo(
    () => ({ quarter: { start: quarterStart, end: quarterEnd }, today }),
    [quarterStart, quarterEnd, today],
  );

  // Stable, so the memoised rows do not render again when another row opens.
  const latest = useRef({ open: state.open, onChange });
  useEffect(() => {
    latest.current = { open: state.open, onChange };
  });
  const toggle = useCallback((row: MapRow) => {
    const { open, onChange: change } = latest.current;
    change({
      open: row.expanded
        ? open.filter((key) => !names(row.item, key))
        : [...open, row.item.reference],
    });
  }, []);
  const expandAll = () =>
    onChange({
      open: items
        .filter((item) => (index.children.get(item.url) ?? []).length > 0)
        .map((item) => item.reference),
    });

  return (
    <div className="map-app">
      <header className="map-topbar">
        <h1 className="map-brand">
          <LensMark /> Quarter map
        </h1>
        <ScopeForm {...props} />
        <div className="map-actions">{props.actions}</div>
      </header>
      <FreshnessLine {...props} />
      {props.problem && (
        <div
          className="map-notice"
          data-tone={data ? 'warning' : 'danger'}
          role="alert"
          data-testid="map-problem"
        >
          <strong>{mapProblemTitle(props.problem.kind)}</strong>
          <p>{props.problem.message || PROBLEM_FALLBACK[props.problem.kind]}</p>
          {['noInstance', 'noToken', 'unauthorized', 'tokenExpired', 'insufficientScope'].includes(
            props.problem.kind,
          ) && (
            <button
              type="button"
              className="ext-button ext-button--small"
              onClick={props.onOpenOptions}
            >
              Open the options
            </button>
          )}
        </div>
      )}
      {data?.truncated && (
        <div className="map-notice" data-tone="warning" role="status">
          This scope holds more objectives for the quarter than OKR Lens reads at once; some are
          missing. Map a smaller group or project.
        </div>
      )}
      {data && (
        <main>
          <MapSummaryBar summary={data.map.summary} />
          <MapToolbar
            state={state}
            onChange={onChange}
            dris={dris}
            topObjectives={topObjectives}
            me={props.me}
            onExpandAll={expandAll}
            onCollapseAll={() => onChange({ open: [] })}
          />
          <p className="map-count" role="status" data-testid="map-count">
            {countLine(rows, items.length, isNarrowed(state))}
          </p>
          {focusItem && !rows.some((row) => row.item === focusItem) && (
            <p className="map-muted">
              <button
                type="button"
                className="map-link-button"
                onClick={() =>
                  onChange({
                    open: [
                      ...new Set([
                        ...state.open,
                        ...ancestorsOf(index, focusItem).map((item) => item.reference),
                      ]),
                    ],
                  })
                }
              >
                Show {focusItem.reference}
              </button>
            </p>
          )}
          {items.length === 0 ? (
            <p className="map-empty" data-testid="map-empty">
              No objectives in {data.map.scope.join(', ')} for {data.map.quarter.title}.
            </p>
          ) : (
            <MapTable
              rows={rows}
              facts={data.facts}
              details={props.details}
              onNeedDetails={props.onNeedDetails}
              focusUrl={focusItem?.url ?? null}
              limit={limit}
              onToggle={toggle}
              onShowMore={() => setLimit((current) => current + ROWS_PER_PAGE)}
              history={props.history}
              histories={data.histories}
              sparklineFrame={sparklineFrame}
            />
          )}
        </main>
      )}
      {state.scope.length === 0 && (
        <p className="map-empty" data-testid="map-no-scope">
          Name the groups or projects to map above, e.g. <code>gitlab-com/gitlab-okrs</code>.
        </p>
      )}
      {!data && props.loading && (
        <p className="map-loading" aria-busy="true">
          Loading the map…
        </p>
      )}
    </div>
  );
}

function countLine(rows: MapRow[], total: number, narrowed: boolean): string {
  if (!narrowed) return `${total} objectives and key results`;
  const matches = rows.filter((row) => !row.context).length;
  return `${matches} of ${total} objectives and key results match`;
}

function ScopeForm({ state, onChange, instances, quarters, loading, onRefresh }: MapPageProps) {
  const current = state.scope.join(', ');
  const [scopeText, setScopeText] = useState(current);
  const [editedFrom, setEditedFrom] = useState(current);
  // A new scope from the URL (back, a bookmark) replaces what was typed.
  if (editedFrom !== current) {
    setEditedFrom(current);
    setScopeText(current);
  }
  const submit = () => {
    const scope = scopeText
      .split(/[\s,]+/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    onChange({ scope, quarter: null, open: [], under: [], focus: null });
  };
  return (
    <form
      className="map-scope"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {instances.length > 1 && (
        <label className="map-field map-field--inline">
          <span>GitLab</span>
          <select
            value={state.instance ?? ''}
            onChange={(event) => onChange({ instance: event.target.value, quarter: null })}
          >
            {instances.map((baseUrl) => (
              <option key={baseUrl} value={baseUrl}>
                {baseUrl}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="map-field map-field--inline">
        <span>Groups or projects</span>
        <input
          type="text"
          value={scopeText}
          placeholder="e.g. gitlab-com/gitlab-okrs"
          onChange={(event) => setScopeText(event.target.value)}
          onBlur={() => {
            if (scopeText !== state.scope.join(', ')) submit();
          }}
        />
      </label>
      <label className="map-field map-field--inline">
        <span>Quarter</span>
        <select
          value={state.quarter ?? ''}
          disabled={!quarters || quarters.length === 0}
          onChange={(event) => onChange({ quarter: event.target.value, open: [], under: [] })}
        >
          {!quarters && <option value="">…</option>}
          {quarters?.length === 0 && <option value="">No quarters found</option>}
          {quarters?.map((quarter) => (
            <option key={quarter.title} value={quarter.title}>
              {quarter.title}
              {quarter.start && quarter.end
                ? ` (${formatDate(quarter.start)} – ${formatDate(quarter.end)})`
                : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="ext-button ext-button--small"
        onClick={onRefresh}
        disabled={loading}
      >
        Refresh
      </button>
    </form>
  );
}

function FreshnessLine({ data, storedAt, loading, now, problem, historyStatus }: MapPageProps) {
  if (!data && !loading) return null;
  return (
    <p className="map-freshness" data-testid="map-freshness" aria-live="polite">
      {storedAt && <span>{updatedAgo(storedAt, now)}</span>}
      {loading && <span>{storedAt ? ' · updating…' : 'Loading…'}</span>}
      {!loading && data && data.requests > 0 && (
        <span className="map-muted"> · {data.requests} requests to GitLab</span>
      )}
      {!loading && <HistoryStatusLine status={historyStatus ?? null} />}
      {problem?.kind === 'rateLimited' && storedAt && (
        <span> · GitLab asked OKR Lens to slow down: showing the last map</span>
      )}
    </p>
  );
}

function LensMark() {
  return (
    <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="7" cy="7" r="5" fill="none" stroke="#fc6d26" strokeWidth="2" />
      <path d="M11 11l3.5 3.5" stroke="#e24329" strokeWidth="2" strokeLinecap="round" />
      <circle cx="7" cy="7" r="1.8" fill="#fca326" />
    </svg>
  );
}
