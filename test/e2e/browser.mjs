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
    async toggleLanguage() {
      const before = await page.evaluate(() => document.documentElement.lang);
      await page.click('#lang-toggle');
      await page.waitForFunction((b) => document.documentElement.lang !== b, before);
    },
  };
}
