// GitLab's health status as a pill whose words carry the meaning; the colour only repeats it.
import type { OkrView } from '../../lib/view';
import { HEALTH_LABEL } from './format';

type Health = OkrView['item']['health'];

export function HealthPill({ health }: { health: Health }) {
  if (health === null) {
    return <span className="okr-pill okr-pill--neutral">No health status</span>;
  }
  return (
    <span className={`okr-pill okr-pill--${health}`} data-health={health}>
      {HEALTH_LABEL[health]}
    </span>
  );
}
