// The item's direct children with their scores, weights and health: what the score is made of.
import { PanelSection } from './PanelSection';
import type { ChildView } from '../../lib/view';
import { HealthPill } from './HealthPill';
import { ItemTitle } from './ItemTitle';
import { KIND_LABEL, percent } from './format';
import { TypeIcon } from './icons';

/** More than this and the rest fold away, so the panel stays short in a sidebar. */
const SHOWN_CHILDREN = 8;

/**
 * An objective's children, or a key result epic's child issues (which score it; `issues`).
 */
export function ChildrenList({ items, issues = false }: { items: ChildView[]; issues?: boolean }) {
  const shown = items.slice(0, SHOWN_CHILDREN);
  const folded = items.slice(SHOWN_CHILDREN);
  return (
    <PanelSection
      testId="okr-children"
      title={
        <>
          {issues ? 'Child issues' : 'Children'} <span className="okr-count">{items.length}</span>
        </>
      }
    >
      {items.length === 0 ? (
        <p className="okr-muted">
          {issues ? 'No child issues.' : 'No child objectives or key results.'}
        </p>
      ) : (
        <>
          <ChildRows items={shown} weights={!issues} />
          {folded.length > 0 && (
            <details className="okr-details">
              <summary>Show {folded.length} more</summary>
              <ChildRows items={folded} weights={!issues} />
            </details>
          )}
        </>
      )}
    </PanelSection>
  );
}

/** `weights`: the okr weight each child counts with (issues all count alike: none shown). */
function ChildRows({ items, weights }: { items: ChildView[]; weights: boolean }) {
  return (
    <ul className="okr-rows">
      {items.map((child) => (
        <li key={child.url + child.reference} className="okr-row" data-testid="okr-child">
          <span className="okr-step-head">
            <TypeIcon kind={child.type} />
            <span className="okr-sr-only">{KIND_LABEL[child.type]}: </span>
            <ItemTitle title={child.title} url={child.url} />
          </span>
          <span className="okr-step-meta">
            <span className="okr-step-score">
              {child.score === null ? 'no data' : percent(child.score)}
            </span>
            {weights && <span className="okr-weight">{weightLabel(child.weight)}</span>}
            <HealthPill health={child.health} stale={child.stale} />
            {child.state === 'closed' && <span className="okr-pill okr-pill--closed">Closed</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function weightLabel(weight: number): string {
  if (weight === 0) return 'weight 0 · not counted';
  return `weight ${weight}`;
}
