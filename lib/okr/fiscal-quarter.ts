// GitLab's fiscal quarters, for a quarter named only by a label (`okrq:FY24-Q2`): GitLab's fiscal
// year starts on February 1st and is named after the calendar year it ends in, so FY24 runs from
// February 2023 to January 2024 and FY24-Q2 is May to July 2023 (the handbook's quarters, and
// the milestones of GitLab's own OKR project). Pure.
import { daysInMonth } from './calendar';
import type { IsoDate } from './model';

export interface FiscalQuarterDates {
  startDate: IsoDate;
  dueDate: IsoDate;
}

/** `FY24-Q2`, `FY2024 Q2`, `fy24_q2` → fiscal year 2024, quarter 2; null for anything else. */
export function parseFiscalQuarter(title: string): { year: number; quarter: number } | null {
  const match = /^\s*FY\s?(\d{2}|\d{4})[\s_/-]*Q([1-4])\s*$/i.exec(title);
  if (!match?.[1] || !match[2]) return null;
  const digits = Number(match[1]);
  return { year: match[1].length === 2 ? 2000 + digits : digits, quarter: Number(match[2]) };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The first and last day of a fiscal quarter named like `FY24-Q2`; null when not so named. */
export function fiscalQuarterDates(title: string): FiscalQuarterDates | null {
  const parsed = parseFiscalQuarter(title);
  if (!parsed) return null;
  // Months counted from January of the calendar year the fiscal year starts in (0 = January).
  const firstMonth = 1 + (parsed.quarter - 1) * 3;
  const lastMonth = firstMonth + 2;
  const startYear = parsed.year - 1 + Math.floor(firstMonth / 12);
  const endYear = parsed.year - 1 + Math.floor(lastMonth / 12);
  const endMonth = (lastMonth % 12) + 1;
  return {
    startDate: `${startYear}-${pad((firstMonth % 12) + 1)}-01`,
    dueDate: `${endYear}-${pad(endMonth)}-${pad(daysInMonth(endYear, endMonth))}`,
  };
}

/** The fiscal quarter title (`FY24-Q2`) whose dates are exactly these, or null. */
export function fiscalQuarterTitleOf(startDate: IsoDate, dueDate: IsoDate): string | null {
  const match = /^(\d{4})-(\d{2})-01$/.exec(startDate);
  if (!match) return null;
  const month = Number(match[2]); // 1 = January
  // Quarters start in February, May, August and November, in the fiscal year after.
  if (month < 2 || (month - 2) % 3 !== 0) return null;
  const fiscalYear = Number(match[1]) + 1;
  const title = `FY${pad(fiscalYear % 100)}-Q${(month - 2) / 3 + 1}`;
  return fiscalQuarterDates(title)?.dueDate === dueDate ? title : null;
}
