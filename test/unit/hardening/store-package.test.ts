// What the stores ask of the package `npm run zip` makes, read from wxt.config.ts, package.json
// and public/: the Chrome Web Store (a 128 px icon, a description of at most 132 characters, a
// version of one to four dot-separated integers) and addons.mozilla.org (an add-on id, the data
// collection statement, icons of 48 and 96 px); the toolbar button names its own icons.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import config from '../../../wxt.config';

type Icons = Record<string, string>;
type Manifest = Record<string, unknown> & {
  name: string;
  description: string;
  icons: Icons;
  action?: { default_icon: Icons };
  browser_action?: { default_icon: Icons };
  browser_specific_settings?: { gecko: { id: string; data_collection_permissions: unknown } };
};

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts manifest is not a function');
  return (await manifest({
    browser,
    manifestVersion: browser === 'firefox' ? 2 : 3,
    mode: 'production',
    command: 'build',
  })) as Manifest;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(path.join('public', file));
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('a package the stores accept', () => {
  it('has icons of 16, 32, 48, 96 and 128 px, each a PNG of its size', async () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const { icons } = await manifestFor(browser);
      expect(Object.keys(icons)).toEqual(['16', '32', '48', '96', '128']);
      for (const [size, file] of Object.entries(icons))
        expect(pngSize(file)).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('draws the toolbar button with the same icons, under each manifest version’s key', async () => {
    const chrome = await manifestFor('chrome');
    const firefox = await manifestFor('firefox');
    expect(chrome.action?.default_icon).toEqual({
      16: 'icon/16.png',
      32: 'icon/32.png',
      48: 'icon/48.png',
    });
    expect(firefox.browser_action?.default_icon).toEqual(chrome.action?.default_icon);
    expect(firefox.action).toBeUndefined();
    for (const file of Object.values(chrome.action?.default_icon ?? {}))
      expect(Object.values(chrome.icons)).toContain(file);
  });

  it('has a name, description and version within the stores’ limits', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest.name.length).toBeLessThanOrEqual(45);
    expect(manifest.description.length).toBeGreaterThan(0);
    expect(manifest.description.length).toBeLessThanOrEqual(132);
    expect(pkg.version).toMatch(/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/);
    for (const part of pkg.version.split('.')) expect(Number(part)).toBeLessThanOrEqual(65535);
  });

  it('gives Firefox an add-on id and says it collects no data', async () => {
    const { browser_specific_settings: settings } = await manifestFor('firefox');
    expect(settings?.gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(settings?.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
