// The quarter map's data (issue 13): every OKR item of a scope (groups or projects) for one
// quarter, in tree order, as the map page, the Key Review report and `okr-lens report --format
// json` all read it. The JSON contract of the CLI is exactly `QuarterMap`; change it only with a
// note in the README's CLI section.
import type { HealthStatus, IsoDate, IsoDateTime } from '../model';

export type MapItemType = 'objective' | 'keyResult';
export type MapSeverity = 'error' | 'warning' | 'info';

export interface MapItem {
  url: string;
  /** GitLab's full reference, `group/project#12` or `group&3`. */
  reference: string;
  type: MapItemType;
  /** How the item is kept: 'workItemTypes' | 'epics' (lib/gitlab/carriers/conventions.ts). */
  carrier: string;
  title: string;
  /** The parent objective's URL; null for a top objective of the scope. */
  parentUrl: string | null;
  /** Computed score 0..1, null when there is no data to score. */
  score: number | null;
  /** Scoring method id (lib/okr/score.ts ScoreMethod). */
  method: string;
  /** GitLab's own number 0..100 (progress widget or epic progress), null when it keeps none. */
  gitlabProgress: number | null;
  /** Expected progress 0..1 for the map's date, null when the quarter's dates are unknown. */
  expected: number | null;
  health: HealthStatus | null;
  stale: boolean;
  /** Since when nothing changed on a stale item (ISO), null when fresh or unknown. */
  staleSince: IsoDateTime | null;
  /** The DRI's username (first assignee), null when nobody is assigned. */
  dri: string | null;
  warnings: { rule: string; severity: MapSeverity }[];
}

export interface MapSummary {
  objectives: {
    total: number;
    onTrack: number;
    needsAttention: number;
    atRisk: number;
    none: number;
  };
  keyResults: {
    total: number;
    onTrack: number;
    needsAttention: number;
    atRisk: number;
    none: number;
  };
  stale: number;
  /**
   * Share (0..1) of key results updated since `updatedSince` (up to the quarter's end once it is
   * over), null without key results.
   */
  updatedThisMonth: number | null;
  /**
   * The 1st of the month the share counts from: this month's, or for a quarter already over,
   * its last month's (a past quarter's share of "updated this month" would say nothing).
   */
  updatedSince: IsoDate;
  /** Mean score of the key results that have one (0..1), and the expected line for the date. */
  averageScore: number | null;
  expected: number | null;
}

export interface QuarterMap {
  /** The groups or projects the map covers (full paths or URLs as given). */
  scope: string[];
  quarter: { title: string; start: IsoDate | null; end: IsoDate | null };
  generatedAt: IsoDateTime;
  summary: MapSummary;
  /** Every OKR item of the scope for the quarter, in tree order (parents before children). */
  items: MapItem[];
}
