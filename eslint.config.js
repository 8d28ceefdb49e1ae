// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/ and preload/ may import electron; the engine and the renderer run without it.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The engine: plain Node, never electron, never the UI; logs through pino, not the console.
    files: ['main/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/renderer/**', '**/electron/**', '**/preload/**'], message: 'main/ must not depend on the shells or the UI.' }] }],
      'no-console': 'error',
    },
  },
  {
    // The renderer: untrusted web code. Only types from main/ (the contract), never runtime code.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { group: ['**/main/**'], allowTypeImports: true, message: 'renderer/ may import only types from main/ (use "import type").' },
            { group: ['node:*'], message: 'renderer/ runs in a browser sandbox: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // The preload may use the contract's runtime (procedure names) but nothing else from main/.
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+main/(?!api/)', message: 'preload/ may import only main/api/ (the contract).' }] },
      ],
    },
  },
);
