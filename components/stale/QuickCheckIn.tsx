// The quick check-in form: health status, the current value (or progress) and an optional
// comment, saved in one step (with a check-in comment GitLab keeps even when nothing changed);
// a value GitLab would refuse is refused here first, and a value past the target or before the
// start says what GitLab will store. On a top-level objective, GitLab's own check-in reminder.
import { useId, useState, type FormEvent } from 'react';
import type { CheckInReminder, Problem, StaleItem } from '../../lib/messages';
import { fitsGitLabInt, NOT_A_GITLAB_INT, storedValueNote } from '../../lib/okr/gitlab-progress';
import { HEALTH_LABEL, HEALTH_VALUES } from '../panel/format';
import { REMINDER_CHOICES, valueFieldOf } from './labels';

export interface CheckInValues {
  health: NonNullable<StaleItem['health']>;
  currentValue?: number;
  /** The key result's own start and target, when the value is in its units (the comment says). */
  scale?: { start: number; target: number };
  /** The custom number field the value goes in, when the item keeps its values there. */
  currentField?: { id: string; name: string };
  comment?: string;
}

/**
 * What the form needs of an OKR: a row of the stale list, or the key result the popup is on
 * (whose values may live in custom fields: `progress` then holds them, `currentField` says where).
 */
export type CheckInSubject = Pick<
  StaleItem,
  'title' | 'kind' | 'health' | 'progress' | 'topLevel'
> & { currentField?: { id: string; name: string } };

export interface QuickCheckInProps {
  item: CheckInSubject;
  /** Resolves with null when GitLab saved it, or the problem to show. */
  onSubmit(values: CheckInValues): Promise<Problem | null>;
  /** Without it the form has no Cancel button (it is the page's own check-in, always open). */
  onCancel?(): void;
  onReminder?(frequency: CheckInReminder): Promise<Problem | null>;
}

/** True when GitLab itself would record nothing: same health, same value (no system note). */
export function changesNothing(
  item: Pick<StaleItem, 'health' | 'progress'>,
  values: CheckInValues,
): boolean {
  const sameHealth = values.health === item.health;
  const sameValue =
    values.currentValue === undefined || values.currentValue === item.progress?.currentValue;
  return sameHealth && sameValue;
}

/**
 * Why a typed value cannot be sent (GitLab would refuse it), or null. Checked before anything
 * is sent, so GitLab's refusal never arrives after the fact.
 */
export function valueRefusal(
  field: NonNullable<ReturnType<typeof valueFieldOf>>,
  value: number,
): string | null {
  if (!Number.isFinite(value)) return 'Enter a number.';
  // A custom number field stores any number; GitLab's progress widget whole numbers only.
  if (field.customField) return null;
  if (!Number.isInteger(value)) return 'GitLab stores whole numbers only: enter one.';
  if (field.max !== undefined && (value < (field.min ?? 0) || value > field.max))
    return `Progress is a percentage: enter a whole number from ${field.min ?? 0} to ${field.max}.`;
  if (!fitsGitLabInt(value)) return NOT_A_GITLAB_INT;
  return null;
}

