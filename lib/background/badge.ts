// Background feature: the stale-health watch on `chrome.alarms`, the toolbar badge that shows
// how many OKRs (yours and watched) need a health update or which watch cannot run, and the
// popup's quick check-ins.
import { browser } from 'wxt/browser';
import type { GitLabClient } from '../gitlab/client';
import {
  StaleReportSchema,
  type Problem,
  type Request,
  type StaleCode,
  type StaleItem,
  type StaleReport,
} from '../messages';
import { checkIn, CheckInProblem, setCheckInReminder } from '../services/check-in';
import { ownScaleOf } from '../okr/check-in-note';
import { problemOf } from '../services/problems';
import { instanceForPage } from '../instances';
import { needUpdateSentence, unwatchedHeading } from '../services/stale-words';
import {
  emptyReport,
  needsAction,
  STALE_CODES_WORST_FIRST,
  createStaleWatch,
  withoutItem,
  type StaleWatch,
} from '../services/stale-watch';
import {
  carrierChoicesItem,
  holidaysItem,
  instancesItem,
  staleReportItem,
  stalenessSettingsItem,
  staleWatchMinutesItem,
  viewCacheItem,
  watchedNamespacesItem,
  type CachedView,
  type InstanceRecord,
} from '../settings';
import type { ViewCache } from '../services/view-cache';
import { viewsChangedOn } from './changes';
import { extensionPagesOnly, type Handlers, type SenderPolicy } from './router';

export const STALE_ALARM = 'okr-lens-stale-watch';
/** A one-off alarm after GitLab asked to wait (429 with Retry-After). */
export const STALE_RETRY_ALARM = 'okr-lens-stale-watch-retry';

/** Calm colours (GitLab's palette), one a reason, so the worst reason shows at a glance. */
export const BADGE_COLOURS: Record<StaleCode | 'failed', string> = {
  noHealth: '#c91c00',
  tooOld: '#ab6100',
  notThisMonth: '#1f75cb',
  failed: '#535158',
};
export const FAILURE_MARK = '!';

export const REASON_LABELS: Record<StaleCode, (maxAgeDays: number) => string> = {
  noHealth: () => 'No health status',
  notThisMonth: () => 'Not updated this month',
  tooOld: (days) => `No update in more than ${days} days`,
};

export interface BadgeState {
  text: string;
  colour: string;
  title: string;
}

const TOOLTIP_NAMES = 8;

function worstCode(items: StaleItem[]): StaleCode | null {
  return STALE_CODES_WORST_FIRST.find((code) => items.some((item) => item.code === code)) ?? null;
}

function countText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line a watched namespace that cannot be checked, with why. */
function unwatchedLines(report: StaleReport): string[] {
  return (report.unwatched ?? []).map(
    (entry) => `${unwatchedHeading(entry)}: ${entry.problem.message}`,
  );
}

/**
 * What the toolbar shows for a report: a count in the worst reason's colour; the failure mark
 * when nothing is counted and something must be fixed (a refused token, a watched namespace
 * that cannot be checked); or nothing.
 */
