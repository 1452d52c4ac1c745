#!/usr/bin/env node
// Builds bench/scorecard.html with vite, serves it, opens it in Chromium (playwright-core,
// /usr/bin/chromium) and prints the figures.   node packages/elements/bench/run.mjs
import { build } from 'vite';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = await mkdtemp(join(tmpdir(), 'rulecard-bench-'));
await build({
  root: here,
  configFile: false,
  logLevel: 'warn',
  // production Lit (no `development` condition); the DSL from source
  resolve: {
    conditions: ['browser', 'module', 'import', 'default'],
    alias: [
      { find: /^@rulecard\/dsl\/(evaluate|windows|zone)$/, replacement: resolve(here, '../../dsl/src/$1.ts') },
      { find: /^@rulecard\/dsl$/, replacement: resolve(here, '../../dsl/src/index.ts') },
      // the store from source too (its package points at dist/ outside the "development" condition)
      { find: /^@rulecard\/store$/, replacement: resolve(here, '../../store/src/index.ts') },
      { find: /^@rulecard\/store\/csv$/, replacement: resolve(here, '../../store/src/csv-core.ts') },
      { find: /^@rulecard\/store\/(call-log-rules|line-rules)$/, replacement: resolve(here, '../../store/src/$1.ts') },
    ],
  },
  build: { outDir: out, emptyOutDir: true, rolldownOptions: { input: resolve(here, 'scorecard.html'), output: { minify: true } } },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  try {
    const path = join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/scorecard.html`);
  const result = await page.waitForFunction(() => window.__bench, null, { timeout: 300000 }).then((h) => h.jsonValue());
  console.log('scorecard bench (median, Chromium headless):');
  console.table(result);
  if (result.error) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
  await rm(out, { recursive: true, force: true });
}
