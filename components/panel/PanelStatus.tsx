// The quiet states around the data: the loading skeleton and the "cached, refreshing" hint.
import { formatDateTime } from './format';

export function PanelSkeleton() {
  return (
    <div className="okr-skeleton" data-testid="okr-skeleton" aria-hidden="false">
      <span className="okr-sr-only" role="status">
        Loading OKR data…
      </span>
      <div className="okr-skeleton-block okr-skeleton-block--score" aria-hidden="true" />
      <div className="okr-skeleton-line" aria-hidden="true" />
      <div className="okr-skeleton-line okr-skeleton-line--short" aria-hidden="true" />
      <div className="okr-skeleton-line" aria-hidden="true" />
    </div>
  );
}

export function CacheHint({ fetchedAt, refreshing }: { fetchedAt: string; refreshing: boolean }) {
  return (
    <p className="okr-cache-hint" role="status" data-testid="okr-cache-hint">
      Showing cached data from {formatDateTime(fetchedAt)}
      {refreshing ? ', refreshing…' : '.'}
    </p>
  );
}
