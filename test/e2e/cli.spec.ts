// The command line and the panel stand on the same services: for the same item they must show
// the same chain, score and warnings.
import type { Page } from '@playwright/test';
import { runCli } from '../../lib/cli';
import { panelOf, SANDBOX_NOW } from '../support/extension-browser';
import { MAIN_PATH, test, expect } from './fixtures';

async function cliView(url: string, token: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['view', url, '--json'], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { GITLAB_TOKEN: token, TZ: Intl.DateTimeFormat().resolvedOptions().timeZone },
    now: () => new Date(SANDBOX_NOW),
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as {
    item: { title: string; score: number | null; explanation: string };
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
    chain: await panel.getByTestId('okr-chain-step').allTextContents(),
    children: await panel.getByTestId('okr-child').allTextContents(),
    warnings: await panel
      .getByTestId('okr-warning')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule'))),
  };
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

      const cliPercent =
        cli.item.score === null ? null : `${Math.round(cli.item.score * 1000) / 10}%`;
      expect(panel.score).toBe(cliPercent);
      expect(panel.explanation).toContain(cli.item.explanation);
      expect(panel.chain).toHaveLength(cli.chain.length);
      cli.chain.forEach((step, index) => expect(panel.chain[index]).toContain(step.title));
      expect(panel.children).toHaveLength(cli.children.length);
      expect([...panel.warnings].sort()).toEqual(
        cli.warnings.map((warning) => warning.rule).sort(),
      );
    },
  );
}
