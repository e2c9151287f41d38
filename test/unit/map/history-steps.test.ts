// The map page's history loop ends whatever the background answers: done, a problem, or steps
// that read nothing new (a map whose notes never grow must not send requests forever).
import { describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../../components/map/HistoryStatus';
import { readHistorySteps } from '../../../entrypoints/map/history-steps';
import type { HistoryStepResult } from '../../../lib/services/quarter-map';

/** Runs the loop over answers; past 20 steps the background says stop, so a loop never hangs. */
async function run(answer: (call: number) => HistoryStepResult) {
  const shown: HistoryStatus[] = [];
  let calls = 0;
  await readHistorySteps({
    start: { read: 40, total: 85, requests: 4 },
    step: async () => {
      calls += 1;
      return calls > 20
        ? { ok: false, problem: { kind: 'unknown', message: 'endless' }, progress: null }
        : answer(calls);
    },
    live: () => true,
    show: (status) => shown.push(status),
    built: () => undefined,
  });
  return { calls, last: shown.at(-1) };
}

describe('the map page’s history steps', () => {
  it('stops when steps read nothing new, and says the history is missing', async () => {
    const { calls, last } = await run(() => ({
      ok: true,
      done: false,
      progress: { read: 40, total: 85, requests: 4 },
    }));
    expect(calls).toBe(2);
    expect(last).toMatchObject({ state: 'failed', read: 40, total: 85 });
  });

  it('goes on past one idle step (another tab’s step for the same map) while steps read more', async () => {
    const reads = [40, 80, 80, 85];
    const { calls, last } = await run((call) => {
      const read = reads[call - 1]!;
      return read < 85
        ? { ok: true, done: false, progress: { read, total: 85, requests: call } }
        : {
            ok: false,
            problem: { kind: 'server', message: 'GitLab had a problem' },
            progress: null,
          };
    });
    expect(calls).toBe(4);
    expect(last).toMatchObject({ state: 'failed', problem: { kind: 'server' } });
  });
});
