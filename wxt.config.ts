import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';

// A test/demo build (OKR_LENS_TEST_BUILD=1) lists the local sandbox among its host permissions,
// because permission prompts cannot be clicked in a headless browser. The store build asks for
// self-managed hosts at run time instead.
const testBuild = process.env.OKR_LENS_TEST_BUILD === '1';

/** Self-managed GitLab hosts: asked for at run time, one host at a time, from the options page. */
const SELF_MANAGED_HOSTS = ['https://*/*', 'http://*/*'];

/**
 * Firefox needs a stable add-on id (storage and IndexedDB belong to it) and a data-collection
 * statement: OKR Lens sends nothing to its authors or anyone else, only to the user's own GitLab.
 */
const FIREFOX_SETTINGS = {
  gecko: {
    id: 'okr-lens@okr-lens.gitlab-okrs',
    data_collection_permissions: { required: ['none'] },
  },
};

/**
 * The icon in every size a store or browser asks for, drawn from assets/icon.svg by
 * scripts/render-icons.ts into public/icon/ (`npx tsx scripts/render-icons.ts` redraws them).
 */
const ICONS = {
  16: 'icon/16.png',
  32: 'icon/32.png',
  48: 'icon/48.png',
  96: 'icon/96.png',
  128: 'icon/128.png',
};
/** The toolbar's sizes (up to 3× screens); the 128 px icon is padded for the stores' listings. */
const ACTION_ICONS = { 16: ICONS[16], 32: ICONS[32], 48: ICONS[48] };

/**
 * Code in dependencies that could evaluate strings, cut out at build time so the shipped
 * extension holds no `eval` or `Function` constructor at all (the extension CSP forbids them
 * anyway; Mozilla's linter flags them). Each replacement keeps the dependency's behaviour here:
 * - zod's JIT probe: answers "no eval" (the same answer the CSP gives, without a CSP report);
 * - function-bind (via gitbeaker → qs): its string-built polyfill; every browser has native bind;
 * - get-intrinsic (via qs): its table entry for the global `eval`, which qs never looks up;
 * - rate-limiter-flexible (via gitbeaker): its Drizzle adapters import a module named at run
 *   time; gitbeaker uses the in-memory limiter only, and an extension loads no modules by name.
 * A replacement that no longer matches (a dependency changed) fails the build, so it is seen.
 */
const EVAL_FREE: { file: RegExp; from: string | RegExp; to: string }[] = [
  {
    file: /\/zod\/v4\/core\/util\.js$/,
    from: /const F = Function;\s*new F\(""\);\s*return true;/,
    to: 'return false;',
  },
  {
    file: /\/function-bind\/index\.js$/,
    from: "var implementation = require('./implementation');",
    to: 'var implementation = undefined;',
  },
  {
    file: /\/get-intrinsic\/index\.js$/,
    from: "'%eval%': eval, // eslint-disable-line no-eval",
    to: "'%eval%': undefined,",
  },
  {
    file: /\/rate-limiter-flexible\/lib\/RateLimiterDrizzle(NonAtomic)?\.js$/,
    from: 'await import(`${getPackageName()}`)',
    to: "await Promise.reject(new Error('drizzle-orm is not part of OKR Lens'))",
  },
];

function evalFree(): Plugin {
  return {
    name: 'okr-lens:eval-free',
    enforce: 'pre',
    transform(code, id) {
      const rule = EVAL_FREE.find((candidate) => candidate.file.test(id.split('?')[0] ?? id));
      if (!rule) return null;
      const next = code.replace(rule.from, rule.to);
      if (next === code) throw new Error(`eval-free: ${id} changed; review its replacement`);
      return { code: next, map: null };
    },
  };
}

/** react-dom/client's `createRoot`, for the content script, on Preact's core. */
const PREACT_ROOT = fileURLToPath(
  new URL('entrypoints/gitlab.content/preact-root.ts', import.meta.url),
);

type Alias = { find: string | RegExp; replacement: string };

/** Vite takes aliases as a list or as a record: this gives the list. */
function aliasList(alias: unknown): Alias[] {
  if (Array.isArray(alias)) return alias as Alias[];
  if (alias && typeof alias === 'object') {
    return Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({
      find,
      replacement,
    }));
  }
  return [];
}

export default defineConfig({
  outDir: testBuild ? '.output/test' : '.output',
  vite: () => ({
    define: { __OKR_LENS_TEST_BUILD__: JSON.stringify(testBuild) },
    plugins: [evalFree()],
  }),
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // The content script runs on every GitLab page, so its size is paid on every page load:
    // it renders with Preact's core and hooks (~6 KB gzipped) instead of React DOM (~70 KB).
    // The popup and the options page keep React. The components are the same; the panel's
    // components use only `useState` from React, and a React API that Preact's hooks lack fails
    // the content script's build (then alias it here, or use preact/compat again).
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      viteConfig.resolve ??= {};
      viteConfig.resolve.alias = [
        { find: /^react-dom\/client$/, replacement: PREACT_ROOT },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react$/, replacement: 'preact/hooks' },
        ...aliasList(viteConfig.resolve.alias),
      ];
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'OKR Lens for GitLab',
    description:
      'GitLab OKRs where you work: parent chain, computed score and handbook checks on every objective and key result.',
    icons: ICONS,
    // WXT fills in the rest of the toolbar button (the popup) under the key of the manifest version.
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_icon: ACTION_ICONS },
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: testBuild
      ? ['https://gitlab.com/*', 'http://127.0.0.1/*', 'http://localhost/*']
      : ['https://gitlab.com/*'],
    optional_host_permissions: SELF_MANAGED_HOSTS,
    // Manifest V2 (Firefox) has no optional_host_permissions: hosts go with optional permissions.
    ...(manifestVersion === 2 ? { optional_permissions: SELF_MANAGED_HOSTS } : {}),
    // No content_security_policy key: the browsers' default extension CSP (no eval, no remote
    // scripts) applies to every extension page and the service worker.
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
});
