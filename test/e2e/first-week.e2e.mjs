#!/usr/bin/env node
// End-to-end (issue 12 problems 1 and 2): a clinic's first day on the built demo portal, in real headless Chromium,
// driven like a person. The manager starts from an empty store: every element leads to the setup instead of an error;
// the roster is added through the roster screen (a team, a consultant typed in, a lead imported from a CSV file); the
// rulebook editor offers the starter rulebook (examples/rulebooks/clinic.rules), published through the confirmation;
// then a consultant logs her first consultation and her scorecard scores it (咨询未详细登记: −2 points for a log
// without its registration fields, as clinic.rules says). Ends with `e2e: N passed, M failed`.
//
//   node test/e2e/first-week.e2e.mjs            (builds the portal first)
//   node test/e2e/first-week.e2e.mjs --no-build (uses the existing examples/portal/dist)
import { readFileSync } from 'node:fs';
import { launchChromium, portal, portalPage, repo, startPortal, tally } from './browser.mjs';

const started = Date.now();
const { check, step, finish } = tally();
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = SHANGHAI.format(new Date());
const clinicRules = readFileSync(`${repo}examples/rulebooks/clinic.rules`, 'utf8');
/** clinic.rules: a call log without its registration fields is 咨询未详细登记, −2 points each. */
const NOT_REGISTERED = /call_not_fully_registered\s+"咨询未详细登记"[^:]*:\s*-2 每次/;

