#!/usr/bin/env node
// How fast the built demo portal opens (issue 13 #5), a bench (not a test): the built portal
// (examples/portal/dist, built first unless --no-build) served by the e2e's plain static server, opened in
// headless Chromium (/usr/bin/chromium through playwright-core) with a cold profile each run — a new browser with
// an empty HTTP cache and an empty IndexedDB, so each run seeds the demo department (generated in the page) —
// as the default user (a consultant, zh-CN) on her scorecard (`#/me`; `--page log`: the call-log page, her default).
//
// Two times per visit, in the page from navigation start: first contentful paint (the browser's
// `first-contentful-paint`: the portal's shell and its "preparing the demo data" notice), and first real content:
// the page's element (`main[data-page] rulecard-*`) shows the store's data — its shadow root holds a form, table
// or list and nothing marked busy; a scorecard, its totals with numbers.
// Each run visits twice: cold (empty cache and IndexedDB: the page generates the demo department and imports it,
// and the store's import loads the compiler to check the rulebook's program against its source), then the same
// profile with its HTTP cache emptied (the store seeded: the portal's own JS). JS: every script fetched up to
// first content, in bytes as served and gzipped (what a compressing web server sends); "seeding" is what the cold
// visit fetched that the seeded one did not.
//
//   npm run bench -- portal               (or node examples/portal/bench/first-content.mjs [--no-build] [--runs 7] [--page log])
//   node examples/portal/bench/first-content.mjs --vs OTHER/examples/portal/dist   (another build, in turn: ratios)
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { buildPortal, launchChromium, startPortal } from '../../../test/e2e/browser.mjs';
import { serveStatic } from '../../../test/e2e/static-server.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
/** Targets of issue 13: first content < 1 s on a cold profile, < 300 KB of JS before the demo data. */
const TARGET_MS = 1000;
const TARGET_JS = 300 * 1024;

const pageArg = process.argv.indexOf('--page');
/** The portal page visited: `me` (the consultant's scorecard) or `log` (the call log, her default page). */
const PAGE = pageArg > 0 ? process.argv[pageArg + 1] : 'me';

const vsArg = process.argv.indexOf('--vs');
/** Another built portal (a dist folder, e.g. of the main branch) measured in turn with this one, run by run. */
const VS = vsArg > 0 ? process.argv[vsArg + 1] : undefined;

if (!process.argv.includes('--no-build')) await buildPortal();
const server = await startPortal();
const other = VS ? await serveStatic(VS) : undefined;
const results = [];
const otherResults = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // With --vs, the two portals take turns (this one first on even runs).
    const order = other ? (run % 2 ? [other, server] : [server, other]) : [server];
    for (const target of order) (target === server ? results : otherResults).push(await measure(target));
  }
} finally {
  await server.close();
  await other?.close();
}

