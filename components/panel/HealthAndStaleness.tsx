// The item's health status and whether it has gone stale (the same verdict as the toolbar badge).
import { PanelSection } from './PanelSection';
import type { ItemView } from '../../lib/view';
import { HealthPill } from './HealthPill';
import { formatDate } from './format';

export function HealthAndStaleness({ item }: { item: ItemView }) {
  const { stale } = item;
  return (
    <PanelSection testId="okr-health" title="Health">
      <p className="okr-health-line">
        <HealthPill health={item.health} />
        {item.state === 'closed' && <span className="okr-pill okr-pill--closed">Closed</span>}
      </p>
      <p
        className={`okr-stale${stale.stale ? ' okr-stale--stale' : ''}`}
        data-testid="okr-stale"
        data-stale={stale.stale}
      >
        <strong className="okr-stale-verdict">
          {stale.stale ? 'Stale' : verdictOf(stale.code)}
        </strong>
        {': '}
        <bdi>{stale.reason}</bdi>
        {stale.lastUpdate && !REASON_NAMES_LAST_UPDATE.has(stale.code) && (
          <span className="okr-muted"> Last update {formatDate(stale.lastUpdate)}.</span>
        )}
      </p>
    </PanelSection>
  );
}

/** These reasons already say the date of the last update: the panel does not repeat it. */
const REASON_NAMES_LAST_UPDATE: ReadonlySet<ItemView['stale']['code']> = new Set([
  'fresh',
  'tooOld',
]);

function verdictOf(code: ItemView['stale']['code']): string {
  return code === 'closed' ? 'Closed' : 'Up to date';
}
