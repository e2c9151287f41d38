// What the content script is made of: the test build again with WXT's bundle analysis (raw
// data from rollup-plugin-visualizer), grouped by package or source folder. The analysis gives
// code sizes before minification; each group's gzipped size is estimated from its share.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface CompositionGroup {
  name: string;
  /** Bytes of the group's code in the bundle before minification. */
  renderedBytes: number;
  share: number;
  /** The bundle's gzipped size times the share: an estimate. */
  estimatedGzipBytes: number;
}

interface VisualizerData {
  nodeParts: Record<string, { renderedLength: number }>;
  nodeMetas: Record<string, { id: string; moduleParts: Record<string, string> }>;
}

const CONFIG = 'test/bench/wxt.analyze.config.ts';
const STATS = 'bench-results/analyze-build/stats.json';

function groupOf(moduleId: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(moduleId);
  if (pkg?.[1]) return pkg[1];
  const parts = moduleId.replace(/^\0/, '').replace(/^\/+/, '').split('/');
  return parts.slice(0, 2).join('/');
}

export function compositionOf(
  data: VisualizerData,
  bundle: string,
  gzipBytes: number,
): CompositionGroup[] {
  const sizes = new Map<string, number>();
  for (const meta of Object.values(data.nodeMetas)) {
    const part = meta.moduleParts[bundle];
    if (!part) continue;
    const name = groupOf(meta.id);
    sizes.set(name, (sizes.get(name) ?? 0) + (data.nodeParts[part]?.renderedLength ?? 0));
  }
  const total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
  return [...sizes]
    .map(([name, renderedBytes]) => ({
      name,
      renderedBytes,
      share: renderedBytes / total,
      estimatedGzipBytes: Math.round((renderedBytes / total) * gzipBytes),
    }))
    .sort((a, b) => b.renderedBytes - a.renderedBytes);
}

/** Builds with analysis into bench-results/ and returns the content script's composition. */
export function analyzeContentScript(gzipBytes: number): CompositionGroup[] {
  execFileSync(path.resolve('node_modules/.bin/wxt'), ['build', '-c', CONFIG], {
    env: { ...process.env, OKR_LENS_TEST_BUILD: '1' },
    stdio: 'ignore',
  });
  const data = JSON.parse(readFileSync(STATS, 'utf8')) as VisualizerData;
  return compositionOf(data, 'content-scripts/gitlab.js', gzipBytes);
}
