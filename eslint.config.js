// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'migrations/**', '**/*.d.ts', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // CommonJS config files (dependency-cruiser reads .cjs): require() is how they import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine is pure: every side effect comes in through its Environment object.
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'fastify', 'mercurius', 'drizzle-orm*', 'postgres', 'puppeteer*', 'react*', '@electric-sql/*'], message: 'The engine is free of I/O: pass side effects in through the Environment.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process/env in the engine.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use env.clock.now().' }],
    },
  },
);
