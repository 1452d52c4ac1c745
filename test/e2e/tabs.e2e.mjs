#!/usr/bin/env node
// Over 500 lines because it is one scenario run: the two tabs, their browser, the portal and the seeded sequence of
// delays are shared by every write path's runs (split, each part would start its own portal and browser).
// End-to-end, two tabs (issue 14, "the harness"): two pages of the built portal on one origin (one browser
// context: one IndexedDB, one localStorage, a sessionStorage each) in real headless Chromium, for every write
// path — call-log edits, follow-ups, new-entry drafts (one per tab), appeal decisions, publishing — raced between
// the tabs and with a reload injected at seeded random points of a save. After each run the invariant is
// checked on the store itself: no duplicate, no half-applied decision, nothing typed lost without a message.
//
//   node test/e2e/tabs.e2e.mjs            (builds the portal first)
//   node test/e2e/tabs.e2e.mjs --no-build (uses the existing examples/portal/dist)
//   node test/e2e/tabs.e2e.mjs --seed 7   (another sequence of reload points and delays; default 14)
import { click, inStore, launchChromium, portal, startPortal, tally } from './browser.mjs';
import { rng, intBetween } from '../../scripts/seeded-random.mjs';

const started = Date.now();
const { check, step, finish } = tally();
const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg >= 0 ? process.argv[seedArg + 1] : '14';
const random = rng(`tabs-e2e:${SEED}`);
/** A delay in ms from the seeded stream. */
const delay = (lo, hi) => intBetween(random, lo, hi);

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = SHANGHAI.format(new Date());
const CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** A wall-clock time earlier today (for logs created by the test; 00:00 just after midnight). */
const earlier = (minutes) => {
  const t = new Date(Date.now() - minutes * 60_000);
  return SHANGHAI.format(t) === today ? CLOCK.format(t) : '00:00';
};

const server = await startPortal({ rebuild: !process.argv.includes('--no-build') });
const browser = await launchChromium();
const errors = [];
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

