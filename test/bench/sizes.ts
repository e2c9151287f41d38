// Sizes of what the browser loads: the content script (on every GitLab page) and the popup
// (its HTML's scripts, preloaded chunks and styles), raw and gzipped with node's zlib.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  name: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

export function sizeOf(name: string, dir: string, files: string[]): BundleSize {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(dir, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { name, files, rawBytes, gzipBytes };
}

/** Scripts, module preloads and stylesheets an extension page's HTML pulls in. */
export function assetsOfPage(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    const ref = match[1];
    if (ref && /\.(m?js|css)$/.test(ref)) found.add(ref.replace(/^\//, ''));
  }
  return [...found];
}

export function bundleSizes(extensionDir: string): BundleSize[] {
  const popupHtml = readFileSync(path.join(extensionDir, 'popup.html'), 'utf8');
  return [
    sizeOf('content script', extensionDir, ['content-scripts/gitlab.js']),
    sizeOf('popup', extensionDir, ['popup.html', ...assetsOfPage(popupHtml)]),
    sizeOf('service worker', extensionDir, ['background.js']),
  ];
}
