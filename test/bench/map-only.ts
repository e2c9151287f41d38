// The quarter map's part of `npm run bench` alone, for working on the map: the same scenarios,
// Node and Chromium, printed and written to bench-results/map.json. Run after `npm run
// build:test`: `npx tsx test/bench/map-only.ts` (BENCH_QUICK=1 for one run each).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { extensionPath, SANDBOX_NOW } from '../support/extension-browser';
import { startExtensionSession } from './extension';
import {
  mapScenarioSpecs,
  measureMapsInChromium,
  measureMapsInNode,
  renderMapReport,
  seedMapScenarios,
  summariseMapScenario,
} from './map';

const quick = process.env.BENCH_QUICK === '1';
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 150);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startSandbox({ now: SANDBOX_NOW, latencyMs });
  try {
    const scenarios = seedMapScenarios(sandbox, mapScenarioSpecs({ quick }));
    const inNode =
      process.env.BENCH_MAP_BROWSER_ONLY === '1'
        ? new Map()
        : await measureMapsInNode(sandbox, scenarios, log);
    const session = await startExtensionSession(sandbox, extensionPath);
    let visits;
    try {
      visits = await measureMapsInChromium(
        session.context,
        session.extensionId,
        sandbox,
        scenarios,
        log,
      );
    } finally {
      await session.close();
    }
    const results = scenarios.map((scenario) => {
      const node = inNode.get(scenario.id) ?? { extension: [], baseline: [] };
      const seen = visits.get(scenario.id);
      return summariseMapScenario(
        scenario,
        node.extension,
        node.baseline,
        seen?.cold ?? null,
        seen?.cached ?? null,
      );
    });
    const dir = path.resolve('bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'map.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${renderMapReport(results)}\n`);
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `map bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
