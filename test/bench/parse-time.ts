// What the content script costs before it runs: V8 compiling it (Node's vm.Script, the engine
// Chromium uses; the bundle is one parenthesised function, which V8 compiles eagerly, its inner
// functions pre-parsed). Against a baseline bundle built from another commit in the same run
// (BENCH_BASELINE_REF, default `main`), so the ratio holds whatever the machine's load.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { sizeOf, type BundleSize } from './sizes';
import { median, round } from './stats';

export interface CompileTime {
  name: string;
  file: string;
  runs: number;
  medianMs: number;
}

export interface ContentScriptCost {
  compile: CompileTime[];
  /** The baseline's size, when it was built. */
  baselineSize: BundleSize | null;
  /** This build's compile time over the baseline's (median over median). */
  ratio: number | null;
  baselineRef: string | null;
  /** Why there is no baseline, when there is none. */
  note?: string;
}

const CONTENT_SCRIPT = 'content-scripts/gitlab.js';

/**
 * Compiles each file `runs` times, interleaved so that load from elsewhere falls on both alike.
 * Each compile gets a distinct last line: V8 caches compiled code by source text.
 */
export function measureCompileTimes(
  files: { name: string; file: string }[],
  runs: number,
): CompileTime[] {
  const sources = files.map(({ file }) => readFileSync(file, 'utf8'));
  const times: number[][] = files.map(() => []);
  for (let run = -2; run < runs; run += 1) {
    files.forEach(({ file }, index) => {
      const code = `${sources[index]}\n//# okr-lens-bench ${run} ${Math.random()}`;
      const startedAt = performance.now();
      new vm.Script(code, { filename: file });
      const ms = performance.now() - startedAt;
      if (run >= 0) times[index]!.push(ms); // the first two warm up the compiler itself
    });
  }
  return files.map(({ name, file }, index) => ({
    name,
    file,
    runs,
    medianMs: round(median(times[index]!), 3),
  }));
}

/**
 * The content script as commit `ref` built it: the commit's files from `git archive`, this
 * checkout's node_modules, the test build. Null (with why) when that cannot be done.
 */
export function buildBaselineContentScript(
  ref: string,
  workDir: string,
): { file: string } | { error: string } {
  const dir = path.join(workDir, 'baseline-build');
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execSync(`git archive --format=tar ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
    execFileSync(path.resolve('node_modules/.bin/wxt'), ['build'], {
      cwd: dir,
      env: { ...process.env, OKR_LENS_TEST_BUILD: '1' },
      stdio: 'ignore',
    });
    const file = path.join(dir, '.output/test/chrome-mv3', CONTENT_SCRIPT);
    if (!existsSync(file)) return { error: `${ref} built no ${CONTENT_SCRIPT}` };
    return { file };
  } catch (error) {
    return {
      error: `${ref} could not be built: ${error instanceof Error ? error.message : error}`,
    };
  }
}

/** This build's content script against the baseline's: sizes and compile times. */
export function contentScriptCost(
  extensionDir: string,
  workDir: string,
  baselineRef: string | null,
  runs: number,
): ContentScriptCost {
  const current = { name: 'content script', file: path.join(extensionDir, CONTENT_SCRIPT) };
  const baseline = baselineRef ? buildBaselineContentScript(baselineRef, workDir) : null;
  if (!baseline || 'error' in baseline) {
    return {
      compile: measureCompileTimes([current], runs),
      baselineSize: null,
      ratio: null,
      baselineRef,
      note: baseline?.error ?? 'no baseline (BENCH_BASELINE_REF is empty)',
    };
  }
  const name = `content script at ${baselineRef}`;
  const compile = measureCompileTimes([current, { name, file: baseline.file }], runs);
  const [mine, theirs] = compile;
  return {
    compile,
    baselineSize: sizeOf(name, path.dirname(baseline.file), [path.basename(baseline.file)]),
    ratio: mine && theirs ? round(mine.medianMs / theirs.medianMs, 2) : null,
    baselineRef,
  };
}
