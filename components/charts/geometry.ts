// Where a history lands on a chart: days across the quarter on x, progress 0..1 on y. Pure, so
// the burn-up chart and the sparkline share it and tests check it without a browser.
import { dayNumber } from '../../lib/okr/calendar';
import type { IsoDate } from '../../lib/okr/model';
import type { HistoryPoint } from '../../lib/okr/quarter/history';

export interface Frame {
  width: number;
  height: number;
  /** Space kept free on each side, for axes and labels. */
  pad: { top: number; right: number; bottom: number; left: number };
}

export interface Placed {
  x: number;
  y: number;
  point: HistoryPoint;
}

export interface ChartGeometry {
  /** x of a day (clamped to the quarter), y of a progress. */
  x(date: IsoDate): number;
  y(progress: number): number;
  placed: Placed[];
  /** The recorded progress as steps: it holds until the next update (SVG path data). */
  stepPath: string;
  expectedPath: string;
  /** x of today when it falls inside the quarter. */
  todayX: number | null;
}

const dayOf = (timestamp: string) => dayNumber(timestamp.slice(0, 10));

export function chartGeometry(
  points: readonly HistoryPoint[],
  quarter: { start: IsoDate; end: IsoDate },
  today: IsoDate,
  frame: Frame,
): ChartGeometry {
  const first = dayOf(quarter.start) ?? 0;
  const last = Math.max(dayOf(quarter.end) ?? first + 1, first + 1);
  const { pad } = frame;
  const plotWidth = frame.width - pad.left - pad.right;
  const plotHeight = frame.height - pad.top - pad.bottom;
  const xOfDay = (day: number) =>
    pad.left + (Math.min(Math.max(day, first), last) - first) * (plotWidth / (last - first));
  const x = (date: IsoDate) => xOfDay(dayOf(date) ?? first);
  const y = (progress: number) => pad.top + (1 - Math.min(Math.max(progress, 0), 1)) * plotHeight;

  const placed = points.map((point) => ({
    x: x(point.at),
    y: y(point.progress ?? 0),
    point,
  }));
  const todayDay = dayOf(today);
  const todayX =
    todayDay !== null && todayDay >= first && todayDay <= last ? xOfDay(todayDay) : null;

  const withProgress = placed.filter((p) => p.point.progress !== null);
  let stepPath = '';
  withProgress.forEach((p, index) => {
    stepPath += index === 0 ? `M${fmt(p.x)},${fmt(p.y)}` : `H${fmt(p.x)}V${fmt(p.y)}`;
  });
  const end = withProgress.at(-1);
  // The last value holds until today (or the quarter's end once it is over).
  const holdUntil = todayX ?? (todayDay !== null && todayDay > last ? xOfDay(last) : null);
  if (end && holdUntil !== null && holdUntil > end.x) stepPath += `H${fmt(holdUntil)}`;

  const expectedPath = `M${fmt(xOfDay(first))},${fmt(y(0))}L${fmt(xOfDay(last))},${fmt(y(1))}`;
  return { x, y, placed, stepPath, expectedPath, todayX };
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
