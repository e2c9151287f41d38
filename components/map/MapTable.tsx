// The quarter map's tree as a table: one row per objective or key result, indented by level,
// with its score (the arithmetic on demand), GitLab's number and the drift, the expected progress
// and whether it is behind, its history as a sparkline, health and staleness, the DRI, warnings
// by severity and a link to GitLab. Renders what it is given; only the open explanations are its own state.
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import type { MapItem } from '../../lib/okr/quarter/map-model';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import type { Problem } from '../../lib/messages';
import type { MapItemDetails, MapRowFacts } from '../../lib/services/quarter-map-builder';
import type { MapRow } from './rows';
import { RowSparkline, type SparklineFrame } from './RowSparkline';
import {
  countWords,
  gitlabPercent,
  healthLabel,
  KIND_LABEL,
  methodLabel,
  percent,
  safeHref,
  SEVERITY_LABEL,
  signedPoints,
  staleNote,
  warningCounts,
} from './map-words';
import { wordsOf } from '../options/rule-words';

export interface MapTableProps {
  rows: MapRow[];
  /** Each row's drift and whether it is behind, by item URL. */
  facts: Record<string, MapRowFacts>;
  /** The words behind the rows asked about so far (a Problem when they could not be had). */
  details: Record<string, MapItemDetails | Problem>;
  /** A row's explanation opens and its words are not here yet. */
  onNeedDetails(url: string): void;
  /** URL of the item to highlight and scroll to. */
  focusUrl: string | null;
  /** Rows rendered at most; the rest wait for "Show more". */
  limit: number;
  onToggle(row: MapRow): void;
  onShowMore(): void;
  /** What an opened row shows below its arithmetic (its history chart). */
  history?: (item: MapItem) => ReactNode;
  /** Each row's recorded updates by item URL, once its notes are read. */
  histories?: Record<string, readonly HistoryPoint[]>;
  /** The quarter and the day the sparklines are drawn on. */
  sparklineFrame?: SparklineFrame;
}

/** The table's columns (class suffix, heading), in order; a row's details span them all. */
const MAP_COLUMNS = [
  ['title', 'Objective or key result'],
  ['score', 'Score'],
  ['gitlab', 'GitLab'],
  ['expected', 'Expected'],
  ['history', 'History'],
  ['health', 'Health'],
  ['dri', 'DRI'],
  ['warnings', 'Warnings'],
] as const;

