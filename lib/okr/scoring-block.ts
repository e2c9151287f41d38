// Reads the `okr` scoring block an owner writes in a description (a fenced code block with info
// string `okr` and `key: value` lines) into a ScoringBlock. Whatever it cannot read becomes a
// problem naming the line and the reason; it never throws.
import { isIsoDate } from './calendar';
import type { IsoDate } from './model';

export type BlockMethod = 'rate' | 'milestones' | 'issues' | 'manual';

/** One line of a milestone scoring guide, e.g. `- [x] 20% Complete compensation analysis`. */
export interface Milestone {
  percent: number;
  done: boolean;
  label: string;
  /** 1-based line of the description. */
  line: number;
}

/** What a missed `due` date costs: everything, or some points per started week of delay. */
export type LatePenalty = { kind: 'zero' } | { kind: 'perWeek'; points: number };

export interface RateInputs {
  initial: number;
  target: number;
  /** The months reported so far, in order. */
  monthly: number[];
  /** How many months the quarter has (default 3). */
  months: number;
}

export interface ScoringBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The `scoring:` method as written, or null when the block only sets weight or dates. */
  method: BlockMethod | null;
  /** Set when `scoring: rate` and its inputs could be read. */
  rate: RateInputs | null;
  /** Milestone lines (inside the block, or task lines with a percentage after it). */
  milestones: Milestone[];
  /** Contribution to the parent; null = not given (the default, 1, applies). */
  weight: number | null;
  due: IsoDate | null;
  late: LatePenalty | null;
}

export interface BlockProblem {
  /** 1-based line of the description the problem is on. */
  line: number;
  message: string;
}

export interface ParsedScoringBlock {
  block: ScoringBlock | null;
  problems: BlockProblem[];
}

const METHODS: readonly BlockMethod[] = ['rate', 'milestones', 'issues', 'manual'];
const KEYS = [
  'scoring',
  'initial',
  'target',
  'monthly',
  'months',
  'weight',
  'due',
  'late',
] as const;
type Key = (typeof KEYS)[number];
/** Spellings owners use for the same key. */
const ALIASES: Record<string, Key> = { method: 'scoring', start: 'initial', end: 'target' };

const OPEN_FENCE = /^\s*(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const TASK_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX~])\]\s*(.*)$/;
const KEY_VALUE = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/;
const PERCENT = /(\d+(?:\.\d+)?)\s*%/;

interface Fence {
  marker: string;
  open: number;
  /** Index of the closing line, or -1 when the fence runs to the end. */
  close: number;
  info: string;
}

