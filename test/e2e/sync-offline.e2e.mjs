#!/usr/bin/env node
// End-to-end (issue 10), "offline for a day": browser contexts as separate computers against the real department
// server (packages/server on PGlite, demo mode) behind the built portal's origin (/api).
// c02's computer runs a day behind (Playwright's clock installed a day back) and goes offline (setOffline): 200 call
// logs created, 20 edited and 5 deleted in the month before this one, while the manager publishes a new rulebook
// version and closes that month. Then her clock catches up (fast-forward a day) and she reconnects:
// - the outbox drains (nothing refused, no conflict) and the counts match on the server and both replicas;
// - the closed month stays as paid (its payroll unchanged); her late edits, deletes and creates in it come back as
//   adjustments in this month's payroll;
// - the browser's score() is the server's: the manager's export of both months equals GET /payroll byte for byte,
//   and c02's own score (her replica) has exactly the server's lines for her.
// Ends with `e2e: N passed, M failed`.
//
//   node test/e2e/sync-offline.e2e.mjs            (builds the portal first)
//   node test/e2e/sync-offline.e2e.mjs --no-build (uses the existing examples/portal/dist)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { addDays } from '@rulecard/dsl/calendar';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortal, launchChromium, portalDist, tally } from './browser.mjs';
import { serveStatic } from './static-server.mjs';
import {
  SHANGHAI,
  bothPayrolls,
  browserPayroll,
  computer,
  freePort,
  previousMonthOf,
  serverPayroll,
  serverRecords,
  startApi,
  until,
} from './sync-helpers.mjs';

const started = Date.now();
const { check, step, finish } = tally();
const today = SHANGHAI.format(new Date());
const thisMonth = today.slice(0, 7);
const previous = previousMonthOf(today);
/** The day of the month before this one the call logs are for (past on c02's computer too: she is a day behind). */
const day = `${previous.month}-20`;
const DAY_MS = 24 * 3600_000;

if (!process.argv.includes('--no-build') || !existsSync(`${portalDist}/index.html`)) await buildPortal();
const dataDir = mkdtempSync(join(tmpdir(), 'rulecard-sync-offline-e2e-'));
const api = await startApi({ port: await freePort(), dataDir });
const site = await serveStatic(portalDist, { api: api.url });
const browser = await launchChromium();
const errors = [];