export function MapTable({
  rows,
  facts,
  details,
  onNeedDetails,
  focusUrl,
  limit,
  onToggle,
  onShowMore,
  history,
  histories,
  sparklineFrame,
}: MapTableProps) {
  const [explained, setExplained] = useState<ReadonlySet<string>>(new Set());
  const wanted = Math.min(limit, rows.length);
  const rendered = useRowsInFrames(wanted);
  const shown = rows.slice(0, rendered);
  const focused = useRef<HTMLTableRowElement | null>(null);
  const focusShown = shown.some((row) => row.item.url === focusUrl);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'center' });
  }, [focusUrl, focusShown]);

  const needDetails = useRef(onNeedDetails);
  useEffect(() => {
    needDetails.current = onNeedDetails;
  });
  const toggleExplanation = useCallback((url: string) => {
    needDetails.current(url);
    setExplained((current) => {
      const next = new Set(current);
      if (next.has(url)) next.delete(url);
      else next.add(url);
      return next;
    });
  }, []);

  return (
    <>
      <table className="map-table" data-testid="map-table">
        <thead>
          <tr>
            {MAP_COLUMNS.map(([name, label]) => (
              <th key={name} scope="col" className={`map-col-${name}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <MapRowView
              key={row.item.url}
              row={row}
              fact={facts[row.item.url]}
              about={details[row.item.url]}
              open={explained.has(row.item.url)}
              focus={focusUrl === row.item.url}
              focusRef={focused}
              onToggle={onToggle}
              onExplain={toggleExplanation}
              history={history}
              points={histories?.[row.item.url]}
              frame={sparklineFrame}
            />
          ))}
        </tbody>
      </table>
      {rows.length > wanted && (
        <p className="map-more">
          Showing {wanted} of {rows.length} rows.{' '}
          <button type="button" className="ext-button ext-button--small" onClick={onShowMore}>
            Show more
          </button>
        </p>
      )}
    </>
  );
}

/**
 * Rows added to the page per animation frame when many come at once ("Show more", "Expand
 * all"): a row costs about a millisecond of rendering and layout on a busy machine, so 300 rows
 * in one task froze the page for half a second or more; 50 a frame keep every task short.
 */
export const ROWS_PER_FRAME = 50;
/** Up to this many more rows are rendered at once (opening one objective, a small map). */
const ROWS_AT_ONCE = 100;

/**
 * How many of the `wanted` rows to render now: all of them when fewer are wanted than are there
 * or only a few more, else the rows already there plus ROWS_PER_FRAME each animation frame until
 * all are in. The rows on the page stay while the new ones come.
 */
function useRowsInFrames(wanted: number): number {
  const [state, setState] = useState(() => ({
    wanted,
    rendered: Math.min(wanted, ROWS_AT_ONCE),
  }));
  let current = state;
  if (state.wanted !== wanted) {
    const atOnce = wanted <= state.rendered + ROWS_AT_ONCE;
    current = { wanted, rendered: atOnce ? wanted : state.rendered };
    setState(current);
  }
  const rendered = Math.min(current.rendered, wanted);
  useEffect(() => {
    if (rendered >= wanted) return;
    const frame = requestAnimationFrame(() =>
      setState((now) => ({
        ...now,
        rendered: Math.min(now.wanted, now.rendered + ROWS_PER_FRAME),
      })),
    );
    return () => cancelAnimationFrame(frame);
  }, [rendered, wanted]);
  return rendered;
}

interface MapRowViewProps {
  row: MapRow;
  fact: MapRowFacts | undefined;
  about: MapItemDetails | Problem | undefined;
  open: boolean;
  focus: boolean;
  focusRef: RefObject<HTMLTableRowElement | null>;
  onToggle(row: MapRow): void;
  onExplain(url: string): void;
  history: ((item: MapItem) => ReactNode) | undefined;
  points: readonly HistoryPoint[] | undefined;
  frame: SparklineFrame | undefined;
}

/**
 * One row (and its explanation when open). Memoised on what it shows: opening a row or showing
 * more rows renders the new rows only, not the thousands already on the page.
 */
const MapRowView = memo(
  function MapRowView({
    row,
    fact,
    about,
    open,
    focus,
    focusRef,
    onToggle,
    onExplain,
    history,
    points,
    frame,
  }: MapRowViewProps) {
    const { item } = row;
    return (
      <>
        <tr
          ref={focus ? focusRef : undefined}
          className={`map-row map-row--${item.type}${row.context ? ' map-row--context' : ''}${focus ? ' map-row--focus' : ''}`}
          data-testid="map-row"
          data-reference={item.reference}
          data-type={item.type}
          data-context={row.context ? 'true' : undefined}
          aria-level={row.depth + 1}
          aria-current={focus ? 'true' : undefined}
        >
          <td className="map-col-title">
            <div className="map-title-cell" style={{ paddingInlineStart: `${row.depth * 20}px` }}>
              {row.hasChildren ? (
                <button
                  type="button"
                  className="map-toggle"
                  aria-expanded={row.expanded}
                  aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${item.title}`}
                  onClick={() => onToggle(row)}
                >
                  <Chevron open={row.expanded} />
                </button>
              ) : (
                <span className="map-toggle-space" />
              )}
              <span className={`map-kind map-kind--${item.type}`}>{KIND_LABEL[item.type]}</span>
              <span className="map-title">
                <ItemLink url={item.url} title={item.title} />
                <span className="map-reference">{item.reference}</span>
              </span>
            </div>
          </td>
          <td className="map-col-score">
            <button
              type="button"
              className="map-score-button"
              aria-expanded={open}
              data-testid="map-score"
              data-score={item.score ?? ''}
              title="How the score was computed"
              onClick={() => onExplain(item.url)}
            >
              {item.score === null ? 'No data' : percent(item.score)}
            </button>
          </td>
          <td className="map-col-gitlab" data-testid="map-gitlab">
            {item.gitlabProgress === null ? (
              <span className="map-muted">—</span>
            ) : (
              <>
                {gitlabPercent(item.gitlabProgress)}
                {fact?.drift !== null && fact?.drift !== undefined && fact.drift !== 0 && (
                  <span className="map-drift"> {signedPoints(fact.drift)}</span>
                )}
              </>
            )}
          </td>
          <td className="map-col-expected">
            {item.expected === null ? (
              <span className="map-muted">—</span>
            ) : (
              <>
                {percent(item.expected)}
                {fact?.behind && (
                  <span className="ext-pill ext-pill--warning map-behind" data-testid="map-behind">
                    behind
                  </span>
                )}
              </>
            )}
          </td>
          <td className="map-col-history" data-testid="map-history">
            <RowSparkline points={points} frame={frame} />
          </td>
          <td className="map-col-health" data-testid="map-health">
            <span className={`ext-pill ext-pill--${item.health ?? 'neutral'}`}>
              {healthLabel(item.health)}
            </span>
            {item.stale && (
              <span className="ext-stale-mark map-stale" data-testid="map-stale">
                {' '}
                {staleNote(item.staleSince)}
              </span>
            )}
          </td>
          <td className="map-col-dri">
            {item.dri ? `@${item.dri}` : <span className="map-muted">No DRI</span>}
          </td>
          <td className="map-col-warnings" data-testid="map-warnings">
            {warningCounts(item).map(([severity, count]) => (
              <span key={severity} className={`map-severity map-severity--${severity}`}>
                {countWords(count, SEVERITY_LABEL[severity])}
              </span>
            ))}
          </td>
        </tr>
        {open && (about === undefined || 'kind' in about) && (
          <tr className="map-explanation-row" data-testid="map-explanation">
            <td colSpan={MAP_COLUMNS.length}>
              <p
                className="map-explanation map-muted"
                style={{ marginInlineStart: `${row.depth * 20 + 28}px` }}
              >
                {about ? about.message : 'Loading…'}
              </p>
            </td>
          </tr>
        )}
        {open && about && !('kind' in about) && (
          <tr className="map-explanation-row" data-testid="map-explanation">
            <td colSpan={MAP_COLUMNS.length}>
              <div
                className="map-explanation"
                style={{ marginInlineStart: `${row.depth * 20 + 28}px` }}
              >
                <p>
                  <span className="map-muted">Method: </span>
                  {methodLabel(item.method)}
                </p>
                <p>
                  <bdi>{about.explanation}</bdi>
                </p>
                {about.scoreDetails.length > 0 && (
                  <ul className="map-detail-lines">
                    {about.scoreDetails.map((line, index) => (
                      <li key={index}>
                        <bdi>{line}</bdi>
                      </li>
                    ))}
                  </ul>
                )}
                {about.gitlabNote && <p className="map-muted">{about.gitlabNote}</p>}
                <p className="map-muted">{about.staleReason}</p>
                {history?.(item)}
                {about.warnings.length > 0 && (
                  <ul className="map-warning-lines">
                    {about.warnings.map((warning, index) => (
                      <li
                        key={index}
                        className={`map-severity-line map-severity-line--${warning.severity}`}
                      >
                        <strong>{wordsOf(warning.rule).title}: </strong>
                        {warning.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </td>
          </tr>
        )}
      </>
    );
  },
  (before, after) =>
    before.row.item === after.row.item &&
    before.row.depth === after.row.depth &&
    before.row.expanded === after.row.expanded &&
    before.row.context === after.row.context &&
    before.row.hasChildren === after.row.hasChildren &&
    before.fact === after.fact &&
    before.about === after.about &&
    before.open === after.open &&
    before.focus === after.focus &&
    before.onToggle === after.onToggle &&
    before.onExplain === after.onExplain &&
    before.history === after.history &&
    before.points === after.points &&
    before.frame === after.frame,
);

function ItemLink({ url, title }: { url: string; title: string }) {
  const href = safeHref(url);
  return href ? (
    <a href={href} target="_blank" rel="noreferrer" className="map-item-link">
      <bdi>{title}</bdi>
    </a>
  ) : (
    <bdi>{title}</bdi>
  );
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      className={open ? 'map-chevron map-chevron--open' : 'map-chevron'}
    >
      <path
        d="M6 4l4 4-4 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
