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
    // The contract is bundled into the sandboxed preload: zod, itself and the pure (Node-free)
    // modules of main/net/ only. dispatcher.ts is the engine's side of the transports, not bundled.
    files: ['main/api/**/*.ts'],
    ignores: ['main/**/*.test.ts', 'main/api/dispatcher.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { group: ['node:*'], message: 'main/api/ is bundled into the sandboxed preload: no Node modules.' },
            { regex: '^\\.\\./(?!net/(address|range|host-name|probe-policy)\\.ts$)', message: 'main/api/ may import only zod, itself and the pure modules of main/net/ (address, range, host-name, probe-policy).' },
          ],
        },
      ],
    },
  },
  {
    // The pure part of main/net/ (the contract uses it): ipaddr.js and each other, no Node modules.
    files: ['main/net/address.ts', 'main/net/range.ts', 'main/net/host-name.ts', 'main/net/probe-policy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { group: ['node:*'], message: 'The pure modules of main/net/ are bundled into the preload with the contract: no Node modules.' },
            { regex: '^\\.\\./|^\\./local-networks', message: 'The pure modules of main/net/ import only ipaddr.js and each other.' },
          ],
        },
      ],
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
