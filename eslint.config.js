// Lint, and the import boundaries of ../shared/DESIGN.md, enforced here:
// - only the shell (electron/main.ts, preload.ts, windows.ts and small helpers) imports `electron`;
// - db/ and electron/api/ never import `electron`;
// - renderer/ never imports db/, electron/ code or node: modules (types from the API contract excepted);
// - only db/open.ts knows the SQLite driver; only electron/api/zod.ts imports zod directly.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronImport = { name: 'electron', message: 'Only the Electron shell files may import electron (see DESIGN.md).' };
const driverImport = {
  name: 'better-sqlite3',
  message: 'Only db/open.ts knows the SQLite driver; import its types from db/open.ts.',
  allowTypeImports: true,
};
const zodImport = { name: 'zod', message: 'Import z from electron/api/zod.ts, which sets jitless mode for the CSP.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-results/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronImport, driverImport, zodImport] }],
    },
  },
  {
    files: ['db/open.ts', 'test/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport, zodImport] }] },
  },
  {
    files: ['electron/api/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport, driverImport] }] },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/windows.ts', 'electron/shell/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [driverImport, zodImport] }] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, driverImport, zodImport],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
            { group: ['**/db/**', '**/db'], message: 'The renderer talks only to window.kiosk, never to db/.' },
            {
              group: ['**/electron/**', '**/electron'],
              allowTypeImports: true,
              message: 'The renderer may import only types from the API contract.',
            },
          ],
        },
      ],
    },
  },
);
