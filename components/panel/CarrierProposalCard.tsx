// The panel's question on an item of a group nobody set up, where detection found OKRs kept
// another way (epics and labels, a custom type): what was found, how it would be read, and
// Confirm / Not now. Pure rendering: the content script sends the answer to the background.
import type { Problem } from '../../lib/messages';

export interface CarrierProposalCardProps {
  problem: Problem;
  /** An answer is on its way: the buttons wait. */
  busy?: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
}

export function CarrierProposalCard({
  problem,
  busy = false,
  onConfirm,
  onDismiss,
}: CarrierProposalCardProps) {
  const proposal = problem.proposal;
  return (
    <div
      className="okr-problem okr-proposal"
      role="region"
      aria-label="OKRs found"
      data-testid="okr-carrier-proposal"
    >
      <p className="okr-problem-title">OKRs found in {proposal?.group ?? 'this group'}</p>
      <p className="okr-problem-message">
        <bdi>{problem.message}</bdi>
      </p>
      {proposal && proposal.details.length > 0 && (
        <ul className="okr-proposal-details">
          {proposal.details.map((line) => (
            <li key={line}>
              <bdi>{line}</bdi>
            </li>
          ))}
        </ul>
      )}
      <p className="okr-proposal-actions">
        <button
          type="button"
          className="okr-button okr-button--confirm"
          disabled={busy}
          onClick={onConfirm}
          data-testid="okr-carrier-confirm"
        >
          Confirm
        </button>
        <button
          type="button"
          className="okr-button"
          disabled={busy}
          onClick={onDismiss}
          data-testid="okr-carrier-dismiss"
        >
          Not now
        </button>
      </p>
      <p className="okr-proposal-hint">You can change this later in the OKR Lens options.</p>
    </div>
  );
}
