// A key result's history over the quarter, read from what GitLab records: its system notes
// (progress, health and custom-field changes) and the check-in comments OKR Lens writes. One
// point per recorded update, each carrying the state after it, so a chart can draw it as steps.
import { instantOf } from '../calendar';
import { byAutomation, isCheckInComment } from '../check-in-note';
import { clamp01 } from '../format';
import type { HealthStatus, IsoDateTime, Note } from '../model';
import { customNumberChangeOf } from '../staleness';

export type HistoryChange = 'progress' | 'value' | 'health' | 'checkIn';

export interface HistoryPoint {
  at: IsoDateTime;
  /** Progress after the update, 0..1; null while nothing was recorded (or no scale known). */
  progress: number | null;
  /** The value in the key result's own units (custom field or check-in "12 of 20"), if any. */
  value: number | null;
  health: HealthStatus | null;
  /** What this update recorded. */
  changes: HistoryChange[];
  /** Who made it, when GitLab says. */
  author?: string;
}

/** A key result's own scale, when its value is kept in units (start → target). */
export interface ValueScale {
  start: number;
  target: number;
}

/** Names of the custom number fields a key result's values live in (any one of each list). */
export interface ValueFields {
  start: readonly string[];
  current: readonly string[];
  target: readonly string[];
}

export interface HistoryOptions {
  /** Start and target of a key result measured in its own units; null for a percentage. */
  scale?: ValueScale | null;
  /**
   * The custom fields of carriers that keep values in them (epics and issues, custom types):
   * a new Current is a recorded value, a new Start or Target the scale it is read on.
   */
  fields?: ValueFields | null;
}

/** GitLab writes the notes of one save within a moment; a check-in's comment follows at once. */
const SAME_UPDATE_MS = 60_000;

const HEALTH_WORD: Record<string, HealthStatus> = {
  'on track': 'onTrack',
  'needs attention': 'needsAttention',
  'at risk': 'atRisk',
};

// ee/app/services/ee/system_notes/issuables_service.rb: change_progress_note writes
// "changed progress to **40%**" (older GitLab: "**40**"); change_health_status_note writes
// "changed health status to **at risk**" or "removed health status **at risk**" (older:
// "removed the health status").
const PROGRESS_NOTE = /^changed progress to \*\*(\d+(?:\.\d+)?)%?\*\*/i;
const HEALTH_NOTE = /^changed health status to \*\*(on track|needs attention|at risk)\*\*/i;
const HEALTH_REMOVED = /^removed (?:the )?health status/i;
// Custom fields: "changed Current to <code class="idiff">12</code>" (read by staleness.ts) and
// "removed Current: …", either one in a paragraph.
const FIELD_REMOVED = /^(?:<p>)?removed ([^<:]+?):/i;
// The check-in comment's first line (lib/okr/check-in-note.ts checkInLine).
const CHECK_IN =
  /^Check-in: (on track|needs attention|at risk)(?:, (?:(-?\d+(?:\.\d+)?)%|(-?\d+(?:\.\d+)?) of (-?\d+(?:\.\d+)?)(?: \(from (-?\d+(?:\.\d+)?)\))?))?/;