const server = await startPortal({ rebuild: !process.argv.includes('--no-build') });
const browser = await launchChromium();
const errors = [];
try {
  const { context, page } = await portalPage(browser, errors);
  const p = portal(page);
  const text = async (selector) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  await step('the manager starts from an empty store', async () => {
    await page.goto(server.url);
    await p.ready();
    await p.signIn('m01');
    await p.go('team');
    await page.click('#empty-demo'); // confirm() is accepted by the dialog handler
    await page.locator('main .notice').waitFor();
    await page.locator('rulecard-scorecard [part="first-run"]').waitFor();
    const steps = await page.locator('rulecard-scorecard [part="first-run"] li').evaluateAll((lis) => lis.map((li) => li.dataset.step));
    check('the team scorecard shows the setup steps (roster, rulebook), not an error', steps.join() === 'roster,rulebook', steps.join());
    const card = await text('rulecard-scorecard');
    check('no "该期间没有生效的考评规则" on a first day', !card.includes('该期间没有生效的考评规则'), card.slice(0, 80));
    await p.go('incidents');
    await page.locator('rulecard-incident [part="first-run"]').waitFor();
    check(
      'the incident form shows the setup steps, not "花名册为空"',
      !(await text('rulecard-incident')).includes('花名册为空，请先添加咨询员'),
    );
  });

  await step('a consultant on the empty store is told what to ask for', async () => {
    await p.signIn('c02');
    await p.go('log');
    await page.locator('rulecard-call-log [part="first-run"]').waitFor();
    const asks = await page.locator('rulecard-call-log [part="first-run"] li').allTextContents();
    check(
      'the call log asks the consultant to have the roster added',
      asks.join() === '花名册为空：请管理者添加小组和咨询员。',
      asks.join(),
    );
  });

  await step('the manager adds the roster through the roster screen', async () => {
    await p.signIn('m01');
    await p.go('team');
    await page.click('rulecard-scorecard li[data-step="roster"] button');
    await p.ready('roster');
    check('the step button opens the roster page', (await page.textContent('main h1')) === '花名册');
    const roster = page.locator('rulecard-roster');
    await roster.locator('[data-action="add-team"]').click();
    await page.keyboard.type('net');
    await roster.locator('#rf-name').fill('网络咨询组');
    await roster.locator('[part="save-button"]').click();
    await roster.locator('tr[data-team="net"]').waitFor();
    await roster.locator('[data-action="add-member"]').click();
    await page.keyboard.type('c02');
    await roster.locator('#rf-name').fill('陈思远');
    await roster.locator('#rf-teamId').selectOption('net');
    await roster.locator('#rf-role').selectOption('consultant');
    await roster.locator('#rf-joinedOn').fill('2023-06-12');
    await roster.locator('[data-add="pay"]').click();
    await page.keyboard.type('bonus');
    await roster.locator('#rf-pay-0-value').fill('1200');
    await roster.locator('[part="save-button"]').click();
    await roster.locator('tr[data-member="c02"]').waitFor();
    check(
      '陈思远 is on the roster with her pay item',
      (await text('rulecard-roster tr[data-member="c02"] [data-pay]')) === 'bonus ¥1,200.00',
    );
    // The lead, from a spreadsheet saved as CSV.
    await roster.locator('[part="import"] input[type="file"]').setInputFiles({
      name: '花名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF工号,姓名,小组,岗位,入职日期\r\nc01,林晓雯,net,组长,2022-03-01\r\n', 'utf8'),
    });
    await roster.locator('tr[data-member="c01"]').waitFor();
    check(
      'the CSV import adds the lead, who becomes the team lead',
      (await text('rulecard-roster tr[data-team="net"]')).includes('林晓雯'),
    );
  });

  await step('the manager publishes the starter rulebook through the confirmation', async () => {
    await page.click('rulecard-roster [part="next-step"] button');
    await p.ready('rules');
    const editor = page.locator('rulecard-editor');
    await editor.locator('[part="starter"] [data-starter="zh-CN"]').click();
    await page.waitForFunction(() => document.querySelector('rulecard-editor')?.value.length > 0);
    await editor.locator('[part="status"]', { hasText: '没有问题' }).waitFor({ timeout: 30_000 });
    const loaded = await page.evaluate(() => document.querySelector('rulecard-editor').value);
    check('the starter rulebook is clinic.rules', loaded === clinicRules, `${loaded.length} characters`);
    check('clinic.rules charges 咨询未详细登记 −2 per log', NOT_REGISTERED.test(clinicRules));
    // A half-typed date is no date: publishing says so on the field, publishes nothing and asks nothing.
    await editor.locator('[part="effective-date"]').fill('');
    await editor.locator('[part="publish-button"]').click();
    await editor.locator('[part="effective-date"][aria-invalid="true"]').waitFor();
    check(
      'an empty effective date is refused on the field, nothing is asked',
      (await text('rulecard-editor #effective-date-error')) === '请填写生效日期' &&
        (await editor.locator('[part="publish-confirm"]').count()) === 0,
    );
    await editor.locator('[part="effective-date"]').fill(today);
    await editor.locator('[part="publish-button"]').click();
    await editor.locator('[part="publish-summary"] strong').waitFor({ timeout: 30_000 });
    check('the confirmation names the date, today', (await text('rulecard-editor .confirm-date')) === `生效日期：${today}（今天）`);
    await editor.locator('#publish-note').fill('起步规则集');
    await editor.locator('[part="confirm-publish"]').click();
    await editor.locator('[part="status"]', { hasText: '已发布版本 1' }).waitFor();
    await editor.locator('#tab-history').click();
    await editor.locator('.versions li[data-version="1"] [part="version-mark"]').waitFor();
    check(
      'the history marks version 1 in force, with its note',
      (await text('rulecard-editor .versions li[data-version="1"]')).includes('现行'),
    );
  });

  await step("the consultant's first call log is scored", async () => {
    await p.signIn('c02');
    await p.go('log');
    await page.locator('rulecard-call-log form').waitFor();
    await page.selectOption('rulecard-call-log #f-channel', 'phone');
    await page.fill('rulecard-call-log #f-customerName', '李女士');
    const saved = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('rulecard-saved', (e) => resolve(e.detail), { once: true })),
    );
    await page.click('rulecard-call-log [part="save-button"]');
    check('the call log is saved (the consultant is on the roster now)', (await saved)?.kind === 'call-log');
    await p.go('me');
    const line = page.locator('rulecard-scorecard details[data-rule="call_not_fully_registered"]');
    await line.waitFor();
    const summary = (await line.locator('summary').textContent()).replace(/\s+/g, ' ');
    check('her scorecard explains the −2 of 咨询未详细登记', summary.includes('咨询未详细登记') && /[-−]2\b/.test(summary), summary.trim());
    const points = await text('rulecard-scorecard [data-total="points"]');
    check('her points total includes the −2', /[-−]\d/.test(points), points);
  });

  check('no page errors', errors.length === 0, errors.slice(0, 3).join(' | '));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
finish();
