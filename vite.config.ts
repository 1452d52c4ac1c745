// The demo portal (examples/portal): `npm start` serves it (dev server, no network needed),
// `npm run build` writes static files to examples/portal/dist that any web server can serve.
// The element library build (packages/elements/dist) is scripts/build.mjs.
//
// The dev server also serves the embedding examples on the portal's origin (so they see the
// portal's demo data in IndexedDB): /examples/plain-html/, /examples/react/, /examples/vue/.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('.', import.meta.url));

/** Dev only: `/examples/…` and `/packages/…` are the repository's files (through vite's `/@fs/`). */
function repoExamples(): Plugin {
  return {
    name: 'rulecard-repo-examples',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        if (/^\/(examples|packages)\//.test(url) && !url.startsWith('/examples/portal/')) {
          const [path, query] = url.split('?');
          const file = path.endsWith('/') ? `${path}index.html` : path;
          req.url = `/@fs${repo}${file.slice(1)}${query ? `?${query}` : ''}`;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./examples/portal', import.meta.url)),
  // Relative asset URLs: the built portal works from any path of any web server.
  base: './',
  clearScreen: false,
  plugins: [repoExamples()],
  // The portal is built from the elements' source: their package exports point at dist/ (the published
  // build) except under the "development" condition, which a production build does not set.
  resolve: {
    alias: [
      { find: /^@rulecard\/elements$/, replacement: `${repo}packages/elements/src/index.ts` },
      {
        find: /^@rulecard\/elements\/(scorecard|call-log|incident|roster|sync-status|editor)$/,
        replacement: `${repo}packages/elements/src/$1/index.ts`,
      },
    ],
  },
  // The React and Vue examples' dependencies, pre-bundled at start (no reload on their first visit).
  optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', 'vue'] },
  // Vue's esm-bundler build (examples/vue) wants its feature flags defined.
  define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    fs: { allow: [repo] },
    // The department's server (`npm start` runs it on API_PORT, default 8787) on the portal's origin: /api/push → /push.
    proxy: {
      '/api': {
        target: `http://127.0.0.1:${process.env.API_PORT ?? 8787}`,
        rewrite: (path) => path.replace(/^\/api/, ''),
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The store is imported statically by the portal and lazily by the elements: one chunk, as intended.
      onLog(level, log, handler) {
        if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
        handler(level, log);
      },
    },
  },
});
