// The popup: on an objective's page, the objective with its chain and score and a form for new
// key results; on a key result's page, the key result and its check-in, and a way to its
// objective; anywhere else, a way to get to an objective. The stale-OKR list sits below. What it
// shows reloads whenever the background says the instance's views changed (a check-in, a create).
import { useCallback, useEffect, useState } from 'react';
import { CreateSection } from '../../components/popup/CreateSection';
import { KeyResultCheckIn, NewKeyResultsOffer } from '../../components/popup/KeyResultPage';
import { ObjectiveHeader } from '../../components/popup/ObjectiveHeader';
import { ObjectivePicker } from '../../components/popup/ObjectivePicker';
import { ProblemBanner } from '../../components/popup/ProblemBanner';
import type {
  CreateContext,
  InstanceView,
  ObjectivePick,
  Problem,
  ViewResult,
  WorkItemRef,
} from '../../lib/messages';
import type { OkrView } from '../../lib/view';
import type { CheckInValues } from '../../components/stale/QuickCheckIn';
import type { PopupBackend } from './backend';
import { StaleSection } from './stale/StaleSection';
import { targetOf, targetUrl, type Target } from './target';
import { useQuickCreate } from './useQuickCreate';
import { EMPTY_MAP_STATE, mapStateHash } from '../../lib/map-state';

export function App({ backend }: { backend: PopupBackend }) {
  const [instances, setInstances] = useState<InstanceView[] | null>(null);
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const [pasteError, setPasteError] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([backend.instances(), targetUrl()]).then(([list, address]) => {
      setInstances(list);
      setUrl(address);
    });
  }, [backend]);

  const target: Target | null = instances && url !== undefined ? targetOf(url, instances) : null;

  const pick = useCallback(
    (address: string) => {
      if (!instances) return;
      const next = targetOf(address, instances);
      if (next.kind === 'item') {
        setPasteError(null);
        setUrl(address);
      } else {
        setPasteError('That address names no work item on a GitLab set up in OKR Lens.');
      }
    },
    [instances],
  );

  return (
    <div className="pop-app">
      <header className="pop-topbar">
        <h1 className="pop-brand">
          <LensMark /> OKR Lens
        </h1>
        <button
          type="button"
          className="pop-link-button"
          onClick={() => backend.openMap(target?.kind === 'item' ? mapHashFor(target) : '')}
        >
          Quarter map
        </button>
        <button type="button" className="pop-link-button" onClick={backend.openOptions}>
          Options
        </button>
      </header>
      <main>
        {target === null && (
          <section className="pop-section" aria-busy="true">
            <div className="pop-skeleton" style={{ width: '70%' }} />
          </section>
        )}
        {target?.kind === 'elsewhere' && (
          <Elsewhere
            backend={backend}
            reason={target.reason}
            pasteError={pasteError}
            onPick={pick}
          />
        )}
        {target?.kind === 'item' && (
          <ObjectiveWorkspace
            key={target.url}
            backend={backend}
            target={target}
            onPick={pick}
            onBack={() => setUrl(null)}
          />
        )}
        {/* Slot for the stale-OKR list (written with the stale-health badge). */}
        <StaleSection />
      </main>
    </div>
  );
}

function Elsewhere({
  backend,
  reason,
  pasteError,
  onPick,
}: {
  backend: PopupBackend;
  reason: string;
  pasteError: string | null;
  onPick: (url: string) => void;
}) {
  const [picks, setPicks] = useState<ObjectivePick[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void backend.objectives().then((result) => {
      if (result.ok) setPicks(result.objectives);
      else setProblem(result.problem);
    });
  }, [backend]);
  return (
    <ObjectivePicker
      reason={reason}
      picks={picks}
      problem={problem}
      pasteError={pasteError}
      onPick={onPick}
      onOpenOptions={backend.openOptions}
    />
  );
}

