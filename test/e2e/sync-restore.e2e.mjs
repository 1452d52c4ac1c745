#!/usr/bin/env node
// End-to-end (issue 10): browser contexts as separate computers against the real department server (packages/server
// on PGlite, demo mode) behind the built portal's origin (/api):
// - payroll from the server is the browser's export of the same data, byte for byte (GET /payroll/<month>.csv vs the
//   manager's replica scored and exported by the store in the page, as the scorecard board's export does), for the
//   previous month (over) and the current one (scored as of the request);
// - the elements' `sync-url` path: a page that gives its element no store (the element opens its own, with
//   `sync-url="/api"` and the token from `configureSync`) pulls the department and pushes its writes;
// - a restore from a backup: the server's data folder copied while it is stopped, writes made after, the folder put
//   back and the server started with `--new-epoch`: the clients reset and pull again (the lost writes are gone from
//   their replicas), and a consultant's pending write, whose mutation id the restored server sees as a gap (it lost
//   the ids before it), is re-based and applied instead of being refused forever.
// Ends with `e2e: N passed, M failed`.
//
//   node test/e2e/sync-restore.e2e.mjs            (builds the portal first)
//   node test/e2e/sync-restore.e2e.mjs --no-build (uses the existing examples/portal/dist)
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortal, launchChromium, portalDist, portalPage, repo, tally } from './browser.mjs';
import { serveStatic } from './static-server.mjs';
import { SHANGHAI, bothPayrolls, callLog, computer, freePort, previousMonthOf, serverRecords, startApi, until } from './sync-helpers.mjs';

const started = Date.now();
const { check, step, finish } = tally();
const today = SHANGHAI.format(new Date());
const thisMonth = today.slice(0, 7);
const previous = previousMonthOf(today);

