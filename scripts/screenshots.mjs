#!/usr/bin/env node
// `npm run screenshots`: build the portal, serve it, and write docs/screenshots/*.png
// (consultant, team lead and manager pages, and the English view) from fresh demo data.
// Needs Chinese fonts: installs Debian's fonts-noto-cjk with apt-get when `fc-list :lang=zh` finds none,
// and Chromium's zh-CN locale (chromium-l10n) when absent, so date inputs read 2026/11/25.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { launchChromium, portal, repo, startPortal } from '../test/e2e/browser.mjs';

/** Chromium's zh-CN UI locale (date and time inputs in Chinese format): Debian's chromium-l10n. */
function ensureChromiumZhLocale() {
  if (existsSync('/usr/lib/chromium/locales/zh-CN.pak') || !existsSync('/usr/lib/chromium')) return;
  console.log('screenshots: Chromium has no zh-CN locale; installing chromium-l10n (apt-get)…');
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium-l10n'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.warn('screenshots: could not install chromium-l10n; date inputs will show the en-US format');
  }
}

function ensureCjkFonts() {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  } catch {
    /* no fontconfig: Chromium falls back; install below */
  }
  if (fonts.trim()) return;
  console.log('screenshots: no Chinese font found; installing fonts-noto-cjk (apt-get)…');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'fonts-noto-cjk'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

ensureCjkFonts();
ensureChromiumZhLocale();
const out = `${repo}docs/screenshots`;
mkdirSync(out, { recursive: true });
const server = await startPortal({ rebuild: !process.argv.includes('--no-build') });
const browser = await launchChromium(['--lang=zh-CN'], { LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN' });
const written = [];
try {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const p = portal(page);

  /** Settle: the elements render from IndexedDB asynchronously; wait for their loading states to end. */
  async function settle() {
    await page.waitForFunction(
      () => {
        const busy = (root) =>
          [...root.querySelectorAll('*')].some(
            (el) =>
              (el.shadowRoot ? busy(el.shadowRoot) : false) ||
              (el.getAttribute('role') === 'status' && /加载|Loading|准备|Preparing/.test(el.textContent ?? '')),
          );
        return !busy(document);
      },
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(600);
  }
  async function shot(name, { full = true } = {}) {
    await settle();
    const path = `${out}/${name}.png`;
    await page.screenshot({ path, fullPage: full });
    written.push(path);
  }

  await page.goto(server.url);
  await p.ready();

  // Consultant: one consultation registered, a second one being typed.
  await p.signIn('c02');
  await p.go('log');
  await page.locator('rulecard-call-log form').waitFor();
  const fill = async (values) => {
    await page.selectOption('rulecard-call-log #f-channel', 'phone'); // 咨询方式 is chosen for each entry
    for (const [field, value] of Object.entries(values)) await page.fill(`rulecard-call-log #f-${field}`, value);
  };
  await fill({
    customerName: '李女士',
    contact: '13812345678',
    age: '28',
    region: '广州',
    source: '百度推广',
    project: '双眼皮',
    question: '价格和恢复期',
    answer: '已介绍价格与恢复期，约周六面诊',
  });
  await page.click('rulecard-call-log [part="save-button"]');
  await page.locator('rulecard-call-log [part="list"] tbody tr').first().waitFor();
  await fill({ customerName: '张先生', contact: '13900002222', age: '35', region: '佛山', project: '祛斑' });
  await shot('consultant-call-log');
  await p.go('me');
  await shot('consultant-scorecard');

  // Team lead: the team's month, then an incident about to be recorded (its effect shown).
  await p.signIn('c01');
  await p.go('team');
  await shot('lead-team-scorecard');
  await p.go('incidents');
  await page.selectOption('rulecard-incident #f-type', 'rude_attitude');
  await page.selectOption('rulecard-incident #f-consultant', 'c03');
  await page.fill('rulecard-incident #f-note', '11月25日 14:20 来电录音抽查：语气生硬，打断顾客');
  await shot('lead-incidents', { full: false });

  // Manager: the rulebook editor, then a what-if of "rude attitude −8 → −10".
  await p.signIn('m01');
  await p.go('rules');
  await page.locator('rulecard-editor .cm-line').first().waitFor();
  await shot('manager-rulebook-editor', { full: false });
  await p.editRuleNumber('rude_attitude "', '-8', '-10');
  await page.click('rulecard-editor #tab-what-if');
  await page.click('rulecard-editor .compare button.primary');
  await page.locator('rulecard-editor table[data-kind="consultants"]').waitFor();
  await shot('manager-what-if', { full: false });

  // English.
  await p.signIn('c01');
  await p.go('team');
  await p.toggleLanguage();
  await shot('en-lead-team-scorecard');
  await p.signIn('c02');
  await p.go('me');
  await shot('en-consultant-scorecard');
  await p.go('log');
  await shot('en-consultant-call-log', { full: false });
  await p.toggleLanguage();
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
for (const f of written) console.log(`screenshots: wrote ${f.slice(repo.length)}`);
