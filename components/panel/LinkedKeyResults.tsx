// For an issue: the key results it counts toward, each with the objectives above it.
import { PanelSection } from './PanelSection';
import type { OkrView } from '../../lib/view';
import { ItemTitle } from './ItemTitle';
import { ChainStepLine } from './ParentChain';

export function LinkedKeyResults({ items }: { items: OkrView['linkedKeyResults'] }) {
  return (
    <PanelSection
      testId="okr-linked-krs"
      title={
        <>
          Counts toward <span className="okr-count">{items.length}</span>
        </>
      }
    >
      {items.length === 0 ? (
        <p className="okr-muted">This issue isn’t linked to a key result.</p>
      ) : (
        <ul className="okr-rows">
          {items.map(({ keyResult, chain }) => (
            <li
              key={keyResult.url + keyResult.reference}
              className="okr-row"
              data-testid="okr-linked-kr"
            >
              <ChainStepLine step={keyResult} />
              {chain.length > 0 && (
                <ol className="okr-breadcrumb" aria-label="Objectives above this key result">
                  {chain.map((step) => (
                    <li key={step.url + step.reference}>
                      <ItemTitle title={step.title} url={step.url} />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}
