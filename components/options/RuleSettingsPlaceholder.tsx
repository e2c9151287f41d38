// Room for the handbook rule settings (switch a rule off, change its numbers), which come later.
import { useId } from 'react';

export function RuleSettingsPlaceholder() {
  const headingId = useId();
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="rule-settings">
      <h2 id={headingId}>Handbook checks</h2>
      <p className="opt-muted">
        All checks run with the handbook’s defaults. Switching checks off and changing their numbers
        will live here.
      </p>
    </section>
  );
}
