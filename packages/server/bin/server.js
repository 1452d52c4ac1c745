#!/usr/bin/env node
// `node packages/server [options]` (or `rulecard-server`): runs the built server (`npm run build:server`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('rulecard server: not built yet. Run `npm run build:server` (npm install and npm test do it).');
  process.exit(2);
}
const { main } = await import(entry.href);
await main();
