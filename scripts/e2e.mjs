#!/usr/bin/env node
// `npm run e2e`: builds the demo portal, then runs every test/e2e/*.e2e.mjs in real headless Chromium
// against it (a static server on a free port). Ends with `e2e: N passed, M failed`; exit 1 on failure.
//   npm run e2e -- --no-build     reuse examples/portal/dist
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPortal } from '../test/e2e/browser.mjs';

const dir = fileURLToPath(new URL('../test/e2e/', import.meta.url));
const args = process.argv.slice(2);
if (!args.includes('--no-build')) {
  console.log('e2e: building the portal…');
  await buildPortal();
}
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .sort()) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, [dir + file, '--no-build'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(run.stdout);
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(run.stdout);
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (!m || (run.status !== 0 && Number(m[2]) === 0)) failed++; // crashed before its summary
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