function ObjectiveWorkspace({
  backend,
  target,
  onPick,
  onBack,
}: {
  backend: PopupBackend;
  target: Extract<Target, { kind: 'item' }>;
  onPick: (url: string) => void;
  onBack: () => void;
}) {
  const { ref, baseUrl } = target;
  const [view, setView] = useState<OkrView | null>(null);
  const [viewLoading, setViewLoading] = useState(true);
  const [viewProblem, setViewProblem] = useState<Problem | null>(null);
  const [context, setContext] = useState<CreateContext | null>(null);
  const [contextProblem, setContextProblem] = useState<Problem | null>(null);

  const showView = useCallback((fresh: ViewResult) => {
    if (fresh.ok) {
      setView(fresh.view);
      setViewProblem(null);
    } else setViewProblem(fresh.problem);
    setViewLoading(false);
  }, []);
  const loadView = useCallback(
    () => backend.loadView(ref).then(showView),
    [backend, ref, showView],
  );

  useEffect(() => {
    void backend.peekView(ref).then((cached) => {
      if (cached?.ok) setView((current) => current ?? cached.view);
    });
    void backend.loadView(ref).then(showView);
    void backend.context(ref).then((result) => {
      if (result.ok) setContext(result.context);
      else setContextProblem(result.problem);
    });
  }, [backend, ref, showView]);
  // A check-in or a created key result, from here or elsewhere: the score and children change.
  useEffect(
    () => backend.onViewsChanged(ref.origin, () => void loadView()),
    [backend, ref, loadView],
  );

  const checkIn = useCallback(
    async (values: CheckInValues): Promise<Problem | null> => {
      if (!view) return null;
      const answer = await backend.checkIn({
        baseUrl,
        id: view.item.id,
        health: values.health,
        ...(values.currentValue === undefined ? {} : { currentValue: values.currentValue }),
        ...(values.scale ? { scale: values.scale } : {}),
        ...(values.currentField ? { currentField: values.currentField } : {}),
        ...(values.comment ? { comment: values.comment } : {}),
      });
      if (!answer.ok) return answer.problem;
      void loadView();
      return null;
    },
    [backend, baseUrl, view, loadView],
  );

  const kind = view?.item.type ?? context?.parent.kind ?? null;
  const parentObjective = view?.chain.at(-1);
  return (
    <>
      <ObjectiveHeader view={view} loading={viewLoading} />
      {viewProblem && !view && (
        <section className="pop-section">
          <ProblemBanner
            problem={viewProblem}
            onOpenOptions={backend.openOptions}
            onRetry={() => void loadView()}
          />
        </section>
      )}
      {kind === 'keyResult' && view && (
        <>
          <KeyResultCheckIn item={view.item} onCheckIn={checkIn} />
          <NewKeyResultsOffer
            parent={parentObjective}
            onOpenObjective={onPick}
            onPickObjective={onBack}
          />
        </>
      )}
      {kind === 'issue' && (
        <section className="pop-section">
          <div className="pop-notice" data-tone="info" role="status">
            <strong>This is not an objective</strong>
            <p>Key results go under an objective.</p>
            <div className="pop-notice-actions">
              <button type="button" className="ext-button ext-button--small" onClick={onBack}>
                Pick an objective
              </button>
            </div>
          </div>
        </section>
      )}
      {/* Only once the page is known to be an objective: on a key result's page the create
          context is refused as expected, and that must not flash as an error. */}
      {kind === 'objective' && contextProblem && (
        <section className="pop-section" data-testid="create-unavailable">
          <ProblemBanner problem={contextProblem} onOpenOptions={backend.openOptions} />
        </section>
      )}
      {kind === 'objective' && context && (
        <CreateForm
          backend={backend}
          refOf={ref}
          context={context}
          onCreated={() => void loadView()}
        />
      )}
    </>
  );
}

function CreateForm({
  backend,
  refOf,
  context,
  onCreated,
}: {
  backend: PopupBackend;
  refOf: WorkItemRef;
  context: CreateContext;
  onCreated: () => void;
}) {
  const form = useQuickCreate(backend, refOf, context, onCreated);
  if (!form.loaded) return null;
  return (
    <CreateSection
      context={context}
      drafts={form.drafts}
      errors={form.errors}
      showErrors={form.showErrors}
      draftWarnings={form.draftWarnings}
      parentWarnings={form.parentWarnings}
      outcomes={form.outcomes}
      previews={form.previews}
      created={form.created}
      submitting={form.submitting}
      batchProblem={form.batchProblem}
      project={form.project}
      projectError={form.projectError}
      onPickProject={form.pickProject}
      onChange={form.change}
      onAdd={form.add}
      onRemove={form.remove}
      onCreate={form.create}
      onRetry={form.retry}
      onOpenOptions={backend.openOptions}
    />
  );
}

/** The map of the item's project (or group) with the item in view; the current quarter. */
function mapHashFor(target: Extract<Target, { kind: 'item' }>): string {
  return mapStateHash({
    ...EMPTY_MAP_STATE,
    instance: target.baseUrl,
    scope: [target.ref.fullPath],
    focus: `${target.ref.fullPath}#${target.ref.iid}`,
  });
}

function LensMark() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="7" cy="7" r="5" fill="none" stroke="#fc6d26" strokeWidth="2" />
      <path d="M11 11l3.5 3.5" stroke="#e24329" strokeWidth="2" strokeLinecap="round" />
      <circle cx="7" cy="7" r="1.8" fill="#fca326" />
    </svg>
  );
}
