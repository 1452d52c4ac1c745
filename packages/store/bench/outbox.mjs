#!/usr/bin/env node
// Runs packages/store/bench/outbox.bench.ts in headless Chromium (real IndexedDB): a call log's create and
// update with and without the outbox entry, medians and p95 in ms, and the difference of the medians.
//   node packages/store/bench/outbox.mjs [--runs 200]      (npm run bench -- outbox)
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 200;
const port = await new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.once('error', reject);
  srv.listen(0, '127.0.0.1', () => {
    const { port: p } = srv.address();
    srv.close(() => resolve(p));
  });
});
const server = await startDevServer({
  config: {
    rootDir: root,
    port,
    nodeResolve: { exportConditions: ['browser', 'development'] },
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(root, 'tsconfig.json') })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/packages/store/bench/outbox.html?runs=${runs}`);
  await page.waitForFunction(() => window.__benchResult || window.__benchError, undefined, { timeout: 600_000, polling: 500 });
  const error = await page.evaluate(() => window.__benchError);
  if (error) throw new Error(error);
  const { figures } = await page.evaluate(() => window.__benchResult);
  console.log('figure                        median ms  p95 ms  runs');
  for (const f of figures)
    console.log(`${f.name.padEnd(30)}${f.median.toFixed(2).padStart(9)}${f.p95.toFixed(2).padStart(8)}${String(f.runs).padStart(6)}`);
  for (const op of ['create', 'update']) {
    const [off, on] = ['off', 'on'].map((w) => figures.find((f) => f.name === `${op}CallLog, outbox ${w}`).median);
    console.log(`${op}CallLog: the outbox entry adds ${(on - off).toFixed(2)} ms to the median (budget < 2 ms)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
