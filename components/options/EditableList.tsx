// A list setting: the entries with a Remove button each, and a form that adds one after reading
// what was typed (an entry that does not read stays in the field with the reason).
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Reading } from './settings-input';

export interface ListEntry {
  key: string;
  /** What a screen reader hears after "Remove". */
  name: string;
  content: ReactNode;
}

export function EntryList({
  entries,
  empty,
  onRemove,
  testId,
}: {
  entries: ListEntry[];
  empty: string;
  onRemove: (key: string) => void;
  testId?: string;
}) {
  if (entries.length === 0) return <p className="opt-muted opt-empty">{empty}</p>;
  return (
    <ul className="opt-list" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.key} className="opt-list-entry">
          <span className="opt-list-text">{entry.content}</span>
          <button
            type="button"
            className="ext-button ext-button--small"
            onClick={() => onRemove(entry.key)}
          >
            Remove<span className="opt-sr-only"> {entry.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export interface AddEntryFormProps<T> {
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  type?: 'text' | 'date';
  /** The button's words; "Add" unless told. */
  action?: string;
  read: (text: string) => Reading<T>;
  onAdd: (value: T) => void;
  /** Fields before the text field (e.g. which instance). */
  before?: ReactNode;
}

export function AddEntryForm<T>({
  label,
  hint,
  placeholder,
  type = 'text',
  action = 'Add',
  read,
  onAdd,
  before,
}: AddEntryFormProps<T>) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reading = read(text);
    if (!reading.ok) {
      setError(reading.error);
      return;
    }
    onAdd(reading.value);
    setText('');
    setError(null);
  };
  // The error says what the hint says, and why the entry did not read: one of them at a time.
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <form className="opt-add" onSubmit={submit} noValidate>
      {before}
      <div className="opt-field opt-add-field">
        <label htmlFor={inputId}>{label}</label>
        <div className="opt-add-row">
          <input
            id={inputId}
            type={type}
            spellCheck={false}
            autoComplete="off"
            placeholder={placeholder}
            value={text}
            aria-invalid={error !== null}
            aria-describedby={describedBy}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="ext-button">
            {action}
          </button>
        </div>
        {error && (
          <p id={errorId} className="opt-error" role="alert">
            {error}
          </p>
        )}
        {hint && !error && (
          <p id={hintId} className="opt-hint">
            {hint}
          </p>
        )}
      </div>
    </form>
  );
}
