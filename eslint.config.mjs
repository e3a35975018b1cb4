// ESLint flat config (`npm run lint` runs it, then `prettier --check .`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    'coverage/',
    'playground/.strapi/',
    'playground/build/',
    'playground/types/generated/',
    'playground/.tmp/',
    'playground/public/uploads/',
    'bench/.tmp/',
    'tests/.artifacts/',
  ]),

  {
    linterOptions: {
      // A disable comment that no longer silences anything is an error, so none outlives its reason.
      reportUnusedDisableDirectives: 'error',
    },
  },

  js.configs.recommended,

  // TypeScript: the plugin (server/src, admin/src, shared/), the tests and the playground.
  // Not the type-checked presets: on this code they take about 90 s instead of 15 s (two cores),
  // and nearly all they report is `no-unsafe-*` about values Strapi's own APIs type as `any`.
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      // `const { omitted: _name, ...rest } = object` is how the code drops a key from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },

  // Plain JavaScript is CommonJS on Node (package.json has "type": "commonjs"): scripts/, bench/,
  // jest.config.js, strapi-*.js, tests/global-setup.js, the playground's email provider.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },

  // Node code.
  {
    files: ['server/**', 'scripts/**', 'bench/**', 'tests/**', 'playground/**'],
    languageOptions: { globals: globals.node },
  },

  // The admin panel runs in the browser; its component tests run in jsdom.
  {
    files: ['admin/**', 'playground/src/admin/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tests/admin/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['admin/**/*.{ts,tsx}', 'tests/admin/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ['tests/**'],
    languageOptions: { globals: globals.jest },
  },

  // Last: turns off the rules that would fight Prettier's formatting.
  prettier,
]);
