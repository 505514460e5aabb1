import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (packages/server) listens on :3000; in development the SPA proxies GraphQL and file bytes to it
// so cookies stay first-party (the session cookie is SameSite=Lax).
const apiServer = 'http://localhost:3000';

/** The npm package a module belongs to (the segment after the last node_modules/, with its scope). */
function packageOf(id: string): string | undefined {
  const at = id.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first, second] = id.slice(at + 'node_modules/'.length).split('/');
  return first?.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Vendor chunks that change rarely and are cached apart from our code. React and antd load with the first page;
 * rjsf + Ajv only with the section form (a lazy route); bpmn-js only through its own lazy import.
 */
function vendorChunk(id: string): string | null {
  const name = packageOf(id.replace(/\\/g, '/'));
  if (!name) return null;
  if (/^(bpmn-js|diagram-js|bpmn-moddle|moddle|moddle-xml|didi|min-dash|min-dom|tiny-svg|path-intersection|saxen|diagram-js-direct-editing)$/.test(name)) return 'bpmn';
  if (/^(@rjsf\/.*|ajv|ajv-formats|ajv-i18n|fast-uri|fast-deep-equal|json-schema-traverse|json-schema-merge-allof|jsonpointer|lodash|lodash-es|markdown-to-jsx|nanoid)$/.test(name)) return 'rjsf';
  if (/^(react|react-dom|scheduler|react-is)$/.test(name)) return 'react';
  if (/^(antd|@ant-design\/.*|@rc-component\/.*|rc-.*|@emotion\/.*|dayjs|classnames|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|stylis|@babel\/runtime)$/.test(name)) return 'antd';
  return null;
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: apiServer, changeOrigin: false },
      '/api': { target: apiServer, changeOrigin: false },
      '/verify': { target: apiServer, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/graphql': { target: apiServer, changeOrigin: false },
      '/api': { target: apiServer, changeOrigin: false },
      '/verify': { target: apiServer, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Rolldown's replacement for Rollup's manualChunks: split the heavy vendors into long-cached chunks.
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: vendorChunk }] },
      },
    },
  },
});
