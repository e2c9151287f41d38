// For an issue: the key results it counts toward, each with the objectives above it.
import { useId } from 'react';
import type { OkrView } from '../../lib/view';
import { ItemTitle } from './ItemTitle';
import { ChainStepLine } from './ParentChain';

export function LinkedKeyResults({ items }: { items: OkrView['linkedKeyResults'] }) {
  const headingId = useId();
  return (
    <section className="okr-section" aria-labelledby={headingId} data-testid="okr-linked-krs">
      <h3 id={headingId} className="okr-section-title">
        Counts toward <span className="okr-count">{items.length}</span>
      </h3>
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
    </section>
  );
}
