// `npx tsx scripts/preview-panel.tsx [outDir]`: renders the panel in its states, inside a shadow
// root with its CSS, on a GitLab-like page with GitLab's light and dark tokens (and with no tokens
// at all), and screenshots each with Debian's Chromium. For looking at the panel while styling it.
import fs from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { chromium } from '@playwright/test';
import { OkrPanel, type PanelState } from '../components/panel/OkrPanel';
import { OkrViewSchema, type OkrView } from '../lib/view';
import {
  issueView,
  keyResultView,
  objectiveView,
  step,
} from '../test/unit/components/sample-views';

const outDir = path.resolve(process.argv[2] ?? '/tmp/okr-preview');
const css = fs.readFileSync(path.resolve('components/panel/panel.css'), 'utf8');

const LIGHT_TOKENS = `
  --gl-background-color-default: #fff; --gl-background-color-subtle: #fbfafd;
  --gl-background-color-strong: #ececef; --gl-text-color-default: #3a383f;
  --gl-text-color-subtle: #626168; --gl-text-color-strong: #18171d;
  --gl-border-color-default: #dcdcde; --gl-text-color-link: #1068bf;
  --gl-status-success-background-color: #c3e6cd; --gl-status-success-text-color: #24663b;
  --gl-status-warning-background-color: #f5d9a8; --gl-status-warning-text-color: #8f4700;
  --gl-status-danger-background-color: #fdd4cd; --gl-status-danger-text-color: #ae1800;
  --gl-status-neutral-background-color: #ececef; --gl-status-neutral-text-color: #535158;
  --gl-status-info-background-color: #cbe2f9; --gl-status-info-text-color: #0b5cad;`;

const DARK_TOKENS = `
  --gl-background-color-default: #18171d; --gl-background-color-subtle: #1f1e24;
  --gl-background-color-strong: #333238; --gl-text-color-default: #ececef;
  --gl-text-color-subtle: #bfbfc3; --gl-text-color-strong: #fff;
  --gl-border-color-default: #4c4b51; --gl-text-color-link: #63a6e9;
  --gl-status-success-background-color: #0d532a; --gl-status-success-text-color: #91d4a8;
  --gl-status-warning-background-color: #703800; --gl-status-warning-text-color: #f5d9a8;
  --gl-status-danger-background-color: #8d1300; --gl-status-danger-text-color: #fdd4cd;
  --gl-status-neutral-background-color: #3a383f; --gl-status-neutral-text-color: #dcdcde;
  --gl-status-info-background-color: #064787; --gl-status-info-text-color: #cbe2f9;`;

function hostileView(): OkrView {
  const view = keyResultView();
  const title = `\u202Eevil\u202C 🎯🔥 ${'Raise-the-bar-with-no-spaces-'.repeat(40)} ${'long words '.repeat(900)}`;
  return OkrViewSchema.parse({
    ...view,
    item: { ...view.item, title },
    chain: [step({ title }), ...view.chain],
    chainTruncated: true,
  });
}

function noDataView(): OkrView {
  const view = keyResultView();
  return OkrViewSchema.parse({
    ...view,
    item: {
      ...view.item,
      score: {
        value: null,
        method: 'none',
        explanation: 'No start and target values, no progress and no linked issues.',
        details: [],
        band: 'none',
        expected: null,
        behind: false,
      },
      gitlabProgress: null,
      drift: null,
    },
    warnings: [],
  });
}

const idle: PanelState = { view: null, source: null, refreshing: false, problem: null };
const scenes: [string, PanelState, boolean?][] = [
  ['Key result, fresh', { ...idle, view: keyResultView(), source: 'network' }],
  [
    'Objective, cached and refreshing',
    { ...idle, view: objectiveView(), source: 'cache', refreshing: true },
  ],
  ['Issue', { ...idle, view: issueView(), source: 'network' }],
  ['No data', { ...idle, view: noDataView(), source: 'network' }],
  ['Hostile title, truncated chain', { ...idle, view: hostileView(), source: 'network' }],
  ['No token', { ...idle, problem: { kind: 'noToken', message: '' } }],
  [
    'Rate limited over cached data',
    {
      ...idle,
      view: keyResultView(),
      source: 'cache',
      problem: { kind: 'rateLimited', message: 'GitLab asked to wait.', retryAfterMs: 30_000 },
      retryInSeconds: 27,
    },
  ],
  ['Loading', { ...idle, refreshing: true }],
  ['Collapsed', { ...idle, view: keyResultView(), source: 'network' }, true],
];

function page(theme: 'light' | 'dark' | 'fallback-dark'): string {
  const tokens = theme === 'light' ? LIGHT_TOKENS : theme === 'dark' ? DARK_TOKENS : '';
  const pageBg = theme === 'light' ? '#fff' : '#18171d';
  const pageText = theme === 'light' ? '#3a383f' : '#ececef';
  const columns = scenes
    .map(([name, state, collapsed]) => {
      const markup = renderToStaticMarkup(
        <OkrPanel
          state={state}
          collapsed={collapsed ?? false}
          onToggleCollapsed={() => {}}
          optionsUrl="chrome-extension://preview/options.html"
        />,
      );
      return `<div class="column"><p class="label">${name}</p>
        <okr-lens-panel data-theme="${theme === 'light' ? 'light' : 'dark'}"><template shadowrootmode="open"><style>${css}</style><div>${markup}</div></template></okr-lens-panel>
        <div class="gl-sidebar-block">Assignees<br><small>Ally Example</small></div></div>`;
    })
    .join('\n');
  return `<!doctype html><html class="${theme === 'light' ? '' : 'gl-dark'}"><head><meta charset="utf-8"><style>
    :root { ${tokens} }
    body { margin: 0; padding: 16px; background: ${pageBg}; color: ${pageText};
      font: 14px/20px -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Ubuntu, sans-serif; }
    .grid { display: grid; grid-template-columns: repeat(5, 300px); gap: 24px; align-items: start; }
    .label { margin: 0 0 6px; font-size: 12px; opacity: .7; }
    .gl-sidebar-block { padding: 12px 0; border-top: 1px solid ${theme === 'light' ? '#dcdcde' : '#4c4b51'}; }
  </style></head><body><div class="grid">${columns}</div></body></html>`;
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const tab = await browser.newPage({ viewport: { width: 1640, height: 900 } });
  for (const theme of ['light', 'dark', 'fallback-dark'] as const) {
    const file = path.join(outDir, `panel-${theme}.html`);
    fs.writeFileSync(file, page(theme));
    await tab.goto(`file://${file}`);
    const png = path.join(outDir, `panel-${theme}.png`);
    await tab.screenshot({ path: png, fullPage: true });
    process.stdout.write(`wrote ${png}\n`);
    // Each column on its own too, at full size, for a close look.
    const columns = tab.locator('.column');
    for (let index = 0; index < (await columns.count()); index += 1) {
      await columns
        .nth(index)
        .screenshot({ path: path.join(outDir, `panel-${theme}-${index}.png`) });
    }
  }
  await browser.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