/** Every fenced code block of a description (0-based line indexes). */
function fencesOf(lines: string[]): Fence[] {
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = OPEN_FENCE.exec(lines[i] ?? '');
    if (!match) continue;
    const marker = match[1] ?? '```';
    const info = (match[2] ?? '').toLowerCase();
    let close = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const text = (lines[j] ?? '').trim();
      if (text.startsWith(marker[0]!.repeat(marker.length)) && /^(`+|~+)$/.test(text)) {
        close = j;
        break;
      }
    }
    fences.push({ marker, open: i, close, info });
    if (close === -1) break;
    i = close;
  }
  return fences;
}

function stripComment(value: string): string {
  const hash = value.search(/\s#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}

/** A number as owners write it: `17`, `-3.5`, `92%` (the unit is dropped). */
function readNumber(text: string): number | null {
  const cleaned = text.trim().replace(/%$/, '').trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** `[12, 13, 15]` or `12, 13, 15`; null entries make the whole list unreadable. */
function readNumberList(text: string): number[] | null {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (inner === '') return [];
  const values = inner.split(',').map((part) => readNumber(part));
  return values.every((v): v is number => v !== null) ? values : null;
}

function readLate(text: string): LatePenalty | null {
  const value = text.trim().toLowerCase();
  if (value === 'zero' || value === '0' || value === '0%') return { kind: 'zero' };
  const perWeek = /^(\d+(?:\.\d+)?)\s*%?\s*(?:\/|per|a|each)\s*(?:week|wk|w)$/.exec(value);
  if (perWeek) return { kind: 'perWeek', points: Number(perWeek[1]) };
  return null;
}

function readMilestone(text: string, done: boolean, line: number): Milestone | null {
  const match = PERCENT.exec(text);
  if (!match) return null;
  const label = text
    .replace(match[0], '')
    .replace(/^[\s:|\-–—]+|[\s:|\-–—()]+$/g, '')
    .trim();
  return { percent: Number(match[1]), done, label, line };
}

/** Recently read descriptions: scoring and several rules read the same block in a row. */
const recent = new Map<string, ParsedScoringBlock>();
const RECENT_LIMIT = 256;

function frozen(parsed: ParsedScoringBlock): ParsedScoringBlock {
  // Results are shared between callers, so nobody may change them.
  if (parsed.block) {
    parsed.block.milestones.forEach((m) => Object.freeze(m));
    Object.freeze(parsed.block.milestones);
    if (parsed.block.rate) Object.freeze(parsed.block.rate.monthly);
    Object.freeze(parsed.block.rate);
    Object.freeze(parsed.block.late);
    Object.freeze(parsed.block);
  }
  parsed.problems.forEach((p) => Object.freeze(p));
  Object.freeze(parsed.problems);
  return Object.freeze(parsed);
}

/** Reads the first `okr` block of a description. Never throws. The result is read-only. */
export function parseScoringBlock(description: string): ParsedScoringBlock {
  const text = typeof description === 'string' ? description : '';
  const known = recent.get(text);
  if (known) return known;
  const parsed = frozen(parseSafely(text));
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(text, parsed);
  return parsed;
}

function parseSafely(description: string): ParsedScoringBlock {
  try {
    return parse(description);
  } catch (error) {
    return {
      block: null,
      problems: [{ line: 1, message: `The okr block could not be read (${String(error)}).` }],
    };
  }
}

function parse(description: string): ParsedScoringBlock {
  // Most descriptions have no block; skip the line scan for them.
  if (!/okr/i.test(description)) return { block: null, problems: [] };
  const lines = description.split(/\r\n|\r|\n/);
  const fences = fencesOf(lines);
  const okrFences = fences.filter((fence) => fence.info === 'okr');
  const fence = okrFences[0];
  if (!fence) return { block: null, problems: [] };

  const problems: BlockProblem[] = [];
  const problem = (index: number, message: string) => problems.push({ line: index + 1, message });
  for (const extra of okrFences.slice(1)) {
    problem(extra.open, 'A second okr block is ignored: keep one block per item.');
  }
  if (fence.close === -1) {
    problem(fence.open, `The okr block is never closed: add a line with ${fence.marker} after it.`);
  }

  const end = fence.close === -1 ? lines.length : fence.close;
  const values = new Map<Key, { text: string; index: number }>();
  const milestones: Milestone[] = [];
  for (let i = fence.open + 1; i < end; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const task = TASK_LINE.exec(text);
    if (task) {
      const milestone = readMilestone(task[2] ?? '', /x/i.test(task[1] ?? ''), i + 1);
      if (milestone) milestones.push(milestone);
      else problem(i, 'This milestone has no percentage: write it as "- [ ] 40% What is done".');
      continue;
    }
    const pair = KEY_VALUE.exec(text);
    if (!pair) {
      problem(i, `Cannot read "${text.trim()}": expected "key: value" or "- [ ] 20% milestone".`);
      continue;
    }
    const written = (pair[1] ?? '').toLowerCase();
    const key: Key | undefined = ALIASES[written] ?? KEYS.find((k) => k === written);
    if (!key) {
      problem(i, `Unknown key "${written}": use ${KEYS.join(', ')}.`);
      continue;
    }
    if (values.has(key)) {
      problem(i, `"${key}" is given twice: the first one counts.`);
      continue;
    }
    values.set(key, { text: stripComment(pair[2] ?? ''), index: i });
  }

  const block: ScoringBlock = {
    line: fence.open + 1,
    method: null,
    rate: null,
    milestones,
    weight: null,
    due: null,
    late: null,
  };

  const scoring = values.get('scoring');
  if (scoring) {
    const method = scoring.text.toLowerCase();
    if ((METHODS as readonly string[]).includes(method)) block.method = method as BlockMethod;
    else
      problem(
        scoring.index,
        `"${scoring.text}" is not a scoring method: use ${METHODS.join(', ')}.`,
      );
  }

  const weight = values.get('weight');
  if (weight) {
    // Ally wrote contributions as "2x" and "0x"; owners copy that.
    const value = readNumber(weight.text.replace(/x$/i, ''));
    if (value === null || value < 0) {
      problem(weight.index, `Weight "${weight.text}" must be a number of 0 or more (default 1).`);
    } else block.weight = value;
  }

  const due = values.get('due');
  if (due) {
    if (isIsoDate(due.text)) block.due = due.text;
    else problem(due.index, `Due date "${due.text}" must be a date like 2024-07-31.`);
  }

  const late = values.get('late');
  if (late) {
    const penalty = readLate(late.text);
    if (penalty) block.late = penalty;
    else problem(late.index, `Late "${late.text}" must be "zero" or a penalty like "10%/week".`);
    if (penalty && !due) problem(late.index, 'Late has no effect without a due date: add "due:".');
  }

  if (block.method === 'rate') block.rate = readRate(values, problem, fence.open);
  else {
    for (const key of ['initial', 'target', 'monthly', 'months'] as const) {
      const entry = values.get(key);
      if (entry) problem(entry.index, `"${key}" is only used with "scoring: rate".`);
    }
  }

  if (block.method === 'milestones' && milestones.length === 0) {
    // Checkboxes inside a code block cannot be ticked in GitLab, so owners put the milestone
    // list after the block as an ordinary task list; read those lines when the block has none.
    block.milestones = milestonesOutside(lines, fences);
    if (block.milestones.length === 0) {
      problem(
        fence.open,
        'Scoring by milestones needs task lines such as "- [ ] 20% Complete the analysis".',
      );
    }
  } else if (block.method !== 'milestones' && milestones.length > 0) {
    problem(milestones[0]!.line - 1, 'Milestone lines count only with "scoring: milestones".');
  }
  return { block, problems };
}

function readRate(
  values: Map<Key, { text: string; index: number }>,
  problem: (index: number, message: string) => void,
  fenceIndex: number,
): RateInputs | null {
  let usable = true;
  const numberOf = (key: 'initial' | 'target'): number | null => {
    const entry = values.get(key);
    if (!entry) {
      problem(fenceIndex, `Scoring by rate needs "${key}:" (the ${key} rate).`);
      usable = false;
      return null;
    }
    const value = readNumber(entry.text);
    if (value === null) {
      problem(entry.index, `"${key}" must be a number, not "${entry.text}".`);
      usable = false;
    }
    return value;
  };
  const initial = numberOf('initial');
  const target = numberOf('target');
  if (initial !== null && target !== null && initial === target) {
    problem(values.get('target')!.index, 'Target equals initial: there is no change to score.');
    usable = false;
  }

  let months = 3;
  const monthsEntry = values.get('months');
  if (monthsEntry) {
    const value = readNumber(monthsEntry.text);
    if (value === null || !Number.isInteger(value) || value < 1) {
      problem(monthsEntry.index, `"months" must be a whole number of 1 or more; using 3.`);
    } else months = value;
  }

  let monthly: number[] = [];
  const monthlyEntry = values.get('monthly');
  if (monthlyEntry) {
    const list = readNumberList(monthlyEntry.text);
    if (list === null) {
      problem(monthlyEntry.index, `"monthly" must be a list of numbers like [12, 13, 15].`);
      usable = false;
    } else if (list.length > months) {
      problem(
        monthlyEntry.index,
        `${list.length} monthly values for a ${months}-month quarter: only the first ${months} count.`,
      );
      monthly = list.slice(0, months);
    } else monthly = list;
  }
  if (!usable || initial === null || target === null) return null;
  return { initial, target, monthly, months };
}

function milestonesOutside(lines: string[], fences: Fence[]): Milestone[] {
  const insideFence = (index: number) =>
    fences.some((f) => index >= f.open && (f.close === -1 || index <= f.close));
  const found: Milestone[] = [];
  lines.forEach((text, index) => {
    if (insideFence(index)) return;
    const task = TASK_LINE.exec(text);
    if (!task) return;
    const milestone = readMilestone(task[2] ?? '', /x/i.test(task[1] ?? ''), index + 1);
    if (milestone) found.push(milestone);
  });
  return found;
}
