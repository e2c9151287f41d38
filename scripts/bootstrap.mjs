#!/usr/bin/env node
// Makes a fresh clone ready for `npm run demo` and `npm test`: installs the npm dependencies when
// they are missing or older than the lock file, and Debian's Chromium when no browser is found.
// Plain Node with no dependencies, because it runs before any are installed.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const say = (text) => process.stderr.write(`[okr-lens setup] ${text}\n`);

const stamp = 'node_modules/.package-lock.json';
const needsInstall =
  !fs.existsSync(stamp) || fs.statSync('package-lock.json').mtimeMs > fs.statSync(stamp).mtimeMs;
if (needsInstall) {
  say('installing npm dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    say(`no browser at ${chromium}: installing Debian's chromium…`);
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  } else {
    say(
      `no browser at ${chromium}. Install Chromium (e.g. "sudo apt-get install chromium") ` +
        'or set CHROME_PATH to a Chromium or Chrome binary.',
    );
    process.exit(1);
  }
}
