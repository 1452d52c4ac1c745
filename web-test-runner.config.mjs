// Browser tests (store, elements) in Debian's headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { readFile } from 'node:fs/promises';
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

/**
 * `executeServerCommand('storage-quota', { bytes })` (from `@web/test-runner-commands`): gives the test page's
 * origin a storage quota of `bytes` through the DevTools protocol (`Storage.overrideQuotaForOrigin`), so a test
 * meets the browser's real "storage full" (`QuotaExceededError`); `{}` restores the browser's own quota. The
 * override lasts as long as the protocol session that set it, which is therefore kept until the reset. Chromium
 * takes an origin's quota when it first opens the origin's IndexedDB: `{ bytes, clear: true }` deletes the origin's
 * IndexedDB data first (test databases only) so the new quota applies to what the test opens next.
 */
function storageQuotaPlugin() {
  const sessions = new Map();
  return {
    name: 'storage-quota',
    async executeCommand({ command, payload, session }) {
      if (command !== 'storage-quota') return undefined;
      const page = session.browser.getPage(session.id);
      const origin = new URL(page.url()).origin;
      let cdp = sessions.get(session.id);
      if (!cdp) sessions.set(session.id, (cdp = await page.createCDPSession()));
      if (payload?.bytes === undefined) {
        await cdp.send('Storage.overrideQuotaForOrigin', { origin });
        await cdp.detach();
        sessions.delete(session.id);
      } else {
        if (payload.clear) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
        await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: payload.bytes });
      }
      return true;
    },
  };
}

/**
 * `import text from './x.rules?raw'` (the editor's starter rulebooks): the file as a module exporting its text, as
 * vite does in the builds.
 */
function rawTextPlugin() {
  return {
    name: 'raw-text',
    async serve(context) {
      if (!context.URL.searchParams.has('raw') || !context.path.endsWith('.rules')) return undefined;
      const text = await readFile(new URL(`.${context.path}`, import.meta.url), 'utf8');
      return { body: `export default ${JSON.stringify(text)};`, type: 'js' };
    },
  };
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
  plugins: [
    a11ySnapshotPlugin(),
    storageQuotaPlugin(),
    rawTextPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
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
