// `npx tsx scripts/render-icons.ts`: draws the extension's icons, public/icon/<size>.png,
// from assets/icon.svg with Chromium, so they can be redrawn after the SVG changes. With
// `--preview <file.png>` it also writes a sheet of the toolbar icon, with each badge the
// background can show, on light and dark browser toolbars, to look at before committing.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

/**
 * Each size and the part of it the artwork fills: the toolbar's and the add-ons manager's sizes
 * (Firefox shows 48 and, on dense screens, 96) to the edge, the 128 px icon
 * (the Chrome Web Store's and the extensions page's) 96 px with 16 px of transparent padding on
 * each side, as the Chrome Web Store's image guidelines ask.
 */
const SIZES = [
  { size: 16, artwork: 16 },
  { size: 32, artwork: 32 },
  { size: 48, artwork: 48 },
  { size: 96, artwork: 96 },
  { size: 128, artwork: 96 },
];
const SOURCE = path.resolve('assets/icon.svg');
const OUT_DIR = path.resolve('public/icon');

/**
 * The badge colours of lib/background/badge.ts (BADGE_COLOURS: that module needs the extension's
 * runtime to load), with the text each shows.
 */
const BADGES = [
  { label: 'no health', text: '3', colour: '#c91c00' },
  { label: 'too old', text: '12', colour: '#ab6100' },
  { label: 'this month', text: '1', colour: '#1f75cb' },
  { label: 'failed', text: '!', colour: '#535158' },
];

/** Toolbar backgrounds of Chrome and Firefox, light and dark themes. */
const TOOLBARS = [
  { label: 'Chrome light', background: '#ffffff' },
  { label: 'Firefox light', background: '#f9f9fb' },
  { label: 'Chrome dark', background: '#3c3c3c' },
  { label: 'Firefox dark', background: '#2b2a33' },
];

const { values } = parseArgs({ options: { preview: { type: 'string' } } });

function svgDataUrl(): string {
  return `data:image/svg+xml;base64,${fs.readFileSync(SOURCE).toString('base64')}`;
}

async function renderIcon(page: Page, size: number, artwork: number): Promise<Buffer> {
  const padding = (size - artwork) / 2;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img src="${svgDataUrl()}" width="${artwork}" height="${artwork}" ` +
      `style="display:block;margin:${padding}px"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** A toolbar button as the browsers draw it: the 16 px icon, the badge over its lower right. */
function toolbarButton(iconUrl: string, badge: (typeof BADGES)[number] | null): string {
  const badgeHtml = badge
    ? `<span class="badge" style="background:${badge.colour}">${badge.text}</span>`
    : '';
  return `<span class="button"><img src="${iconUrl}" width="16" height="16">${badgeHtml}</span>`;
}

/** Each toolbar twice: as a 1× screen draws it (the 16 px PNG) and a 2× screen (the 32 px). */
function previewHtml(icons: { 1: string; 2: string }): string {
  const rows = TOOLBARS.flatMap((toolbar) =>
    ([1, 2] as const).map(
      (density) =>
        `<div class="toolbar d${density}" style="background:${toolbar.background};color:${
          toolbar.background < '#808080' ? '#e8eaed' : '#202124'
        }"><span class="label">${toolbar.label} ${density}×</span>${toolbarButton(
          icons[density],
          null,
        )}${BADGES.map((badge) => toolbarButton(icons[density], badge)).join('')}</div>`,
    ),
  ).join('');
  return `<html><head><style>
    body { margin: 0; font: 12px system-ui, sans-serif; }
    .toolbar { display: flex; align-items: center; gap: 18px; padding: 8px 16px; height: 24px; }
    .label { width: 110px; }
    .button { position: relative; display: inline-block; width: 16px; height: 16px; padding: 4px; }
    .button img { display: block; }
    /* The sheet is magnified: show a 1× screen's pixels as they are. */
    .d1 img { image-rendering: pixelated; }
    .badge { position: absolute; right: -4px; bottom: 0; min-width: 6px; height: 10px;
      padding: 0 2px; border-radius: 2px; color: #fff; font: bold 9px/10px system-ui, sans-serif;
      text-align: center; }
  </style></head><body>${rows}</body></html>`;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const icons = new Map<number, Buffer>();
    for (const { size, artwork } of SIZES) {
      const png = await renderIcon(page, size, artwork);
      icons.set(size, png);
      fs.writeFileSync(path.join(OUT_DIR, `${size}.png`), png);
      process.stdout.write(`public/icon/${size}.png\n`);
    }
    if (values.preview) {
      // Magnified 4× so that a 16 px icon can be judged by eye.
      const sheet = await browser.newPage({ deviceScaleFactor: 4 });
      await sheet.setViewportSize({ width: 580, height: 320 });
      const url = (size: number) => `data:image/png;base64,${icons.get(size)!.toString('base64')}`;
      await sheet.setContent(previewHtml({ 1: url(16), 2: url(32) }));
      await sheet.screenshot({ path: path.resolve(values.preview), fullPage: true });
      process.stdout.write(`${values.preview}\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
