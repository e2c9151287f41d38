// A row's history in a word-sized picture: the recorded progress as steps over the quarter with
// the expected line faint behind it, a dot per recorded update (the last one in its health's
// colour). Its label says the same in words.
import type { IsoDate } from '../../lib/okr/model';
import { expectedOn } from '../../lib/okr/quarter/expected-line';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import { chartGeometry, type Frame } from './geometry';
import { historySummary } from './history-words';

const FRAME: Frame = { width: 96, height: 22, pad: { top: 3, right: 3, bottom: 3, left: 3 } };

export function Sparkline({
  points,
  quarter,
  today,
}: {
  points: readonly HistoryPoint[];
  quarter: { start: IsoDate | null; end: IsoDate | null };
  today: IsoDate;
}) {
  const label = `History: ${historySummary(points, expectedOn(quarter, today))}`;
  const { start, end } = quarter;
  if (!start || !end) return null;
  const geometry = chartGeometry(points, { start, end }, today, FRAME);
  const lastIndex = geometry.placed.length - 1;
  return (
    <svg
      className="okr-sparkline"
      viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
      width={FRAME.width}
      height={FRAME.height}
      role="img"
      aria-label={label}
      data-testid="okr-sparkline"
    >
      <title>{label}</title>
      <path className="okr-sparkline__expected" d={geometry.expectedPath} />
      {geometry.stepPath && <path className="okr-sparkline__actual" d={geometry.stepPath} />}
      {geometry.placed.map(({ x, y, point }, index) => (
        <circle
          key={`${point.at}-${index}`}
          className={
            index === lastIndex
              ? `okr-sparkline__end okr-burnup__point--${point.health ?? 'none'}`
              : `okr-sparkline__point${point.progress === null ? ' okr-sparkline__point--unknown' : ''}`
          }
          cx={x}
          cy={y}
          r={index === lastIndex ? 2.5 : 1.5}
          data-testid="okr-sparkline-point"
          data-at={point.at}
        />
      ))}
    </svg>
  );
}
