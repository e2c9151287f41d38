// Benchmark (not a test) of the OKR domain: scoring plus every rule over every node of
// generated trees of growing size. The cost per node should stay flat: linear growth.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { OkrNode } from '../../lib/okr/model';
import { checkRules } from '../../lib/okr/rules';
import { scoreTree } from '../../lib/okr/score';
import { generateTree, walk } from '../support/okr-trees';

export interface DomainBenchRow {
  nodes: number;
  medianMs: number;
  perNodeUs: number;
}

const TODAY = '2024-06-15';
const HOLIDAYS = ['2024-05-27', '2024-07-04'];

/** Open objectives by DRI and quarter, built once, as the data layer would hand them over. */
function driIndex(nodes: OkrNode[]): Map<string, OkrNode[]> {
  const index = new Map<string, OkrNode[]>();
  for (const node of nodes) {
    const dri = node.assignees[0];
    if (node.kind !== 'objective' || node.state !== 'opened' || !dri || !node.milestone) continue;
    const key = `${dri.username}\u0000${node.milestone.title}`;
    const list = index.get(key) ?? [];
    list.push(node);
    index.set(key, list);
  }
  return index;
}

/** Scores the whole tree and runs all rules on every node; returns the warning count. */
function scoreAndCheck(root: OkrNode): number {
  const everyNode = walk(root);
  const objectives = driIndex(everyNode.map(({ node }) => node));
  const scores = scoreTree(root, { today: TODAY });
  let warnings = 0;
  for (const { node, parent } of everyNode) {
    const dri = node.assignees[0];
    const key = dri && node.milestone ? `${dri.username}\u0000${node.milestone.title}` : '';
    warnings += checkRules(node, {
      today: TODAY,
      timeZone: 'Europe/Berlin',
      parent,
      siblings: parent?.children ?? [],
      driOpenObjectives: objectives.get(key) ?? [],
      topLevelObjectives: [root.url],
      calendar: { holidays: HOLIDAYS },
      scores,
    }).length;
  }
  return warnings;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function benchDomain(
  sizes: number[] = [1000, 10000, 100000],
  runs = 5,
): Promise<DomainBenchRow[]> {
  const rows: DomainBenchRow[] = [];
  for (const size of sizes) {
    const root = generateTree(size);
    const nodes = walk(root).length;
    // Warm-up (JIT, the time-zone formatter cache): small trees need a few rounds.
    const warmUps = Math.min(5, Math.max(1, Math.ceil(20_000 / nodes)));
    for (let i = 0; i < warmUps; i++) scoreAndCheck(root);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      scoreAndCheck(root);
      times.push(performance.now() - start);
      // Let the event loop breathe between runs so a caller's timers are not starved.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const medianMs = median(times);
    rows.push({
      nodes,
      medianMs: Math.round(medianMs * 10) / 10,
      perNodeUs: Math.round((medianMs * 1000 * 100) / nodes) / 100,
    });
  }
  return rows;
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly) {
  const rows = await benchDomain();
  console.log('OKR domain: scoring + all rules over every node (median of 5 runs)');
  console.table(rows);
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last) {
    console.log(
      `per-node cost ${last.nodes} vs ${first.nodes} nodes: ×${(last.perNodeUs / first.perNodeUs).toFixed(2)} (≈1 means linear)`,
    );
  }
}
