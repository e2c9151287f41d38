// GitLab's own progress arithmetic, so the forms never send what GitLab refuses and the panel
// can say where GitLab's number comes from. `WorkItems::Progress#compute_progress`
// (ee/app/models/work_items/progress.rb): a value past the target counts 100, a value on the
// wrong side of the start counts 0, otherwise |current − start| / |target − start| in whole
// percent (GitLab 18 rounds; 16.x cut the decimals). GitLab 15.x had no bounds: it counted the
// distance from the start whatever its direction and refused a result above 100 ("Progress must
// be less than or equal to 100").
import { percent, plain } from './format';
import type { ProgressValues } from './model';

/** GraphQL's `Int`, which GitLab's progress inputs use: 32-bit signed. */
export const GITLAB_INT = { min: -2_147_483_648, max: 2_147_483_647 } as const;

export function fitsGitLabInt(value: number): boolean {
  return Number.isInteger(value) && value >= GITLAB_INT.min && value <= GITLAB_INT.max;
}

/** The sentence a form shows for a number GitLab's `Int` cannot hold. */
export const NOT_A_GITLAB_INT =
  'GitLab takes whole numbers from −2,147,483,648 to 2,147,483,647: count in a larger unit ' +
  '(thousands, millions) to fit.';

export type ValuePosition = 'beforeStart' | 'between' | 'pastTarget';

/** Where a value sits on the way from start to target, in either direction. */
export function positionOf(start: number, current: number, target: number): ValuePosition {
  const rising = start < target;
  if (rising ? current < start : current > start) return 'beforeStart';
  if (rising ? current > target : current < target) return 'pastTarget';
  return 'between';
}

/** What GitLab (16.x and later) stores for these values, null when start equals target. */
export function gitlabProgressOf(start: number, current: number, target: number): number | null {
  if (start === target) return null;
  const position = positionOf(start, current, target);
  if (position === 'beforeStart') return 0;
  if (position === 'pastTarget') return 100;
  return Math.round((Math.abs(current - start) / Math.abs(target - start)) * 100);
}

/**
 * What GitLab will store for a value typed into a form, when that needs saying: a value past
 * the target or before the start. Null for an ordinary value.
 */
export function storedValueNote(start: number, current: number, target: number): string | null {
  if (start === target) return null;
  const position = positionOf(start, current, target);
  if (position === 'pastTarget')
    return `${plain(current)} is past the target ${plain(target)}: GitLab stores 100%.`;
  if (position === 'beforeStart')
    return (
      `${plain(current)} is before the start ${plain(start)} (the target is ${plain(target)}): ` +
      `GitLab stores 0%.`
    );
  return null;
}

/**
 * Why GitLab's stored percentage is what it is, when its formula (not the work) explains a
 * difference from the plain share of the way: a value past the target (capped at 100%), before
 * the start (0%, or the undirected distance an older GitLab stored), or GitLab's whole percent.
 */
export function gitlabFormulaNote(values: ProgressValues | null): string | null {
  if (!values) return null;
  const { startValue: start, currentValue: current, endValue: target, progress } = values;
  if (start === null || current === null || target === null || progress === null) return null;
  if (start === target) return null;
  const position = positionOf(start, current, target);
  const span = Math.abs(target - start);
  const distance = Math.abs(current - start);
  if (position === 'pastTarget') {
    return progress === 100
      ? `${plain(current)} is past the target ${plain(target)}: GitLab counts anything past the ` +
          `target as 100%.`
      : null;
  }
  if (position === 'beforeStart') {
    const undirected = Math.trunc((distance / span) * 100);
    if (progress !== 0 && Math.abs(progress - undirected) <= 1) {
      return (
        `${plain(current)} is on the wrong side of the start ${plain(start)}: this GitLab ` +
        `counted the distance from the start, |${plain(current)} − ${plain(start)}| / ` +
        `|${plain(target)} − ${plain(start)}| = ${percent(distance / span)}, as progress; ` +
        `GitLab 16 and later count it 0%.`
      );
    }
    return progress === 0
      ? `${plain(current)} is on the wrong side of the start ${plain(start)}: GitLab counts ` +
          `that as 0%.`
      : null;
  }
  const exact = (distance / span) * 100;
  if (Number.isInteger(exact) || Math.abs(progress - exact) >= 1) return null;
  return (
    `GitLab keeps whole percents: ${percent(exact / 100)} is stored as ${plain(progress)}%` +
    (progress === Math.round(exact) ? '.' : ' (this GitLab cuts the decimals).')
  );
}
