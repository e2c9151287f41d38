// `npm run demo`: builds the extension, starts the GitLab sandbox with the handbook's example
// OKRs, and opens Chromium with the extension loaded and configured. With `--headless
// --screenshots <dir>` it writes what a user would see and exits. `--gitlab-version 17.0` (or
// SANDBOX_GITLAB_VERSION) makes the sandbox play that GitLab version (default latest).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { startSandbox } from '../test/sandbox/server';
import { addInstance, launchWithExtension, openPopup } from '../test/support/extension-browser';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshots: { type: 'string' },
    'gitlab-version': { type: 'string' },
  },
});

const say = (text: string) => process.stdout.write(`${text}\n`);

async function main() {
  const headless = values.headless || !process.env.DISPLAY;
  if (!values.headless && !process.env.DISPLAY) {
    say('No display found: running headless. Use --screenshots <dir> to see what it shows.');
  }

  say('Building the extension…');
  execSync('npm run --silent build:test', { stdio: ['ignore', 'ignore', 'inherit'] });

  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 0) || undefined,
    gitlabVersion: values['gitlab-version'],
  });
  say(
    `GitLab sandbox: ${sandbox.url}  (GitLab ${sandbox.gitlab.versionString}, token: ${sandbox.tokens.api})`,
  );

  const { context, extensionId } = await launchWithExtension({ headless });
  const page = context.pages()[0] ?? (await context.newPage());
  await addInstance(page, extensionId, sandbox.url, sandbox.tokens.api);
  await page.getByText('Token works').waitFor({ timeout: 15_000 });
  say('Extension configured with the sandbox instance.');

  const shots = values.screenshots ? path.resolve(values.screenshots) : null;
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const shoot = async (target: Page, name: string) => {
    if (!shots) return;
    const file = path.join(shots, `${name}.png`);
    await target.screenshot({ path: file, fullPage: false });
    say(`  wrote ${file}`);
  };
  const showPanelOf = async (url: string, name: string) => {
    await page.goto(url);
    await page.locator('okr-lens-panel').first().waitFor({ timeout: 15_000 });
    // Let the panel settle on the fresh view before the picture is taken.
    await page.waitForTimeout(800);
    await shoot(page, name);
  };

  if (shots) await shoot(page, 'options');
  const tour: [string, string][] = [
    [sandbox.urlOf('cto-objective-1'), 'objective'],
    [sandbox.urlOf('deep-kr-4'), 'key-result-deep'],
    [sandbox.urlOf('ally-kr2'), 'key-result-linked-issues'],
    [`${sandbox.urlOf('ally-kr2')}?theme=dark`, 'key-result-dark'],
  ];
  for (const [url, name] of tour) await showPanelOf(url, name);

  // The popup as the toolbar opens it for the objective in the tab (light and dark).
  const popup = await openPopup(context, extensionId, sandbox.urlOf('hiring-development'));
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.reload();
    await popup.getByRole('heading', { name: /Health updates/ }).waitFor({ timeout: 15_000 });
    await popup.waitForTimeout(800);
    await shoot(popup, `popup-${scheme}`);
  }
  await popup.close();
  await page.goto(sandbox.urlOf('cto-objective-1'));

  if (headless) {
    await context.close();
    await sandbox.close();
    say('Done.');
    return;
  }
  say('Chromium is open with OKR Lens loaded. Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    context.once('close', () => resolve());
  });
  await context.close().catch(() => undefined);
  await sandbox.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
