// The sums at the top of the quarter map: objectives and key results by health, the stale count,
// the share of key results updated this month, and the average score against the expected line.
import type { MapSummary } from '../../lib/okr/quarter/map-model';
import { formatDate } from '../../lib/okr/format';
import { percent } from './map-words';

type HealthCounts = MapSummary['objectives'];

function HealthCountsCard({
  title,
  counts,
  testId,
}: {
  title: string;
  counts: HealthCounts;
  testId: string;
}) {
  return (
    <div className="map-card" data-testid={testId}>
      <div className="map-card-title">{title}</div>
      <div className="map-card-number">{counts.total}</div>
      <ul className="map-health-counts">
        <li>
          <span className="ext-pill ext-pill--onTrack">On track</span> {counts.onTrack}
        </li>
        <li>
          <span className="ext-pill ext-pill--needsAttention">Needs attention</span>{' '}
          {counts.needsAttention}
        </li>
        <li>
          <span className="ext-pill ext-pill--atRisk">At risk</span> {counts.atRisk}
        </li>
        <li>
          <span className="ext-pill">No health status</span> {counts.none}
        </li>
      </ul>
    </div>
  );
}

export function MapSummaryBar({ summary }: { summary: MapSummary }) {
  const { averageScore, expected } = summary;
  const behind = averageScore !== null && expected !== null && averageScore < expected;
  return (
    <section className="map-summary" aria-label="Sums">
      <HealthCountsCard
        title="Objectives"
        counts={summary.objectives}
        testId="map-sum-objectives"
      />
      <HealthCountsCard
        title="Key results"
        counts={summary.keyResults}
        testId="map-sum-key-results"
      />
      <div className="map-card" data-testid="map-sum-stale">
        <div className="map-card-title">Stale health status</div>
        <div className="map-card-number">{summary.stale}</div>
        <p className="map-card-note">objectives and key results without a recent update</p>
      </div>
      <div className="map-card" data-testid="map-sum-updated">
        <div className="map-card-title">
          Key results updated since {formatDate(summary.updatedSince)}
        </div>
        <div className="map-card-number">
          {summary.updatedThisMonth === null ? '—' : percent(summary.updatedThisMonth)}
        </div>
      </div>
      <div className="map-card" data-testid="map-sum-score">
        <div className="map-card-title">Average key result score</div>
        <div className="map-card-number">{averageScore === null ? '—' : percent(averageScore)}</div>
        {expected !== null && (
          <>
            <div
              className="map-meter"
              role="img"
              aria-label={`Average ${averageScore === null ? 'not scored' : percent(averageScore)}, expected ${percent(expected)} by today`}
            >
              <span
                className="map-meter-fill"
                style={{ width: `${Math.min(100, (averageScore ?? 0) * 100)}%` }}
              />
              <span
                className="map-meter-line"
                style={{ left: `${Math.min(100, expected * 100)}%` }}
              />
            </div>
            <p className="map-card-note">
              Expected by today: {percent(expected)}
              {behind ? ' · behind' : ''}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
