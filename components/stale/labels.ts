// The words the stale-health list uses: reasons and reminder frequencies (health statuses are
// worded once, in ../panel/format.ts).
import type { CheckInReminder, StaleCode, StaleItem } from '../../lib/messages';

/** Group headings, in the order the list shows them (worst first). */
export function reasonHeading(code: StaleCode, maxAgeDays: number): string {
  switch (code) {
    case 'noHealth':
      return 'No health status';
    case 'tooOld':
      return `Older than ${maxAgeDays} days`;
    case 'notThisMonth':
      return 'Not updated this month';
  }
}

export const REMINDER_CHOICES: { value: CheckInReminder; label: string }[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'twice-monthly', label: 'Twice a month' },
  { value: 'monthly', label: 'Monthly' },
];

/** The value a key result's check-in edits: its own units, or a percentage. */
export function valueFieldOf(item: Pick<StaleItem, 'kind' | 'progress'>): {
  label: string;
  hint: string | null;
  initial: number | null;
  min?: number;
  max?: number;
} | null {
  if (item.kind !== 'keyResult' || !item.progress) return null;
  const { startValue, endValue, currentValue, progress } = item.progress;
  const ownUnits =
    startValue !== null && endValue !== null && !(startValue === 0 && endValue === 100);
  if (ownUnits) {
    return {
      label: 'Current value',
      hint: `from ${startValue} to ${endValue}`,
      initial: currentValue,
    };
  }
  return { label: 'Progress (%)', hint: null, initial: progress ?? currentValue, min: 0, max: 100 };
}
