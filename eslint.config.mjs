import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', '.native/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      // shared/ runs in the renderer and the main process alike: no Node, Electron, DOM or React.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'better-sqlite3', 'react', 'react-*', '../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['electron', 'better-sqlite3', 'node:*', '**/electron/**'] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      // Only main.ts and preload.ts may load Electron: under plain Node it tries to download itself.
      'no-restricted-imports': ['error', { patterns: ['electron', '**/renderer/**'] }],
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs,js}', '*.mjs', '.ci/**/*.mjs', 'test/**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
);
