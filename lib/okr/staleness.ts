// Stale health status (spec §3, seed 002 "Maintaining the status of OKRs"): whether an open
// objective or key result had its health or progress updated recently enough, and why not. On
// every carrier: a new value in a custom number field (a key result kept as an issue or a custom
// "Key result" item, whose current value lives in a field named "Current") is an update too.
import {
  daysBetween,
  firstOfMonth,
  instantOf,
  localDateOf,
  nthBusinessDayOfMonth,
} from './calendar';
import { byAutomation, isCheckInComment } from './check-in-note';
import { formatDate } from './format';
import type { IsoDate, IsoDateTime, Note, OkrNode } from './model';

/** What the verdict reads of an item besides its dates. */
type Judged = Pick<OkrNode, 'kind' | 'state' | 'health'>;

export type StaleCode = 'noHealth' | 'notThisMonth' | 'tooOld' | 'fresh' | 'closed';

export interface Staleness {
  stale: boolean;
  code: StaleCode;
  /** One sentence a person understands, saying what to do when stale. */
  reason: string;
  lastUpdate: IsoDateTime | null;
}

export interface StalenessOptions {
  now: IsoDateTime;
  timeZone: string;
  holidays: IsoDate[];
  /** Stale when the last update is older than this many days (handbook-derived default 35). */
  maxAgeDays: number;
  /** Updates are due by this business day of every month (seed 002: five). */
  businessDayDeadline: number;
}

export const DEFAULT_MAX_AGE_DAYS = 35;
export const DEFAULT_BUSINESS_DAY_DEADLINE = 5;

const HEALTH_NOTE = /changed health status to \*\*|removed the health status|health status/i;
const PROGRESS_NOTE = /changed progress to \*\*/i;
/** GitLab's note for `/checkin_reminder` (ee/app/services/ee/system_notes/issuables_service.rb). */
const REMINDER_NOTE = /checkin reminder/i;
/**
 * GitLab's note for a custom field given a new value: `<p>changed NAME to <code class="idiff">
 * VALUE</code></p>`, NAME and VALUE HTML-escaped (ee/app/services/ee/system_notes/
 * issuables_service.rb, `custom_field_note`); a number field's VALUE is written by
 * `number_with_precision(value, strip_insignificant_zeros: true)` (`12`, `12.5`, `-3`). GitLab
 * writes it only when the value changed (ee/app/services/work_items/callbacks/custom_fields.rb).
 * The escaped NAME holds no `<`, which keeps out "changed title from <code…> to <code…>". A
 * removed value (`removed NAME: …`) is not a check-in, as a removed progress is not.
 */
const CUSTOM_NUMBER_NOTE =
  /^\s*(?:<p>)?changed ([^<]+?) to <code class="idiff">(-?\d+(?:\.\d+)?)<\/code>(?:<\/p>)?\s*$/;
/** A progress widget saved within this of a note was saved with it (one transaction). */
const SAME_WRITE_MS = 60_000;

/** Whether a system note records a new value in a custom number field (Start, Current…). */
export function isCustomNumberNote(body: string): boolean {
  return CUSTOM_NUMBER_NOTE.test(body);
}

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

/** The field and its new value a custom-number-field note records (the name unescaped). */
export function customNumberChangeOf(body: string): { field: string; value: number } | null {
  const match = CUSTOM_NUMBER_NOTE.exec(body);
  if (!match) return null;
  const field = match[1]!.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => HTML_ENTITIES[e]!);
  return { field, value: Number(match[2]) };
}

/**
 * Whether a system note records a health status or progress change, or a new value in a custom
 * number field (the current value of a key result kept in custom fields).
 */
export function isStatusNote(body: string): boolean {
  return HEALTH_NOTE.test(body) || PROGRESS_NOTE.test(body) || isCustomNumberNote(body);
}

/** Whether a note records a person's health or progress update (not GitLab's automation). */
export function isHealthUpdate(note: Note): boolean {
  if (note.system) return isStatusNote(note.body) && !byAutomation(note);
  return isCheckInComment(note);
}

/**
 * True when the progress widget's `updatedAt` is the trace of something that is not a person's
 * update: GitLab's roll-up (which saves the parent's progress and writes its note as the
 * automation bot) or a `/checkin_reminder` (which saves the reminder on the progress record).
 */
function progressSavedByOther(node: OkrNode, updatedAtMs: number): boolean {
  return node.notes.some((note) => {
    if (!note.system) return false;
    const other =
      (PROGRESS_NOTE.test(note.body) && byAutomation(note)) || REMINDER_NOTE.test(note.body);
    const ms = instantOf(note.createdAt);
    return other && ms !== null && Math.abs(ms - updatedAtMs) <= SAME_WRITE_MS;
  });
}

/**
 * The latest of: the newest system note by a person that changed (or removed) the health status,
 * changed progress or gave a custom number field a new value, the newest check-in comment by a
 * person, and the progress widget's
 * `updatedAt` (GitLab writes no note when a new value leaves the percentage unchanged) unless it
 * was GitLab's automation saving it.
 */
