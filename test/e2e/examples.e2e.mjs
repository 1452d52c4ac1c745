#!/usr/bin/env node
// End-to-end: the embedding examples (plain HTML, React 19, Vue 3) on the vite dev server, in
// headless Chromium, on the portal's origin (so they read the portal's demo data):
// each renders the scorecard with numbers, takes the theme from CSS custom properties,
// switches to English through `lang`, and reports a saved consultation through a DOM event.
// The plain HTML page loads the distributable bundle (built first when missing).
// Ends with `e2e: N passed, M failed`; exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { launchChromium, portal, repo, tally } from './browser.mjs';

const { check, step, finish } = tally();

if (!existsSync(`${repo}packages/elements/dist/rulecard.js`)) {
  console.log('examples e2e: building the element library…');
  spawnSync(process.execPath, [`${repo}scripts/build.mjs`, '--lib-only'], { stdio: 'inherit' });
}

const server = await createServer({ configFile: `${repo}vite.config.ts`, logLevel: 'error', server: { port: 5199, strictPort: false } });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await step('portal seeds the demo data', async () => {
    await page.goto(base);
    await portal(page).ready();
    check('portal seeded (same origin as the examples)', true);
  });

  const money = () => page.locator('rulecard-scorecard [data-total="money"]').first().textContent();

  for (const name of ['plain-html', 'react', 'vue']) {
    await step(`${name}: embeds`, async () => {
      await page.goto(`${base}examples/${name}/`);
      const m = await money();
      check(`${name}: the scorecard shows the demo numbers`, /¥[\d,]+\.\d\d/.test(m ?? ''), m);
      const accent = await page.evaluate(() =>
        getComputedStyle(document.querySelector('rulecard-scorecard')).getPropertyValue('--rulecard-color-accent').trim(),
      );
      check(`${name}: themed through --rulecard-color-accent`, accent.startsWith('#'), accent);

      // Register a consultation; the page hears the DOM event.
      const fields = {
        customerName: '周女士',
        contact: '13700001234',
        age: '31',
        region: '东莞',
        source: '抖音',
        project: '水光针',
        question: '价格',
        answer: '已介绍',
      };
      await page.selectOption('rulecard-call-log #f-channel', 'phone'); // 咨询方式 is chosen for each entry
      for (const [f, v] of Object.entries(fields)) await page.fill(`rulecard-call-log #f-${f}`, v);
      await page.click('rulecard-call-log [part="save-button"]');
      const heard =
        name === 'plain-html'
          ? page.locator('#log', { hasText: '已保存 call-log' })
          : page.locator('.events li', { hasText: 'saved call-log' });
      await heard.waitFor({ timeout: 10_000 });
      check(`${name}: the page receives rulecard-saved`, true);

      if (name !== 'plain-html') {
        await page.click('header.bar button');
        await page.locator('rulecard-scorecard [part="totals"] dt', { hasText: 'Points' }).waitFor({ timeout: 10_000 });
        check(
          `${name}: lang="en" from framework state switches the elements to English`,
          (await page.locator('rulecard-scorecard').getAttribute('lang')) === 'en',
        );
      }
    });
  }
  check('examples: no page errors', errors.length === 0, errors.slice(0, 3).join(' | '));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
finish();
