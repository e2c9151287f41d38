// The quarter map page's state as it lives in the page's URL (after `#`), so a view can be
// bookmarked and shared: which map (instance, scope, quarter), the view, the filters, the search,
// the expanded rows and the highlighted item. Pure: parse and write, nothing else.

export const MAP_VIEWS = ['all', 'team', 'mine'] as const;
export type MapView = (typeof MAP_VIEWS)[number];

export const HEALTH_FILTERS = ['onTrack', 'needsAttention', 'atRisk', 'none'] as const;
export type HealthFilter = (typeof HEALTH_FILTERS)[number];

export const TYPE_FILTERS = ['all', 'objective', 'keyResult'] as const;
export type TypeFilter = (typeof TYPE_FILTERS)[number];

export interface MapPageState {
  /** The instance's base URL. */
  instance: string | null;
  /** Groups or projects, full paths. */
  scope: string[];
  /** The quarter's title; null: the current one. */
  quarter: string | null;
  view: MapView;
  /** *My team*: the people (usernames) whose items count… */
  people: string[];
  /** …and the objectives (references) everything under which counts. */
  under: string[];
  dri: string[];
  health: HealthFilter[];
  staleOnly: boolean;
  warningsOnly: boolean;
  type: TypeFilter;
  search: string;
  /** References of the expanded rows. */
  open: string[];
  /** Reference or URL of the item to highlight. */
  focus: string | null;
}

export const EMPTY_MAP_STATE: MapPageState = {
  instance: null,
  scope: [],
  quarter: null,
  view: 'all',
  people: [],
  under: [],
  dri: [],
  health: [],
  staleOnly: false,
  warningsOnly: false,
  type: 'all',
  search: '',
  open: [],
  focus: null,
};

function listOf(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The state a URL's hash names; anything it does not name keeps its default. */
export function parseMapState(hash: string): MapPageState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    instance: params.get('instance') || null,
    scope: listOf(params.get('scope')),
    quarter: params.get('quarter') || null,
    view: oneOf(params.get('view'), MAP_VIEWS, 'all'),
    people: listOf(params.get('people')),
    under: listOf(params.get('under')),
    dri: listOf(params.get('dri')),
    health: listOf(params.get('health')).filter((value): value is HealthFilter =>
      (HEALTH_FILTERS as readonly string[]).includes(value),
    ),
    staleOnly: params.get('stale') === '1',
    warningsOnly: params.get('warnings') === '1',
    type: oneOf(params.get('type'), TYPE_FILTERS, 'all'),
    search: params.get('search') ?? '',
    open: listOf(params.get('open')),
    focus: params.get('focus') || null,
  };
}

/** The hash for a state, naming only what differs from the defaults (short, readable links). */
export function mapStateHash(state: MapPageState): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value !== '') params.set(key, value);
  };
  put('instance', state.instance ?? '');
  put('scope', state.scope.join(','));
  put('quarter', state.quarter ?? '');
  if (state.view !== 'all') put('view', state.view);
  put('people', state.people.join(','));
  put('under', state.under.join(','));
  put('dri', state.dri.join(','));
  put('health', state.health.join(','));
  if (state.staleOnly) put('stale', '1');
  if (state.warningsOnly) put('warnings', '1');
  if (state.type !== 'all') put('type', state.type);
  put('search', state.search);
  put('open', state.open.join(','));
  put('focus', state.focus ?? '');
  const text = params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
  return text ? `#${text}` : '';
}