export function lastUpdateOf(node: OkrNode): IsoDateTime | null {
  const updates = node.notes.filter(isHealthUpdate).map((note) => note.createdAt);
  const updatedAtMs = instantOf(node.progress?.updatedAt);
  const saved =
    updatedAtMs !== null && !progressSavedByOther(node, updatedAtMs)
      ? node.progress?.updatedAt
      : null;
  return latestOf([...updates, saved]);
}

/** The verdict at the instant `now`, reading the calendar in the caller's time zone. */
export function staleness(node: OkrNode, options: StalenessOptions): Staleness {
  const today = localDateOf(options.now, options.timeZone) ?? options.now.slice(0, 10);
  return stalenessOn(node, today, options);
}

/** The verdict on the local date `today`. */
export function stalenessOn(
  node: OkrNode,
  today: IsoDate,
  options: Omit<StalenessOptions, 'now'>,
): Staleness {
  const recorded = lastUpdateOf(node);
  // Without any recorded change, the health was set (if at all) when the item was created.
  const lastUpdate = recorded ?? node.createdAt;
  return verdictOn(node, lastUpdate, recorded ? '' : ' (when it was created)', today, options);
}

/**
 * The verdict for an item loaded without its notes (a child, an ancestor, a linked key result),
 * from the last time GitLab changed anything on it (`updatedAt`, or its progress): its health
 * changed no later than that. So "stale" is certain, while an unrelated recent edit can make a
 * stale item look fresh (never the other way round).
 */
export function stalenessByLastChange(
  item: Judged,
  lastChange: IsoDateTime | null,
  today: IsoDate,
  options: Omit<StalenessOptions, 'now'>,
): Staleness {
  // Nothing loaded says when it changed: no verdict rather than a stale one.
  if (lastChange === null && item.health !== null && item.state === 'opened') {
    return { stale: false, code: 'fresh', reason: 'Last change not known.', lastUpdate: null };
  }
  return verdictOn(item, lastChange, '', today, options);
}

/** The latest of GitLab's `updatedAt`, the progress widget's and the recorded status changes. */
export function lastChangeOf(node: OkrNode): IsoDateTime | null {
  return latestOf([node.updatedAt, node.progress?.updatedAt, lastUpdateOf(node)]);
}

/** The latest of some timestamps, as written; null when none is readable. */
export function latestOf(timestamps: (IsoDateTime | null | undefined)[]): IsoDateTime | null {
  let latest: IsoDateTime | null = null;
  let latestMs = -Infinity;
  for (const timestamp of timestamps) {
    const ms = instantOf(timestamp);
    if (ms !== null && ms > latestMs) {
      latestMs = ms;
      latest = timestamp ?? null;
    }
  }
  return latest;
}

function verdictOn(
  node: Judged,
  lastUpdate: IsoDateTime | null,
  since: string,
  today: IsoDate,
  options: Omit<StalenessOptions, 'now'>,
): Staleness {
  if (node.kind === 'issue') {
    return {
      stale: false,
      code: 'fresh',
      reason: 'Only objectives and key results carry a health status.',
      lastUpdate,
    };
  }
  if (node.state === 'closed') {
    return { stale: false, code: 'closed', reason: 'Closed: no update needed.', lastUpdate };
  }
  if (node.health === null) {
    return {
      stale: true,
      code: 'noHealth',
      reason: 'No health status: set it to on track, needs attention or at risk.',
      lastUpdate,
    };
  }
  const lastDate = lastUpdate ? localDateOf(lastUpdate, options.timeZone) : null;
  const age = lastDate ? daysBetween(lastDate, today) : null;
  if (lastDate === null || age === null) {
    return {
      stale: true,
      code: 'tooOld',
      reason: 'No health or progress update on record: update the health status.',
      lastUpdate,
    };
  }
  if (age > options.maxAgeDays) {
    return {
      stale: true,
      code: 'tooOld',
      reason:
        `Last health or progress update on ${formatDate(lastDate)}${since}, ${age} days ago ` +
        `(more than ${options.maxAgeDays}): update the health status.`,
      lastUpdate,
    };
  }
  const monthStart = firstOfMonth(today);
  const deadline = nthBusinessDayOfMonth(today, options.businessDayDeadline, {
    holidays: options.holidays,
  });
  if (deadline !== null && today > deadline && lastDate < monthStart) {
    return {
      stale: true,
      code: 'notThisMonth',
      reason:
        `Not updated since ${formatDate(monthStart)}, and business day ` +
        `${options.businessDayDeadline} of the month (${formatDate(deadline)}) has passed: update the health status.`,
      lastUpdate,
    };
  }
  const next =
    lastDate < monthStart && deadline !== null
      ? `; this month's update is due by ${formatDate(deadline)}`
      : '';
  return {
    stale: false,
    code: 'fresh',
    reason: `Health or progress updated on ${formatDate(lastDate)}${since}${next}.`,
    lastUpdate,
  };
}
