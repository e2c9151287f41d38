// A small quarter map for the report's unit tests: two top objectives, one with a child
// objective, key results in every health, one stale and one unscored.
import type { MapItem, QuarterMap } from '../../../../lib/okr/quarter/map-model';

export function mapItem(fields: Partial<MapItem> & Pick<MapItem, 'url' | 'title'>): MapItem {
  return {
    reference: fields.url.replace('https://gitlab.example/', ''),
    type: 'keyResult',
    carrier: 'workItemTypes',
    parentUrl: null,
    score: null,
    method: 'none',
    gitlabProgress: null,
    expected: 0.5,
    health: null,
    stale: false,
    staleSince: null,
    dri: null,
    warnings: [],
    ...fields,
  };
}

const base = 'https://gitlab.example/acme/okrs/-/work_items';

export const O1 = mapItem({
  url: `${base}/1`,
  title: 'Continue to win with AI',
  type: 'objective',
  score: 0.45,
  method: 'children',
  health: 'onTrack',
  dri: 'cto',
});
export const KR11 = mapItem({
  url: `${base}/11`,
  title: 'Ship 48 AI features',
  parentUrl: O1.url,
  score: 0.6,
  method: 'startTarget',
  gitlabProgress: 60,
  health: 'onTrack',
  dri: 'casey',
});
export const KR12 = mapItem({
  url: `${base}/12`,
  title: 'Support offering ready for launch',
  parentUrl: O1.url,
  score: 0.3,
  method: 'gitlabProgress',
  gitlabProgress: 30,
  health: 'atRisk',
  dri: 'dana',
  warnings: [{ rule: 'behind-schedule', severity: 'warning' }],
});
export const O2 = mapItem({
  url: `${base}/2`,
  title: 'Reduce churn',
  type: 'objective',
  score: 0.2,
  method: 'children',
  health: 'needsAttention',
  dri: 'cto',
});
export const O21 = mapItem({
  url: `${base}/21`,
  title: 'Availability',
  type: 'objective',
  parentUrl: O2.url,
  score: 0.2,
  method: 'children',
  health: null,
  stale: true,
  staleSince: '2026-10-02T09:00:00Z',
  dri: null,
});
export const KR211 = mapItem({
  url: `${base}/211`,
  title: '=HYPERLINK("http://evil") 99.95% availability, "all" services',
  parentUrl: O21.url,
  score: 0.2,
  method: 'gitlabProgress',
  gitlabProgress: 20,
  health: 'needsAttention',
  stale: true,
  staleSince: '2026-10-20T09:00:00Z',
  dri: 'erin',
});
export const KR212 = mapItem({
  url: `${base}/212`,
  title: 'RTO 2 hours',
  parentUrl: O21.url,
  score: null,
  health: null,
  dri: 'frank',
});

export const SAMPLE_MAP: QuarterMap = {
  scope: ['acme'],
  quarter: { title: 'FY27-Q1', start: '2026-11-01', end: '2027-01-31' },
  generatedAt: '2026-12-10T12:00:00Z',
  summary: {
    objectives: { total: 3, onTrack: 1, needsAttention: 1, atRisk: 0, none: 1 },
    keyResults: { total: 4, onTrack: 1, needsAttention: 1, atRisk: 1, none: 1 },
    stale: 2,
    updatedThisMonth: 0.5,
    updatedSince: '2026-11-01',
    averageScore: 0.3667,
    expected: 0.43,
  },
  items: [O1, KR11, KR12, O2, O21, KR211, KR212],
};
