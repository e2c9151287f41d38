// The words the stale-health list uses: reasons and reminder frequencies (health statuses are
// worded once, in ../panel/format.ts).
import type { CheckInReminder, StaleCode, StaleItem } from '../../lib/messages';
import { ownScaleOf } from '../../lib/okr/check-in-note';

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
export function valueFieldOf(
  item: Pick<StaleItem, 'kind' | 'progress'> & { currentField?: { id: string; name: string } },
): {
  label: string;
  hint: string | null;
  initial: number | null;
  min?: number;
  max?: number;
  /** The key result's own start and target (absent for a percentage). */
  scale?: { start: number; target: number };
  /** A custom number field: any number, and no GitLab percentage computed from it. */
  customField?: { id: string; name: string };
} | null {
  if (item.kind !== 'keyResult') return null;
  if (item.currentField) {
    const values = item.progress;
    const scale = values ? ownScaleOf(values) : null;
    return {
      label: item.currentField.name,
      hint: scale ? `custom field, from ${scale.start} to ${scale.target}` : 'custom field',
      initial: values?.currentValue ?? null,
      ...(scale ? { scale } : {}),
      customField: item.currentField,
    };
  }
  if (!item.progress) return null;
  const { currentValue, progress } = item.progress;
  const scale = ownScaleOf(item.progress);
  if (scale) {
    return {
      label: 'Current value',
      hint: `from ${scale.start} to ${scale.target}`,
      initial: currentValue,
      scale,
    };
  }
  return { label: 'Progress (%)', hint: null, initial: progress ?? currentValue, min: 0, max: 100 };
}
