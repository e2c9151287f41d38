// GitLab's health status as a pill whose words carry the meaning; the colour only repeats it.
// A stale status says so beside the pill, so "On track" is never read as today's word.
import type { OkrView, StepStale } from '../../lib/view';
import { healthLabel, staleNote } from './format';

type Health = OkrView['item']['health'];

export function HealthPill({ health, stale }: { health: Health; stale?: StepStale | undefined }) {
  return (
    <>
      <span
        className={`okr-pill okr-pill--${health ?? 'neutral'}`}
        data-health={health ?? undefined}
      >
        {healthLabel(health)}
      </span>
      {/* "No health status" already says what is missing. */}
      {stale && health && (
        <span className="okr-stale-mark" data-testid="okr-stale-mark">
          {staleNote(stale.lastChange)}
        </span>
      )}
    </>
  );
}