export function badgeOf(report: StaleReport, maxAgeDays = 35): BadgeState {
  const blocking = report.failures.filter((failure) => needsAction(failure.problem));
  const unwatched = unwatchedLines(report);
  if (blocking.length > 0 && (report.state === 'failed' || report.items.length === 0)) {
    const first = blocking[0]!;
    return {
      text: FAILURE_MARK,
      colour: BADGE_COLOURS.failed,
      title: [
        `OKR Lens could not check your OKRs on ${first.baseUrl}: ${first.problem.message}`,
        ...unwatched,
      ].join('\n'),
    };
  }
  const lines: string[] = [];
  const worst = worstCode(report.items);
  if (worst) {
    lines.push(`OKR Lens: ${needUpdateSentence(report.items)}`);
    for (const item of report.items.slice(0, TOOLTIP_NAMES)) {
      lines.push(`• ${item.title} (${REASON_LABELS[item.code](maxAgeDays).toLowerCase()})`);
    }
    if (report.items.length > TOOLTIP_NAMES) {
      lines.push(`… and ${report.items.length - TOOLTIP_NAMES} more`);
    }
  } else if (unwatched.length > 0) {
    lines.push(
      `OKR Lens cannot check ${plural(unwatched.length, 'watched namespace', 'watched namespaces')}`,
    );
  }
  for (const failure of report.failures) {
    lines.push(`Not checked on ${failure.baseUrl}: ${failure.problem.message}`);
  }
  lines.push(...unwatched);
  if (report.state === 'offline')
    lines.push('Offline: the watch resumes when you are back online.');
  // A watch that can never run is shown, not left silent behind an empty badge.
  const text = worst ? countText(report.items.length) : unwatched.length ? FAILURE_MARK : '';
  return {
    text,
    colour: worst ? BADGE_COLOURS[worst] : BADGE_COLOURS.failed,
    title: lines.length ? lines.join('\n') : 'OKR Lens',
  };
}

export async function showBadge(state: BadgeState): Promise<void> {
  await browser.action.setBadgeText({ text: state.text });
  await browser.action.setTitle({ title: state.title });
  if (state.text) {
    await browser.action.setBadgeBackgroundColor({ color: state.colour });
    // Older Chromium and Firefox before 105 lack a text colour: the default is readable.
    await browser.action.setBadgeTextColor?.({ color: '#ffffff' });
  }
}

export interface StaleBadgePorts {
  watch: StaleWatch;
  instances(): Promise<InstanceRecord[]>;
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  loadReport(): Promise<StaleReport | null>;
  saveReport(report: StaleReport): Promise<void>;
  refreshMinutes(): Promise<number>;
  maxAgeDays(): Promise<number>;
  online(): boolean;
  now(): Date;
  /** After a write to GitLab, e.g. to drop cached panel views of that instance. */
  afterWrite?(instance: InstanceRecord): Promise<void>;
}

export interface StaleBadge {
  /** Runs the watch now (one run at a time; a request during a run runs once more after it). */
  refresh(): Promise<StaleReport>;
  /** The last report (from storage after a service worker restart). */
  report(): Promise<StaleReport>;
  /** (Re)creates the periodic alarm from the refresh interval setting. */
  schedule(): Promise<void>;
  /** Shows a report in the toolbar and stores it. */
  publish(report: StaleReport): Promise<void>;
  /** Runs the watch when the last run is older than the refresh interval. */
  refreshIfDue(): Promise<void>;
  /** When GitLab asked to wait: no run before this instant. */
  backoffUntil(): number;
  readonly ports: StaleBadgePorts;
}

