// The command line and the panel stand on the same services: for the same item they must show
// the same chain, score, GitLab's number and warnings, whichever carrier keeps the OKRs.
import type { Page } from '@playwright/test';
import { runCli } from '../../lib/cli';
import { gitlabPercent } from '../../components/panel/format';
import { DEFAULT_EPIC_SETTINGS } from '../../lib/gitlab/carriers/conventions';
import { panelOf, SANDBOX_NOW } from '../support/extension-browser';
import { MAIN_PATH, test, expect } from './fixtures';
import { chooseCarriers } from './stale-oracle';

async function cliView(url: string, token: string, flags: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['view', url, '--json', ...flags], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { GITLAB_TOKEN: token, TZ: Intl.DateTimeFormat().resolvedOptions().timeZone },
    now: () => new Date(SANDBOX_NOW),
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as {
    item: {
      title: string;
      carrier: string;
      score: number | null;
      explanation: string;
      gitlabProgress: number | null;
    };
    chain: { title: string }[];
    children: { title: string }[];
    warnings: { rule: string; severity: string; message: string }[];
  };
}

async function panelView(page: Page) {
  const panel = panelOf(page);
  await expect(panel.getByTestId('okr-score')).toBeVisible();
  return {
    score: await panel.getByTestId('okr-score-value').textContent(),
    explanation: await panel.getByTestId('okr-score-explanation').textContent(),
    gitlab: await panel.getByTestId('okr-gitlab-progress').allTextContents(),
    chain: await panel.getByTestId('okr-chain-step').allTextContents(),
    children: await panel.getByTestId('okr-child').allTextContents(),
    warnings: await panel
      .getByTestId('okr-warning')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule'))),
  };
}

type Cli = Awaited<ReturnType<typeof cliView>>;
type Panel = Awaited<ReturnType<typeof panelView>>;

function expectSameFigures(cli: Cli, panel: Panel) {
  const cliPercent = cli.item.score === null ? null : `${Math.round(cli.item.score * 1000) / 10}%`;
  expect(panel.score).toBe(cliPercent);
  expect(panel.explanation).toContain(cli.item.explanation);
  expect(panel.chain).toHaveLength(cli.chain.length);
  cli.chain.forEach((step, index) => expect(panel.chain[index]).toContain(step.title));
  expect(panel.children).toHaveLength(cli.children.length);
  expect([...panel.warnings].sort()).toEqual(cli.warnings.map((warning) => warning.rule).sort());
}

/** GitLab's own number: the panel says it (or that there is none) where the CLI prints it. */
function expectSameGitLabNumber(cli: Cli, panel: Panel) {
  const shown = panel.gitlab.join(' ');
  if (cli.item.gitlabProgress === null) {
    if (panel.gitlab.length) expect(shown).toContain('GitLab shows no progress');
  } else {
    expect(shown).toContain(gitlabPercent(cli.item.gitlabProgress));
  }
}

for (const key of ['deep-kr-4', 'ally-kr2', 'cto-objective-5', 'prefix-kr', 'hiring-objective']) {
  test(
    `the CLI and the panel agree on ${key}`,
    MAIN_PATH,
    async ({ configuredPage: page, sandbox }) => {
      const url = sandbox.urlOf(key);
      const cli = await cliView(url, sandbox.tokens.api);
      await page.goto(url);
      const panel = await panelView(page);
      expect(cli.item.carrier).toBe('workItemTypes');
      expectSameFigures(cli, panel);
      expectSameGitLabNumber(cli, panel);
    },
  );
}

// OKRs kept as epics and labelled issues (acme) or as epics above a custom "Key result" type
// (northwind): the panel reads the carrier chosen for the group, the CLI the same settings.
// The CLI finds acme's carrier on its own (detection) and is told northwind's (`--carrier`).
for (const { key, group, flags } of [
  { key: 'acme-kr-deep', group: 'acme', flags: [] },
  { key: 'nw-kr-1', group: 'northwind', flags: ['--carrier', 'epics'] },
]) {
  test(`the CLI and the panel agree on ${key} (epics carrier)`, async ({
    configuredPage: page,
    context,
    sandbox,
  }) => {
    await chooseCarriers(context, { [group]: DEFAULT_EPIC_SETTINGS });
    const url = sandbox.urlOf(key);
    const cli = await cliView(url, sandbox.tokens.api, flags);
    expect(cli.item.carrier).toBe('epics');
    expect(cli.item.score).not.toBeNull();
    expect(cli.chain.length).toBeGreaterThan(0);
    await page.goto(url);
    const panel = await panelView(page);

    expectSameFigures(cli, panel);
    expectSameGitLabNumber(cli, panel);
  });
}
