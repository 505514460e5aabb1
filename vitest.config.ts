import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// mercurius loads graphql through require(); Vite would otherwise resolve our `import 'graphql'` to its .mjs build,
// and two graphql instances refuse each other's types ("from another module or realm").
const graphqlCjs = createRequire(new URL('./packages/server/package.json', import.meta.url)).resolve('graphql');
const serverResolve = { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] };

// One project per package plus the cross-package tests; `npm test` runs them all.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'engine', include: ['packages/engine/test/**/*.test.ts'], environment: 'node' } },
      { resolve: serverResolve, test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 } },
      // jsdom renders whole generated forms; one such test took 5.4 s while the other projects ran beside it on 2 cores.
      { test: { name: 'web', include: ['packages/web/test/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['packages/web/test/setup.ts'], testTimeout: 20_000 } },
      { resolve: serverResolve, test: { name: 'e2e', include: ['tests/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
