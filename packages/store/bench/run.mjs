#!/usr/bin/env node
// Runs packages/store/bench/store.bench.ts in headless Chromium (real IndexedDB) and prints a table.
//   node packages/store/bench/run.mjs [--logs 100000] [--events 500000]
// Root `npm run bench` can `import { runStoreBench } from './packages/store/bench/run.mjs'`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import net from 'node:net';
import os from 'node:os';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/**
 * @param {{ logs?: number, events?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ seeded: { callLogs: number, events: number, seedMs: number }, figures: { name: string, median: number, max: number, runs: number, budget: number, detail?: string }[] }>}
 */
export async function runStoreBench(options = {}) {
  const port = await freePort();
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
  // The browser profile (where IndexedDB lives): RC_BENCH_PROFILE_DIR, else /dev/shm when present.
  const base = process.env.RC_BENCH_PROFILE_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
  const profile = mkdtempSync(path.join(base, 'rulecard-bench-'));
  // Two browser sessions on one profile: seed, close; reopen (a user coming back to the portal), measure.
  const session = async (query) => {
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://localhost:${port}/packages/store/bench/index.html?${new URLSearchParams(query)}`);
      await page.waitForFunction(() => window.__benchResult || window.__benchError, undefined, {
        timeout: options.timeoutMs ?? 900_000,
        polling: 500,
      });
      const error = await page.evaluate(() => window.__benchError);
      if (error) throw new Error(error);
      return await page.evaluate(() => window.__benchResult);
    } finally {
      await browser.close();
    }
  };
  try {
    const query = { phase: 'seed' };
    if (options.logs) query.logs = String(options.logs);
    if (options.events) query.events = String(options.events);
    const seeded = await session(query);
    const measured = await session({ phase: 'measure' });
    return { seeded: { ...measured.seeded, seedMs: seeded.seeded.seedMs }, figures: measured.figures, profileDir: base };
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The result as a text table. */
export function formatStoreBench(result) {
  const rows = [['figure', 'median ms', 'max ms', 'runs', 'budget ms', 'ok', 'detail']];
  for (const f of result.figures) {
    rows.push([
      f.name,
      f.median.toFixed(1),
      f.max.toFixed(1),
      String(f.runs),
      String(f.budget),
      f.median <= f.budget ? 'yes' : 'NO',
      f.detail ?? '',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [
    `store: ${result.seeded.callLogs} call logs, ${result.seeded.events} stored events (seeded in ${(result.seeded.seedMs / 1000).toFixed(1)} s; profile in ${result.profileDir})`,
    line(rows[0]),
    ...rows.slice(1).map(line),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  runStoreBench({ logs: arg('logs'), events: arg('events') }).then(
    (result) => {
      console.log(formatStoreBench(result));
      process.exit(result.figures.every((f) => f.median <= f.budget) ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
