// Shared by the e2e test and the screenshot script: build the portal, serve it, launch Chromium.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const portalDist = `${repo}examples/portal/dist`;

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export { CHROMIUM_ARGS };

/** Build the portal (vite, root vite.config.ts) into examples/portal/dist. */
export async function buildPortal({ quiet = true } = {}) {
  const { build } = await import('vite');
  await build({ configFile: `${repo}vite.config.ts`, logLevel: quiet ? 'warn' : 'info' });
}

/** Serve the built portal (building it first when `rebuild` or when there is no build). */
export async function startPortal({ rebuild = false } = {}) {
  if (rebuild || !existsSync(`${portalDist}/index.html`)) await buildPortal();
  return serveStatic(portalDist);
}

export function launchChromium(extraArgs = [], env = {}) {
  return chromium.launch({
    env: { ...process.env, ...env },
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * A page of the portal as a person in Shanghai sees it (1440 × 900, zh-CN): page errors and console errors are
 * collected in `errors`, `confirm()` questions are accepted. Returns the context and the page.
 */
export async function portalPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

/**
 * Drive the portal like a person. `page` is a Playwright page on the portal.
 */
export function portal(page) {
  return {
    /** Wait until a page of the portal is shown (the demo data is seeded on first load). */
    async ready(pageId) {
      await page.waitForSelector(pageId ? `main[data-page="${pageId}"]` : 'main[data-page]', { timeout: 60_000 });
    },
    /** The role switcher (stands in for the portal's sign-in). */
    async signIn(id) {
      await page.selectOption('#who', id);
      await page.waitForFunction((who) => document.querySelector('#who')?.value === who, id);
      await this.ready();
    },
    async go(pageId) {
      await page.click(`.sidebar a[data-page="${pageId}"]`);
      await this.ready(pageId);
    },
    /**
     * In the rulebook editor, the line holding `lineText`, found the way a person does (Ctrl+F, type, Enter,
     * Escape: CodeMirror renders only visible lines); the cursor is left on it.
     */
    async findRuleLine(lineText) {
      const content = page.locator('rulecard-editor .cm-content');
      await content.waitFor();
      await page.locator('rulecard-editor .cm-line').first().waitFor();
      await content.click();
      await page.keyboard.press('Control+f');
      await page.keyboard.type(lineText);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const line = page.locator('rulecard-editor .cm-line', { hasText: lineText });
      await line.waitFor();
      return line;
    },
    /** Finds the line holding `lineText` and retypes its first `from` as `to` with the keyboard. Returns the line. */
    async editRuleNumber(lineText, from, to) {
      const line = await this.findRuleLine(lineText);
      const text = await line.textContent();
      // Home goes to the end of the line's indentation (CodeMirror's line boundary): count from there
      const at = text.indexOf(`${from} `) - (text.length - text.trimStart().length);
      if (at < 0) throw new Error(`the line "${lineText}" has no ${from}: ${text}`);
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
      for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type(to);
      return line;
    },
    async toggleLanguage() {
      const before = await page.evaluate(() => document.documentElement.lang);
      await page.click('#lang-toggle');
      await page.waitForFunction((b) => document.documentElement.lang !== b, before);
    },
  };
}

/**
 * The e2e scripts' tally: `check` prints one `ok`/`FAIL` line, `step` runs a part and fails it on an
 * exception (the script goes on with the next part), `finish` prints `e2e: N passed, M failed` and exits.
 */
export function tally() {
  let passed = 0;
  let failed = 0;
  function check(name, ok, detail = '') {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
    return ok;
  }
  async function step(name, fn) {
    try {
      await fn();
    } catch (e) {
      check(name, false, String(e?.message ?? e).split('\n')[0]);
    }
  }
  function finish() {
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
  return { check, step, finish };
}

/**
 * `fn(store, arg)` run in the page on the store its elements use (the portal passes one store to every element);
 * `fn` is serialised into the page by Playwright, so it may only use its arguments.
 */
export async function inStore(page, fn, arg) {
  const handle = await page.evaluateHandle(
    () => [...document.querySelectorAll('main *')].find((e) => e.tagName.startsWith('RULECARD-') && e.store)?.store,
  );
  try {
    return await handle.evaluate(fn, arg);
  } finally {
    await handle.dispose();
  }
}

/**
 * Clicks `locator` at once, as a person's click lands (no scrolling or waiting for the element to settle, which
 * would let the other tab's write land first): the two tabs' writes really race.
 */
export const click = (locator) => locator.evaluate((b) => b.click());
