// `okr-lens report`: the quarter map of a group or project as the Key Review report, the monthly
// post, CSV or the map's JSON, from the same assembly as the map page (services/quarter-report).
// The map and the notes come through a port, so tests drive it with fake data.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isIsoDate, localDateOf } from './okr/calendar';
import type { QuarterMap } from './okr/quarter/map-model';
import { viewWords } from './okr/quarter/map-view';
import { normaliseInstanceUrl } from './instances';
import { problemOf } from './services/problems';
import {
  notesNeeded,
  reportText,
  type ItemNotesLike,
  type ReportFormat,
} from './services/quarter-report';

export type ReportView = 'everything' | 'mine' | 'team';

export interface ReportMapRequest {
  /** The instance's base URL and the group or project path under it. */
  baseUrl: string;
  scope: string;
  /** A quarter's title; null for the current one. */
  quarter: string | null;
  view: ReportView;
  /** Usernames for the team view. */
  people: string[];
}

export interface ReportSource {
  /** The quarter map of the scope with the view applied, or what went wrong in words. */
  loadMap(
    request: ReportMapRequest,
  ): Promise<{ ok: true; map: QuarterMap } | { ok: false; message: string }>;
  /** Items' notes by URL (batched by the adapter); items GitLab did not return are missing. */
  loadNotes(urls: string[]): Promise<Map<string, ItemNotesLike>>;
}

export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** Reads the `--compare` file; node:fs by default. */
  readText?: (path: string) => Promise<string>;
}

export const REPORT_USAGE = `Usage: okr-lens report <group or project URL> [--quarter Q] [--view mine|team --people a,b]
                       [--format md|csv|json] [--since YYYY-MM-DD] [--monthly] [--compare FILE]

  report     every objective and key result of the group or project (subgroups included) for a quarter
  --quarter  the milestone or quarter label's title (default: the current quarter)
  --view     everything (default), mine (the token's user is the DRI), team (--people are the DRIs)
  --format   md: the Key Review report (default); csv: the whole tree; json: the quarter map
  --since    the Key Review report says what changed since this date (score, health)
  --monthly  the short monthly progress post instead of the Key Review report
  --compare  a map saved earlier with --format json: new warnings since then are listed too
  --instance the instance's base URL when it has a relative URL root`;

export interface ReportArgs {
  url: string;
  instance: string | undefined;
  quarter: string | null;
  view: ReportView;
  people: string[];
  format: ReportFormat;
  since: string | null;
  compare: string | null;
}

const VIEWS: readonly ReportView[] = ['everything', 'mine', 'team'];
const FORMATS = ['md', 'csv', 'json'] as const;

/** The report's arguments, or a sentence saying what is wrong with them. */
export function parseReportArgs(
  argv: string[],
): { ok: true; args: ReportArgs } | { ok: false; message: string; help?: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quarter: { type: 'string' },
        view: { type: 'string', default: 'everything' },
        people: { type: 'string' },
        format: { type: 'string', default: 'md' },
        since: { type: 'string' },
        monthly: { type: 'boolean', default: false },
        compare: { type: 'string' },
        instance: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: false, message: '', help: true };
  const [url, ...extra] = positionals;
  if (!url)
    return { ok: false, message: 'Name the group or project, e.g. https://gitlab.com/gitlab-com.' };
  if (extra.length)
    return { ok: false, message: `One group or project URL only; also given: ${extra.join(' ')}` };
  const view = values.view as ReportView;
  if (!VIEWS.includes(view))
    return { ok: false, message: `--view is mine, team or everything, not "${values.view}".` };
  const people = (values.people ?? '')
    .split(',')
    .map((name) => name.trim().replace(/^@/, ''))
    .filter(Boolean);
  if (view === 'team' && people.length === 0)
    return {
      ok: false,
      message: '--view team needs --people with usernames, e.g. --people riley,evan.',
    };
  if (view !== 'team' && values.people !== undefined)
    return { ok: false, message: '--people goes with --view team.' };
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    return { ok: false, message: `--format is md, csv or json, not "${values.format}".` };
  if (values.since !== undefined && !isIsoDate(values.since))
    return { ok: false, message: `--since takes a date as YYYY-MM-DD, not "${values.since}".` };
  if (format !== 'md' && (values.since || values.monthly || values.compare))
    return {
      ok: false,
      message: '--since, --monthly and --compare go with the Markdown report (--format md).',
    };
  if (values.monthly && (values.since || values.compare))
    return {
      ok: false,
      message: 'The monthly post lists where things stand: leave out --since and --compare.',
    };
  return {
    ok: true,
    args: {
      url,
      instance: values.instance,
      quarter: values.quarter?.trim() || null,
      view,
      people,
      format: format === 'md' ? (values.monthly ? 'monthly' : 'keyReview') : format,
      since: values.since ?? null,
      compare: values.compare ?? null,
    },
  };
}

