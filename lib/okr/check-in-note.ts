// What a check-in leaves in GitLab, and how the domain tells people's updates from GitLab's
// automation. GitLab writes a system note only when a value changes, so "still on track, same
// value" would leave no trace: every quick check-in therefore posts a comment whose first line
// says what was checked in ("Check-in: on track, 12 of 20"), and staleness counts such a comment
// as a health update.
import { plain } from './format';
import type { HealthStatus, Note } from './model';

const HEALTH_WORDS: Record<HealthStatus, string> = {
  onTrack: 'on track',
  needsAttention: 'needs attention',
  atRisk: 'at risk',
};

const CHECK_IN_LINE = /^Check-in: (on track|needs attention|at risk)\b/;

export interface CheckInSummary {
  health: HealthStatus;
  /** The value checked in, with the key result's start and target when it has its own units. */
  value?:
    | { kind: 'percent'; progress: number }
    | { kind: 'units'; current: number; start: number; target: number };
}

/** "Check-in: on track, 12 of 20" (the start named when it is not 0), "… 40%", or health only. */
export function checkInLine({ health, value }: CheckInSummary): string {
  const head = `Check-in: ${HEALTH_WORDS[health]}`;
  if (!value) return head;
  if (value.kind === 'percent') return `${head}, ${plain(value.progress)}%`;
  const { current, start, target } = value;
  const from = start === 0 ? '' : ` (from ${plain(start)})`;
  return `${head}, ${plain(current)} of ${plain(target)}${from}`;
}

/** The comment a check-in posts: its line, then the person's own words after a blank line. */
export function checkInComment(summary: CheckInSummary, comment?: string): string {
  const own = comment?.trim();
  return own ? `${checkInLine(summary)}\n\n${own}` : checkInLine(summary);
}

/**
 * GitLab's automation writes the parent roll-up notes as its automation bot
 * (`Users::Internal.automation_bot`, username `automation-bot`, in
 * ee/app/workers/work_items/update_parent_objectives_progress_worker.rb). Where the response says
 * whether the author is a bot, that wins; otherwise the bot's username tells.
 */
export function byAutomation(note: Note): boolean {
  if (note.authorBot !== undefined) return note.authorBot;
  return note.author !== undefined && /^automation-bot\d*$/i.test(note.author);
}

/** A comment (not a system note) by a person whose first line is a check-in line. */
export function isCheckInComment(note: Note): boolean {
  return !note.system && !byAutomation(note) && CHECK_IN_LINE.test(note.body.trimStart());
}

/**
 * A key result's own start and target when its value is in its own units; null when its value
 * is a plain percentage (no values, or GitLab's default 0 → 100 scale).
 */
export function ownScaleOf(values: {
  startValue: number | null;
  endValue: number | null;
}): { start: number; target: number } | null {
  const { startValue, endValue } = values;
  if (startValue === null || endValue === null) return null;
  if (startValue === 0 && endValue === 100) return null;
  return { start: startValue, target: endValue };
}
