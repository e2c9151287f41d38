// The quarter map page: its state lives in the URL's hash (bookmarkable), the map comes from the
// background: the cached one at once, then a fresh one (and again every few minutes while the
// page is open), with how old the shown one is; then the background reads the items' notes step
// by step (the page says how far) and the rows take the verdicts and sparklines built with them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MapPage } from '../../components/map/MapPage';
import { ancestorsOf, indexOf, names } from '../../components/map/rows';
import { mapStateHash, parseMapState, type MapPageState } from '../../lib/map-state';
import type { InstanceView, Problem } from '../../lib/messages';
import type {
  HistoryProgress,
  LoadedQuarterMap,
  MapRequest,
  QuarterOption,
} from '../../lib/services/quarter-map';
import type { HistoryStatus } from '../../components/map/HistoryStatus';
import type { MapItemDetails } from '../../lib/services/quarter-map-builder';
import type { MapBackend } from './backend';
import { readHistorySteps } from './history-steps';
import { useMapReporting } from './reporting';
import { createClock } from '../../lib/background/clock';

/** The background's clock (a test build's follows the sandbox), so ages read the same in both. */
const clock = createClock();

const NO_DETAILS: Record<string, MapItemDetails | Problem> = {};

/** A map older than this is loaded again while the page stays open. */
const REFRESH_EVERY_MS = 10 * 60_000;

