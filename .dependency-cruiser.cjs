/**
 * The import rules of the whole repository, checked by `pnpm lint:imports` (part of `npm test`):
 *   - no import cycles anywhere in packages/*\/src, type-only imports included;
 *   - the engine imports neither the server nor the web app; the web app does not import the server;
 *   - in the server, an area imports only areas on lower floors of packages/server/layers.json.
 */
const { layerRules } = require('./packages/server/layer-rules.cjs');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other in a loop (type-only imports count): move the shared part down.',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The engine is a pure library: the server and the web app use it, never the other way round.',
      from: { path: '^packages/engine/' },
      to: { path: '^packages/(server|web)/' },
    },
    {
      name: 'web-talks-graphql-only',
      severity: 'error',
      comment: 'The web app talks to the server over GraphQL and REST, not by importing it.',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/' },
    },
    ...layerRules(require('./packages/server/layers.json')),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // `import type` counts: a type circle is a circle for whoever reads the code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
