// Which instance a new watch goes to, and why a watch cannot be checked: what the options page
// knows at once (an instance without a token, or not set up) before what the last run found.
import type { Problem, StaleReport } from '../../lib/messages';
import type { WatchedNamespace } from '../../lib/settings';
import { noInstanceForWatchProblem, noTokenForWatchProblem } from '../../lib/services/stale-words';

export interface WatchInstance {
  baseUrl: string;
  hasToken: boolean;
  /** GitLab accepted the token at its last check. */
  tokenWorks: boolean;
  /** When the user last used it (opened an OKR there, or checked its token); ISO. */
  lastUsedAt: string | null;
}

/**
 * The instance the Watch form starts on: one whose token works, the one used last (a fresh
 * profile lists gitlab.com without a token next to the self-managed GitLab the user set up).
 */
export function preferredWatchInstance(instances: readonly WatchInstance[]): string | undefined {
  const working = instances.filter((instance) => instance.hasToken && instance.tokenWorks);
  const withToken = instances.filter((instance) => instance.hasToken);
  const pool = working.length ? working : withToken.length ? withToken : instances;
  const lastUsed = [...pool].sort((a, b) =>
    (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''),
  )[0];
  return lastUsed?.baseUrl;
}

/**
 * Why a watch cannot be checked, or null when nothing says so. `instances` is null while the
 * page still lists them: only the last run speaks then.
 */
export function watchProblemOf(
  namespace: WatchedNamespace,
  instances: readonly WatchInstance[] | null,
  report: StaleReport | null,
): Problem | null {
  const instance = instances?.find((candidate) => candidate.baseUrl === namespace.baseUrl);
  if (instances && !instance) return noInstanceForWatchProblem(namespace.baseUrl);
  if (instance && !instance.hasToken) return noTokenForWatchProblem(namespace.baseUrl);
  const unwatched = report?.unwatched?.find(
    (entry) => entry.baseUrl === namespace.baseUrl && entry.fullPath === namespace.fullPath,
  );
  // A token added (or an instance set up) since the last run: the next run tells.
  const outdated =
    instances !== null &&
    (unwatched?.problem.kind === 'noToken' || unwatched?.problem.kind === 'noInstance');
  if (unwatched && !outdated) return unwatched.problem;
  return report?.failures.find((failure) => failure.baseUrl === namespace.baseUrl)?.problem ?? null;
}
