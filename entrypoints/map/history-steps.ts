// The page's loop over the map's history steps: a step at a time while the page shows the map,
// the reading's state after each, and the map built with every item's notes once done. It ends
// whatever the background answers: done, a problem, or steps that read nothing new.
import type { HistoryStatus } from '../../components/map/HistoryStatus';
import type {
  HistoryProgress,
  HistoryStepResult,
  LoadedQuarterMap,
} from '../../lib/services/quarter-map';

export interface HistorySteps {
  start: HistoryProgress;
  step(): Promise<HistoryStepResult>;
  /** False once the page moved on (another map, a refresh): the loop stops quietly. */
  live(): boolean;
  show(status: HistoryStatus): void;
  built(data: LoadedQuarterMap, storedAt: string): void;
}

/**
 * Steps in a row that may read nothing new: one can be another tab's step for the same map (the
 * background answers both with one); two mean the reading is stuck.
 */
const IDLE_STEPS = 2;

export async function readHistorySteps(steps: HistorySteps): Promise<void> {
  let progress = steps.start;
  let idle = 0;
  while (steps.live()) {
    if (progress.read >= progress.total) {
      steps.show({ state: 'done', requests: progress.requests });
      return;
    }
    steps.show({ state: 'reading', read: progress.read, total: progress.total });
    const step = await steps.step();
    if (!steps.live()) return;
    if (!step.ok) {
      const known = step.progress ?? progress;
      steps.show({ state: 'failed', read: known.read, total: known.total, problem: step.problem });
      return;
    }
    if (step.done) {
      steps.built(step.data, step.storedAt);
      steps.show({ state: 'done', requests: step.progress.requests });
      return;
    }
    idle = step.progress.read > progress.read ? 0 : idle + 1;
    progress = step.progress;
    if (idle >= IDLE_STEPS) {
      steps.show({
        state: 'failed',
        read: progress.read,
        total: progress.total,
        problem: { kind: 'unknown', message: 'The history stopped before every item was read.' },
      });
      return;
    }
  }
}
