// The objectives above the item, from the top objective down to the direct parent, then the item.
import { PanelSection } from './PanelSection';
import type { ChainStep, ItemView } from '../../lib/view';
import { HealthPill } from './HealthPill';
import { ItemTitle } from './ItemTitle';
import { KIND_LABEL, percent } from './format';
import { TypeIcon } from './icons';

export const TRUNCATED_CHAIN_NOTE = 'The chain starts here: you can’t see the objectives above it.';

interface ParentChainProps {
  chain: ChainStep[];
  chainTruncated: boolean;
  item: Pick<ItemView, 'type' | 'title'>;
}

export function ParentChain({ chain, chainTruncated, item }: ParentChainProps) {
  return (
    <PanelSection testId="okr-chain" title="Parent chain">
      {chainTruncated && (
        <p className="okr-note okr-note--truncated" data-testid="okr-chain-truncated">
          {TRUNCATED_CHAIN_NOTE}
        </p>
      )}
      {chain.length === 0 && !chainTruncated && (
        <p className="okr-muted okr-chain-none">
          {item.type === 'objective'
            ? 'A top-level objective: it has no parent.'
            : 'No parent objective.'}
        </p>
      )}
      <ol className="okr-chain">
        {chain.map((step) => (
          <li
            key={step.url + step.reference}
            className="okr-chain-step"
            data-testid="okr-chain-step"
          >
            <ChainStepLine step={step} />
          </li>
        ))}
        <li className="okr-chain-step okr-chain-step--self" aria-current="true">
          <span className="okr-step-head">
            <TypeIcon kind={item.type} />
            <span className="okr-sr-only">{KIND_LABEL[item.type]}: </span>
            <ItemTitle title={item.title} />
          </span>
          <span className="okr-step-meta okr-muted">
            this {KIND_LABEL[item.type].toLowerCase()}
          </span>
        </li>
      </ol>
    </PanelSection>
  );
}

export function ChainStepLine({ step }: { step: ChainStep }) {
  return (
    <>
      <span className="okr-step-head">
        <TypeIcon kind={step.type} />
        <span className="okr-sr-only">{KIND_LABEL[step.type]}: </span>
        <ItemTitle title={step.title} url={step.url} />
      </span>
      <span className="okr-step-meta">
        {/* Ancestors' subtrees are not loaded, so their number is GitLab's stored progress. */}
        <span className="okr-step-score" title="Progress as GitLab stores it">
          {step.score === null ? 'no progress in GitLab' : `GitLab ${percent(step.score)}`}
        </span>
        <HealthPill health={step.health} stale={step.stale} />
        {step.state === 'closed' && <span className="okr-pill okr-pill--closed">Closed</span>}
      </span>
    </>
  );
}
