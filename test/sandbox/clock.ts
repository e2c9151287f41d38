// The sandbox clock and its calendar: GitLab's fiscal quarters (the fiscal year starts on
// February 1st, so 2026-11-21 falls in FY27-Q4) and the relative dates the seed file uses.

export interface FiscalQuarter {
  /** Milestone title as GitLab's own OKR project names them, e.g. `FY27-Q4`. */
  title: string;
  startDate: string;
  dueDate: string;
}

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The fiscal quarter containing `date`, or `offset` quarters before/after it. */
export function fiscalQuarter(date: Date, offset = 0): FiscalQuarter {
  const monthsSinceFyOrigin = date.getUTCFullYear() * 12 + date.getUTCMonth() - 1; // February = 0
  const quarterIndex = Math.floor(monthsSinceFyOrigin / 3) + offset;
  const startMonths = quarterIndex * 3 + 1;
  const start = new Date(Date.UTC(Math.floor(startMonths / 12), startMonths % 12, 1));
  const nextStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
  const fiscalYear = Math.floor(quarterIndex / 4) + 1;
  const quarter = (((quarterIndex % 4) + 4) % 4) + 1;
  return {
    title: `FY${String(fiscalYear % 100).padStart(2, '0')}-Q${quarter}`,
    startDate: isoDay(start),
    dueDate: isoDay(new Date(nextStart.getTime() - DAY_MS)),
  };
}

/** `SANDBOX_NOW` or the given ISO timestamp fixes the clock; otherwise it runs with real time. */
export function clockFrom(now: string | undefined): () => Date {
  const fixed = now ?? process.env.SANDBOX_NOW;
  if (!fixed) return () => new Date();
  const at = new Date(fixed);
  if (Number.isNaN(at.getTime())) throw new Error(`Not an ISO timestamp: ${fixed}`);
  return () => new Date(at.getTime());
}

/**
 * Resolves a seed date: an ISO timestamp, or a date (`2024-07-31`) or an anchor (`now`,
 * `quarter.start`, `quarter.due`, `prev-quarter.start`, `prev-quarter.due`, `next-quarter.start`,
 * `month.start`) followed by offsets such as `+3d`, `-2w`, `-5h`. A bare offset (`-12d`) counts from now.
 */
export function resolveDate(expression: string | number | Date, now: Date): Date {
  if (expression instanceof Date) return expression;
  const text = String(expression).trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return new Date(text);
  const match = /^(\d{4}-\d{2}-\d{2}|[a-z.-]*[a-z])?((?:\s*[+-]\s*\d+\s*[hdw])*)$/.exec(text);
  if (!match) throw new Error(`Unreadable seed date: ${text}`);
  const base = match[1] ?? 'now';
  let at = (/^\d/.test(base) ? new Date(`${base}T00:00:00Z`) : anchor(base, now)).getTime();
  for (const offset of (match[2] ?? '').matchAll(/([+-])\s*(\d+)\s*([hdw])/g)) {
    const unit = offset[3] === 'h' ? 3_600_000 : offset[3] === 'w' ? 7 * DAY_MS : DAY_MS;
    at += (offset[1] === '-' ? -1 : 1) * Number(offset[2]) * unit;
  }
  return new Date(at);
}

function anchor(name: string, now: Date): Date {
  const quarterDate = (offset: number, edge: 'startDate' | 'dueDate') =>
    new Date(`${fiscalQuarter(now, offset)[edge]}T00:00:00Z`);
  switch (name) {
    case 'now':
      return now;
    case 'today':
      return new Date(`${isoDay(now)}T00:00:00Z`);
    case 'quarter.start':
      return quarterDate(0, 'startDate');
    case 'quarter.due':
      return quarterDate(0, 'dueDate');
    case 'prev-quarter.start':
      return quarterDate(-1, 'startDate');
    case 'prev-quarter.due':
      return quarterDate(-1, 'dueDate');
    case 'next-quarter.start':
      return quarterDate(1, 'startDate');
    case 'next-quarter.due':
      return quarterDate(1, 'dueDate');
    case 'month.start':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    default:
      throw new Error(`Unknown seed date anchor: ${name}`);
  }
}

/** GitLab's `Time` format: ISO 8601 in UTC without milliseconds. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export { isoDay };
