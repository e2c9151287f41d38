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
          // element['innerHTML'] = …
          selector: 'AssignmentExpression[left.property.value=/^(innerHTML|outerHTML)$/]',
          message: 'GitLab content must render as text.',
        },
        {
          // Object.assign(element, { innerHTML }), or React props built as an object.
          selector:
            ':matches(Property[key.name=/^(innerHTML|outerHTML|dangerouslySetInnerHTML|srcdoc|srcDoc)$/], Property[key.value=/^(innerHTML|outerHTML|dangerouslySetInnerHTML|srcdoc|srcDoc)$/])',
          message: 'GitLab content must render as text.',
        },
        {
          selector: 'JSXAttribute[name.name=/^(srcdoc|srcDoc)$/]',
          message: 'GitLab content must render as text.',
        },
        {
          // Every other way to turn a string into DOM.
          selector:
            'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|parseFromString|setHTMLUnsafe|parseHTMLUnsafe)$/]',
          message: 'GitLab content must render as text.',
        },
        {
          selector:
            "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
          message: 'GitLab content must render as text.',
        },
        {
          // The core no-implied-eval rule sees only declared globals; this sees any timer.
          selector:
            'CallExpression[callee.name=/^(setTimeout|setInterval)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]',
          message: 'A timer takes a function, never code as a string.',
        },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // A `javascript:` address is code; product code never makes one (tests use them as bait).
    files: ['lib/**', 'entrypoints/**', 'components/**'],
    rules: { 'no-script-url': 'error' },
  },
  {
    // The content script (and what only it imports) runs on every GitLab page: it checks messages
    // with shapes (lib/shape.ts), not zod, which would double its size (`npm run bench`).
    files: [
      'entrypoints/gitlab.content/**',
      'components/panel/**',
      'lib/page.ts',
      'lib/page-messages.ts',
      'lib/shape.ts',
      'lib/view.ts',
    ],
    rules: {
      // `import { type A } from 'x'` still loads x (as `import 'x'`), with its zod.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'zod/*', '**/shape-zod'],
              message: 'The content script checks with shapes (lib/shape.ts), not zod.',
            },
            {
              group: ['**/lib/messages', '../messages', './messages', '**/lib/settings'],
              allowTypeImports: true,
              message:
                'Values from here bring zod into the content script: use lib/page-messages (types are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox renders GitLab-like HTML pages on the server side as strings: it is test tooling.
    files: ['test/sandbox/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