function useHashState(): [MapPageState, (change: Partial<MapPageState>) => void] {
  const [state, setState] = useState(() => parseMapState(location.hash));
  useEffect(() => {
    const onHash = () => setState(parseMapState(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const change = useCallback((partial: Partial<MapPageState>) => {
    setState((current) => {
      const next = { ...current, ...partial };
      const hash = mapStateHash(next);
      if (hash !== location.hash) history.replaceState(null, '', hash || location.pathname);
      return next;
    });
  }, []);
  return [state, change];
}

export function App({ backend }: { backend: MapBackend }) {
  const [state, change] = useHashState();
  const [instances, setInstances] = useState<InstanceView[] | null>(null);
  const [quartersOf, setQuartersOf] = useState<{
    id: string;
    list: QuarterOption[];
    problem: Problem | null;
  } | null>(null);
  const [shown, setShown] = useState<{
    id: string;
    data: LoadedQuarterMap;
    storedAt: string;
  } | null>(null);
  const [settled, setSettled] = useState<{
    id: string;
    reloads: number;
    problem: Problem | null;
  } | null>(null);
  const [historyOf, setHistoryOf] = useState<{
    id: string;
    reloads: number;
    status: HistoryStatus;
  } | null>(null);
  const [now, setNow] = useState(() => clock());
  const [reloadsOf, setReloadsOf] = useState<{ id: string | null; count: number }>({
    id: null,
    count: 0,
  });

  // Which instance and scope: the URL's, else the last map's, else the first instance's.
  useEffect(() => {
    void Promise.all([backend.instances(), backend.lastScope()]).then(([list, last]) => {
      setInstances(list);
      const usable = list.filter((instance) => instance.hasToken);
      const instance =
        state.instance ??
        (last && list.some((i) => i.baseUrl === last.baseUrl) ? last.baseUrl : null) ??
        usable[0]?.baseUrl ??
        list[0]?.baseUrl ??
        null;
      const scope =
        state.scope.length > 0 ? state.scope : last?.baseUrl === instance ? last.scope : [];
      if (instance !== state.instance || scope !== state.scope) change({ instance, scope });
    });
    // Once, on opening: later changes come from the page itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend]);

  const scopeKey = state.scope.join(',');
  const scopeId = state.instance && scopeKey ? `${state.instance}|${scopeKey}` : null;
  const mapId = scopeId && state.quarter ? `${scopeId}|${state.quarter}` : null;
  // Refreshes of this map (another map starts again from its cache).
  const reloads = reloadsOf.id === mapId ? reloadsOf.count : 0;
  const reload = useCallback(
    () =>
      setReloadsOf((current) => ({
        id: mapId,
        count: (current.id === mapId ? current.count : 0) + 1,
      })),
    [mapId],
  );

  // The quarters of the scope; the current one when the URL names none.
  useEffect(() => {
    if (!state.instance || !scopeId) return;
    let live = true;
    void backend
      .quarters({ baseUrl: state.instance, scope: scopeKey.split(',') })
      .then((result) => {
        if (!live) return;
        if (!result.ok) {
          setQuartersOf({ id: scopeId, list: [], problem: result.problem });
          return;
        }
        setQuartersOf({
          id: scopeId,
          list: result.quarters,
          problem: result.current
            ? null
            : {
                kind: 'okrsUnavailable',
                message:
                  'No quarters found in this scope: name a group or project that keeps its quarters as milestones or quarter labels.',
              },
        });
        if (!state.quarter && result.current) change({ quarter: result.current });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, scopeId]);

  // The map: from the cache at once, then from GitLab. A refresh of the same map keeps it on
  // screen until the fresh one is in; another map starts empty.
  useEffect(() => {
    if (!state.instance || !state.quarter || !mapId) return;
    const request = { baseUrl: state.instance, scope: scopeKey.split(','), quarter: state.quarter };
    let live = true;
    if (reloads === 0) {
      void backend.peek(request).then((cached) => {
        if (!live || !cached?.ok) return;
        setShown((current) =>
          current?.id === mapId
            ? current
            : { id: mapId, data: cached.data, storedAt: cached.storedAt },
        );
      });
    }
    const showHistory = (status: HistoryStatus) => setHistoryOf({ id: mapId, reloads, status });
    // The notes, a step at a time, once the rows are on screen: the rows stay as they are until
    // the map built with every item's notes replaces them in place.
    const readHistory = (start: HistoryProgress, of: MapRequest) =>
      readHistorySteps({
        start,
        step: () => backend.history(of),
        live: () => live,
        show: showHistory,
        built: (data, storedAt) => setShown({ id: mapId, data, storedAt }),
      });
    void backend.load(request).then((fresh) => {
      if (!live) return;
      setSettled({ id: mapId, reloads, problem: fresh.ok ? null : fresh.problem });
      if (!fresh.ok) return;
      setShown({ id: mapId, data: fresh.data, storedAt: fresh.storedAt });
      void readHistory(fresh.data.history, request);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, mapId, reloads]);

  const quarters = quartersOf?.id === scopeId ? quartersOf.list : null;
  const historyStatus =
    historyOf?.id === mapId && historyOf.reloads === reloads ? historyOf.status : null;
  const data = shown?.id === mapId ? shown.data : null;
  const storedAt = shown?.id === mapId ? shown.storedAt : null;
  const loading = mapId !== null && !(settled?.id === mapId && settled.reloads === reloads);
  const problem =
    (settled?.id === mapId && settled.reloads === reloads ? settled.problem : null) ??
    (quartersOf?.id === scopeId ? quartersOf.problem : null);

  // "Updated N minutes ago" moves on; a map older than REFRESH_EVERY_MS is loaded again.
  const age = useRef({ storedAt, loading, reload });
  useEffect(() => {
    age.current = { storedAt, loading, reload };
  }, [storedAt, loading, reload]);
  useEffect(() => {
    void clock.ready.then(() => setNow(clock()));
    const timer = setInterval(() => {
      const moment = clock();
      setNow(moment);
      const { storedAt: at, loading: busy, reload: again } = age.current;
      if (at && !busy && moment.getTime() - Date.parse(at) > REFRESH_EVERY_MS) again();
    }, 30_000);
    return () => clearInterval(timer);
  }, []);

  // A row's words, asked for when its explanation first opens; kept per map.
  const [detailsOf, setDetailsOf] = useState<{
    id: string | null;
    byUrl: Record<string, MapItemDetails | Problem>;
  }>({ id: null, byUrl: {} });
  const details = detailsOf.id === mapId ? detailsOf.byUrl : NO_DETAILS;
  const needDetails = useCallback(
    (url: string) => {
      if (!state.instance || !state.quarter || !mapId || details[url]) return;
      const request = {
        baseUrl: state.instance,
        scope: scopeKey.split(','),
        quarter: state.quarter,
      };
      void backend.details(request, url).then((answer) =>
        setDetailsOf((current) => ({
          id: mapId,
          byUrl: {
            ...(current.id === mapId ? current.byUrl : {}),
            [url]: answer.ok ? answer.details : answer.problem,
          },
        })),
      );
    },
    [backend, details, mapId, scopeKey, state.instance, state.quarter],
  );

  // A map built again (with the notes read) says other things: the words of the rows already
  // explained are asked for again, so an open explanation shows the new verdicts.
  const explainedFor = useRef<LoadedQuarterMap | null>(null);
  useEffect(() => {
    const before = explainedFor.current;
    explainedFor.current = data;
    if (!data || !before || before === data || !state.instance || !state.quarter || !mapId) return;
    const held = Object.keys(detailsOf.id === mapId ? detailsOf.byUrl : {});
    const request = { baseUrl: state.instance, scope: scopeKey.split(','), quarter: state.quarter };
    for (const url of held) {
      void backend.details(request, url).then((answer) =>
        setDetailsOf((current) =>
          current.id === mapId
            ? {
                id: mapId,
                byUrl: { ...current.byUrl, [url]: answer.ok ? answer.details : answer.problem },
              }
            : current,
        ),
      );
    }
    // Only a new map asks again; the held words are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  // The item the panel named: its ancestors open, once per map and item (a map built again
  // with the notes never reopens rows the user closed since).
  const focusedFor = useRef<{ data: LoadedQuarterMap | null; done: string | null }>({
    data: null,
    done: null,
  });
  useEffect(() => {
    const focusKey = `${mapId}|${state.focus}`;
    const seen = focusedFor.current;
    if (!data || !state.focus || seen.data === data || seen.done === focusKey) return;
    seen.data = data;
    const item = data.map.items.find((candidate) => names(candidate, state.focus ?? ''));
    if (!item) return;
    seen.done = focusKey;
    const above = ancestorsOf(indexOf(data.map.items), item).map((parent) => parent.reference);
    const open = [...new Set([...state.open, ...above])];
    if (open.length !== state.open.length) change({ open });
  }, [data, mapId, state.focus, state.open, change]);

  const me =
    instances?.find((instance) => instance.baseUrl === state.instance)?.check?.username ?? null;
  const reporting = useMapReporting(
    backend,
    state.instance,
    data?.map ?? null,
    state,
    me,
    now,
    data?.histories,
  );
  return (
    <MapPage
      state={state}
      onChange={change}
      instances={(instances ?? []).map((instance) => instance.baseUrl)}
      quarters={quarters}
      data={data}
      details={details}
      onNeedDetails={needDetails}
      storedAt={storedAt}
      loading={loading}
      problem={problem}
      me={me}
      now={now}
      onRefresh={reload}
      onOpenOptions={backend.openOptions}
      actions={reporting.actions}
      history={reporting.history}
      historyStatus={historyStatus}
    />
  );
}
