// Lint rules for the whole project. The two `no-restricted-*` rules keep GitLab content inert:
// nothing from an API response may ever be parsed as HTML.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'test-results',
      'playwright-report',
      'bench-results',
      'out',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // React's hook rules for React code only: Playwright fixtures also call a function `use`.
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'GitLab content must render as text.',
        },
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'GitLab content must render as text.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'GitLab content must render as text.',
        },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The sandbox renders GitLab-like HTML pages on the server side as strings: it is test tooling.
    files: ['test/sandbox/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
