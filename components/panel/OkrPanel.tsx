// The in-page panel: a labelled region with a header and a collapsible body that shows the OKR
// view (or why there is none). Pure rendering: the content script owns the state and passes it.
import { useUniqueId } from './PanelSection';
import type { Problem } from '../../lib/messages';
import type { OkrView } from '../../lib/view';
import { ChildrenList } from './ChildrenList';
import { HealthAndStaleness } from './HealthAndStaleness';
import { LinkedKeyResults } from './LinkedKeyResults';
import { ParentChain } from './ParentChain';
import { CacheHint, PanelSkeleton } from './PanelStatus';
import { ProblemNotice } from './ProblemNotice';
import { CarrierProposalCard } from './CarrierProposalCard';
import { ScoreSummary } from './ScoreSummary';
import { WarningsList } from './WarningsList';
import { KIND_LABEL, healthLabel, percent } from './format';
import { ChevronIcon, LensIcon } from './icons';

/** What the panel shows; the content script builds it from the background's answers. */
export interface PanelState {
  view: OkrView | null;
  /** Where `view` came from: the cache is shown at once, then replaced by the network answer. */
  source: 'cache' | 'network' | null;
  /** A fresh load is under way. */
  refreshing: boolean;
  problem: Problem | null;
  /** Seconds until an automatic retry (rate limit), counted down by the content script. */
  retryInSeconds?: number | null;
  /** The answer to a carrier proposal is on its way. */
  answering?: boolean;
}

export interface OkrPanelProps {
  state: PanelState;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  optionsUrl: string;
  onAction?: (url: string) => boolean;
  /** Opens the quarter map with this item in view (the background opens the extension page). */
  onOpenMap?: () => void;
  /** The answer to a carrier proposal (`carrierProposal` problem): read the group so, or not now. */
  onProposalAnswer?: (answer: 'confirm' | 'dismiss') => void;
}

export function OkrPanel({
  state,
  collapsed,
  onToggleCollapsed,
  optionsUrl,
  onAction,
  onOpenMap,
  onProposalAnswer,
}: OkrPanelProps) {
  const headingId = useUniqueId();
  const bodyId = useUniqueId();
  const { view, problem } = state;
  return (
    <section
      className="okr-panel"
      aria-labelledby={headingId}
      aria-busy={state.refreshing && !view}
      data-testid="okr-panel"
      data-collapsed={collapsed}
    >
      <header className="okr-header">
        <h2 id={headingId} className="okr-heading">
          <LensIcon />
          <span>OKR Lens</span>
          {view && <span className="okr-kind">{KIND_LABEL[view.item.type]}</span>}
        </h2>
        {collapsed && view && <CollapsedSummary view={view} />}
        {onOpenMap && view && view.item.type !== 'issue' && !collapsed && (
          <button
            type="button"
            className="okr-map-link"
            onClick={onOpenMap}
            data-testid="okr-open-map"
          >
            Quarter map
          </button>
        )}
        <button
          type="button"
          className="okr-toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          onClick={onToggleCollapsed}
          data-testid="okr-collapse"
        >
          <ChevronIcon open={!collapsed} />
          <span className="okr-sr-only">
            {collapsed ? 'Show OKR Lens details' : 'Hide OKR Lens details'}
          </span>
        </button>
      </header>
      <div id={bodyId} className="okr-body" hidden={collapsed}>
        {view && state.source === 'cache' && (
          <CacheHint fetchedAt={view.fetchedAt} refreshing={state.refreshing} />
        )}
        {problem?.kind === 'carrierProposal' && onProposalAnswer ? (
          <CarrierProposalCard
            problem={problem}
            busy={state.answering}
            onConfirm={() => onProposalAnswer('confirm')}
            onDismiss={() => onProposalAnswer('dismiss')}
          />
        ) : (
          problem && (
            <ProblemNotice
              problem={problem}
              optionsUrl={optionsUrl}
              retryInSeconds={state.retryInSeconds}
              stale={view !== null}
              onAction={onAction}
            />
          )
        )}
        {view ? <ViewSections view={view} /> : !problem && <PanelSkeleton />}
      </div>
    </section>
  );
}

/** The order of the sections: for an issue, what it counts toward comes first. */
function ViewSections({ view }: { view: OkrView }) {
  const { item } = view;
  if (item.type === 'issue') {
    return (
      <>
        <LinkedKeyResults items={view.linkedKeyResults} />
        <ScoreSummary item={item} />
        <WarningsList warnings={view.warnings} />
      </>
    );
  }
  return (
    <>
      <ParentChain chain={view.chain} chainTruncated={view.chainTruncated} item={item} />
      <ScoreSummary item={item} />
      <HealthAndStaleness item={item} />
      {item.type === 'objective' && <ChildrenList items={view.children} />}
      {item.type === 'keyResult' && view.children.length > 0 && (
        <ChildrenList items={view.children} issues />
      )}
      {view.linkedKeyResults.length > 0 && <LinkedKeyResults items={view.linkedKeyResults} />}
      <WarningsList warnings={view.warnings} />
    </>
  );
}

function CollapsedSummary({ view }: { view: OkrView }) {
  const { score, health, stale } = view.item;
  const parts = [
    score.value === null || score.method === 'none' ? 'No data' : percent(score.value),
    healthLabel(health),
    ...(stale.stale ? ['Stale'] : []),
    ...(view.warnings.length
      ? [`${view.warnings.length} ${view.warnings.length === 1 ? 'check' : 'checks'}`]
      : []),
  ];
  return <span className="okr-collapsed-summary">{parts.join(' · ')}</span>;
}