/** One run on a portal served at `server.url`: a new browser, a cold visit, then a seeded one with an empty cache. */
async function measure(server) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    let scripts = [];
    page.on('requestfinished', async (request) => {
      const response = await request.response();
      if (!response || request.resourceType() !== 'script') return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      scripts.push({ url: request.url(), at: Date.now(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    });
    /** Navigates (or reloads) and waits for first content: its time in the page, and the scripts fetched until then. */
    const visit = async (go) => {
      scripts = [];
      await go();
      const handle = await page.waitForFunction(
        () => {
          const el = document.querySelector('main[data-page] .content > *');
          const root = el?.shadowRoot;
          if (!root || root.querySelector('[aria-busy="true"]') || !root.querySelector('form, table, ol, ul')) return false;
          // A scorecard: its totals, with numbers.
          if (el.localName === 'rulecard-scorecard' && !/\d/.test(root.querySelector('.totals')?.textContent ?? '')) return false;
          return performance.now();
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const firstContent = await handle.jsonValue();
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
      const seenAt = Date.now();
      await page.waitForTimeout(300); // responses still being read
      const before = scripts.filter((x) => x.at <= seenAt);
      return { firstContent, fcp, before };
    };
    // The first visit: empty cache, empty IndexedDB — the page generates and seeds the demo department.
    const cold = await visit(() => page.goto(`${server.url}#/${PAGE}`, { waitUntil: 'commit' }));
    // The same profile again with its HTTP cache emptied: the store is seeded, so this is the JS of the app alone.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const again = await visit(() => page.reload({ waitUntil: 'commit' }));
    const sum = (list, k) => list.reduce((n, x) => n + x[k], 0);
    const app = new Set(again.before.map((x) => x.url));
    const seeding = cold.before.filter((x) => !app.has(x.url));
    return {
      firstContent: cold.firstContent,
      fcp: cold.fcp,
      again: again.firstContent,
      js: sum(cold.before, 'bytes'),
      jsGzip: sum(cold.before, 'gzip'),
      app: sum(again.before, 'bytes'),
      appGzip: sum(again.before, 'gzip'),
      seeding: sum(seeding, 'bytes'),
      seedingGzip: sum(seeding, 'gzip'),
      files: cold.before.map((x) => `${x.url.replace(server.url, '')}${app.has(x.url) ? '' : ' (seeding)'}`).sort(),
    };
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const times = results.map((r) => r.firstContent);
const againTimes = results.map((r) => r.again);
const last = results.at(-1);
const spread = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const fcps = results.map((r) => r.fcp);
console.log(
  `\nthe built demo portal, page #/${PAGE}, ${RUNS} runs (a new browser each), ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}; medians (min–max)`,
);
console.table([
  { what: 'first contentful paint, cold profile', figure: spread(fcps), target: '', 'figure / target': '' },
  {
    what: `first real content${PAGE === 'me' ? ' (a scorecard with numbers)' : ''}, cold profile (the page seeds the demo department)`,
    figure: spread(times),
    target: `< ${TARGET_MS} ms`,
    'figure / target': `${(median(times) / TARGET_MS).toFixed(2)}`,
  },
  { what: 'first real content, seeded profile, empty HTTP cache', figure: spread(againTimes), target: '', 'figure / target': '' },
  {
    what: 'JS before first content: the portal and its element (seeded profile)',
    figure: `${kb(last.app)} (${kb(last.appGzip)} gzipped)`,
    target: `< ${kb(TARGET_JS)}`,
    'figure / target': `${(last.app / TARGET_JS).toFixed(2)}`,
  },
  {
    what: 'JS seeding adds on the cold visit (generator; compiler that checks the imported rulebook)',
    figure: `${kb(last.seeding)} (${kb(last.seedingGzip)} gzipped)`,
    target: '',
    'figure / target': '',
  },
  {
    what: 'JS before first content, cold visit, all',
    figure: `${kb(last.js)} (${kb(last.jsGzip)} gzipped)`,
    target: '',
    'figure / target': '',
  },
]);
console.log(`scripts before first content (cold visit): ${last.files.join(', ')}`);
if (otherResults.length) {
  const o = otherResults.at(-1);
  const ratios = results.map((r, i) => r.firstContent / otherResults[i].firstContent);
  console.log(`\nagainst ${VS}, run by run (the two in turn):`);
  console.table([
    {
      what: 'first contentful paint, cold profile',
      this: spread(fcps),
      other: spread(otherResults.map((r) => r.fcp)),
      'this / other (median of runs)': (() => {
        const r = results.map((x, i) => x.fcp / otherResults[i].fcp);
        return `${median(r).toFixed(2)} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
      })(),
    },
    {
      what: 'first real content, cold profile',
      this: spread(times),
      other: spread(otherResults.map((r) => r.firstContent)),
      'this / other (median of runs)': `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
    },
    {
      what: 'JS before first content, cold visit, all',
      this: kb(last.js),
      other: kb(o.js),
      'this / other (median of runs)': (last.js / o.js).toFixed(2),
    },
  ]);
}
