// GitLab's health status as a pill whose words carry the meaning; the colour only repeats it.
import type { OkrView } from '../../lib/view';
import { healthLabel } from './format';

type Health = OkrView['item']['health'];

export function HealthPill({ health }: { health: Health }) {
  return (
    <span className={`okr-pill okr-pill--${health ?? 'neutral'}`} data-health={health ?? undefined}>
      {healthLabel(health)}
    </span>
  );
}