if (!process.argv.includes('--no-build') || !existsSync(`${portalDist}/index.html`)) await buildPortal();
// The sync-url page: built from test/e2e/sync-url-page with the elements' source, served on the same origin.
const work = mkdtempSync(join(tmpdir(), 'rulecard-sync-restore-e2e-'));
const pageDir = join(work, 'page');
{
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: `${repo}test/e2e/sync-url-page`,
    base: './',
    // (quiet: the page imports the store statically, the element dynamically — one chunk, as intended)
    logLevel: 'error',
    publicDir: false,
    resolve: {
      alias: [{ find: /^@rulecard\/elements\/sync-status$/, replacement: `${repo}packages/elements/src/sync-status/index.ts` }],
    },
    build: { outDir: pageDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
}

const dataDir = join(work, 'data');
const backupDir = join(work, 'backup');
const port = await freePort();
let api = await startApi({ port, dataDir });
const site = await serveStatic(portalDist, { api: api.url });
const embed = await serveStatic(pageDir, { api: api.url });
const browser = await launchChromium();
const errors = [];

try {
  let manager;
  let c02;
  await step('payroll from the server is the browser’s export of the same data, byte for byte', async () => {
    [manager, c02] = [await computer(browser, site.url, errors, 'm01'), await computer(browser, site.url, errors, 'c02')];
    // Something of today's too: c02's call log (not fully registered: a penalty line) reaches the manager.
    await c02.call('createCallLog', callLog('log-e2e-pay-1', today, '00:00', { customerName: undefined }), {
      by: 'c02',
      role: 'consultant',
    });
    await until('c02 to send it', async () => (await c02.state()).pending === 0, 60_000);
    await until('the manager to have it', () => manager.call('getCallLogUnmasked', 'log-e2e-pay-1'), 60_000);
    for (const month of [previous.month, thisMonth]) {
      const { server, browser: local } = await bothPayrolls(api.url, manager, month);
      const rows = server.split('\r\n').filter((l) => l.includes(',合计,')).length;
      check(
        `${month}: GET /payroll/${month}.csv equals the browser's export byte for byte`,
        server === local,
        `${server.length} vs ${local.length} chars`,
      );
      check(`${month}: a real payroll (a BOM, ${rows} ledgers)`, server.startsWith('\uFEFF类型,') && rows > 12, server.slice(1, 40));
    }
  });

  await step('the elements’ sync-url path: an element’s own store syncs with the server', async () => {
    const { context, page } = await portalPage(browser, errors);
    await page.goto(embed.url);
    const fact = page.locator('rulecard-sync-status li[data-fact="synced"]');
    await fact.waitFor({ timeout: 60_000 });
    /** The store the element opened itself (`activeStore`: no store was given to it). */
    const own = () => page.evaluateHandle(() => document.querySelector('rulecard-sync-status').activeStore);
    const syncState = async () => (await own()).evaluate((s) => s.syncState());
    const members = await until(
      'the roster to arrive',
      async () => (await (await own()).evaluate((s) => s?.listMembers() ?? [])).length || undefined,
      60_000,
    );
    check('the element’s own store pulled the roster from the server', members === 14, `${members}`);
    const state = await syncState();
    check('it is connected (the token from configureSync) and leads', state.connected && state.leader, JSON.stringify(state));
    const log = callLog('log-e2e-url-1', today, '00:00', { consultant: 'c03' });
    await (await own()).evaluate((s, input) => s.createCallLog(input, { by: 'c03', role: 'consultant' }), log);
    await until('the write to be sent', async () => (await syncState()).pending === 0, 60_000);
    const records = await serverRecords(api.url);
    check(
      'its write reached the server',
      records.some((p) => p.kind === 'callLogs' && p.key === 'log-e2e-url-1'),
    );
    await context.close();
  });

  await step('a restore from a backup: a new epoch resets the clients; a pending write past the gap is re-based', async () => {
    // The backup: the data folder of the stopped server.
    await api.stop();
    cpSync(dataDir, backupDir, { recursive: true });
    api = await startApi({ port, dataDir });
    // After the backup: two call logs of c02 reach the server (they will be lost), a third waits offline.
    for (const id of ['log-e2e-lost-1', 'log-e2e-lost-2'])
      await c02.call('createCallLog', callLog(id, today, '00:00'), { by: 'c02', role: 'consultant' });
    await c02.wake();
    await until('c02 to send them', async () => (await c02.state()).pending === 0, 60_000);
    await manager.wake();
    await until('the manager to have them', () => manager.call('getCallLogUnmasked', 'log-e2e-lost-2'), 60_000);
    await c02.context.setOffline(true);
    await c02.call('createCallLog', callLog('log-e2e-kept-1', today, '00:00'), { by: 'c02', role: 'consultant' });
    const pending = (await c02.state()).pending;
    check('one write pending offline', pending === 1, `${pending}`);

    // The restore: the backup's folder back, a new epoch.
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(backupDir, dataDir, { recursive: true });
    api = await startApi({ port, dataDir, args: ['--new-epoch'] });
    const lost = (await serverRecords(api.url)).filter((p) => p.kind === 'callLogs' && p.key.startsWith('log-e2e-lost'));
    check('the restored server lost the writes made after the backup', lost.length === 0, `${lost.length}`);

    await c02.context.setOffline(false);
    await c02.wake();
    // Drained, and a cycle ended well (the failures while the server was down — no token, no answer — cleared).
    const drained = await until(
      'c02’s outbox to drain',
      async () => {
        const st = await c02.state();
        return st.pending === 0 && !st.error ? st : undefined;
      },
      60_000,
    );
    check('drained, without a refusal or a conflict', drained.rejected === 0 && drained.conflicts === 0, JSON.stringify(drained));
    const records = await serverRecords(api.url);
    check(
      'the pending write was applied once (re-based past the gap)',
      records.filter((p) => p.kind === 'callLogs' && p.key === 'log-e2e-kept-1').length === 1,
    );
    const mine = async (who) => (await who.call('listCallLogs', { consultant: 'c02' }, { from: today, to: today })).map((l) => l.id).sort();
    const c02Logs = await until('c02’s replica to reset', async () => {
      const ids = await mine(c02);
      return ids.some((id) => id.startsWith('log-e2e-lost')) ? undefined : ids;
    });
    check(
      'c02’s replica: the lost writes gone, the re-based one kept',
      !c02Logs.includes('log-e2e-lost-1') && c02Logs.includes('log-e2e-kept-1'),
      c02Logs.join(),
    );
    await manager.wake();
    const managerLogs = await until(
      'the manager’s replica to reset',
      async () => {
        const ids = await mine(manager);
        return ids.includes('log-e2e-kept-1') && !ids.some((id) => id.startsWith('log-e2e-lost')) ? ids : undefined;
      },
      60_000,
    );
    const serverLogs = records
      .filter((p) => p.kind === 'callLogs' && p.value.consultant === 'c02' && p.value.date === today)
      .map((p) => p.key)
      .sort();
    check(
      'the manager’s replica is the restored server’s',
      JSON.stringify(managerLogs) === JSON.stringify(serverLogs),
      `${managerLogs.join()} / ${serverLogs.join()}`,
    );
    const members = (await manager.call('listMembers')).length;
    check('the roster came back with the reset', members === 14, `${members}`);
  });

  // Requests made while a computer is offline or the server restarts fail by design, and so does the push the restored
  // server refuses (409 mutation-gap, then re-based); anything else counts.
  const unexpected = errors.filter(
    (e) =>
      !/Failed to load resource: (net::ERR_(INTERNET_DISCONNECTED|CONNECTION_RESET|CONNECTION_REFUSED)|the server responded with a status of (502|409))/.test(
        e,
      ),
  );
  check(
    'no page errors (but the requests made offline or to the stopped server)',
    unexpected.length === 0,
    unexpected.slice(0, 3).join(' | '),
  );
} finally {
  await browser.close();
  await site.close();
  await embed.close();
  await api.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
finish();
