// Any failure, turned into a Problem a person can act on. GitLab errors already carry one; the
// rest are bugs or browser failures, reported without their internals.
import type { Problem, WorkItemRef } from '../messages';

/** `unknownMessage` says what failed when the error carries nothing a person could use. */
export function problemOf(
  error: unknown,
  unknownMessage = 'Something went wrong inside OKR Lens. Reload the page to try again.',
): Problem {
  if (error && typeof error === 'object' && 'problem' in error) {
    const problem = (error as { problem: unknown }).problem;
    if (problem && typeof problem === 'object' && 'kind' in problem && 'message' in problem) {
      return problem as Problem;
    }
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return {
      kind: 'offline',
      message: 'GitLab could not be reached. Check your connection; OKR Lens will try again.',
    };
  }
  return { kind: 'unknown', message: unknownMessage };
}

export function noInstanceProblem(ref: WorkItemRef): Problem {
  return {
    kind: 'noInstance',
    message: `${ref.origin}${ref.basePath} is not set up in OKR Lens. Add it in the options to see OKRs here.`,
  };
}