try {
  let manager;
  let c02;
  const base = Array.from({ length: 25 }, (_, i) => `log-e2e-day-base-${i}`);
  const fresh = Array.from({ length: 200 }, (_, i) => `log-e2e-day-new-${i}`);
  const c02Logs = async (who) => (await who.call('listCallLogs', { consultant: 'c02' }, { from: day, to: day })).map((l) => l.id).sort();
  let closedPayroll = '';

  await step('c02 (a day behind) and the manager sign in; 25 call logs of c02 reach the server', async () => {
    manager = await computer(browser, site.url, errors, 'm01');
    c02 = await computer(browser, site.url, errors, 'c02', { clock: Date.now() - DAY_MS });
    await c02.page.evaluate(
      async ([ids, d]) => {
        const store = document.querySelector('rulecard-sync-status').store;
        for (const [k, id] of ids.entries()) {
          const t = `${String(9 + (k % 9)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`;
          const input = { id, date: d, time: t, consultant: 'c02', channel: 'phone', customerName: '甲', contact: '13900003333' };
          await store.createCallLog({ ...input, booked: false, followUpPromised: false }, { by: 'c02', role: 'consultant' });
        }
      },
      [base, day],
    );
    await until('c02 to send them', async () => (await c02.state()).pending === 0, 60_000);
    await until('the manager to have them', () => manager.call('getCallLogUnmasked', base.at(-1)), 60_000);
    check('25 call logs on the server', (await c02Logs(manager)).length === 25);
  });

  await step('offline for a day: 200 creates, 20 edits, 5 deletes; the manager publishes and closes the month', async () => {
    await c02.context.setOffline(true);
    const offlineStarted = Date.now();
    await c02.page.evaluate(
      async ([base, fresh, d, bookingAt]) => {
        const store = document.querySelector('rulecard-sync-status').store;
        const actor = { by: 'c02', role: 'consultant' };
        for (const [k, id] of fresh.entries()) {
          const t = `${String(9 + (k % 9)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`;
          // Every fourth one booked (for tomorrow); every fifth without the customer's name (not fully registered).
          const input = { id, date: d, time: t, consultant: 'c02', channel: k % 3 ? 'wechat' : 'phone', contact: '13900004444' };
          if (k % 5) input.customerName = '乙';
          if (k % 4 === 0) Object.assign(input, { booked: true, bookingAt, bookingExpert: '张医生' });
          else input.booked = false;
          await store.createCallLog({ ...input, followUpPromised: false }, actor);
        }
        // Edits in the month being closed: 20 consultations become bookings (for tomorrow).
        for (const id of base.slice(0, 20))
          await store.updateCallLog(id, { booked: true, bookingAt, bookingExpert: '李医生' }, { ...actor, expectedRev: 1 });
        for (const id of base.slice(20)) await store.deleteCallLog(id, { ...actor, expectedRev: 1 });
      },
      [base, fresh, day, `${addDays(today, 1)}T16:00`],
    );
    const offline = await c02.state();
    check('225 changes wait in the outbox, offline', offline.pending === 225 && offline.online === false, JSON.stringify(offline));
    // (a figure, not a check: speed is the benches' business)
    console.log(`     (225 writes offline in ${((Date.now() - offlineStarted) / 1000).toFixed(1)} s)`);

    // The manager, online: a new rulebook version from today, then the month closed (payroll paid).
    const v1 = await manager.call('getRulebookVersion', 'default', 1);
    const source = v1.source.replace('impolite_wording "礼貌用语不规范": -2 每次', 'impolite_wording "礼貌用语不规范": -3 每次');
    const published = await manager.call('publishRulebook', { source, author: 'm01', effectiveFrom: today, note: 'e2e' });
    check('the manager published version 2', published.version === 2, JSON.stringify(published.version));
    await manager.call('closeMonth', previous.month, { by: 'm01', role: 'manager', reason: '发薪' });
    await until('the manager to send both', async () => (await manager.state()).pending === 0, 60_000);
    const m = await manager.state();
    check('the server applied both (no refusal)', m.rejected === 0 && m.conflicts === 0, JSON.stringify(m));
    closedPayroll = await serverPayroll(api.url, previous.month);
    check('the closed month has its payroll', closedPayroll.includes(',合计,'));
  });

  await step('a day later, back online: the outbox drains, the counts match', async () => {
    await c02.page.clock.fastForward(DAY_MS);
    const t0 = Date.now();
    await c02.context.setOffline(false);
    await c02.wake();
    const s = await until(
      'the outbox to drain',
      async () => {
        const st = await c02.state();
        return st.pending === 0 && !st.error ? st : undefined; // drained, and a cycle ended well
      },
      60_000,
    );
    console.log(`     (drained in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    check('drained: no conflict, no refusal, no error', s.conflicts === 0 && s.rejected === 0 && !s.error, JSON.stringify(s));
    const expected = [...base.slice(0, 20), ...fresh].sort();
    const server = (await serverRecords(api.url))
      .filter((p) => p.kind === 'callLogs' && p.value.consultant === 'c02' && p.value.date === day)
      .map((p) => p.key)
      .sort();
    check('the server has the 220 call logs (25 + 200 − 5)', JSON.stringify(server) === JSON.stringify(expected), `${server.length}`);
    const mine = await until(
      'c02’s replica to have them',
      async () => ((await c02Logs(c02)).length === 220 ? c02Logs(c02) : undefined),
      30_000,
    );
    check('c02’s replica has the same 220', JSON.stringify(mine) === JSON.stringify(expected), `${mine.length}`);
    await manager.wake();
    const theirs = await until(
      'the manager’s replica to have them',
      async () => ((await c02Logs(manager)).length === 220 ? c02Logs(manager) : undefined),
      30_000,
    );
    check('the manager’s replica has the same 220', JSON.stringify(theirs) === JSON.stringify(expected), `${theirs.length}`);
    const edited = await manager.call('getCallLogUnmasked', base[0]);
    check('an edit made offline applied once (rev 2, booked)', edited.rev === 2 && edited.booked === true, `${edited.rev}`);
  });

  await step('the closed month stays as paid; the late changes are adjustments in this month', async () => {
    check('the closed month’s payroll is unchanged', (await serverPayroll(api.url, previous.month)) === closedPayroll);
    const now = await serverPayroll(api.url, thisMonth);
    const adjustment = now.split('\r\n').find((l) => l.startsWith('个人,c02,') && l.split(',')[3] === 'adjustment');
    check(`this month’s payroll carries c02’s adjustment to ${previous.month}`, adjustment?.includes(`调整 ${previous.month}`), adjustment);
    const record = await until('the manager’s replica to have the closed month', async () => {
      const r = await manager.call('getMonth', previous.month);
      return r?.status === 'closed' ? r : undefined;
    });
    check('the month is closed in the manager’s replica', record.status === 'closed');
  });

  await step('the browser’s score() is the server’s', async () => {
    for (const month of [previous.month, thisMonth]) {
      const { server, browser: local } = await bothPayrolls(api.url, manager, month);
      check(`${month}: the manager’s export equals GET /payroll byte for byte`, server === local, `${server.length} vs ${local.length}`);
      const mineOnServer = server.split('\r\n').filter((l) => l.startsWith('个人,c02,'));
      const before = await browserPayroll(c02, month, new Date().toISOString(), { consultant: 'c02' });
      const lines = before.split('\r\n').filter((l) => l.startsWith('个人,c02,'));
      check(
        `${month}: c02’s own score in her replica has the server’s lines for her (${mineOnServer.length})`,
        JSON.stringify(lines) === JSON.stringify(mineOnServer) && lines.length > 0,
        `${lines.length} vs ${mineOnServer.length}`,
      );
    }
  });

  // Requests made while a computer is offline fail by design; anything else counts.
  const unexpected = errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e));
  check('no page errors (but the requests made offline)', unexpected.length === 0, unexpected.slice(0, 3).join(' | '));
} finally {
  await browser.close();
  await site.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
finish();
