// Service worker start-up: the worker is stopped through the DevTools protocol, then an
// extension page sends it a message. The first answer's round trip minus a warm one is what
// waking the worker (loading and running background.js, its start-up work) adds to a request.
import type { BrowserContext } from '@playwright/test';
import { median } from './stats';

export interface WorkerStartup {
  /** Median extra time of the first message to a stopped worker (ms). */
  wakeMs: number;
  coldMessageMs: number;
  warmMessageMs: number;
  runs: number;
}

interface VersionUpdate {
  versions: { scriptURL: string; runningStatus: string }[];
}

export async function measureWorkerStartup(
  context: BrowserContext,
  extensionId: string,
  runs: number,
): Promise<WorkerStartup> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(page);
    let status = 'unknown';
    cdp.on('ServiceWorker.workerVersionUpdated', (update: VersionUpdate) => {
      const ours = update.versions.find((v) => v.scriptURL.includes(extensionId));
      if (ours) status = ours.runningStatus;
    });
    await cdp.send('ServiceWorker.enable');
    const messageMs = () =>
      page.evaluate(async () => {
        const started = performance.now();
        // An extension page: `chrome` is there, though the page's types do not declare it.
        const { chrome } = globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        };
        await chrome.runtime.sendMessage({ type: 'instances:list' });
        return performance.now() - started;
      });
    await messageMs(); // storage and code paths warmed once
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const until = Date.now() + 5_000;
      while (status !== 'stopped' && Date.now() < until) await page.waitForTimeout(20);
      if (status !== 'stopped') throw new Error('The service worker did not stop');
      cold.push(await messageMs());
      warm.push(await messageMs());
    }
    const coldMessageMs = median(cold);
    const warmMessageMs = median(warm);
    return { wakeMs: coldMessageMs - warmMessageMs, coldMessageMs, warmMessageMs, runs };
  } finally {
    await page.close();
  }
}
