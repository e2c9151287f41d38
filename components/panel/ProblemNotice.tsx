// Why the panel has nothing (or nothing fresh) to show, in words, with the action that fixes it.
import type { MouseEvent } from 'react';
import type { Problem } from '../../lib/messages';
import {
  PROBLEM_FALLBACK,
  PROBLEM_TITLE,
  SETUP_ACTION_LABEL,
  SETUP_PROBLEMS,
  safeHref,
} from './format';

export interface ProblemNoticeProps {
  problem: Problem;
  /** Where the options page is: the action of problems the options fix. */
  optionsUrl: string;
  /** Seconds until the automatic retry, for a rate limit. */
  retryInSeconds?: number | null;
  /** True when cached data is still shown above: the notice then says the refresh failed. */
  stale?: boolean;
  /**
   * Called on the action link before the browser follows it; return true when it was handled
   * (a web page cannot open an extension page by a plain link).
   */
  onAction?: (url: string) => boolean;
}

export function ProblemNotice({
  problem,
  optionsUrl,
  retryInSeconds,
  stale,
  onAction,
}: ProblemNoticeProps) {
  const action = actionOf(problem, optionsUrl);
  const href = action ? hrefOf(action.url, optionsUrl) : undefined;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (href && onAction?.(href)) event.preventDefault();
  };
  const severity = SETUP_PROBLEMS.has(problem.kind) ? 'info' : 'warning';
  return (
    <div
      className={`okr-problem okr-problem--${severity}`}
      role={stale ? 'status' : 'alert'}
      data-testid="okr-problem"
      data-problem-kind={problem.kind}
    >
      <p className="okr-problem-title">
        {stale
          ? `Couldn’t refresh: ${lowerFirst(PROBLEM_TITLE[problem.kind])}`
          : PROBLEM_TITLE[problem.kind]}
      </p>
      <p className="okr-problem-message">
        <bdi>{problem.message || PROBLEM_FALLBACK[problem.kind]}</bdi>
      </p>
      {problem.kind === 'rateLimited' && (
        <p className="okr-problem-retry" data-testid="okr-retry">
          {retryText(retryInSeconds ?? secondsOf(problem.retryAfterMs))}
        </p>
      )}
      {action && href && (
        <p>
          <a
            className="okr-button okr-button--link"
            href={href}
            target="_blank"
            rel="noreferrer"
            onClick={onClick}
          >
            {action.label}
          </a>
        </p>
      )}
    </div>
  );
}

function actionOf(problem: Problem, optionsUrl: string): { label: string; url: string } | null {
  if (problem.action) return problem.action;
  if (!SETUP_PROBLEMS.has(problem.kind)) return null;
  return { label: SETUP_ACTION_LABEL[problem.kind] ?? 'Open OKR Lens options', url: optionsUrl };
}

/** The options page is the one non-web address allowed; everything else must be a web page. */
function hrefOf(url: string, optionsUrl: string): string | undefined {
  if (optionsUrl && url.startsWith(optionsUrl)) return url;
  return safeHref(url);
}

function secondsOf(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.max(0, Math.ceil(ms / 1000));
}

function retryText(seconds: number | null): string {
  if (seconds === null) return 'Retrying shortly…';
  if (seconds <= 0) return 'Retrying now…';
  return `Retrying in ${seconds} s…`;
}

/** Mid-sentence, "You’re offline" reads "you’re offline"; names like GitLab keep their capital. */
function lowerFirst(text: string): string {
  if (/^(GitLab|OKR)\b/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
