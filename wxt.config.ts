import { defineConfig } from 'wxt';

// A test/demo build (OKR_LENS_TEST_BUILD=1) lists the local sandbox among its host permissions,
// because permission prompts cannot be clicked in a headless browser. The store build asks for
// self-managed hosts at run time instead.
const testBuild = process.env.OKR_LENS_TEST_BUILD === '1';

export default defineConfig({
  outDir: testBuild ? '.output/test' : '.output',
  vite: () => ({ define: { __OKR_LENS_TEST_BUILD__: JSON.stringify(testBuild) } }),
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'OKR Lens for GitLab',
    description:
      'GitLab OKRs where you work: parent chain, computed score and handbook checks on every objective and key result.',
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: testBuild
      ? ['https://gitlab.com/*', 'http://127.0.0.1/*', 'http://localhost/*']
      : ['https://gitlab.com/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