export function createStaleBadge(ports: StaleBadgePorts): StaleBadge {
  let running: Promise<StaleReport> | null = null;
  let again = false;
  let backoffUntil = 0;

  async function report(): Promise<StaleReport> {
    return (await ports.loadReport()) ?? emptyReport();
  }

  async function publish(next: StaleReport): Promise<void> {
    await ports.saveReport(next);
    await showBadge(badgeOf(next, await ports.maxAgeDays()));
  }

  function rateLimitOf(next: StaleReport): Problem | undefined {
    return next.failures.find((failure) => failure.problem.kind === 'rateLimited')?.problem;
  }

  async function runOnce(): Promise<StaleReport> {
    const previous = await report();
    if (!ports.online()) {
      const paused = { ...previous, state: 'offline' as const };
      await publish(paused);
      return paused;
    }
    if (ports.now().getTime() < backoffUntil) return previous;
    const next = await ports.watch.run(previous);
    const limited = rateLimitOf(next);
    if (limited) {
      // GitLab said when to come back: the periodic alarm skips until then, one alarm retries.
      const waitMs = limited.retryAfterMs ?? 60_000;
      backoffUntil = ports.now().getTime() + waitMs;
      await browser.alarms.create(STALE_RETRY_ALARM, { when: Date.now() + waitMs });
    }
    await publish(next);
    return next;
  }

  function refresh(): Promise<StaleReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result = await runOnce();
        while (again) {
          again = false;
          result = await runOnce();
        }
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function schedule(): Promise<void> {
    const minutes = Math.max(1, await ports.refreshMinutes());
    // The service worker starts often; re-creating the alarm each time would push it out forever.
    const existing = await browser.alarms.get(STALE_ALARM);
    if (existing?.periodInMinutes === minutes) return;
    await browser.alarms.create(STALE_ALARM, {
      periodInMinutes: minutes,
      delayInMinutes: minutes,
    });
  }

  /** At start-up: a run only when the last one is older than the interval (or never was). */
  async function refreshIfDue(): Promise<void> {
    const last = await report();
    const minutes = Math.max(1, await ports.refreshMinutes());
    const age = last.checkedAt ? ports.now().getTime() - Date.parse(last.checkedAt) : Infinity;
    if (!(age < minutes * 60_000) || last.state === 'offline') await refresh();
  }

  return {
    refresh,
    refreshIfDue,
    report,
    schedule,
    publish,
    backoffUntil: () => backoffUntil,
    ports,
  };
}

/** The badge on the extension's storage items and the browser's clock, time zone and network. */
/**
 * The namespaces of an instance the user opened OKRs in (for GitLab without
 * `currentUser.workItems`), read from the cached views' own URLs and references.
 */
export function namespacesSeenOn(
  instance: Pick<InstanceRecord, 'baseUrl'>,
  instances: readonly Pick<InstanceRecord, 'baseUrl' | 'origin'>[],
  cached: readonly CachedView[],
): string[] {
  // A page belongs to the instance with the longest matching root, as everywhere else.
  const paths = cached.flatMap(({ view }) => {
    const fullPath = view.item.reference.split('#')[0];
    const owner = instanceForPage(instances, view.item.url);
    return fullPath && owner?.baseUrl === instance.baseUrl ? [fullPath] : [];
  });
  return [...new Set(paths)];
}

export function createBackgroundStaleBadge(deps: {
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
  now(): Date;
  views: Pick<ViewCache, 'forgetOrigin'>;
}): StaleBadge {
  const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  const watch = createStaleWatch({
    instances: () => instancesItem.getValue(),
    clientFor: deps.clientFor,
    now: deps.now,
    timeZone,
    seenNamespaces: async (instance) =>
      namespacesSeenOn(
        instance,
        await instancesItem.getValue(),
        Object.values(await viewCacheItem.getValue()),
      ),
    async settings() {
      const [watched, holidays, staleness, carriers] = await Promise.all([
        watchedNamespacesItem.getValue(),
        holidaysItem.getValue(),
        stalenessSettingsItem.getValue(),
        carrierChoicesItem.getValue(),
      ]);
      return { watched, holidays, ...staleness, carriers };
    },
  });
  return createStaleBadge({
    watch,
    instances: () => instancesItem.getValue(),
    clientFor: deps.clientFor,
    async loadReport() {
      // A report written by an older release that no longer parses is dropped, not trusted.
      const parsed = StaleReportSchema.safeParse(await staleReportItem.getValue());
      return parsed.success ? parsed.data : null;
    },
    saveReport: (report) => staleReportItem.setValue(report),
    refreshMinutes: () => staleWatchMinutesItem.getValue(),
    maxAgeDays: async () => (await stalenessSettingsItem.getValue()).maxAgeDays,
    online: () => globalThis.navigator?.onLine ?? true,
    now: deps.now,
    // A check-in changes the item's score and its parents' roll-up: every open view reloads.
    afterWrite: (instance) => viewsChangedOn(deps.views, instance.origin),
  });
}

/**
 * Wires the badge to the browser: the alarm (registered at once, so an alarm wakes the service
 * worker into a listener), start-up, token and settings changes, and coming back online.
 */
