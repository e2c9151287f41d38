// The popup on a key result's page: the key result's own check-in first (health, value and a
// comment, always open, stale or not), then where new key results go: under its objective.
import { useState } from 'react';
import type { Problem } from '../../lib/messages';
import type { ChainStep, ItemView } from '../../lib/view';
import { QuickCheckIn, type CheckInSubject, type CheckInValues } from '../stale/QuickCheckIn';

/**
 * The key result as the check-in form edits it. One that keeps its values in custom fields (an
 * issue under an objective epic, a custom "Key result" item) is checked in through its Current
 * field: its start, current and target stand where GitLab's progress values would.
 */
export function checkInSubjectOf(item: ItemView): CheckInSubject {
  const custom = item.customValues;
  const currentField = custom?.fields.current;
  return {
    title: item.title,
    kind: 'keyResult',
    health: item.health,
    progress:
      custom && currentField
        ? {
            progress: null,
            startValue: custom.start,
            currentValue: custom.current,
            endValue: custom.target,
          }
        : item.progress,
    topLevel: false,
    ...(currentField ? { currentField } : {}),
  };
}

export interface KeyResultCheckInProps {
  item: ItemView;
  /** Resolves with null when GitLab saved it, or the problem to show. */
  onCheckIn(values: CheckInValues): Promise<Problem | null>;
}

export function KeyResultCheckIn({ item, onCheckIn }: KeyResultCheckInProps) {
  const [saves, setSaves] = useState(0);
  if (item.state === 'closed') {
    return (
      <section className="pop-section" aria-labelledby="pop-checkin-heading">
        <h2 id="pop-checkin-heading" className="pop-section-title">
          Check-in
        </h2>
        <p className="pop-muted">Closed: no check-in needed.</p>
      </section>
    );
  }
  async function submit(values: CheckInValues): Promise<Problem | null> {
    const problem = await onCheckIn(values);
    if (!problem) setSaves((count) => count + 1);
    return problem;
  }
  // A fresh form after each save and whenever GitLab's values change (the comment is cleared).
  const subject = checkInSubjectOf(item);
  const formKey = [
    saves,
    item.health,
    subject.progress?.currentValue,
    item.progress?.progress,
  ].join();
  return (
    <section
      className="okr-stale pop-checkin"
      aria-labelledby="pop-checkin-heading"
      data-testid="key-result-check-in"
    >
      <h2 id="pop-checkin-heading">Check-in</h2>
      <p className="okr-stale__reason" data-stale={item.stale.stale}>
        {item.stale.reason}
      </p>
      {saves > 0 && (
        <p className="okr-stale__done" role="status">
          Check-in saved. GitLab holds the new health and value.
        </p>
      )}
      <QuickCheckIn key={formKey} item={subject} onSubmit={submit} />
    </section>
  );
}

export interface NewKeyResultsOfferProps {
  /** The key result's direct parent, when the user may see it. */
  parent: ChainStep | undefined;
  /** Opens the objective in the popup, with its form for new key results. */
  onOpenObjective(url: string): void;
  onPickObjective(): void;
}

/** GitLab allows key results only under objectives: offer the key result's own objective. */
export function NewKeyResultsOffer({
  parent,
  onOpenObjective,
  onPickObjective,
}: NewKeyResultsOfferProps) {
  const objective = parent?.type === 'objective' ? parent : undefined;
  return (
    <section
      className="pop-section pop-offer"
      aria-labelledby="pop-offer-heading"
      data-testid="new-key-results"
    >
      <h2 id="pop-offer-heading" className="pop-section-title">
        New key results
      </h2>
      {objective ? (
        <>
          <p className="pop-muted">They go under this key result’s objective.</p>
          <button
            type="button"
            className="ext-button ext-button--small"
            onClick={() => onOpenObjective(objective.url)}
          >
            Add key results to “{objective.title}”
          </button>
        </>
      ) : (
        <>
          <p className="pop-muted">Key results go under an objective.</p>
          <button type="button" className="ext-button ext-button--small" onClick={onPickObjective}>
            Pick an objective
          </button>
        </>
      )}
    </section>
  );
}
