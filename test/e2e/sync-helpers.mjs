// Helpers of the sync end-to-end tests (browser contexts as separate computers against the real department
// server): the server process (packages/server on its own PGlite folder, demo mode), a computer signed in to the
// built portal, the server's records and payroll as a manager sees them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { addMonths, lastDayOfMonth, monthOf, periodOf } from '@rulecard/dsl/calendar';
import { portalPage, repo } from './browser.mjs';

export const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `fn()` until it is truthy (every 200 ms), or an error after `timeout` ms. */
export async function until(what, fn, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The servers' signing key: one for every start (a restarted server keeps its key, as a deployment does). */
const JWT_SECRET = randomBytes(32).toString('base64url');

/**
 * `node packages/server --demo` on `port` with its PGlite in `dataDir` — its own, even when the suite runs with
 * DATABASE_URL (a real PostgreSQL keeps the demo branch of an earlier run). Resolves once it answers `/health`;
 * `stop()` ends it (SIGTERM) and resolves when it has exited.
 */
export async function startApi({ port, dataDir, args = [] }) {
  const child = spawn(
    process.execPath,
    [`${repo}packages/server/bin/server.js`, '--demo', '--port', String(port), '--data', dataDir, ...args],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')), LOG_LEVEL: 'warn', JWT_SECRET },
    },
  );
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  await until(
    'the server',
    () =>
      fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    120_000,
  );
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A demo token of `member` (the demo-only token endpoint). */
export async function tokenOf(apiUrl, member) {
  const res = await fetch(`${apiUrl}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ member }),
  });
  return (await res.json()).token;
}

/** What a manager's fresh pull holds: the server's records, unfiltered (m01 sees every call log). */
export async function serverRecords(apiUrl) {
  const token = await tokenOf(apiUrl, 'm01');
  const res = await fetch(`${apiUrl}/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientGroupID: `cg-e2e-check-${Date.now()}-${Math.random().toString(36).slice(2)}`, cookie: null }),
  });
  const { patch } = await res.json();
  return patch.filter((p) => p.op === 'put');
}

/** `GET /payroll/<month>.csv` as the manager m01: the body, as bytes decoded to a string (BOM kept). */
export async function serverPayroll(apiUrl, month) {
  const token = await tokenOf(apiUrl, 'm01');
  const res = await fetch(`${apiUrl}/payroll/${month}.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`payroll ${month}: ${res.status} ${await res.text()}`);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

/**
 * The payroll CSV of `month` as the browser's store exports it (the scorecard board's export: everyone's score as of
 * `asOf`, `exportScoreCsv`), on `computer`'s replica.
 */
export function browserPayroll(computer, month, asOf, subject = { all: true }) {
  return computer.page.evaluate(
    async ([period, at, who]) => {
      const store = document.querySelector('rulecard-sync-status').store;
      return store.exportScoreCsv(await store.score(who, period, { events: true, asOf: at }), { locale: 'zh-CN' });
    },
    [periodOf(month), asOf, subject],
  );
}

/**
 * The server's payroll of `month` and the browser's export of the same month on `computer`, scored as of the
 * moment of the request: the browser's is computed as of just before and just after it, and the one of the two the
 * server's equals is returned (they differ only when a window ends in between).
 */
export async function bothPayrolls(apiUrl, computer, month) {
  const before = await browserPayroll(computer, month, new Date().toISOString());
  const server = await serverPayroll(apiUrl, month);
  const after = await browserPayroll(computer, month, new Date().toISOString());
  return { server, browser: server === before ? before : after };
}

/**
 * A computer: its own browser context (profile) on the portal at `siteUrl`, signed in as `member`, with the pull
 * responses it received. `clock`: a time to install as the page's clock before it loads (Playwright `clock`).
 */
export async function computer(browser, siteUrl, errors, member, { clock } = {}) {
  const { context, page } = await portalPage(browser, errors);
  await context.addInitScript((who) => localStorage.setItem('rulecard-demo:user', who), member);
  if (clock) await context.clock.install({ time: clock });
  const pulls = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/pull'))
      r.text().then(
        (t) => pulls.push(t),
        () => undefined,
      );
  });
  await page.goto(siteUrl);
  await page.waitForSelector('main[data-page]', { timeout: 60_000 });
  await page.locator('rulecard-sync-status li[data-fact="synced"]').waitFor({ timeout: 60_000 });
  /** `store[method](...args)` in the page, on the store the portal gives its elements. */
  const call = (method, ...args) =>
    page.evaluate(([m, a]) => document.querySelector('rulecard-sync-status').store[m](...a), [method, args]);
  const state = () => call('syncState');
  /** Wake the page's sync loop now (its `online` handler runs a cycle). */
  const wake = () => page.evaluate(() => window.dispatchEvent(new Event('online')));
  return { member, context, page, pulls, call, state, wake };
}

/** A call log of the call-log form (`over` replaces fields). */
export const callLog = (id, date, time, over = {}) => ({
  id,
  date,
  time,
  consultant: 'c02',
  channel: 'phone',
  customerName: '测试客户',
  contact: '13900002222',
  booked: false,
  followUpPromised: false,
  ...over,
});

/** The previous month of `YYYY-MM-DD` (`YYYY-MM`) and its last day. */
export function previousMonthOf(day) {
  const month = addMonths(monthOf(day), -1);
  return { month, lastDay: lastDayOfMonth(month) };
}
