// Browser tests (store, elements) in Debian's headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const files = process.env.WTR_FILES
  ? process.env.WTR_FILES.split(/,(?![^{]*})/) /* commas inside {a,b} globs stay */
  : ['packages/{store,elements}/test/**/*.test.ts'];

// Pages under packages/elements/test/csp/ are served with a strict Content-Security-Policy header
// (the elements' CSP test loads them in an iframe).
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
async function cspHeader(ctx, next) {
  await next();
  if (ctx.path.startsWith('/packages/elements/test/csp/')) ctx.set('Content-Security-Policy', STRICT_CSP);
}

export default {
  files,
  middleware: [cspHeader],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  // a11ySnapshot(): Chromium's accessibility tree (names, descriptions, states) for the elements' a11y tests
  plugins: [a11ySnapshotPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
