// The words the stale watch's surfaces share (the badge's tooltip, the popup, the options): how
// many OKRs need a health update, the user's own told apart from the watched ones, and why a
// watched namespace cannot be checked. Pure: no I/O, no zod, so every surface may import it.
import type { Problem, StaleItem, StaleReport, UnwatchedNamespace } from '../messages';

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "2 of your OKRs and 1 watched OKR need a health update": the user's own (assigned to them)
 * and those found only through a watched namespace, counted apart. Empty when none is stale.
 */
export function needUpdateSentence(items: readonly Pick<StaleItem, 'assignedToYou'>[]): string {
  const yours = items.filter((item) => item.assignedToYou).length;
  const watched = items.length - yours;
  const yoursText = `${yours} of your OKRs`;
  const watchedText = counted(watched, 'watched OKR', 'watched OKRs');
  if (yours > 0 && watched > 0) return `${yoursText} and ${watchedText} need a health update`;
  if (yours > 0) return `${yoursText} ${yours === 1 ? 'needs' : 'need'} a health update`;
  if (watched > 0) return `${watchedText} ${watched === 1 ? 'needs' : 'need'} a health update`;
  return '';
}

/** When nothing is stale: how many were judged, the user's own and the watched ones apart. */
export function allCurrentSentence(report: Pick<StaleReport, 'watchedCount' | 'ownCount'>): string {
  const { watchedCount: judged, ownCount: yours } = report;
  // A report of an earlier release does not tell the user's own from the watched ones.
  if (yours === undefined) return `All ${judged} open OKRs have a current health status.`;
  const watched = judged - yours;
  if (watched === 0) return `All ${yours} of your open OKRs have a current health status.`;
  if (yours === 0) return `All ${watched} watched open OKRs have a current health status.`;
  return `All ${yours} of your open OKRs and ${watched} watched ones have a current health status.`;
}

/** The heading of a watch that could not be checked: "okrs/team on https://… is not checked". */
export function unwatchedHeading(entry: Pick<UnwatchedNamespace, 'baseUrl' | 'fullPath'>): string {
  return `${entry.fullPath} on ${entry.baseUrl} is not checked`;
}

/** A watch on an instance whose token is missing: it can never run until one is added. */
export function noTokenForWatchProblem(baseUrl: string): Problem {
  return {
    kind: 'noToken',
    message: `OKR Lens has no token for ${baseUrl}: add one in the options, or watch this namespace on an instance that has one.`,
  };
}

/** A watch on an instance that is no longer set up. */
export function noInstanceForWatchProblem(baseUrl: string): Problem {
  return {
    kind: 'noInstance',
    message: `${baseUrl} is not set up in OKR Lens: add it in the options, or remove this watch.`,
  };
}
