// A row's history when it is opened: its burn-up chart, loaded on demand (a key result's own
// recorded updates, an objective's rolled up from its children), with a calm word while it loads
// or when GitLab could not answer.
import { useEffect, useState } from 'react';
import type { IsoDate } from '../../lib/okr/model';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import type { MapItem } from '../../lib/okr/quarter/map-model';
import { BurnUpChart } from '../charts/BurnUpChart';

export type LoadedHistory = { ok: true; points: HistoryPoint[] } | { ok: false; message: string };

export interface RowHistoryProps {
  item: MapItem;
  quarter: { start: IsoDate | null; end: IsoDate | null };
  today: IsoDate;
  load(item: MapItem): Promise<LoadedHistory>;
}

export function RowHistory({ item, quarter, today, load }: RowHistoryProps) {
  // Kept with the URL it belongs to, so another row never shows this one's history.
  const [answer, setAnswer] = useState<{ url: string; history: LoadedHistory } | null>(null);
  useEffect(() => {
    let current = true;
    const settle = (history: LoadedHistory) => current && setAnswer({ url: item.url, history });
    load(item).then(settle, () =>
      settle({ ok: false, message: 'The history could not be loaded.' }),
    );
    return () => {
      current = false;
    };
  }, [item, load]);
  const loaded = answer?.url === item.url ? answer.history : null;

  if (loaded === null) {
    return (
      <p className="map-muted" data-testid="row-history-loading">
        Loading the history…
      </p>
    );
  }
  if (!loaded.ok) {
    return (
      <p className="map-muted" role="status">
        {loaded.message}
      </p>
    );
  }
  const title = item.type === 'objective' ? 'History, rolled up from its key results' : 'History';
  return (
    <div className="row-history" data-testid="row-history">
      <BurnUpChart title={title} points={loaded.points} quarter={quarter} today={today} />
    </div>
  );
}
