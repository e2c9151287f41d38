// A row's history in a word-sized picture: the recorded progress as steps over the quarter with
// the expected line faint behind it. Its label says the same in words.
import type { IsoDate } from '../../lib/okr/model';
import { expectedOn } from '../../lib/okr/quarter/expected-line';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import { chartGeometry, type Frame } from './geometry';
import { historySummary } from './history-words';

const FRAME: Frame = { width: 80, height: 20, pad: { top: 2, right: 2, bottom: 2, left: 2 } };

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
  const last = geometry.placed.filter((p) => p.point.progress !== null).at(-1);
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
      {last && (
        <circle
          className={`okr-sparkline__end okr-burnup__point--${last.point.health ?? 'none'}`}
          cx={last.x}
          cy={last.y}
          r={2}
        />
      )}
    </svg>
  );
}
