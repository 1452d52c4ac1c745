#!/usr/bin/env node
// End-to-end (issue 10): browser contexts as separate computers against the real department server
// (packages/server on PGlite, demo mode) behind the built portal's origin (/api). Two consultants of the
// online team (c02, c03), their lead (c01) and a manager (m01):
// - a call log saved by c02 reaches the lead's replica and her team's scores; c03's IndexedDB and pull
//   responses hold none of its contents (its on-read events only);
// - c02 offline: her writes wait in the outbox, drain on reconnect exactly once (a lost push response
//   included: the server answers the repeat from its mutation log);
// - eviction (CDP Storage.clearDataForOrigin) then a reload: everything comes back from the server;
// - one call log edited offline by c02 and m01: different fields merge; the same field: a conflict shown in
//   <rulecard-sync-status>, the server's value in the replica and the losing edit kept (store.syncIssues()).
// Ends with `e2e: N passed, M failed`.
//
//   node test/e2e/sync.e2e.mjs            (builds the portal first)
//   node test/e2e/sync.e2e.mjs --no-build (uses the existing examples/portal/dist)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortal, launchChromium, portalDist, portalPage, tally } from './browser.mjs';
import { serveStatic } from './static-server.mjs';
import { freePort, serverRecords, SHANGHAI, startApi, until } from './sync-helpers.mjs';

const started = Date.now();
const { check, step, finish } = tally();
const today = SHANGHAI.format(new Date());
const monthStart = `${today.slice(0, 8)}01`;

if (!process.argv.includes('--no-build') || !existsSync(`${portalDist}/index.html`)) await buildPortal();
const dataDir = mkdtempSync(join(tmpdir(), 'rulecard-sync-e2e-'));
const apiPort = await freePort();
// Its own PGlite in a fresh folder, even when the suite runs with DATABASE_URL (see startApi).
const api = await startApi({ port: apiPort, dataDir });
const apiUrl = api.url;
const site = await serveStatic(portalDist, { api: apiUrl });
const origin = new URL(site.url).origin;
const browser = await launchChromium();
const errors = [];

/** What a manager's fresh pull holds: the server's records, unfiltered (m01 sees every call log). */
/** A computer: its own browser context (profile), signed in as `member`, with the pull responses it received. */
async function computer(member) {
  const { context, page } = await portalPage(browser, errors);
  await context.addInitScript((who) => localStorage.setItem('rulecard-demo:user', who), member);
  const pulls = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/pull'))
      r.text().then(
        (t) => pulls.push(t),
        () => undefined,
      );
  });
  await page.goto(site.url);
  await page.waitForSelector('main[data-page]', { timeout: 60_000 });
  await page.locator('rulecard-sync-status li[data-fact="synced"]').waitFor();
  /** `store[method](...args)` in the page, on the store the portal gives its elements. */
  const call = (method, ...args) =>
    page.evaluate(([m, a]) => document.querySelector('rulecard-sync-status').store[m](...a), [method, args]);
  const state = () => call('syncState');
  return { member, context, page, pulls, call, state };
}

const nowHm = () => {
  const t = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() - 5 * 60_000),
  );
  return t > '23:50' || today !== SHANGHAI.format(new Date(Date.now() - 5 * 60_000)) ? '00:00' : t;
};
const log = (id, over = {}) => ({
  id,
  date: today,
  time: nowHm(),
  consultant: 'c02',
  channel: 'phone',
  customerName: '测试客户甲',
  contact: '13900001111',
  booked: false,
  followUpPromised: false,
  ...over,
});

