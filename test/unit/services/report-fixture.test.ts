// `okr-lens report` against the sandbox with a fixed clock: the Key Review report for a fixed
// date is the committed expected file, for GitLab's OKR types (gitlab-com/gitlab-okrs) and for
// epics and labelled issues (acme, its carrier detected) (the map page's download must equal
// them too, see test/e2e/report.spec.ts and test/e2e/map-epics.spec.ts); after the quarter's end the final scoring appears; `--format json`
// gives the same figures as `okr-lens view` (the panel's, test/e2e/cli.spec.ts) for its items.
// UPDATE_EXPECTED=1 writes the expected file anew: read it before committing it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../lib/cli';
import type { QuarterMap } from '../../../lib/okr/quarter/map-model';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';
const SCOPE = 'gitlab-com/gitlab-okrs';
const SINCE = '2026-11-01';
/** Each scope's expected report. */
const EXPECTED: Record<string, string> = {
  [SCOPE]: path.resolve('test/fixtures/report/key-review-gitlab-okrs.md'),
  acme: path.resolve('test/fixtures/report/key-review-acme.md'),
};
const SANDBOX_ORIGIN = 'https://gitlab.sandbox.test';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

async function run(argv: string[], now = NOW) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { GITLAB_TOKEN: sandbox.tokens.api, TZ: 'UTC' },
    now: () => new Date(now),
  });
  return { code, stdout, stderr };
}

describe('okr-lens report on the sandbox', () => {
  it.each(Object.keys(EXPECTED))(
    'writes the Key Review report of %s for a fixed date as the expected file',
    async (scope) => {
      const { code, stdout, stderr } = await run([
        'report',
        `${sandbox.url}/${scope}`,
        '--since',
        SINCE,
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      // The sandbox listens on a port of its own each run: the file names it by one fixed origin.
      const report = stdout.replaceAll(sandbox.url, SANDBOX_ORIGIN);
      if (process.env.UPDATE_EXPECTED) await writeFile(EXPECTED[scope]!, report);
      expect(report).toBe(await readFile(EXPECTED[scope]!, 'utf8'));
    },
  );

  it('adds the final scoring after the quarter has ended', async () => {
    const json = await run(['report', `${sandbox.url}/${SCOPE}`, '--format', 'json']);
    const map = JSON.parse(json.stdout) as QuarterMap;
    expect(map.quarter.end).not.toBeNull();
    const before = await run(['report', `${sandbox.url}/${SCOPE}`]);
    expect(before.stdout).not.toContain('## Final scoring');
    const dayAfter = new Date(Date.parse(`${map.quarter.end}T12:00:00Z`) + 86_400_000);
    const after = await run(
      ['report', `${sandbox.url}/${SCOPE}`, '--quarter', map.quarter.title],
      dayAfter.toISOString(),
    );
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`## Final scoring: ${map.quarter.title}`);
    expect(after.stdout).toMatch(/\| 1\.1 \| \[/);
  });

  it('gives in JSON the figures `okr-lens view` gives for the same items', async () => {
    const { stdout } = await run(['report', `${sandbox.url}/${SCOPE}`, '--format', 'json']);
    const map = JSON.parse(stdout) as QuarterMap;
    expect(Object.keys(map).sort()).toEqual([
      'generatedAt',
      'items',
      'quarter',
      'scope',
      'summary',
    ]);
    for (const key of ['cto-objective-2', 'cto-kr-1-2', 'cto-kr-2-2', 'cto-kr-3-1']) {
      const url = sandbox.urlOf(key);
      const item = map.items.find((candidate) => candidate.url === url);
      expect(item, key).toBeDefined();
      const view = JSON.parse((await run(['view', url, '--json'])).stdout) as {
        item: {
          score: number | null;
          method: string;
          gitlabProgress: number | null;
          health: string | null;
          stale: boolean;
        };
      };
      expect(item!.score, key).toBe(view.item.score);
      expect(item!.method, key).toBe(view.item.method);
      expect(item!.gitlabProgress, key).toBe(view.item.gitlabProgress);
      expect(item!.health, key).toBe(view.item.health);
      expect(item!.stale, key).toBe(view.item.stale);
    }
  });
});