/** What one note records, if anything the history reads. */
interface Reading {
  progress?: number | null;
  value?: number | null;
  health?: HealthStatus | null;
  /** A new start or target in a custom field: the scale later values are read on. */
  scaleStart?: number;
  scaleTarget?: number;
  change: HistoryChange;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function progressOfValue(value: number, scale: ValueScale | null | undefined): number | null {
  if (!scale || scale.target === scale.start) return null;
  return clamp01((value - scale.start) / (scale.target - scale.start));
}

function readSystemNote(body: string, options: HistoryOptions): Reading | null {
  const text = body.trim();
  const progress = PROGRESS_NOTE.exec(text);
  if (progress) return { change: 'progress', progress: clamp01(Number(progress[1]) / 100) };
  const health = HEALTH_NOTE.exec(text);
  if (health) return { change: 'health', health: HEALTH_WORD[health[1]!.toLowerCase()] ?? null };
  if (HEALTH_REMOVED.test(text)) return { change: 'health', health: null };
  const fields = options.fields;
  if (!fields) return null;
  const named = (names: readonly string[], name: string) => names.some((n) => sameName(n, name));
  const changed = customNumberChangeOf(text);
  if (changed && named(fields.current, changed.field)) {
    return { change: 'value', value: changed.value };
  }
  if (changed && named(fields.start, changed.field)) {
    return { change: 'value', scaleStart: changed.value };
  }
  if (changed && named(fields.target, changed.field)) {
    return { change: 'value', scaleTarget: changed.value };
  }
  const removed = FIELD_REMOVED.exec(text);
  if (removed && named(fields.current, removed[1]!)) {
    return { change: 'value', value: null, progress: null };
  }
  return null;
}

function readCheckIn(body: string, options: HistoryOptions): Reading | null {
  const match = CHECK_IN.exec(body.trimStart());
  if (!match) return null;
  const reading: Reading = { change: 'checkIn', health: HEALTH_WORD[match[1]!] ?? null };
  if (match[2] !== undefined) reading.progress = clamp01(Number(match[2]) / 100);
  if (match[3] !== undefined && match[4] !== undefined) {
    const value = Number(match[3]);
    const scale = {
      start: match[5] === undefined ? 0 : Number(match[5]),
      target: Number(match[4]),
    };
    reading.value = value;
    reading.progress = progressOfValue(value, options.scale ?? scale);
  }
  return reading;
}

/** What a note records for the history: a person's change or check-in, never the automation's. */
function readNote(note: Note, options: HistoryOptions): Reading | null {
  if (byAutomation(note)) return null;
  if (note.system) return readSystemNote(note.body, options);
  return isCheckInComment(note) ? readCheckIn(note.body, options) : null;
}

/**
 * The recorded updates of a key result, oldest first. Notes of one save (health, progress and
 * the check-in comment written together) form one point; every point carries the full state
 * after it, the values before the first recorded change being unknown (null).
 */
export function historyOf(notes: readonly Note[], options: HistoryOptions = {}): HistoryPoint[] {
  const readings = notes
    .map((note) => ({ note, at: instantOf(note.createdAt), reading: readNote(note, options) }))
    .filter(
      (entry): entry is { note: Note; at: number; reading: Reading } =>
        entry.reading !== null && entry.at !== null,
    )
    .sort((a, b) => a.at - b.at);

  const points: HistoryPoint[] = [];
  let groupStart = -Infinity;
  let state: Pick<HistoryPoint, 'progress' | 'value' | 'health'> = {
    progress: null,
    value: null,
    health: null,
  };
  // The scale custom-field values are read on: the given one, then what the notes set.
  const scale = { ...(options.scale ?? { start: 0, target: 100 }) };
  let scaleKnown = Boolean(options.scale);
  for (const { note, at, reading } of readings) {
    const { change, scaleStart, scaleTarget, ...values } = reading;
    if (scaleStart !== undefined) scale.start = scaleStart;
    if (scaleTarget !== undefined) scale.target = scaleTarget;
    scaleKnown ||= scaleStart !== undefined || scaleTarget !== undefined;
    state = { ...state, ...values };
    // A custom-field value (or its scale) changed: its progress on the scale known now.
    if (change === 'value' && state.value !== null && !('progress' in values)) {
      state.progress = scaleKnown ? progressOfValue(state.value, scale) : null;
    }
    const last = points.at(-1);
    if (last && at - groupStart <= SAME_UPDATE_MS) {
      Object.assign(last, state);
      if (!last.changes.includes(change)) last.changes.push(change);
      last.author ??= note.author;
      continue;
    }
    groupStart = at;
    points.push({ at: note.createdAt, ...state, changes: [change], author: note.author });
  }
  return points;
}

/** The state recorded at an instant: the last point at or before it, or null before the first. */
export function stateAt(
  points: readonly HistoryPoint[],
  instant: IsoDateTime,
): HistoryPoint | null {
  const limit = instantOf(instant);
  if (limit === null) return null;
  let found: HistoryPoint | null = null;
  for (const point of points) {
    const at = instantOf(point.at);
    if (at !== null && at <= limit) found = point;
  }
  return found;
}

/** Whether anything was recorded after an instant. */
export function changedAfter(points: readonly HistoryPoint[], instant: IsoDateTime): boolean {
  const limit = instantOf(instant);
  return limit !== null && points.some((point) => (instantOf(point.at) ?? -Infinity) > limit);
}
