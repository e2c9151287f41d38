// Key result drafts: a new draft prefilled as the handbook asks, the checks a draft must pass
// before it can be sent, the description GitLab receives, the handbook rules run on a draft as
// if it already sat under its objective, and the draft book kept in storage while the user types.
import { checkRules, type PartialRuleSettings, type Warning } from '../okr';
import {
  blankNode,
  type HealthStatus,
  type OkrNode,
  type Person,
  type Quarter,
} from '../okr/model';
import type {
  CreateContext,
  KeyResultSubmission,
  MilestoneOption,
  ParentSnapshot,
  ProgressValuesInput,
  WorkItemRef,
} from '../messages';
import type { DraftSet, KeyResultDraft } from '../settings';
import { cacheKeyOf } from './view-cache';
import { fitsGitLabInt, NOT_A_GITLAB_INT } from '../okr/gitlab-progress';

/** The sections the handbook asks a key result's description to have (seed 002). */
export const DESCRIPTION_SECTIONS = ['Overview', 'DRI', 'Action items', 'Scoring'] as const;

/** The description a new draft starts with: the handbook's four sections, to be filled in. */
export function descriptionTemplate(): string {
  return DESCRIPTION_SECTIONS.map((section) => `### ${section}\n\n`).join('\n');
}

/**
 * A new key result's first health status. Decided by the handbook (seed 002, "Maintaining the
 * status of OKRs"): "A Key Results health status should be maintained as the SSOT on the status.
 * This is something that should be able to be referenced at any point", so a key result has one
 * from the moment it exists, and "On track - the DRI is confident the key result will be
 * achieved" is what a DRI commits to when creating it. No grace period in the staleness rule:
 * spec §3 counts "no health status at all" as stale, and a health set at creation is an update
 * made when the item was created (lib/okr/staleness.ts), so the new key result is fresh until
 * the next month's check-in is due.
 */
export const FIRST_HEALTH: HealthStatus = 'onTrack';

export function newDraft(localId: string): KeyResultDraft {
  return {
    localId,
    title: '',
    assigneeId: null,
    milestone: 'parent',
    dueDate: '',
    startValue: '',
    currentValue: '',
    targetValue: '',
    unit: '',
    health: FIRST_HEALTH,
    description: descriptionTemplate(),
    scoringBlock: 'none',
  };
}

/** Mistakes that stop a draft from being sent, by field. Rule warnings do not stop it. */
export interface DraftErrors {
  title?: string;
  values?: string;
  dueDate?: string;
}

/** A whole number as people type it: `1,000`, ` 17 `, `-3`. Null when it is not one. */
export function readWholeNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (!/^[-+]?\d{1,15}$/.test(cleaned)) return null;
  return Number(cleaned);
}

type ValuesReading =
  { ok: true; values: ProgressValuesInput | null } | { ok: false; message: string };

/** Start, current and target as GitLab takes them, or why they cannot be sent. */
export function readValues(draft: KeyResultDraft): ValuesReading {
  const texts = [draft.startValue, draft.currentValue, draft.targetValue];
  if (texts.every((text) => text.trim() === '')) return { ok: true, values: null };
  if (draft.startValue.trim() === '' || draft.targetValue.trim() === '') {
    return {
      ok: false,
      message: 'Give both a start and a target value (or leave all three empty).',
    };
  }
  const [start, current, target] = texts.map((text) =>
    text.trim() === '' ? null : readWholeNumber(text),
  );
  const unreadable = texts.some(
    (text, index) => text.trim() !== '' && [start, current, target][index] === null,
  );
  if (
    unreadable ||
    start === null ||
    target === null ||
    start === undefined ||
    target === undefined
  ) {
    return {
      ok: false,
      message: 'GitLab stores whole numbers only: scale the unit if needed (95.5% → 955 ‰).',
    };
  }
  if ([start, current, target].some((value) => value != null && !fitsGitLabInt(value))) {
    return { ok: false, message: NOT_A_GITLAB_INT };
  }
  if (start === target) {
    return { ok: false, message: 'Start and target must differ: GitLab cannot measure no change.' };
  }
  return {
    ok: true,
    values: { startValue: start, currentValue: current ?? start, endValue: target },
  };
}