export function startStaleBadge(badge: StaleBadge): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === STALE_ALARM || alarm.name === STALE_RETRY_ALARM) void refreshQuietly(badge);
  });
  globalThis.addEventListener?.('online', () => void refreshQuietly(badge));
  // A new or re-checked token, a removed instance, other holidays, namespaces or carriers (how
  // a group keeps its OKRs): judge again.
  instancesItem.watch(() => void refreshQuietly(badge));
  watchedNamespacesItem.watch(() => void refreshQuietly(badge));
  carrierChoicesItem.watch(() => void refreshQuietly(badge));
  holidaysItem.watch(() => void refreshQuietly(badge));
  stalenessSettingsItem.watch(() => void refreshQuietly(badge));
  staleWatchMinutesItem.watch(() => void badge.schedule());
  void badge
    .report()
    .then((last) => badge.publish(last))
    .then(() => badge.schedule())
    .then(() => badge.refreshIfDue())
    .catch((error: unknown) =>
      console.warn(
        'OKR Lens: stale watch did not start',
        error instanceof Error ? error.message : error,
      ),
    );
}

export async function refreshQuietly(badge: StaleBadge): Promise<void> {
  try {
    await badge.refresh();
  } catch (error) {
    console.warn('OKR Lens: stale watch failed', error instanceof Error ? error.message : error);
  }
}

function failed(problem: Problem) {
  return { ok: false as const, problem };
}

export function staleHandlers(badge: StaleBadge, policy: SenderPolicy): Handlers {
  const ports = badge.ports;
  async function clientOf(baseUrl: string) {
    const instance = (await ports.instances()).find((record) => record.baseUrl === baseUrl);
    if (!instance) {
      throw new CheckInProblem({
        kind: 'noInstance',
        message: `${baseUrl} is not set up in OKR Lens any more.`,
      });
    }
    return { instance, client: await ports.clientFor(instance) };
  }

  /**
   * Saves a check-in; the item leaves the list: even when health and value are unchanged (no
   * system note from GitLab), the check-in comment records the update.
   */
  async function saveCheckIn(request: Extract<Request, { type: 'stale:checkIn' }>) {
    const before = await badge.report();
    const item = before.items.find((i) => i.baseUrl === request.baseUrl && i.id === request.id);
    // The form says the key result's scale; a row of the stale list knows it too.
    const scale = request.scale ?? (item?.progress ? ownScaleOf(item.progress) : null);
    try {
      const { instance, client } = await clientOf(request.baseUrl);
      await checkIn(client, {
        id: request.id,
        health: request.health,
        ...(request.currentValue === undefined ? {} : { currentValue: request.currentValue }),
        ...(request.currentValue !== undefined && scale ? { scale } : {}),
        ...(request.currentField ? { currentField: request.currentField } : {}),
        ...(request.comment ? { comment: request.comment } : {}),
      });
      await ports.afterWrite?.(instance);
    } catch (error) {
      return failed(error instanceof CheckInProblem ? error.problem : problemOf(error));
    }
    const next = withoutItem(await badge.report(), request.baseUrl, request.id);
    await badge.publish(next);
    return { ok: true as const, report: next };
  }

  return {
    'stale:report': extensionPagesOnly(policy, () => badge.report()),
    'stale:refresh': extensionPagesOnly(policy, () => badge.refresh()),
    'stale:checkIn': extensionPagesOnly(policy, saveCheckIn),
    'stale:reminder': extensionPagesOnly(policy, async (request) => {
      try {
        const { instance, client } = await clientOf(request.baseUrl);
        await setCheckInReminder(client, { id: request.id, frequency: request.frequency });
        await ports.afterWrite?.(instance);
        return { ok: true as const, report: await badge.report() };
      } catch (error) {
        return failed(error instanceof CheckInProblem ? error.problem : problemOf(error));
      }
    }),
  };
}
