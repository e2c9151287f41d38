// A row's history in the quarter map: the sparkline of its recorded updates (a key result's own,
// an objective's rolled up from its key results) once its notes are read, and nothing before:
// an empty cell says "not read yet" better than a flat line that claims no progress.
import { memo } from 'react';
import type { IsoDate } from '../../lib/okr/model';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import { Sparkline } from '../charts/Sparkline';

export interface SparklineFrame {
  quarter: { start: IsoDate | null; end: IsoDate | null };
  today: IsoDate;
}

export const RowSparkline = memo(function RowSparkline({
  points,
  frame,
}: {
  /** Undefined while the row's notes are not read. */
  points: readonly HistoryPoint[] | undefined;
  frame: SparklineFrame | undefined;
}) {
  if (!points || !frame) return null;
  return <Sparkline points={points} quarter={frame.quarter} today={frame.today} />;
});
