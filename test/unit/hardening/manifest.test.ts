// Least privilege, read from wxt.config.ts and the source: the manifest asks for exactly the
// permissions the code uses (no more, none missing), gitlab.com is the only host granted at
// install, self-managed hosts are optional and asked for at run time, the extension CSP is the
// browsers' default, and nothing outside the extension may message it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
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

const SOURCE_DIRS = ['lib', 'entrypoints', 'components'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const source = SOURCE_DIRS.flatMap(sourceFiles)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** Extension namespaces the code calls (`browser.x` / `chrome.x`). */
const namespacesUsed = new Set(
  [...source.matchAll(/\b(?:browser|chrome)\.([a-zA-Z]+)\./g)].map((match) => match[1]!),
);

/** Namespaces that need no permission of their own. */
const WITHOUT_PERMISSION = new Set(['runtime', 'action', 'browserAction', 'permissions', 'i18n']);
/**
 * `tabs.query` and `tabs.sendMessage` need no permission: tab URLs are visible only for hosts
 * the extension holds, which is what the popup and the panel refresh want. `tabs.create` needs
 * none either (the "tabs" permission only reveals tabs' URLs and titles): the quarter map opens
 * in a new tab with it.
 */
const TABS_WITHOUT_PERMISSION = /\b(?:browser|chrome)\.tabs\.(?!query\b|sendMessage\b|create\b)\w+/;

/** Where each permission the manifest asks for is used. */
const USES: Record<string, RegExp> = {
  storage: /from 'wxt\/utils\/storage'|\b(?:browser|chrome)\.storage\./,
  alarms: /\b(?:browser|chrome)\.alarms\./,
  scripting: /\b(?:browser|chrome)\.scripting\./,
};

describe('least privilege (store build)', () => {
  it('asks for storage, alarms and scripting, each used in the code', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'scripting']);
    for (const permission of manifest.permissions ?? []) expect(source).toMatch(USES[permission]!);
  });

  it('uses no extension API whose permission it does not ask for', async () => {
    const manifest = await manifestFor('chrome');
    const needed = [...namespacesUsed].filter(
      (namespace) => !WITHOUT_PERMISSION.has(namespace) && namespace !== 'tabs',
    );
    for (const namespace of needed) expect(manifest.permissions).toContain(namespace);
    expect(source).not.toMatch(TABS_WITHOUT_PERMISSION);
    expect(manifest.permissions).not.toContain('tabs');
  });

  it('holds gitlab.com only; any other host is optional, granted at run time', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest.host_permissions).toEqual(['https://gitlab.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    // The options page asks for exactly one instance's hosts when it is added.
    expect(source).toMatch(/permissions\.request\(\{ origins: \[pattern\] \}\)/);
  });

  it('keeps the default extension CSP and lets no web page or other extension message it', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(source).not.toMatch(/onMessageExternal|onConnectExternal/);
    expect(source).not.toMatch(/\beval\(|new Function\(|importScripts\(/);
  });
});

describe('Firefox build', () => {
  it('names its add-on id, says it collects no data, and asks for other hosts at run time', async () => {
    const manifest = await manifestFor('firefox');
    expect(manifest.browser_specific_settings).toMatchObject({
      gecko: {
        id: expect.stringMatching(/@/),
        data_collection_permissions: { required: ['none'] },
      },
    });
    expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'scripting']);
  });
});
