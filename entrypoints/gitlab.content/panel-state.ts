// How the background's answers change what the panel shows: validated with the message schemas,
// then folded into the panel state. Pure, so every transition is tested without a browser.
// Shapes, not zod: zod would double the size of the script every GitLab page loads.
import * as z from '../../lib/shape';
import { ViewResultSchema, type Problem, type ViewResult } from '../../lib/page-messages';
import { OkrViewSchema } from '../../lib/view';
import type { PanelState } from '../../components/panel/OkrPanel';

/** The session's view of one page: what is shown, and whether to show anything at all. */
export interface PageState extends PanelState {
  /** The item is not an OKR (or linked to one): the panel goes away without a word. */
  hidden: boolean;
}

export const initialPageState: PageState = {
  view: null,
  source: null,
  refreshing: true,
  problem: null,
  hidden: false,
};

const PeekAnswerSchema = z
  .object({ ok: z.literal(true), view: OkrViewSchema, source: z.literal('cache') })
  .nullable();

/** A peek answer is either a cached view or nothing; anything else counts as nothing. */
export function parsePeekAnswer(answer: unknown): Extract<ViewResult, { ok: true }> | null {
  const parsed = PeekAnswerSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

/** A load answer that does not match the protocol becomes a `malformed` problem. */
export function parseLoadAnswer(answer: unknown): ViewResult {
  const parsed = ViewResultSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    problem: {
      kind: 'malformed',
      message: 'OKR Lens got an answer it could not read. Reload the page to try again.',
    },
  };
}

/** The cached view paints at once, unless the fresh one already arrived. */
export function withPeek(state: PageState, answer: ReturnType<typeof parsePeekAnswer>): PageState {
  if (!answer || state.source === 'network' || state.hidden) return state;
  return { ...state, view: answer.view, source: 'cache' };
}

/**
 * The fresh answer replaces the cached view. A failure keeps a view already shown (and says the
 * refresh failed); `notAnOkr` hides the panel.
 */
export function withLoad(state: PageState, answer: ViewResult): PageState {
  if (answer.ok) {
    return {
      view: answer.view,
      source: answer.source,
      refreshing: false,
      problem: null,
      hidden: false,
    };
  }
  if (answer.problem.kind === 'notAnOkr')
    return { ...initialPageState, refreshing: false, hidden: true };
  return { ...state, refreshing: false, problem: answer.problem, hidden: false };
}

/** A refresh (after an invalidation push or a retry) keeps what is shown and says it refreshes. */
export function refreshing(state: PageState): PageState {
  return { ...state, refreshing: true, retryInSeconds: null };
}

/** Whether there is anything worth a panel yet; a short load shows nothing rather than a flash. */
export function worthShowing(state: PageState, loadingLongEnough: boolean): boolean {
  if (state.hidden) return false;
  return state.view !== null || state.problem !== null || loadingLongEnough;
}

/** How long GitLab asked us to wait, kept between one second and five minutes. */
export function retryDelayMs(problem: Problem): number | null {
  if (problem.kind !== 'rateLimited') return null;
  const asked = problem.retryAfterMs ?? 30_000;
  return Math.min(Math.max(asked, 1_000), 300_000);
}

/** The message a content script gives when the background cannot be reached at all. */
export function unreachableProblem(): Problem {
  return {
    kind: 'unknown',
    message: 'OKR Lens could not reach its background. Reload the page to try again.',
  };
}
