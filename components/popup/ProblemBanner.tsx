// A problem said plainly: what happened, what to do, and the button that does it.
import type { Problem } from '../../lib/messages';
import { PROBLEM_TITLE, SETUP_ACTION_LABEL, SETUP_PROBLEMS, safeHref } from '../panel/format';

export interface ProblemBannerProps {
  problem: Problem;
  /** Opens the options page, for problems fixed there (no token, a read-only token…). */
  onOpenOptions?: () => void;
  onRetry?: () => void;
  retryLabel?: string;
  /** `warning` for problems that leave something usable (an unclear create). */
  tone?: 'danger' | 'warning' | 'info';
  title?: string;
}

export function ProblemBanner({
  problem,
  onOpenOptions,
  onRetry,
  retryLabel = 'Try again',
  tone = 'danger',
  title,
}: ProblemBannerProps) {
  const setup = SETUP_PROBLEMS.has(problem.kind) && onOpenOptions;
  const action = problem.action ? safeHref(problem.action.url) : undefined;
  return (
    <div className="pop-notice" data-tone={tone} role="alert" data-problem={problem.kind}>
      <strong>{title ?? PROBLEM_TITLE[problem.kind]}</strong>
      <p>{problem.message}</p>
      {(setup || onRetry || action) && (
        <div className="pop-notice-actions">
          {setup && (
            <button type="button" className="ext-button ext-button--small" onClick={onOpenOptions}>
              {SETUP_ACTION_LABEL[problem.kind] ?? 'Open options'}
            </button>
          )}
          {action && problem.action && (
            <a href={action} target="_blank" rel="noreferrer">
              {problem.action.label}
            </a>
          )}
          {onRetry && (
            <button type="button" className="ext-button ext-button--small" onClick={onRetry}>
              {retryLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
