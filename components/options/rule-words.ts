// The handbook checks in words for the options page: a title, one line on when the check speaks
// up, and how each of its numbers is entered. Keyed by rule id, so a new rule shows its id
// until it gets words here.
import type { RuleId, Severity } from '../../lib/okr';

/** One number of a rule, as the page shows it. */
export interface NumberWords {
  label: string;
  /** Words after the input, e.g. "days". */
  unit?: string;
  min: number;
  max: number;
  /** Stored value × scale = shown value (a 0.25 margin shows as 25 percentage points). */
  scale?: number;
}

export interface RuleWords {
  title: string;
  description: string;
  numbers?: Record<string, NumberWords>;
  /** The section (its element id and name) where the rule's numbers are set instead. */
  numbersElsewhere?: { sectionId: string; section: string };
}

export const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Suggestion',
};

export const RULE_WORDS: Record<RuleId, RuleWords> = {
  'too-many-objectives': {
    title: 'Objectives per DRI',
    description: 'One DRI holds more open objectives in one milestone than this.',
    numbers: {
      maxObjectives: {
        label: 'Most open objectives per DRI',
        unit: 'a milestone',
        min: 1,
        max: 50,
      },
    },
  },
  'key-result-count': {
    title: 'Key results per objective',
    description: 'An objective has more key results than this (the handbook’s 3×3).',
    numbers: {
      maxKeyResults: { label: 'Most key results', unit: 'an objective', min: 1, max: 50 },
    },
  },
  'empty-objective': {
    title: 'Empty objective',
    description: 'An open objective has no key results or child objectives.',
  },
  'single-child': {
    title: 'Single child',
    description: 'An objective has exactly one child, which could stand in for it.',
  },
  'one-dri': {
    title: 'One DRI',
    description: 'An objective or key result has no assignee, or more than one.',
  },
  'title-prefix': {
    title: 'Title prefix',
    description: 'A title starts with a quarter (FY24-Q2) or a type (OKR:, KR:).',
  },
  'no-milestone': {
    title: 'No milestone',
    description: 'An open objective or key result has no milestone for its quarter.',
  },
  'scoring-undocumented': {
    title: 'Undocumented scoring',
    description: 'A key result scored by a typed percentage does not say how it is scored.',
  },
  'not-measurable': {
    title: 'Not measurable',
    description: 'A key result’s title contains no number.',
  },
  'manual-parent-progress': {
    title: 'Hand-set parent progress',
    description: 'An objective’s stored progress differs from GitLab’s roll-up of its children.',
    numbers: {
      tolerancePoints: { label: 'Allowed difference', unit: 'percentage points', min: 0, max: 100 },
    },
  },
  'health-stale': {
    title: 'Stale health status',
    description: 'The health status was not updated this month, or not for too long.',
    numbersElsewhere: { sectionId: 'staleness', section: 'Staleness' },
  },
  'off-track-unexplained': {
    title: 'Off track, unexplained',
    description: 'Needs attention or at risk, with no comment or link since the health changed.',
  },
  'missing-issue-link': {
    title: 'No issue link',
    description: 'An open key result’s description links no issue or epic.',
  },
  unaligned: {
    title: 'Unaligned',
    description: 'An objective has no parent and is not on the top-level list.',
  },
  'due-after-quarter': {
    title: 'Due after the quarter',
    description: 'The due date is later than the milestone’s due date.',
  },
  'missed-due-date': {
    title: 'Missed due date',
    description: 'Past its due date and not at 100%.',
  },
  'behind-schedule': {
    title: 'Behind schedule',
    description: 'The score trails the progress expected by now by more than this.',
    numbers: {
      behindMargin: {
        label: 'Margin below expected progress',
        unit: 'percentage points',
        min: 0,
        max: 100,
        scale: 100,
      },
    },
  },
  'closed-without-retro': {
    title: 'Closed without retrospective',
    description: 'Closed after its quarter with no Good / Bad / Try comment.',
  },
};

/** The page's words for a rule, or its id when it has none yet. */
export function wordsOf(id: string): RuleWords {
  return (
    (RULE_WORDS as Record<string, RuleWords>)[id] ?? {
      title: id.replace(/-/g, ' ').replace(/^./, (first) => first.toUpperCase()),
      description: '',
    }
  );
}
