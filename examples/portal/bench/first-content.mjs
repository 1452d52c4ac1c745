#!/usr/bin/env node
// How fast the built demo portal opens (issue 13 #5), a bench (not a test): the built portal
// (examples/portal/dist, built first unless --no-build) served by the e2e's plain static server, opened in
// headless Chromium (/usr/bin/chromium through playwright-core) with a cold profile each run — a new browser with
// an empty HTTP cache and an empty IndexedDB, so each run seeds the demo department (generated in the page) —
// as the default user (a consultant, zh-CN, the call-log page).
//
// First content: the page's element (`main[data-page] rulecard-*`) shows the store's data — its shadow root
// holds a form, table or list and nothing marked busy — timed in the page from navigation start.
// JS: every script the page fetched up to then, in bytes as served and gzipped (what a compressing web server
// sends), the demo data generator (`demo-data-*.js`) apart.
//
//   npm run bench -- portal               (or node examples/portal/bench/first-content.mjs [--no-build] [--runs 7])
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { buildPortal, launchChromium, startPortal } from '../../../test/e2e/browser.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
/** Targets of issue 13: first content < 1 s on a cold profile, < 300 KB of JS before the demo data. */
const TARGET_MS = 1000;
const TARGET_JS = 300 * 1024;

if (!process.argv.includes('--no-build')) await buildPortal();
const server = await startPortal();
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const scripts = [];
      page.on('requestfinished', async (request) => {
        const response = await request.response();
        if (!response || request.resourceType() !== 'script') return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.push({ url: request.url(), at: Date.now(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
      });
      await page.goto(server.url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => {
          const el = document.querySelector('main[data-page] .content > *');
          const root = el?.shadowRoot;
          if (!root || root.querySelector('[aria-busy="true"]') || !root.querySelector('form, table, ol, ul')) return false;
          return performance.now();
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const firstContent = await handle.jsonValue();
      const seenAt = Date.now();
      await page.waitForTimeout(200); // responses still being read
      const before = scripts.filter((s) => s.at <= seenAt);
      const isDemo = (s) => /\/demo-data-[^/]*\.js$/.test(s.url);
      const sum = (list, k) => list.reduce((n, s) => n + s[k], 0);
      results.push({
        firstContent,
        js: sum(
          before.filter((s) => !isDemo(s)),
          'bytes',
        ),
        jsGzip: sum(
          before.filter((s) => !isDemo(s)),
          'gzip',
        ),
        demo: sum(before.filter(isDemo), 'bytes'),
        demoGzip: sum(before.filter(isDemo), 'gzip'),
        files: before.map((s) => s.url.replace(server.url, '')).sort(),
      });
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const times = results.map((r) => r.firstContent);
const last = results.at(-1);
console.log(`\nthe built demo portal, cold profile, ${RUNS} runs (a new browser each), ${process.version}, ${cpus().length} cores`);
console.table([
  {
    what: 'first content (page element with data), median',
    figure: `${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)})`,
    target: `< ${TARGET_MS} ms`,
    'figure / target': `${(median(times) / TARGET_MS).toFixed(2)}`,
  },
  {
    what: 'JS before first content, demo data generator apart',
    figure: `${kb(last.js)} (${kb(last.jsGzip)} gzipped)`,
    target: `< ${kb(TARGET_JS)}`,
    'figure / target': `${(last.js / TARGET_JS).toFixed(2)}`,
  },
  { what: 'the demo data generator', figure: `${kb(last.demo)} (${kb(last.demoGzip)} gzipped)`, target: '', 'figure / target': '' },
]);
console.log(`scripts before first content: ${last.files.join(', ')}`);
