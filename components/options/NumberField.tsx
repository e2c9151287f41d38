// A whole-number setting: what is typed stays as typed until it is a number in range, and the
// handbook's value is always in sight.
import { useId, useState } from 'react';
import { readWholeNumber } from './settings-input';

export interface NumberFieldProps {
  label: string;
  /** Words after the input ("days"). */
  unit?: string | undefined;
  value: number;
  handbook: number;
  /** Whose default `handbook` is: the handbook's unless told. */
  defaultWord?: string;
  min: number;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}

export function NumberField({
  label,
  unit,
  value,
  handbook,
  defaultWord = 'Handbook',
  min,
  max,
  disabled,
  onChange,
}: NumberFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState(String(value));
  // A value changed from outside (restore defaults) replaces what was typed.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const reading = readWholeNumber(text, { min, max });
  return (
    <div className="opt-number">
      <label htmlFor={inputId}>{label}</label>
      <div className="opt-number-row">
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={text}
          disabled={disabled}
          aria-invalid={!reading.ok}
          aria-describedby={reading.ok ? hintId : `${errorId} ${hintId}`}
          onChange={(event) => {
            setText(event.target.value);
            const next = readWholeNumber(event.target.value, { min, max });
            if (next.ok) {
              setShown(next.value);
              onChange(next.value);
            }
          }}
        />
        {unit && <span className="opt-muted">{unit}</span>}
        <span id={hintId} className="opt-default">
          {defaultWord}: {handbook}
        </span>
      </div>
      {!reading.ok && (
        <p id={errorId} className="opt-error">
          {reading.error}
        </p>
      )}
    </div>
  );
}