/** `https://host/groups/acme/-/epics` → `acme`; `https://host/acme/engineering` → `acme/engineering`. */
export function scopePathOf(url: string, baseUrl: string): string | null {
  let href: URL;
  try {
    href = new URL(url);
  } catch {
    return null;
  }
  const full = `${href.origin}${href.pathname}`;
  if (!full.startsWith(baseUrl)) return null;
  let path = full.slice(baseUrl.length).replace(/^\/+|\/+$/g, '');
  path = path.replace(/^groups\//, '');
  const routeEnd = path.indexOf('/-/');
  if (routeEnd >= 0) path = path.slice(0, routeEnd);
  path = path.replace(/\/-$/, '');
  return path === '' ? null : path;
}

async function earlierMapOf(path: string, io: ReportIo): Promise<QuarterMap | string> {
  let text: string;
  try {
    text = await (io.readText ?? ((file) => readFile(file, 'utf8')))(path);
  } catch (error) {
    return `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const map = JSON.parse(text) as Partial<QuarterMap>;
    if (!Array.isArray(map.items) || typeof map.generatedAt !== 'string') throw new Error();
    return map as QuarterMap;
  } catch {
    return `${path} is not a map saved with "okr-lens report … --format json".`;
  }
}

export interface ReportDeps {
  /** The map and notes for an instance, with the token from the environment. */
  sourceFor(target: { baseUrl: string; origin: string; token: string }): ReportSource;
}

export async function runReport(argv: string[], io: ReportIo, deps: ReportDeps): Promise<number> {
  const parsed = parseReportArgs(argv);
  if (!parsed.ok) {
    io.stderr(parsed.help ? `${REPORT_USAGE}\n` : `${parsed.message}\n${REPORT_USAGE}\n`);
    return parsed.help ? 0 : 2;
  }
  const { args } = parsed;
  const instance = normaliseInstanceUrl(
    args.instance ?? new URL(args.url, 'https://invalid').origin,
  );
  const scope = instance ? scopePathOf(args.url, instance.baseUrl) : null;
  if (!instance || !scope) {
    io.stderr(`Not a GitLab group or project URL: ${args.url}\n`);
    return 2;
  }
  const token = io.env.GITLAB_TOKEN;
  if (!token) {
    io.stderr('Set GITLAB_TOKEN to a personal access token with the read_api (or api) scope.\n');
    return 2;
  }
  let earlier: QuarterMap | null = null;
  if (args.compare) {
    const read = await earlierMapOf(args.compare, io);
    if (typeof read === 'string') {
      io.stderr(`${read}\n`);
      return 2;
    }
    earlier = read;
  }
  const source = deps.sourceFor({ baseUrl: instance.baseUrl, origin: instance.origin, token });
  const loaded = await source.loadMap({
    baseUrl: instance.baseUrl,
    scope,
    quarter: args.quarter,
    view: args.view,
    people: args.people,
  });
  if (!loaded.ok) {
    io.stderr(`${loaded.message}\n`);
    return 1;
  }
  const timeZone = io.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = (io.now ?? (() => new Date()))();
  const today = localDateOf(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
  const options = {
    format: args.format,
    today,
    timeZone,
    since: args.since ?? (earlier ? localDateOf(earlier.generatedAt, timeZone) : null),
    earlier,
    view: viewWords(args.view, args.people),
    dates: { timeZone },
  };
  const wanted = notesNeeded(loaded.map, options);
  let notes = new Map<string, ItemNotesLike>();
  try {
    if (wanted.length) notes = await source.loadNotes(wanted);
  } catch (error) {
    io.stderr(`The items' history could not be read: ${problemOf(error).message}\n`);
    return 1;
  }
  io.stdout(reportText(loaded.map, notes, options));
  return 0;
}
