// The words the report, the monthly post and the CSV share for scores, health and people.
import { percent } from '../format';
import type { HealthStatus } from '../model';
import type { MapItem } from './map-model';

const HEALTH_WORDS: Record<HealthStatus, string> = {
  onTrack: 'on track',
  needsAttention: 'needs attention',
  atRisk: 'at risk',
};

/** "on track", "needs attention", "at risk", or "no health status". */
export function healthWord(health: HealthStatus | null): string {
  return health === null ? 'no health status' : HEALTH_WORDS[health];
}

/** "45%", or "no data" for an item nothing scores (never a silent 0%). */
export function scoreWord(score: number | null): string {
  return score === null ? 'no data' : percent(score);
}

/** "@casey", or "no DRI" (a table cell). */
export function driWord(dri: string | null): string {
  return dri === null ? 'no DRI' : `@${dri}`;
}

/** "DRI @casey", or "no DRI" (in a sentence). */
export function driPhrase(dri: string | null): string {
  return dri === null ? 'no DRI' : `DRI @${dri}`;
}

/** Text safe inside a Markdown link's label or a table cell: no line breaks, pipes or brackets. */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]|<>])/g, '\\$1')
    .trim();
}

/** `[title](url)` with the title escaped. */
export function itemLink(item: Pick<MapItem, 'title' | 'url'>): string {
  return `[${markdownText(item.title)}](${item.url.replace(/\)/g, '%29')})`;
}
