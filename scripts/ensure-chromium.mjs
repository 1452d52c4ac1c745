#!/usr/bin/env node
// Browser tests need Debian's Chromium (npm tools cannot download browsers here).
// Installs it with apt-get when it is missing; prints what it did.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.log(`[ensure-chromium] ${path} missing: installing Debian's chromium`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const run = (args) =>
    execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!existsSync(path)) {
    console.error(`[ensure-chromium] ${path} still missing after apt-get`);
    process.exit(1);
  }
}
