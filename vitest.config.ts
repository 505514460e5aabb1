import { defineConfig } from 'vitest/config';

// One project per package plus the cross-package tests; `npm test` runs them all.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'engine', include: ['packages/engine/test/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'web', include: ['packages/web/test/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['packages/web/test/setup.ts'] } },
      { test: { name: 'e2e', include: ['tests/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
