import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '@/lib/cli';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-21T10:00:00.000Z';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ now: NOW });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function run(
  argv: string[],
  env: Record<string, string> = { GITLAB_TOKEN: sandbox.tokens.api },
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { TZ: 'UTC', ...env },
    now: () => new Date(NOW),
  });
  return { code, stdout, stderr };
}

describe('okr-lens view', () => {
  it('prints one JSON document with the item, its chain, children and warnings', async () => {
    const { code, stdout } = await run(['view', sandbox.urlOf('ally-kr2'), '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.item).toMatchObject({
      type: 'keyResult',
      method: 'issues',
      gitlabProgress: null,
    });
    expect(document.item.score).toBeCloseTo(0.694, 3);
    expect(document.chain.map((step: { title: string }) => step.title)).toEqual([
      sandbox.item('ally-objective').title,
    ]);
    expect(Object.keys(document).sort()).toEqual(['chain', 'children', 'item', 'warnings']);
    expect(document.item.carrier).toBe('workItemTypes');
  });

  it('detects that acme keeps its OKRs as epics and labels, with no set-up, once per run', async () => {
    sandbox.clearRequests();
    const { code, stdout, stderr } = await run(['view', sandbox.urlOf('acme-kr-deep'), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.item).toMatchObject({ type: 'keyResult', carrier: 'epics' });
    expect(document.chain.map((step: { type: string }) => step.type)).toEqual([
      'objective',
      'objective',
    ]);
    const detections = sandbox
      .requests()
      .filter((request) => /DetectCarrier/.test(request.operationName ?? ''));
    expect(detections).toHaveLength(2);
  });

  it('takes the carrier and its labels as flags, and says what is wrong with a bad one', async () => {
    const chosen = await run([
      'view',
      sandbox.urlOf('acme-objective-1'),
      '--json',
      '--carrier',
      'epics',
      '--objective-label',
      'okr:o',
      '--key-result-label',
      'okr:kr',
    ]);
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout).item).toMatchObject({ type: 'objective', carrier: 'epics' });

    const native = await run([
      'view',
      sandbox.urlOf('acme-objective-1'),
      '--carrier',
      'workItemTypes',
    ]);
    expect(native.code).toBe(1);
    expect(native.stdout).toBe('');

    const bad = await run(['view', sandbox.urlOf('acme-objective-1'), '--carrier', 'labels']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('--carrier must be workItemTypes or epics, not labels.');
    const pattern = await run([
      'view',
      sandbox.urlOf('acme-objective-1'),
      '--quarter-label',
      'okrq:',
    ]);
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toContain('--quarter-label needs {quarter}');
  });

  it('prints a readable report with the chain indented above the item', async () => {
    const { code, stdout } = await run(['view', sandbox.urlOf('deep-kr-4')]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const titles = ['deep-o1', 'deep-o2', 'deep-o3', 'deep-o4', 'deep-kr-4'].map(
      (key) => sandbox.item(key).title,
    );
    titles.forEach((title, depth) => {
      const line = lines.find((candidate) => candidate.includes(title));
      expect(line?.startsWith(`${'  '.repeat(depth)}`)).toBe(true);
    });
    expect(stdout).toContain('Score: 45.0% (values)');
  });

  it('reads an instance under a relative URL root', async () => {
    const url = sandbox.urlOf('ally-kr2', { relativeRoot: true });
    const { code, stdout } = await run([
      'view',
      url,
      '--json',
      '--instance',
      `${sandbox.url}/gitlab`,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).item.title).toBe(sandbox.item('ally-kr2').title);
  });

  it('says what is wrong on stderr with a non-zero exit, and prints nothing on stdout', async () => {
    const noToken = await run(['view', sandbox.urlOf('ally-kr2')], {});
    expect(noToken).toMatchObject({ code: 2, stdout: '' });
    expect(noToken.stderr).toMatch(/GITLAB_TOKEN/);

    const notAnItem = await run(['view', `${sandbox.url}/gitlab-com/gitlab-okrs/-/milestones`]);
    expect(notAnItem).toMatchObject({ code: 2, stdout: '' });
    expect(notAnItem.stderr).toMatch(/Not a GitLab work item/);

    const refused = await run(['view', sandbox.urlOf('ally-kr2')], {
      GITLAB_TOKEN: 'glpat-unknown',
    });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/token/i);

    const usage = await run(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: okr-lens view/);
  });
});