const idOf = 'log-e2e-sync-1';
let c02;
let c03;
let lead;
try {
  await step('three computers sign in and pull the department from the server', async () => {
    [c02, c03, lead] = [await computer('c02'), await computer('c03'), await computer('c01')];
    const s = await c02.state();
    check('c02 is connected, leads its browser, nothing pending', s.connected && s.leader && s.pending === 0, JSON.stringify(s));
    const members = (await lead.call('listMembers')).length;
    check('the lead has the roster from the server (no seeding in the browser)', members === 14, `${members} members`);
  });

  await step('a call log saved by c02 reaches the lead; c03 gets none of its contents', async () => {
    await c02.call('createCallLog', log(idOf), { by: 'c02', role: 'consultant' });
    await until('c02 to send it', async () => (await c02.state()).pending === 0);
    const got = await until('the lead to receive it', () => lead.call('getCallLogUnmasked', idOf));
    check("the lead's replica has c02's call log, contact included", got.contact === '13900001111');
    const scored = await lead.call('score', { team: 'net' }, { from: monthStart, to: today });
    const lines = scored.scorecards.consultants.c02.lines.flatMap((l) => l.events);
    check(
      "the lead's team scorecard scores it (咨询未详细登记 of c02)",
      lines.includes(`${idOf}~call_not_fully_registered`),
      lines.filter((e) => e.startsWith('log-e2e')).join(),
    );
    await until('c03 to pull after the push', async () => c03.pulls.some((t) => t.includes(idOf)));
    const raw = await c03.page.evaluate(async () => {
      const db = await new Promise((ok, ko) => {
        const r = indexedDB.open('rulecard');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const all = await Promise.all(
        names.map((n) => new Promise((ok) => (tx.objectStore(n).getAll().onsuccess = (e) => ok([n, e.target.result])))),
      );
      db.close();
      return JSON.stringify(all);
    });
    check("c03's IndexedDB holds no contact or customer name of c02's log", !raw.includes('13900001111') && !raw.includes('测试客户甲'));
    check("c03's IndexedDB has no call log of c02 (its events only)", !raw.includes(`"id":"${idOf}"`));
    const pulled = c03.pulls.join('\n');
    check(
      "c03's pull responses carry no contact or customer name of it",
      !pulled.includes('13900001111') && !pulled.includes('测试客户甲'),
    );
    check(
      "c03's pull responses carry no callLogs record of it",
      !c03.pulls.some((t) => JSON.parse(t).patch.some((p) => p.kind === 'callLogs' && p.key === idOf)),
    );
  });

  await step('offline writes drain on reconnect exactly once (a lost push response included)', async () => {
    await c02.context.setOffline(true);
    const ids = ['log-e2e-off-1', 'log-e2e-off-2', 'log-e2e-off-3'];
    for (const id of ids) await c02.call('createCallLog', log(id), { by: 'c02', role: 'consultant' });
    await c02.call('updateCallLog', ids[0], { region: '广州' }, { by: 'c02', expectedRev: 1 });
    const offline = await c02.state();
    check('offline: 4 changes pending, shown as offline', offline.pending === 4 && offline.online === false, JSON.stringify(offline));
    const pendingFact = c02.page.locator('rulecard-sync-status li[data-fact="pending"]');
    const fact = await until('the status to show 4', async () =>
      (await pendingFact.textContent()).includes('4 条') ? pendingFact.textContent() : undefined,
    );
    check('the sync status shows 4 pending changes', fact.includes('4 条'), fact);
    // The first push after reconnecting reaches the server, but its response is lost.
    let lost = 0;
    await c02.page.route('**/api/push', async (route) => {
      const response = await route.fetch();
      if (lost++ === 0) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    await c02.context.setOffline(false);
    await until('the outbox to drain', async () => (await c02.state()).pending === 0, 60_000);
    await c02.page.unroute('**/api/push');
    const s = await c02.state();
    check('drained: nothing pending, no conflict, no refusal', s.pending === 0 && s.conflicts === 0 && s.rejected === 0, JSON.stringify(s));
    check('a push response was lost on the way', lost >= 2, `${lost} pushes`);
    const records = await serverRecords(apiUrl);
    const logs = records.filter((p) => p.kind === 'callLogs' && ids.includes(p.key));
    check('the server has each offline call log once', logs.length === 3, `${logs.length}`);
    const edited = logs.find((p) => p.key === ids[0])?.value;
    check(
      'the offline edit applied once (rev 2, region 广州)',
      edited?.rev === 2 && edited?.region === '广州',
      JSON.stringify(edited?.rev),
    );
    const history = records.filter((p) => p.kind === 'callLogHistory' && p.value.logId === ids[0]);
    check('one history entry for the one edit', history.length === 1, `${history.length}`);
  });

  await step('eviction: the origin’s IndexedDB cleared, a reload brings everything back from the server', async () => {
    const idsOfToday = async () =>
      (await c02.call('listCallLogs', { consultant: 'c02' }, { from: today, to: today })).map((x) => x.id).sort();
    const before = await idsOfToday();
    const cdp = await c02.context.newCDPSession(c02.page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
    await c02.page.reload();
    await c02.page.waitForSelector('main[data-page]', { timeout: 60_000 });
    await c02.page.locator('rulecard-sync-status li[data-fact="synced"]').waitFor();
    const after = await until('the logs to come back', async () => {
      const ids = await idsOfToday();
      return ids.length >= before.length ? ids : undefined;
    });
    check(
      "c02's call logs are back after the eviction",
      JSON.stringify(after) === JSON.stringify(before),
      `${after.length}/${before.length}`,
    );
    const members = (await c02.call('listMembers')).length;
    check('the roster is back too', members === 14, `${members}`);
  });

  await step(
    'one call log edited offline on two computers: other fields merge, the same field is a conflict kept for the user',
    async () => {
      const manager = await computer('m01');
      const id = 'log-e2e-off-2';
      await until('the manager to have the log', () => manager.call('getCallLogUnmasked', id));
      const rev = (await c02.call('getCallLogUnmasked', id)).rev;
      await c02.context.setOffline(true);
      await manager.context.setOffline(true);
      await c02.call('updateCallLog', id, { region: '深圳' }, { by: 'c02', expectedRev: rev });
      await manager.call('updateCallLog', id, { project: '隆鼻' }, { by: 'm01', expectedRev: rev });
      await c02.context.setOffline(false);
      await until('c02 to send', async () => (await c02.state()).pending === 0, 60_000);
      await manager.context.setOffline(false);
      await until('the manager to send', async () => (await manager.state()).pending === 0, 60_000);
      const merged = await until('both edits on both computers', async () => {
        const [a, b] = [await c02.call('getCallLogUnmasked', id), await manager.call('getCallLogUnmasked', id)];
        return a.region === '深圳' && a.project === '隆鼻' && b.region === '深圳' && b.project === '隆鼻' ? [a, b] : undefined;
      });
      check('different fields: merged on both computers', merged[0].rev === merged[1].rev, `rev ${merged[0].rev}`);
      check('no conflict for different fields', (await manager.state()).conflicts === 0);

      const rev2 = merged[0].rev;
      await c02.context.setOffline(true);
      await manager.context.setOffline(true);
      await c02.call('updateCallLog', id, { age: 30 }, { by: 'c02', expectedRev: rev2 });
      await manager.call('updateCallLog', id, { age: 41 }, { by: 'm01', expectedRev: rev2 });
      await c02.context.setOffline(false);
      await until('c02 to send', async () => (await c02.state()).pending === 0, 60_000);
      await manager.context.setOffline(false);
      await until('the manager to hear of the conflict', async () => (await manager.state()).conflicts === 1, 60_000);
      const issues = await manager.call('syncIssues');
      check(
        'the losing edit is kept with the server record (both values)',
        issues[0]?.args?.patch?.age === 41 && issues[0]?.server?.age === 30,
        JSON.stringify(issues.map((i) => [i.status, i.args?.patch, i.server?.age])),
      );
      const shown = await manager.page.locator('rulecard-sync-status li[data-fact="conflicts"]').textContent();
      check('the sync status shows the conflict', shown.includes('冲突'), shown);
      const local = await until('the manager’s replica to take the server’s value', async () => {
        const l = await manager.call('getCallLogUnmasked', id);
        return l.age === 30 ? l : undefined;
      });
      check("the manager's replica has the server's value (30)", local.age === 30);
      await manager.context.close();
    },
  );

  // Requests made while a computer is offline (or its push response is cut) fail by design; anything else counts.
  const unexpected = errors.filter((e) => !/Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|CONNECTION_RESET)/.test(e));
  check('no page errors (but the requests made offline)', unexpected.length === 0, unexpected.slice(0, 3).join(' | '));
} finally {
  await browser.close();
  await site.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
finish();
