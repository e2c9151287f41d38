// What the options page reads for its watched namespaces, straight from the extension's storage:
// the stale watch's last report (followed while the page is open) and when the user last opened
// an OKR on each instance (the cached panel views), to start the Watch form on that instance.
import { StaleReportSchema, type InstanceView, type StaleReport } from '../../lib/messages';
import { instanceForPage } from '../../lib/instances';
import { staleReportItem, viewCacheItem } from '../../lib/settings';

export interface WatchSource {
  /** Calls back with the last report, then with every new one; returns the unsubscribe. */
  followReport(onReport: (report: StaleReport | null) => void): () => void;
  /** The last time an OKR of each instance was opened, by base URL (ISO). */
  lastOpened(instances: readonly InstanceView[]): Promise<Record<string, string>>;
}

/** A report written by another release that does not parse is not shown. */
function reportOf(stored: unknown): StaleReport | null {
  const parsed = StaleReportSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export const browserWatchSource: WatchSource = {
  followReport(onReport) {
    let open = true;
    void staleReportItem.getValue().then((stored) => {
      if (open) onReport(reportOf(stored));
    });
    const unwatch = staleReportItem.watch((stored) => onReport(reportOf(stored)));
    return () => {
      open = false;
      unwatch();
    };
  },
  async lastOpened(instances) {
    const last: Record<string, string> = {};
    for (const { storedAt, view } of Object.values(await viewCacheItem.getValue())) {
      const owner = instanceForPage(instances, view.item.url);
      if (owner && storedAt > (last[owner.baseUrl] ?? '')) last[owner.baseUrl] = storedAt;
    }
    return last;
  },
};
