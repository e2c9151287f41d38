// When the open tab shows no objective: paste an objective's address, or pick one of yours.
import { useId, useState, type FormEvent } from 'react';
import type { ObjectivePick, Problem } from '../../lib/messages';
import { ProblemBanner } from './ProblemBanner';

export interface ObjectivePickerProps {
  /** Why the tab's page is not used (not GitLab, an issue, a key result…). */
  reason: string;
  picks: ObjectivePick[] | null;
  problem: Problem | null;
  /** Said under the address field when a pasted address names no objective. */
  pasteError: string | null;
  onPick: (url: string) => void;
  onOpenOptions: () => void;
}

export function ObjectivePicker(props: ObjectivePickerProps) {
  const id = useId();
  const [address, setAddress] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (address.trim()) props.onPick(address.trim());
  };
  return (
    <section className="pop-section" aria-labelledby={`${id}-title`} data-testid="objective-picker">
      <h2 id={`${id}-title`} className="pop-section-title">
        Add key results to an objective
      </h2>
      <p className="pop-muted" style={{ marginBottom: 8 }}>
        {props.reason}
      </p>
      <form className="pop-inline-form" onSubmit={submit}>
        <label htmlFor={`${id}-url`} className="pop-sr-only">
          Objective URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          placeholder="Paste an objective’s URL"
          value={address}
          aria-invalid={Boolean(props.pasteError)}
          onChange={(event) => setAddress(event.target.value)}
        />
        <button type="submit" className="ext-button">
          Open
        </button>
      </form>
      {props.pasteError && (
        <p className="pop-field-error" style={{ marginTop: 4 }}>
          {props.pasteError}
        </p>
      )}
      {props.problem && (
        <div style={{ marginTop: 10 }}>
          <ProblemBanner problem={props.problem} onOpenOptions={props.onOpenOptions} />
        </div>
      )}
      {props.picks === null && !props.problem && (
        <p className="pop-muted" style={{ marginTop: 10 }}>
          <span className="pop-spinner" aria-hidden="true" /> Looking for your objectives…
        </p>
      )}
      {props.picks && props.picks.length === 0 && (
        <p className="pop-muted" style={{ marginTop: 10 }}>
          No open objective of yours was found; paste one’s URL above.
        </p>
      )}
      {props.picks && props.picks.length > 0 && (
        <ul className="pop-picks" aria-label="Your objectives">
          {props.picks.map((pick) => (
            <li key={pick.url}>
              <button type="button" className="pop-pick" onClick={() => props.onPick(pick.url)}>
                {pick.title}
                <small>
                  {pick.reference} ·{' '}
                  {pick.source === 'assigned' ? 'you are the DRI' : 'seen recently'}
                </small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