export function QuickCheckIn({ item, onSubmit, onCancel, onReminder }: QuickCheckInProps) {
  const formId = useId();
  const valueField = valueFieldOf(item);
  const [health, setHealth] = useState<CheckInValues['health'] | null>(item.health);
  const [value, setValue] = useState(valueField?.initial?.toString() ?? '');
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const parsedValue = value.trim() === '' ? undefined : Number(value);
  const refusal =
    valueField && parsedValue !== undefined ? valueRefusal(valueField, parsedValue) : null;
  const valueInvalid = refusal !== null;
  const storedNote =
    !refusal && parsedValue !== undefined && valueField?.scale && !valueField.customField
      ? storedValueNote(valueField.scale.start, parsedValue, valueField.scale.target)
      : null;
  const values: CheckInValues | null = health
    ? {
        health,
        ...(valueField && parsedValue !== undefined ? { currentValue: parsedValue } : {}),
        ...(valueField?.scale && parsedValue !== undefined ? { scale: valueField.scale } : {}),
        ...(valueField?.customField && parsedValue !== undefined
          ? { currentField: valueField.customField }
          : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }
    : null;
  const unchanged = values !== null && changesNothing(item, values);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values || valueInvalid || saving) return;
    setSaving(true);
    setProblem(null);
    const answer = await onSubmit(values);
    setSaving(false);
    setProblem(answer);
  }

  return (
    <form className="okr-stale__checkin" onSubmit={submit} aria-label={`Check in: ${item.title}`}>
      <fieldset className="okr-stale__health-choices">
        <legend>Health status</legend>
        {HEALTH_VALUES.map((choice) => (
          <label key={choice} className={`okr-stale__choice okr-stale__choice--${choice}`}>
            <input
              type="radio"
              name={`${formId}-health`}
              value={choice}
              checked={health === choice}
              onChange={() => setHealth(choice)}
            />
            {HEALTH_LABEL[choice]}
          </label>
        ))}
      </fieldset>
      {valueField && (
        <label className="okr-stale__field">
          <span>
            {valueField.label}
            {valueField.hint && <span className="okr-stale__hint"> ({valueField.hint})</span>}
          </span>
          <input
            type="number"
            inputMode="numeric"
            step={valueField.customField ? 'any' : 1}
            {...(valueField.min === undefined ? {} : { min: valueField.min })}
            {...(valueField.max === undefined ? {} : { max: valueField.max })}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={valueInvalid}
            aria-describedby={refusal || storedNote ? `${formId}-value-note` : undefined}
          />
        </label>
      )}
      {refusal && (
        <p className="okr-stale__error" role="alert" id={`${formId}-value-note`}>
          {refusal}
        </p>
      )}
      {storedNote && (
        <p
          className="okr-stale__note"
          id={`${formId}-value-note`}
          data-testid="checkin-stored-note"
        >
          {storedNote}
        </p>
      )}
      <label className="okr-stale__field">
        <span>
          Comment <span className="okr-stale__hint">(optional: why, what changed)</span>
        </span>
        <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      {unchanged && (
        <p className="okr-stale__note">
          Same health and value: GitLab itself records no change, so the check-in is kept as a
          comment (&ldquo;Check-in: &hellip;&rdquo;) that counts as this month&rsquo;s update.
        </p>
      )}
      {problem && (
        <p className="okr-stale__error" role="alert">
          {problem.message}
        </p>
      )}
      <div className="okr-stale__actions">
        <button
          type="submit"
          className="ext-button ext-button--primary"
          disabled={!values || valueInvalid || saving}
        >
          {saving ? 'Saving…' : 'Save check-in'}
        </button>
        {onCancel && (
          <button type="button" className="ext-button" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
        )}
      </div>
      {item.topLevel && onReminder && <ReminderChoice onReminder={onReminder} />}
    </form>
  );
}

/** GitLab's own check-in reminder (`/checkin_reminder`), for the owner of a top-level objective. */
function ReminderChoice({
  onReminder,
}: {
  onReminder(frequency: CheckInReminder): Promise<Problem | null>;
}) {
  const [frequency, setFrequency] = useState<CheckInReminder>('monthly');
  const [state, setState] = useState<'idle' | 'saving' | 'done'>('idle');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function remind() {
    setState('saving');
    const answer = await onReminder(frequency);
    setProblem(answer);
    setState(answer ? 'idle' : 'done');
  }

  return (
    <div className="okr-stale__reminder">
      <label className="okr-stale__field okr-stale__field--inline">
        <span>GitLab check-in reminder</span>
        <select
          value={frequency}
          onChange={(event) => setFrequency(event.target.value as CheckInReminder)}
        >
          {REMINDER_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="ext-button"
        onClick={() => void remind()}
        disabled={state === 'saving'}
      >
        {state === 'saving' ? 'Turning on…' : 'Turn on'}
      </button>
      {state === 'done' && (
        <p className="okr-stale__done" role="status">
          GitLab will remind the assignees of this objective&rsquo;s key results.
        </p>
      )}
      {problem && (
        <p className="okr-stale__error" role="alert">
          {problem.message}
        </p>
      )}
    </div>
  );
}
