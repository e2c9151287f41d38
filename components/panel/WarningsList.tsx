// The handbook checks that fired, grouped by severity, each with the passage it comes from.
import { PanelSection, useUniqueId } from './PanelSection';
import type { WarningView } from '../../lib/view';
import { SeverityIcon } from './icons';

type Severity = WarningView['severity'];

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

const GROUP_TITLE: Record<Severity, [one: string, many: string]> = {
  error: ['Error', 'Errors'],
  warning: ['Warning', 'Warnings'],
  info: ['Suggestion', 'Suggestions'],
};

export function WarningsList({ warnings }: { warnings: WarningView[] }) {
  return (
    <PanelSection
      testId="okr-warnings"
      title={
        <>
          Handbook checks <span className="okr-count">{warnings.length}</span>
        </>
      }
    >
      {warnings.length === 0 ? (
        <p className="okr-muted">Every handbook check passes.</p>
      ) : (
        SEVERITY_ORDER.map((severity) => {
          const group = warnings.filter((warning) => warning.severity === severity);
          return group.length > 0 ? (
            <WarningGroup key={severity} severity={severity} warnings={group} />
          ) : null;
        })
      )}
    </PanelSection>
  );
}

function WarningGroup({ severity, warnings }: { severity: Severity; warnings: WarningView[] }) {
  const headingId = useUniqueId();
  const [one, many] = GROUP_TITLE[severity];
  return (
    <div
      className={`okr-warning-group okr-warning-group--${severity}`}
      role="group"
      aria-labelledby={headingId}
      data-testid={`okr-warnings-${severity}`}
    >
      <h4 id={headingId} className="okr-group-title">
        {warnings.length === 1 ? one : many} <span className="okr-count">{warnings.length}</span>
      </h4>
      <ul className="okr-rows">
        {warnings.map((warning, index) => (
          <li
            key={`${warning.rule}-${index}`}
            className={`okr-warning okr-warning--${severity}`}
            data-testid="okr-warning"
            data-rule={warning.rule}
          >
            <SeverityIcon severity={severity} />
            <div className="okr-warning-body">
              <p className="okr-warning-message">
                <bdi>{warning.message}</bdi>
              </p>
              <details className="okr-details okr-details--source">
                <summary>Handbook source</summary>
                <p className="okr-source">
                  <bdi>{warning.source}</bdi>
                </p>
                <p className="okr-muted okr-rule-id">Rule: {warning.rule}</p>
              </details>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