export function draftErrors(draft: KeyResultDraft): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'A key result needs a title.';
  else if (title.length > 255) errors.title = 'GitLab allows at most 255 characters in a title.';
  const values = readValues(draft);
  if (!values.ok) errors.values = values.message;
  if (draft.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(draft.dueDate)) {
    errors.dueDate = 'Write the due date as YYYY-MM-DD.';
  }
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The milestone a draft will get: the parent's by default. */
export function milestoneOf(
  draft: KeyResultDraft,
  context: Pick<CreateContext, 'parent' | 'milestones'>,
): MilestoneOption | null {
  if (draft.milestone === 'none') return null;
  if (draft.milestone === 'parent') return context.parent.milestone;
  return (
    context.milestones.find((milestone) => milestone.id === draft.milestone) ??
    (context.parent.milestone?.id === draft.milestone ? context.parent.milestone : null)
  );
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** The `okr` block for the chosen method (lib/okr/scoring-block.ts reads it back). */
export function scoringBlockText(
  kind: KeyResultDraft['scoringBlock'],
  values: ProgressValuesInput | null,
): string {
  if (kind === 'rate') {
    return [
      '```okr',
      'scoring: rate',
      `initial: ${values?.startValue ?? 0}`,
      `target: ${values?.endValue ?? 0}`,
      'monthly: []',
      '```',
    ].join('\n');
  }
  if (kind === 'milestones') {
    return [
      '```okr',
      'scoring: milestones',
      '```',
      '',
      '- [ ] 20% First milestone',
      '- [ ] 40% Second milestone',
      '- [ ] 60% Third milestone',
      '- [ ] 100% Done',
    ].join('\n');
  }
  return '';
}

/** One sentence saying how the key result is scored, from its values. */
export function scoringSentence(draft: KeyResultDraft, values: ProgressValuesInput | null): string {
  if (!values) return '';
  const unit = draft.unit.trim() ? ` ${draft.unit.trim()}` : '';
  return (
    `Scored by progress from ${formatNumber(values.startValue)}${unit} (start) to ` +
    `${formatNumber(values.endValue)}${unit} (target); ` +
    `current ${formatNumber(values.currentValue)}${unit}.`
  );
}

interface Section {
  heading: string | null;
  name: string | null;
  body: string[];
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

function sectionsOf(description: string): Section[] {
  const sections: Section[] = [{ heading: null, name: null, body: [] }];
  for (const line of description.split(/\r\n|\r|\n/)) {
    const match = HEADING.exec(line);
    const name = match
      ? (DESCRIPTION_SECTIONS.find((section) =>
          (match[1] ?? '').toLowerCase().startsWith(section.toLowerCase()),
        ) ?? null)
      : null;
    if (match) sections.push({ heading: line, name, body: [] });
    else sections.at(-1)!.body.push(line);
  }
  return sections;
}

const EMPTY_TASK = /^\s*[-*+]\s+\[\s?\]\s*$/;

/**
 * The description GitLab receives: the typed text, with an empty DRI section filled with the
 * DRI's handle, an empty Scoring section with how the values are scored, the chosen `okr` block,
 * and without the empty checkboxes of the template (GitLab would count them as open tasks).
 */
export function composeDescription(
  draft: KeyResultDraft,
  dri: Pick<Person, 'username'> | null,
): string {
  const values = readValues(draft);
  const numbers = values.ok ? values.values : null;
  const sentence = scoringSentence(draft, numbers);
  const block = scoringBlockText(draft.scoringBlock, numbers);
  const hasBlock = /^\s*(```|~~~)\s*okr\b/im.test(draft.description);
  const sections = sectionsOf(draft.description);
  let blockPlaced = hasBlock || !block;
  const out: string[] = [];
  for (const section of sections) {
    if (section.heading !== null) out.push(section.heading);
    const body = section.body.filter((line) => !EMPTY_TASK.test(line));
    const empty = body.every((line) => line.trim() === '');
    if (section.name === 'DRI' && empty && dri) {
      out.push('', `@${dri.username}`, '');
      continue;
    }
    if (section.name === 'Scoring') {
      const filled = empty ? [sentence].filter(Boolean) : trimBlankEdges(body);
      if (!blockPlaced) {
        filled.push(...(filled.length ? [''] : []), block);
        blockPlaced = true;
      }
      out.push(...(filled.length ? ['', ...filled, ''] : ['']));
      continue;
    }
    out.push(...body);
  }
  let text = out.join('\n');
  if (!blockPlaced) text = `${text.trimEnd()}\n\n${block}\n`;
  // Sections left empty stay as headings: the owner sees what is still to write.
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/** The draft as the background's create request carries it; null while it has errors. */
export function toSubmission(
  draft: KeyResultDraft,
  context: Pick<CreateContext, 'parent' | 'milestones' | 'members'>,
): KeyResultSubmission | null {
  if (hasErrors(draftErrors(draft))) return null;
  const values = readValues(draft);
  if (!values.ok) return null;
  const dri = context.members.find((member) => member.id === draft.assigneeId) ?? null;
  return {
    localId: draft.localId,
    title: draft.title.trim(),
    description: composeDescription(draft, dri),
    assigneeIds: draft.assigneeId ? [draft.assigneeId] : [],
    milestoneId: milestoneOf(draft, context)?.id ?? null,
    dueDate: draft.dueDate || null,
    // A draft kept from a release whose form allowed "Not set" still gets a health.
    healthStatus: draft.health ?? FIRST_HEALTH,
    progress: values.values,
  };
}

// ---- Handbook rules on drafts ----

/** Rules that judge a key result before it exists (the rest need history or children). */
const DRAFT_RULES = new Set([
  'title-prefix',
  'not-measurable',
  'scoring-undocumented',
  'one-dri',
  'no-milestone',
  'due-after-quarter',
]);
/** Rules on the objective that the new key results would change. */
const PARENT_RULES = new Set(['key-result-count', 'single-child']);

function quarterOf(milestone: MilestoneOption | null): Quarter | null {
  return milestone
    ? {
        id: milestone.id,
        title: milestone.title,
        startDate: milestone.startDate,
        dueDate: milestone.dueDate,
      }
    : null;
}

/** A draft as the domain sees a key result, so the handbook rules can judge it. */
export function draftNode(draft: KeyResultDraft, context: CreateContext): OkrNode {
  const values = readValues(draft);
  const numbers = values.ok ? values.values : null;
  const dri = context.members.find((member) => member.id === draft.assigneeId) ?? null;
  return {
    ...blankNode({
      id: `draft:${draft.localId}`,
      kind: 'keyResult',
      title: draft.title.trim(),
      state: 'opened',
    }),
    description: composeDescription(draft, dri),
    progress: numbers
      ? {
          progress: null,
          startValue: numbers.startValue,
          currentValue: numbers.currentValue,
          endValue: numbers.endValue,
          updatedAt: null,
        }
      : null,
    health: draft.health ?? FIRST_HEALTH,
    assignees: dri ? [{ id: dri.id, username: dri.username, name: dri.name }] : [],
    milestone:
      quarterOf(milestoneOf(draft, context)) ?? labelQuarterOf(context.destination?.quarter),
    dueDate: draft.dueDate || null,
  };
}

/** A quarter a label names (an epic's `okrq:FY24-Q2`): the key result gets that label. */
function labelQuarterOf(title: string | undefined): Quarter | null {
  return title ? { title, startDate: null, dueDate: null, source: 'label' } : null;
}

/** The objective with its current children and the drafts, as it would be after creating. */
export function parentNodeWith(parent: ParentSnapshot, drafts: OkrNode[]): OkrNode {
  const existing = parent.children.map((child, index) =>
    blankNode({ id: `child:${index}`, kind: child.kind, title: child.title, state: child.state }),
  );
  return {
    ...blankNode({ id: parent.id, kind: parent.kind, title: parent.title, state: parent.state }),
    reference: parent.reference,
    url: parent.url,
    milestone: quarterOf(parent.milestone),
    children: [...existing, ...drafts],
    childrenIncomplete: parent.childrenIncomplete,
  };
}

export interface DraftWarnings {
  /** Warnings about each draft, by localId. */
  byDraft: Record<string, Warning[]>;
  /** Warnings about the objective once the drafts are under it (3x3, single child). */
  parent: Warning[];
}

/** The handbook's verdict on the drafts, run as they are typed. */
export function checkDrafts(
  drafts: KeyResultDraft[],
  context: CreateContext,
  options: { today: string; timeZone: string; settings?: PartialRuleSettings },
): DraftWarnings {
  const nodes = drafts.map((draft) => draftNode(draft, context));
  // A draft without a title is not yet a would-be child of the objective.
  const parent = parentNodeWith(
    context.parent,
    nodes.filter((node) => node.title !== ''),
  );
  const byDraft: Record<string, Warning[]> = {};
  drafts.forEach((draft, index) => {
    const node = nodes[index]!;
    // Nothing typed yet: the handbook has nothing to say, and a warning would only nag.
    if (node.title === '') {
      byDraft[draft.localId] = [];
      return;
    }
    byDraft[draft.localId] = checkRules(
      node,
      { today: options.today, timeZone: options.timeZone, parent },
      options.settings,
    ).filter((warning) => DRAFT_RULES.has(warning.rule));
  });
  const parentWarnings = checkRules(
    parent,
    { today: options.today, timeZone: options.timeZone },
    options.settings,
  ).filter((warning) => PARENT_RULES.has(warning.rule));
  return { byDraft, parent: parentWarnings };
}

// ---- The draft book: drafts in storage, per parent ----

export interface DraftStorage {
  load(): Promise<Record<string, DraftSet>>;
  save(sets: Record<string, DraftSet>): Promise<void>;
}

export interface DraftBook {
  /** The drafts kept for a parent (empty when none). */
  load(ref: WorkItemRef): Promise<KeyResultDraft[]>;
  /** Replaces the parent's drafts; an empty list forgets the parent. */
  save(ref: WorkItemRef, drafts: KeyResultDraft[]): Promise<void>;
  /** Drops the drafts GitLab confirmed. */
  remove(ref: WorkItemRef, localIds: string[]): Promise<void>;
}

/** Sets older than this are dropped when the book is written: a forgotten draft does not live forever. */
const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function draftKeyOf(ref: WorkItemRef): string {
  return cacheKeyOf(ref);
}

export function createDraftBook(storage: DraftStorage, now: () => Date): DraftBook {
  // Writes are serialised: a keystroke's save never overtakes the one before it.
  let writes: Promise<void> = Promise.resolve();
  const update = (change: (sets: Record<string, DraftSet>) => void): Promise<void> => {
    const next = writes.then(async () => {
      const sets = { ...(await storage.load()) };
      change(sets);
      const oldest = now().getTime() - DRAFT_MAX_AGE_MS;
      for (const [key, set] of Object.entries(sets)) {
        if (Date.parse(set.updatedAt) < oldest) delete sets[key];
      }
      await storage.save(sets);
    });
    writes = next.catch(() => undefined);
    return next;
  };
  return {
    async load(ref) {
      await writes;
      return (await storage.load())[draftKeyOf(ref)]?.drafts ?? [];
    },
    save(ref, drafts) {
      return update((sets) => {
        const key = draftKeyOf(ref);
        if (drafts.length === 0) delete sets[key];
        else sets[key] = { ref, drafts, updatedAt: now().toISOString() };
      });
    },
    remove(ref, localIds) {
      return update((sets) => {
        const key = draftKeyOf(ref);
        const set = sets[key];
        if (!set) return;
        const drafts = set.drafts.filter((draft) => !localIds.includes(draft.localId));
        if (drafts.length === 0) delete sets[key];
        else sets[key] = { ...set, drafts, updatedAt: now().toISOString() };
      });
    },
  };
}