async function tab(name) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => {
    // A reload in the middle of a write aborts its transaction: the browser may log that, it is the point of the test.
    if (m.type() === 'error' && !/AbortError|aborted|net::ERR_ABORTED/i.test(m.text())) errors.push(`${name}: ${m.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  return { page, p: portal(page), name };
}

const A = await tab('A');
const B = await tab('B');

/** Reloads a tab and waits for its page. */
async function reload(t, pageId) {
  await t.page.reload();
  await t.p.ready(pageId);
}

/** Both tabs signed in as `who` on `pageId` (the role switcher writes localStorage: the other tab reloads). */
async function both(who, pageId) {
  await A.p.signIn(who);
  if (pageId) await A.p.go(pageId);
  // a hash change alone keeps the page's signed-in user: load the page again
  await B.page.goto(`${server.url}#/${pageId ?? ''}`);
  await reload(B, pageId);
}

const FORM = 'rulecard-call-log';
const formValue = (t, field) => t.page.locator(`${FORM} #f-${field}`).inputValue();
/** Resolves when the tab's call-log form has restored its draft (if any). */
const restored = (t) => t.page.locator(FORM).evaluate((el) => el.draftRestored);
const noticeOf = (t) =>
  t.page
    .locator(`${FORM} .notice`)
    .textContent({ timeout: 1000 })
    .catch(() => '');

/** Types a whole consultation into the tab's form, as a person fills it. */
async function fillEntry(t, name) {
  await t.page.selectOption(`${FORM} #f-channel`, 'phone');
  const fields = {
    customerName: name,
    contact: '13812345678',
    age: '30',
    region: '广州',
    source: '百度',
    project: '双眼皮',
    question: '价格',
    answer: '已介绍',
  };
  for (const [field, value] of Object.entries(fields)) await t.page.fill(`${FORM} #f-${field}`, value);
}

/** Waits until this tab's draft holds `name` (what was typed has reached IndexedDB). */
async function draftHolds(t, name) {
  for (let i = 0; i < 100; i++) {
    const drafts = await inStore(t.page, (s, who) => s.listFormDrafts(who, 'call-log'), 'c02');
    if (drafts.some((d) => d.value?.form?.customerName === name)) return;
    await t.page.waitForTimeout(20);
  }
  throw new Error(`the draft never held ${name}`);
}

/** The logs of c02 today with the customer `name`. */
const logsNamed = (t, name) =>
  inStore(
    t.page,
    async (s, a) => (await s.listCallLogs({ consultant: 'c02' }, { from: a.today, to: a.today })).filter((l) => l.customerName === a.name),
    {
      today,
      name,
    },
  );

/** A log of c02 created in the store (as by another device), shown in both tabs' lists. */
const createLog = (t, name, extra = {}) =>
  inStore(
    t.page,
    (s, a) =>
      s.createCallLog(
        {
          date: a.today,
          time: a.time,
          consultant: 'c02',
          channel: 'phone',
          customerName: a.name,
          contact: '13900001111',
          age: 41,
          region: '北京',
          source: '百度',
          project: '除皱',
          question: 'q',
          answer: 'a',
          booked: false,
          followUpPromised: false,
          ...a.extra,
        },
        { by: 'c02' },
      ),
    { today, time: earlier(20), name, extra },
  );

/** Clicks the save button; resolves when the tab shows "saved" or a conflict. */
async function save(t) {
  await click(t.page.locator(`${FORM} [part="save-button"]`));
  await t.page.locator(`${FORM} .notice, ${FORM} .conflict, ${FORM} .summary`).first().waitFor();
}

try {
  await step('two tabs open the portal', async () => {
    await A.page.goto(server.url);
    await A.p.ready();
    await B.page.goto(server.url);
    await B.p.ready();
  });

  // ---------------------------------------------------------------- drafts: one per tab
  await step('new-entry drafts are per tab', async () => {
    await both('c02', 'log');
    await Promise.all([restored(A), restored(B)]);
    await A.page.fill(`${FORM} #f-customerName`, 'A 的草稿');
    await B.page.fill(`${FORM} #f-customerName`, 'B 的草稿');
    await draftHolds(A, 'A 的草稿');
    await draftHolds(B, 'B 的草稿');
    await Promise.all([reload(A, 'log'), reload(B, 'log')]);
    await Promise.all([restored(A), restored(B)]);
    const a = await formValue(A, 'customerName');
    const b = await formValue(B, 'customerName');
    check('after a reload each tab restores its own draft', a === 'A 的草稿' && b === 'B 的草稿', `${a} / ${b}`);
    await fillEntry(A, 'A 的草稿');
    await save(A);
    await reload(B, 'log');
    await restored(B);
    check("a save in one tab leaves the other tab's draft", (await formValue(B, 'customerName')) === 'B 的草稿');
    check('the saved entry is there once', (await logsNamed(A, 'A 的草稿')).length === 1);
    await B.page.click(`${FORM} button:text-is("清空表单")`);
  });

  // ---------------------------------------------------------------- reload at a random point of a save
  const RELOADS = 6;
  for (let i = 0; i < RELOADS; i++) {
    const wait = delay(0, 25);
    await step(`reload ${wait} ms after "save" (new entry, run ${i + 1})`, async () => {
      const name = `重载-${SEED}-${i}`;
      await fillEntry(A, name);
      await draftHolds(A, name);
      await A.page.click(`${FORM} [part="save-button"]`);
      await A.page.waitForTimeout(wait);
      await reload(A, 'log');
      await restored(A);
      const saved = (await logsNamed(A, name)).length;
      const back = (await formValue(A, 'customerName')) === name;
      const said = back ? await noticeOf(A) : '';
      const how = saved ? 'saved before the reload' : back ? 'draft restored' : 'LOST';
      check(
        `reload ${wait} ms after save: saved once or restored with a message, never both (${how})`,
        saved <= 1 && !(saved && back) && (saved === 1 || (back && said.includes('已恢复'))),
        `saved ${saved}, restored ${back}, notice "${said.trim()}"`,
      );
      if (back && !saved) {
        await save(A);
        // the restored form already shows a notice ("draft restored"): wait for the save itself, up to 5 s
        let after = await logsNamed(A, name);
        for (let k = 0; k < 50 && after.length === 0; k++) {
          await A.page.waitForTimeout(100);
          after = await logsNamed(A, name);
        }
        check(`the restored entry saves once (run ${i + 1})`, after.length === 1, `${after.length} saved`);
      }
    });
  }

  for (let i = 0; i < 3; i++) {
    const wait = delay(0, 25);
    await step(`reload ${wait} ms after saving an edit (run ${i + 1})`, async () => {
      const log = await createLog(A, `改后重载-${SEED}-${i}`);
      await A.page.click(`${FORM} button[aria-label="编辑 ${log.id}"]`);
      await A.page.locator(`${FORM} #f-region`).waitFor();
      await A.page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('#f-region')?.value === '北京', FORM);
      await A.page.fill(`${FORM} #f-region`, `杭州-${i}`);
      for (let k = 0; k < 100; k++) {
        const drafts = await inStore(A.page, (s) => s.listFormDrafts('c02', 'call-log'));
        if (drafts.some((d) => d.value?.form?.region === `杭州-${i}`)) break;
        await A.page.waitForTimeout(20);
      }
      await click(A.page.locator(`${FORM} [part="save-button"]`));
      await A.page.waitForTimeout(wait);
      await reload(A, 'log');
      await restored(A);
      const stored = await inStore(A.page, (s, id) => s.getCallLog(id), log.id);
      const saved = stored.region === `杭州-${i}`;
      const back = (await formValue(A, 'region')) === `杭州-${i}`;
      check(
        `reload ${wait} ms after saving an edit: saved once or restored, never both (${saved ? 'saved' : back ? 'restored' : 'LOST'})`,
        (saved && !back && stored.rev === 2) || (!saved && back && stored.rev === 1),
        `rev ${stored.rev}, restored ${back}`,
      );
      if (back) {
        await save(A);
        // the restored form already shows a notice ("draft restored"): wait for the save itself, up to 5 s
        let again = await inStore(A.page, (s, id) => s.getCallLog(id), log.id);
        for (let k = 0; k < 50 && again.rev === 1; k++) {
          await A.page.waitForTimeout(100);
          again = await inStore(A.page, (s, id) => s.getCallLog(id), log.id);
        }
        check(`the restored edit saves once (run ${i + 1})`, again.rev === 2 && again.region === `杭州-${i}`, `rev ${again.rev}`);
      }
    });
  }

  // ---------------------------------------------------------------- one call log edited in two tabs
  for (let i = 0; i < 3; i++) {
    const gap = delay(0, 20);
    await step(`two tabs save an edit of one log ${gap} ms apart (run ${i + 1})`, async () => {
      const name = `双开-${SEED}-${i}`;
      const log = await createLog(A, name);
      for (const t of [A, B]) {
        await t.page.click(`${FORM} button[aria-label="编辑 ${log.id}"]`);
        await t.page.waitForFunction(
          ([sel, n]) => document.querySelector(sel)?.shadowRoot?.querySelector('#f-customerName')?.value === n,
          [FORM, name],
        );
      }
      await A.page.fill(`${FORM} #f-region`, `上海-${i}`);
      await B.page.fill(`${FORM} #f-project`, `玻尿酸-${i}`);
      await Promise.all([save(A), B.page.waitForTimeout(gap).then(() => save(B))]);
      const lost = [];
      for (const t of [A, B]) if (await t.page.locator(`${FORM} .conflict`).count()) lost.push(t);
      check(`one save wins, the other is kept as a conflict (run ${i + 1})`, lost.length === 1, `${lost.length} conflicts`);
      if (lost.length !== 1) return;
      const loser = lost[0];
      const mine = (await loser.page.locator(`${FORM} .conflict td.mine`).allTextContents()).join('|');
      const typed = loser === A ? `上海-${i}` : `玻尿酸-${i}`;
      check(`the losing tab still has what it typed, next to the newest values (run ${i + 1})`, mine.includes(typed), mine);
      await loser.page.click(`${FORM} .conflict button[data-action="reapply"]`);
      await loser.page.locator(`${FORM} .notice`).waitFor();
      const final = await inStore(A.page, (s, id) => s.getCallLog(id), log.id);
      const history = await inStore(A.page, (s, id) => s.callLogHistory(id), log.id);
      check(
        `applied again on top: both edits, one revision each (run ${i + 1})`,
        final.region === `上海-${i}` && final.project === `玻尿酸-${i}` && final.rev === 3 && history.length === 2,
        `${final.region} / ${final.project} rev ${final.rev}, ${history.length} revisions`,
      );
    });
  }

  // ---------------------------------------------------------------- "follow-up done" in two tabs
  for (let i = 0; i < 2; i++) {
    const gap = delay(0, 20);
    await step(`two tabs mark one follow-up done ${gap} ms apart (run ${i + 1})`, async () => {
      const name = `回访-${SEED}-${i}`;
      // fresh pages: a message left by an earlier run is not this run's
      await Promise.all([reload(A, 'log'), reload(B, 'log')]);
      const log = await createLog(A, name, { followUpPromised: true });
      const button = (t) =>
        t.page
          .locator(`${FORM} tr`, { has: t.page.locator('td.customer', { hasText: name }) })
          .locator('button', { hasText: '标记回访已完成' });
      await Promise.all([button(A).waitFor(), button(B).waitFor()]);
      /** Clicks the tab's button if it is still there (after the other tab's write the list may have dropped it). */
      const tryClick = (t) =>
        button(t)
          .evaluate((b) => b.click(), undefined, { timeout: 1000 })
          .then(
            () => 'clicked',
            () => 'gone',
          );
      const clicks = await Promise.all([tryClick(A), B.page.waitForTimeout(gap).then(() => tryClick(B))]);
      await A.page.waitForTimeout(500);
      const final = await inStore(A.page, (s, id) => s.getCallLog(id), log.id);
      const history = await inStore(A.page, (s, id) => s.callLogHistory(id), log.id);
      const told = [];
      for (const t of [A, B])
        if (((await t.page.locator(FORM).textContent()) ?? '').length >= 0)
          told.push(await t.page.locator(FORM).evaluate((el) => el.shadowRoot.textContent.includes('已被他人修改')));
      const messages = told.filter(Boolean).length;
      const gone = clicks.filter((c) => c === 'gone').length;
      check(
        `done once, the other click refused with a message or never possible (run ${i + 1})`,
        !!final.followUpDoneAt && final.rev === 2 && history.length === 1 && messages + gone === 1,
        `rev ${final.rev}, ${history.length} revisions, clicks ${clicks.join('/')}, messages ${messages}`,
      );
    });
  }

  // ---------------------------------------------------------------- an appeal decided in two tabs
  /** A rude-attitude event of c03 today and c03's appeal of it, made in the store. */
  const openAppeal = (t, consultant, reason) =>
    inStore(
      t.page,
      async (s, a) => {
        const ev = await s.recordEvent(
          { type: 'rude_attitude', consultant: a.consultant, at: `${a.today}T${a.time}` },
          { by: 'm01', role: 'manager' },
        );
        // the ledger line the event is on, as the consultant's scorecard shows it
        const { scorecards } = await s.score({ consultant: a.consultant }, { from: ev.day, to: ev.day });
        const line = scorecards.consultants[a.consultant].lines.find((l) => l.rule === 'rude_attitude' && l.events.includes(ev.id));
        return s.openAppeal(
          { consultant: a.consultant, line: { rule: line.rule, window: line.window, events: line.events }, reason: a.reason },
          { by: a.consultant, role: 'consultant' },
        );
      },
      { consultant, today, time: earlier(90), reason },
    );
  /** One consultant of the net team per appeal (an appeal per ledger line). */
  const APPEALING = ['c03', 'c04', 'c05', 'c06', 'c02'];
  /** The appeal as stored and its correction event, if any. */
  const decided = (t, id) =>
    inStore(
      t.page,
      async (s, appealId) => ({ appeal: await s.getAppeal(appealId), correction: await s.getEvent(`${appealId}.correction`) }),
      id,
    );
  const wholeDecision = ({ appeal, correction }) =>
    (appeal.status === 'accepted' && !!correction) || (appeal.status !== 'accepted' && !correction);

  const article = (t, id) => t.page.locator(`rulecard-scorecard article[data-appeal="${id}"]`);
  for (let i = 0; i < 3; i++) {
    const gap = delay(0, 20);
    await step(`accept in one tab, reject ${gap} ms later in the other (run ${i + 1})`, async () => {
      if (i === 0) await both('m01', 'team');
      const appeal = await openAppeal(A, APPEALING[i], `申诉-${SEED}-${i}`);
      await Promise.all([reload(A, 'team'), reload(B, 'team')]);
      await Promise.all([article(A, appeal.id).locator('.decision').waitFor(), article(B, appeal.id).locator('.decision').waitFor()]);
      // Not explained yet: typed with no pause after both tabs reloaded, under load, tab B's reject was refused with
      // "a reason is required" in 2 of 3 runs (the invariant held). A single-tab probe kept the note. Type once the
      // board has settled, so that this checks the race between the decisions.
      await B.page.waitForTimeout(500);
      await article(B, appeal.id).locator('textarea').fill('核实后不成立');
      await Promise.all([
        click(article(A, appeal.id).locator('.decision button.primary')),
        B.page.waitForTimeout(gap).then(() => click(article(B, appeal.id).locator('.decision button:not(.primary)')).catch(() => {})),
      ]);
      await A.page.waitForTimeout(500);
      const state = await decided(A, appeal.id);
      const said = await Promise.all(
        [A, B].map((t) =>
          t.page
            .locator('rulecard-scorecard #decision-error')
            .textContent()
            .catch(() => ''),
        ),
      );
      check(
        `one decision, whole: ${state.appeal.status}${state.correction ? ' with its correction' : ' without correction'} (run ${i + 1})`,
        state.appeal.status !== 'open' && wholeDecision(state) && said.filter((x) => x.trim()).length <= 1,
        `messages: ${said.map((x) => x.trim() || '—').join(' | ')}`,
      );
      const loserTold = said.some((x) => x.trim());
      const loserSaw = await Promise.all([A, B].map((t) => article(t, appeal.id).getAttribute('data-status')));
      check(
        `the tab that lost says so, or already shows the decision (run ${i + 1})`,
        loserTold || loserSaw.every((st) => st === state.appeal.status),
        `statuses shown ${loserSaw.join('/')}`,
      );
    });
  }

  for (let i = 0; i < 2; i++) {
    const wait = delay(0, 30);
    await step(`reload ${wait} ms after accepting an appeal (run ${i + 1})`, async () => {
      const appeal = await openAppeal(A, APPEALING[3 + i], `申诉重载-${SEED}-${i}`);
      await reload(A, 'team');
      await article(A, appeal.id).locator('.decision').waitFor();
      await click(article(A, appeal.id).locator('.decision button.primary'));
      await A.page.waitForTimeout(wait);
      await reload(A, 'team');
      const state = await decided(A, appeal.id);
      check(
        `reload ${wait} ms after accept: decided whole or not at all (${state.appeal.status})`,
        wholeDecision(state) && ['open', 'accepted'].includes(state.appeal.status),
        `${state.appeal.status}, correction ${!!state.correction}`,
      );
    });
  }

  // ---------------------------------------------------------------- publishing in two tabs
  await step('two tabs publish at once', async () => {
    await both('m01', 'rules');
    const versions = (t) => inStore(t.page, (s) => s.listRulebookVersions());
    const before = await versions(A);
    const source = before.at(-1).source;
    const publish = (t, note) =>
      inStore(
        t.page,
        (s, a) =>
          s.publishRulebook({ source: a.source, author: 'm01', effectiveFrom: a.today, note: a.note }).then(
            (v) => ({ version: v.version }),
            (e) => ({ error: e.code ?? String(e) }),
          ),
        { source, today, note },
      );
    const results = await Promise.all([publish(A, 'tab A'), publish(B, 'tab B')]);
    const after = await versions(A);
    const numbers = after.map((v) => v.version);
    const published = results.filter((r) => r.version);
    check(
      'publishing in two tabs: distinct version numbers, no gap, each publish a version or a coded error',
      new Set(numbers).size === numbers.length &&
        numbers.every((n, k) => n === numbers[0] + k) &&
        after.length === before.length + published.length &&
        results.every((r) => r.version || r.error),
      JSON.stringify(results),
    );
    for (let i = 0; i < 2; i++) {
      const wait = delay(0, 30);
      const count = (await versions(A)).length;
      const handle = await A.page.evaluateHandle(
        () => [...document.querySelectorAll('main *')].find((e) => e.tagName.startsWith('RULECARD-') && e.store)?.store,
      );
      await handle.evaluate(
        (s, a) => void s.publishRulebook({ source: a.source, author: 'm01', effectiveFrom: a.today, note: 'reloaded' }).catch(() => {}),
        { source, today },
      );
      await A.page.waitForTimeout(wait);
      await reload(A, 'rules');
      const now = await versions(A);
      const ns = now.map((v) => v.version);
      check(
        `reload ${wait} ms into a publish: published once or not at all`,
        (now.length === count || now.length === count + 1) && new Set(ns).size === ns.length,
        `${count} → ${now.length} versions`,
      );
    }
  });

  // ---------------------------------------------------------------- publishing from the editor, reloaded
  // The manager's draft must go with the publish (never "draft restored" of a published text: publishing it again
  // would make a second version), and only when it is the text published (a newer draft, typed in the other tab
  // meanwhile, is kept).
  for (let i = 0; i < 4; i++) {
    const wait = delay(0, 400);
    await step(`reload ${wait} ms after "publish" in the editor (run ${i + 1})`, async () => {
      if (i === 0) await both('m01', 'rules');
      await reload(A, 'rules');
      // These runs retype rude_attitude's tariff again and again: the rulebook's own examples of it are left out
      // (the portal e2e updates them the way a manager does), so each text publishes.
      if (i === 0) await A.page.locator('rulecard-editor').evaluate((el) => (el.value = el.value.replace(/\n# =+ 示例[\s\S]*$/u, '\n')));
      const from = i === 0 ? '-8' : `-${20 + i - 1}`;
      await A.p.editRuleNumber('rude_attitude "', from, `-${20 + i}`);
      await A.page.locator('rulecard-editor').evaluate((el) => el.flushDraft());
      const before = (await inStore(A.page, (s) => s.listRulebookVersions())).length;
      await A.page.click('rulecard-editor [part="publish-button"]');
      await A.page.locator('rulecard-editor [part="publish-summary"] strong').waitFor();
      await click(A.page.locator('rulecard-editor [part="confirm-publish"]'));
      await A.page.waitForTimeout(wait);
      await reload(A, 'rules');
      const versions = await inStore(A.page, (s) => s.listRulebookVersions());
      const draft = await inStore(A.page, (s) => s.getDraft('m01'));
      const published = versions.length - before;
      const typed = `-${20 + i} 每次`;
      const kept = !!draft?.source.includes(typed);
      check(
        `reload ${wait} ms after publish: published (draft gone) or not (draft kept), never both (run ${i + 1})`,
        (published === 1 && !(kept && draft.source === versions.at(-1).source)) || (published === 0 && kept),
        `${published} published, draft ${draft ? (kept ? 'with the edit' : 'other') : 'none'}`,
      );
      if (published === 0) {
        // publish what was restored, so the next run starts from it
        await A.page.click('rulecard-editor [part="publish-button"]');
        await A.page.locator('rulecard-editor [part="publish-summary"] strong').waitFor();
        await A.page.click('rulecard-editor [part="confirm-publish"]');
        await A.page.locator('rulecard-editor [part="status"]', { hasText: '已发布' }).waitFor();
      }
    });
  }

  await step("publishing in one tab keeps the other tab's newer draft", async () => {
    await reload(A, 'rules');
    await reload(B, 'rules');
    await A.p.editRuleNumber('rude_attitude "', '-23', '-30');
    await A.page.locator('rulecard-editor').evaluate((el) => el.flushDraft());
    // the same manager types on in the other tab: that draft is now the newer one
    await B.page
      .locator('rulecard-editor')
      .evaluate((el, text) => (el.value = text), await A.page.locator('rulecard-editor').evaluate((el) => el.value));
    await B.p.editRuleNumber('rude_attitude "', '-30', '-31');
    await B.page.locator('rulecard-editor').evaluate((el) => el.flushDraft());
    // B's save finds A's newer draft: never overwritten silently — B keeps its text as its tab's copy and asks;
    // the manager makes B's text the draft (A's is kept as a copy).
    await B.page.locator('rulecard-editor [part="draft-conflict"][role="alert"]').waitFor();
    await B.page.click('rulecard-editor [data-action="keep-mine"]');
    await B.page.locator('rulecard-editor [part="draft-conflict"][role="status"]').waitFor();
    await A.page.click('rulecard-editor [part="publish-button"]');
    await A.page.locator('rulecard-editor [part="publish-summary"] strong').waitFor();
    await A.page.click('rulecard-editor [part="confirm-publish"]');
    await A.page.locator('rulecard-editor [part="status"]', { hasText: '已发布' }).waitFor();
    const draft = await inStore(A.page, (s) => s.getDraft('m01'));
    check("the other tab's newer draft survives the publish", !!draft?.source.includes('-31 每次'), draft ? 'draft kept' : 'draft deleted');
  });

  check('no page errors in either tab', errors.length === 0, errors.slice(0, 3).join(' | '));
} catch (e) {
  check('tabs suite', false, String(e?.message ?? e).split('\n')[0]);
}

console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
await browser.close();
await server.close();
finish();
