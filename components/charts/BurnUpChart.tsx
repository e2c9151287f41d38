// A key result's (or an objective's rolled-up) progress over the quarter as a burn-up chart:
// one marker per recorded update, the value held as steps between them, and the expected line
// from 0 at the quarter's start to 100% at its end. Plain SVG: no charting library, because one
// step line, one straight line and a few markers need none, it costs no bundle weight, and it
// takes the page's colour tokens (light and dark) and accessible markup as they are. The chart
// is described in words and, for screen readers and anyone who wants the numbers, as a table.
import { useId } from 'react';
import { formatDate, type DateFormatOptions } from '../../lib/okr/format';
import type { IsoDate } from '../../lib/okr/model';
import { expectedOn } from '../../lib/okr/quarter/expected-line';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import { chartGeometry, type Frame } from './geometry';
import { changesText, healthText, historySummary, progressText, valueText } from './history-words';

export interface BurnUpChartProps {
  title: string;
  points: readonly HistoryPoint[];
  quarter: { start: IsoDate | null; end: IsoDate | null };
  today: IsoDate;
  dates?: DateFormatOptions;
}

const FRAME: Frame = { width: 560, height: 220, pad: { top: 12, right: 16, bottom: 28, left: 44 } };

export function BurnUpChart({ title, points, quarter, today, dates }: BurnUpChartProps) {
  const id = useId();
  const expectedToday = expectedOn(quarter, today);
  const summary = historySummary(points, expectedToday, dates);
  const { start, end } = quarter;
  // Only key results kept in their own units have values; a percentage's column stays out.
  const hasValues = points.some((point) => point.value !== null);
  return (
    <figure className="okr-burnup" data-testid="okr-burnup" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="okr-burnup__caption">
        <strong>{title}</strong>: {summary}
      </figcaption>
      {start && end ? (
        <BurnUpSvg points={points} start={start} end={end} today={today} dates={dates} />
      ) : (
        <p className="okr-burnup__note">
          The quarter has no start and end dates, so there is no expected line to draw.
        </p>
      )}
      {points.length > 0 && (
        <details className="okr-burnup__data">
          <summary>Recorded updates as a table</summary>
          <table data-testid="okr-burnup-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Progress</th>
                {hasValues && <th scope="col">Value</th>}
                <th scope="col">Health</th>
                <th scope="col">Recorded</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.at}>
                  <td>{formatDate(point.at, dates)}</td>
                  <td>{progressText(point)}</td>
                  {hasValues && <td>{valueText(point)}</td>}
                  <td>{healthText(point.health)}</td>
                  <td>{changesText(point)}</td>
                  <td>{point.author ? `@${point.author}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

function BurnUpSvg({
  points,
  start,
  end,
  today,
  dates,
}: {
  points: readonly HistoryPoint[];
  start: IsoDate;
  end: IsoDate;
  today: IsoDate;
  dates: DateFormatOptions | undefined;
}) {
  const geometry = chartGeometry(points, { start, end }, today, FRAME);
  const { pad, width, height } = FRAME;
  const bottom = height - pad.bottom;
  return (
    // The figure's caption and table carry the meaning; the drawing repeats it for the eye.
    <svg
      className="okr-burnup__svg"
      viewBox={`0 0 ${width} ${height}`}
      role="presentation"
      aria-hidden="true"
      focusable="false"
    >
      {[0, 0.5, 1].map((level) => (
        <g key={level}>
          <line
            className="okr-burnup__grid"
            x1={pad.left}
            x2={width - pad.right}
            y1={geometry.y(level)}
            y2={geometry.y(level)}
          />
          <text
            className="okr-burnup__axis"
            x={pad.left - 6}
            y={geometry.y(level) + 4}
            textAnchor="end"
          >
            {level * 100}%
          </text>
        </g>
      ))}
      <text className="okr-burnup__axis" x={pad.left} y={height - 8} textAnchor="start">
        {formatDate(start, dates)}
      </text>
      <text className="okr-burnup__axis" x={width - pad.right} y={height - 8} textAnchor="end">
        {formatDate(end, dates)}
      </text>
      <path
        className="okr-burnup__expected"
        d={geometry.expectedPath}
        data-testid="okr-burnup-expected"
      />
      {geometry.todayX !== null && (
        <line
          className="okr-burnup__today"
          x1={geometry.todayX}
          x2={geometry.todayX}
          y1={pad.top}
          y2={bottom}
        />
      )}
      {geometry.stepPath && <path className="okr-burnup__actual" d={geometry.stepPath} />}
      {geometry.placed.map(({ x, y, point }) => (
        <circle
          key={point.at}
          className={`okr-burnup__point okr-burnup__point--${point.health ?? 'none'}${point.progress === null ? ' okr-burnup__point--unknown' : ''}`}
          cx={x}
          cy={y}
          r={4.5}
          data-testid="okr-history-point"
          data-at={point.at}
        >
          <title>
            {`${formatDate(point.at, dates)}: ${progressText(point)}, ${healthText(point.health).toLowerCase()} (${changesText(point)})`}
          </title>
        </circle>
      ))}
    </svg>
  );
}
