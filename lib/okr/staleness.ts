// Stale health status (spec §3, seed 002 "Maintaining the status of OKRs"): whether an open
// objective or key result had its health or progress updated recently enough, and why not.
import {
  daysBetween,
  firstOfMonth,
  instantOf,
  localDateOf,
  nthBusinessDayOfMonth,
} from './calendar';
import { formatDate } from './format';
import type { IsoDate, IsoDateTime, OkrNode } from './model';

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

/** Whether a system note records a health status or progress change. */
export function isStatusNote(body: string): boolean {
  return HEALTH_NOTE.test(body) || PROGRESS_NOTE.test(body);
}

/**
 * The latest of: the newest system note that changed (or removed) the health status, the
 * newest one that changed progress, and the progress widget's `updatedAt`.
 */
export function lastUpdateOf(node: OkrNode): IsoDateTime | null {
  const statusNotes = node.notes.filter((note) => note.system && isStatusNote(note.body));
  return latestOf([...statusNotes.map((note) => note.createdAt), node.progress?.updatedAt]);
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
