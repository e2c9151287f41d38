// "Handbook checks": every registered rule with its severity, what it checks, an on/off switch
// and its numbers next to the handbook's, and a way back to the handbook's defaults.
import { useId } from 'react';
import { rules, type Rule, type RuleSetting, type RuleSettings } from '../../lib/okr';
import { NumberField } from './NumberField';
import { SEVERITY_WORDS, wordsOf } from './rule-words';
import { shownNumber, storedNumber } from './settings-input';

/** A change to one rule: `enabled` or one of its numbers. */
export type RulePatch = Partial<Record<string, number | boolean>>;

export interface RuleSettingsSectionProps {
  /** Null while the settings load. */
  settings: RuleSettings | null;
  onChange: (ruleId: string, patch: RulePatch) => void;
  onRestoreDefaults: () => void;
}

const SEVERITY_TONE = { error: 'danger', warning: 'warning', info: 'info' } as const;

export function RuleSettingsSection({
  settings,
  onChange,
  onRestoreDefaults,
}: RuleSettingsSectionProps) {
  const headingId = useId();
  const restoreHintId = useId();
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="rule-settings">
      <h2 id={headingId}>Handbook checks</h2>
      <p className="opt-muted opt-intro">
        The panel warns when an OKR breaks one of these rules from the handbook. Switch off what
        your team does differently, or change its numbers.
      </p>
      {settings === null ? (
        <p className="opt-muted">Loading…</p>
      ) : (
        <>
          <ul className="opt-rules">
            {(rules as readonly Rule[]).map((rule) => (
              <RuleCard
                key={rule.id}
                rule={rule}
                setting={(settings as Record<string, RuleSetting>)[rule.id] ?? rule.defaults}
                onChange={(patch) => onChange(rule.id, patch)}
              />
            ))}
          </ul>
          <div className="opt-actions">
            <button
              type="button"
              className="ext-button"
              aria-describedby={restoreHintId}
              onClick={onRestoreDefaults}
            >
              Restore handbook defaults
            </button>
          </div>
          <p id={restoreHintId} className="opt-hint">
            Turns every check on with the handbook’s numbers, the staleness days included.
          </p>
        </>
      )}
    </section>
  );
}

function RuleCard({
  rule,
  setting,
  onChange,
}: {
  rule: Rule;
  setting: RuleSetting;
  onChange: (patch: RulePatch) => void;
}) {
  const descriptionId = useId();
  const words = wordsOf(rule.id);
  const values = setting as unknown as Record<string, number>;
  const defaults = rule.defaults as unknown as Record<string, number>;
  const numbers = Object.entries(words.numbers ?? {}).filter(([key]) => key in defaults);
  return (
    <li
      className={`opt-rule${setting.enabled ? '' : ' opt-rule--off'}`}
      data-testid="rule-setting"
      data-rule={rule.id}
    >
      <fieldset>
        <legend className="opt-rule-head">
          <label className="opt-switch-label">
            <input
              type="checkbox"
              role="switch"
              className="opt-switch"
              checked={setting.enabled}
              aria-describedby={descriptionId}
              onChange={(event) => onChange({ enabled: event.target.checked })}
            />
            <span className="opt-rule-title">{words.title}</span>
          </label>
          <span className={`ext-pill ext-pill--${SEVERITY_TONE[rule.severity]}`}>
            {SEVERITY_WORDS[rule.severity]}
          </span>
          <code className="opt-rule-id">{rule.id}</code>
        </legend>
        <div className="opt-rule-body">
          <p id={descriptionId} className="opt-rule-description">
            {words.description}
            {words.numbersElsewhere && (
              <>
                {' '}
                Its numbers are set under{' '}
                <a href={`#${words.numbersElsewhere.sectionId}`}>
                  {words.numbersElsewhere.section}
                </a>
                .
              </>
            )}
          </p>
          {numbers.map(([key, number]) => (
            <NumberField
              key={key}
              label={number.label}
              unit={number.unit}
              min={number.min}
              max={number.max}
              value={shownNumber(values[key] ?? defaults[key] ?? 0, number)}
              handbook={shownNumber(defaults[key] ?? 0, number)}
              disabled={!setting.enabled}
              onChange={(shown) => onChange({ [key]: storedNumber(shown, number) })}
            />
          ))}
          <details className="opt-source">
            <summary>Where the handbook says so</summary>
            <p>{rule.source}</p>
          </details>
        </div>
      </fieldset>
    </li>
  );
}
