// Which rows the map lists: top objectives and the expanded rows' children; a view or a filter
// lists the matches with the objectives above them; the state round-trips through the URL.
import { describe, expect, it } from 'vitest';
import { indexOf, visibleRows } from '../../../components/map/rows';
import {
  EMPTY_MAP_STATE,
  mapStateHash,
  parseMapState,
  type MapPageState,
} from '../../../lib/map-state';
import type { MapItem } from '../../../lib/okr/quarter/map-model';

function item(reference: string, parent: string | null, partial: Partial<MapItem> = {}): MapItem {
  return {
    url: `https://gitlab.example/${reference}`,
    reference,
    type: 'keyResult',
    carrier: 'workItemTypes',
    title: `Item ${reference}`,
    parentUrl: parent ? `https://gitlab.example/${parent}` : null,
    score: 0.5,
    method: 'values',
    gitlabProgress: 50,
    expected: 0.5,
    health: 'onTrack',
    stale: false,
    staleSince: null,
    dri: 'casey',
    warnings: [],
    ...partial,
  };
}

const items: MapItem[] = [
  item('o1', null, { type: 'objective', dri: 'casey' }),
  item('kr1', 'o1', { dri: 'morgan', health: 'atRisk' }),
  item('o2', 'o1', { type: 'objective', dri: 'morgan' }),
  item('kr2', 'o2', { dri: 'riley', stale: true, title: 'Cut latency' }),
  item('o3', null, { type: 'objective', dri: 'devon' }),
  item('kr3', 'o3', { dri: 'devon', warnings: [{ rule: 'one-dri', severity: 'warning' }] }),
];
const index = indexOf(items);
const listed = (state: Partial<MapPageState>, me: string | null = 'casey') =>
  visibleRows(items, index, { ...EMPTY_MAP_STATE, ...state }, me).map((row) =>
    row.context ? `(${row.item.reference})` : row.item.reference,
  );

describe('map rows', () => {
  it('lists the top objectives, and the children of expanded rows', () => {
    expect(listed({})).toEqual(['o1', 'o3']);
    expect(listed({ open: ['o1'] })).toEqual(['o1', 'kr1', 'o2', 'o3']);
    expect(listed({ open: ['o1', 'o2'] })).toEqual(['o1', 'kr1', 'o2', 'kr2', 'o3']);
  });

  it('Mine lists the user’s items with the objectives above them as context', () => {
    expect(listed({ view: 'mine' }, 'morgan')).toEqual(['(o1)', 'kr1', 'o2']);
    expect(listed({ view: 'mine' }, null)).toEqual([]);
  });

  it('My team lists the named people’s items and everything under chosen objectives', () => {
    expect(listed({ view: 'team', people: ['riley', '@Devon'] })).toEqual([
      '(o1)',
      '(o2)',
      'kr2',
      'o3',
      'kr3',
    ]);
    expect(listed({ view: 'team', under: ['o2'] })).toEqual(['(o1)', 'o2', 'kr2']);
  });

  it('filters by DRI, health, staleness, warnings, type and title', () => {
    expect(listed({ dri: ['devon'] })).toEqual(['o3', 'kr3']);
    expect(listed({ health: ['atRisk'] })).toEqual(['(o1)', 'kr1']);
    expect(listed({ staleOnly: true })).toEqual(['(o1)', '(o2)', 'kr2']);
    expect(listed({ warningsOnly: true })).toEqual(['(o3)', 'kr3']);
    expect(listed({ type: 'objective' })).toEqual(['o1', 'o2', 'o3']);
    expect(listed({ search: 'LATENCY' })).toEqual(['(o1)', '(o2)', 'kr2']);
  });

  it('keeps view, filters and expanded rows in the URL', () => {
    const state: MapPageState = {
      ...EMPTY_MAP_STATE,
      instance: 'https://gitlab.example',
      scope: ['gitlab-com/gitlab-okrs', 'acme'],
      quarter: 'FY27-Q4',
      view: 'team',
      people: ['casey', 'morgan'],
      under: ['gitlab-com/gitlab-okrs#2231'],
      dri: ['casey'],
      health: ['atRisk', 'none'],
      staleOnly: true,
      warningsOnly: true,
      type: 'keyResult',
      search: 'win & grow',
      open: ['gitlab-com/gitlab-okrs#2231', 'acme&3'],
      focus: 'gitlab-com/gitlab-okrs#2429',
    };
    const hash = mapStateHash(state);
    expect(parseMapState(hash)).toEqual(state);
    expect(mapStateHash(EMPTY_MAP_STATE)).toBe('');
    expect(parseMapState('#view=nonsense&type=x')).toEqual(EMPTY_MAP_STATE);
  });
});
