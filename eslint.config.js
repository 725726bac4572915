// ESLint (flat config) for the boundaries DESIGN.md draws, plus a few correctness rules; no style
// rules (six people write code at once: a landing must not fail on taste). The linter lives in
// tools/lint with its own install, because typescript-eslint needs the classic TypeScript
// compiler API (5.9), which the native TypeScript 7 the project builds with does not ship.
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tools/lint/package.json', import.meta.url));
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/** What the pure core may not import: UI, map, worker plumbing and the app's own layers. */
const CORE_FORBIDDEN = {
  paths: [
    { name: 'preact', message: 'src/core is pure: no Preact.' },
    { name: 'maplibre-gl', message: 'src/core is pure: no MapLibre.' },
    { name: 'comlink', message: 'src/core is pure: workers are thin Comlink adapters outside it.' },
  ],
  patterns: [
    { group: ['preact/*', '@preact/*'], message: 'src/core is pure: no Preact.' },
    { group: ['maplibre-gl/*', 'comlink/*'], message: 'src/core is pure: no MapLibre or Comlink.' },
    { regex: '^(\\.\\./)+(state|ui|map|export|i18n)(/|$)', message: 'src/core may not import src/state, src/ui, src/map, src/export or src/i18n.' },
    { regex: '^(\\.\\./)+workers(/|$)', message: 'src/core may not import the workers.' },
  ],
};

const WINDOW_SEAM = {
  selector: "MemberExpression[property.name=/^__/]:matches([object.name=/^(window|globalThis|self)$/], [object.expression.name=/^(window|globalThis|self)$/], [object.expression.expression.name=/^(window|globalThis|self)$/])",
  message: 'No window.__ test seams in the app: use src/testHook.ts (e2e builds only).',
};
/** Components call named actions (state/appState.ts), they do not compose scenario edits. */
const GENERIC_EDIT = {
  selector: "CallExpression[callee.property.name='edit'][callee.object.property.name='actions']",
  message: 'Call a named action of the app state (setPisStatus, updateService, moveComune, …), not actions.edit(fn).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/lint/node_modules/**', 'reports/**', '.stryker-tmp/**', 'test-results/**', 'geodata/generated/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Correctness only (the type checker already covers undefined names and unused locals).
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-unsafe-negation': 'error',
      'no-constant-binary-expression': 'error',
      'no-sparse-arrays': 'error',
      'no-empty-pattern': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
      'no-restricted-syntax': ['error', WINDOW_SEAM],
      '@typescript-eslint/no-unsafe-declaration-merging': 'error',
      '@typescript-eslint/no-duplicate-enum-values': 'error',
      '@typescript-eslint/no-misused-new': 'error',
      '@typescript-eslint/prefer-as-const': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', CORE_FORBIDDEN],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'history'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/export/**/*.{ts,tsx}', 'src/map/**/*.ts', 'src/main.tsx'],
    rules: { 'no-restricted-syntax': ['error', WINDOW_SEAM, GENERIC_EDIT] },
  },
  {
    // One module reads and writes browser storage (src/state/persistence.ts).
    files: ['src/**/*.{ts,tsx}', 'workers/**/*.ts'],
    ignores: ['src/core/**', 'src/state/persistence.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'localStorage', message: 'Use localStore from src/state/persistence.ts.' }, { name: 'sessionStorage', message: 'Use sessionStore from src/state/persistence.ts.' }],
      'no-restricted-properties': ['error',
        { object: 'window', property: 'localStorage', message: 'Use localStore from src/state/persistence.ts.' },
        { object: 'window', property: 'sessionStorage', message: 'Use sessionStore from src/state/persistence.ts.' },
        { object: 'globalThis', property: 'localStorage', message: 'Use localStore from src/state/persistence.ts.' },
        { object: 'globalThis', property: 'sessionStorage', message: 'Use sessionStore from src/state/persistence.ts.' }],
    },
  },
  {
    // Workers are thin adapters: no UI, no app state.
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src/(state|ui|map|export)(/|$)', message: 'workers may not import the UI, the map or the app state.' }] }],
    },
  },
  {
    // Tests and the e2e driver read the app through the test hook; tools may do what they need.
    files: ['tests/**', 'src/testHook.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
