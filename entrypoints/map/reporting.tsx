// The Key Review report buttons and the row history on the map page: the report covers what the
// page lists (its view and filters), a row's history is the one the map was built with once its
// notes are read, and is read when its details are opened before that.
import { useCallback, useMemo, type ReactNode } from 'react';
import { ReportActions } from '../../components/map/ReportActions';
import { RowHistory } from '../../components/map/RowHistory';
import { indexOf, isNarrowed, matchingItems } from '../../components/map/rows';
import type { MapPageState } from '../../lib/map-state';
import { localDateOf } from '../../lib/okr/calendar';
import type { HistoryPoint } from '../../lib/okr/quarter/history';
import type { MapItem, QuarterMap } from '../../lib/okr/quarter/map-model';
import { mapForView, viewWords } from '../../lib/okr/quarter/map-view';
import type { MapBackend } from './backend';
import { copyText, downloadText, loadRowHistory, makeReport } from './report';

/** The view and filters in the report's header words. */
function viewOf(state: MapPageState): string | null {
  const view =
    state.view === 'mine'
      ? viewWords('mine', [])
      : state.view === 'team' && state.people.length > 0
        ? viewWords('team', state.people)
        : state.view === 'team'
          ? 'my team'
          : null;
  const filtered = isNarrowed({ ...state, view: 'all' }) ? 'as filtered on the map' : null;
  return [view, filtered].filter(Boolean).join(', ') || null;
}

export function useMapReporting(
  backend: MapBackend,
  baseUrl: string | null,
  map: QuarterMap | null,
  state: MapPageState,
  me: string | null,
  now: Date,
  /** The rows' histories the map was built with (by item URL), once their notes are read. */
  histories?: Record<string, HistoryPoint[]>,
): { actions: ReactNode; history: (item: MapItem) => ReactNode } {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = localDateOf(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
  const listed = useMemo(() => {
    if (!map || !isNarrowed(state)) return map;
    return mapForView(map, matchingItems(map.items, indexOf(map.items), state, me));
  }, [map, state, me]);

  const make = useCallback(
    async (kind: Parameters<typeof makeReport>[2], since: string | null) => {
      if (!listed || !baseUrl) return { ok: false as const, message: 'Open a map first.' };
      return makeReport(
        backend,
        { baseUrl, map: listed, today, timeZone, view: viewOf(state) },
        kind,
        since,
      );
    },
    [backend, baseUrl, listed, today, timeZone, state],
  );
  const load = useCallback(
    (item: MapItem) => {
      const known = histories?.[item.url];
      if (known) return Promise.resolve({ ok: true as const, points: known });
      return map && baseUrl
        ? loadRowHistory(backend, baseUrl, map, item)
        : Promise.resolve({ ok: false as const, message: 'Open a map first.' });
    },
    [backend, baseUrl, map, histories],
  );

  return {
    actions: (
      <ReportActions make={make} copy={copyText} download={downloadText} disabled={!listed} />
    ),
    history: (item: MapItem) =>
      map ? <RowHistory item={item} quarter={map.quarter} today={today} load={load} /> : null,
  };
}
