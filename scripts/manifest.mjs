#!/usr/bin/env node
// The custom-elements manifest (packages/elements/custom-elements.json) is generated from the elements' source by
// the Custom Elements Manifest analyzer (JSDoc: @attr, @fires, @csspart, @cssprop; Lit properties), never written
// by hand.
//   npm run manifest                       regenerates it;
//   node scripts/manifest.mjs --check      (in `npm test`) generates it in memory and fails when it differs from
//                                          the committed one: run `npm run manifest` and commit.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The analyzer's own CLI, run in-process without writing (its `analyze` command would also rewrite package.json).
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = path.join(root, 'packages/elements/custom-elements.json');
const check = process.argv.includes('--check');

const manifest = await cli({
  argv: [
    'analyze',
    '--litelement',
    '--quiet',
    '--globs',
    'packages/elements/src/**/*.ts',
    '--exclude',
    'packages/elements/src/**/bench/**',
    '--outdir',
    'packages/elements',
  ],
  cwd: root,
  noWrite: true,
});
// The analyzer lists the modules in the order the file system returns them, which differs between checkouts:
// sorted by path, the manifest is the same everywhere. Written as the analyzer writes it.
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
if (!check) {
  writeFileSync(committed, fresh);
  console.log(`wrote ${path.relative(root, committed)}`);
  process.exit(0);
}
let current = '';
try {
  current = readFileSync(committed, 'utf8');
} catch {
  /* missing */
}
if (current !== fresh) {
  const modules = (text) => {
    try {
      return new Map(JSON.parse(text).modules.map((m) => [m.path, JSON.stringify(m)]));
    } catch {
      return new Map();
    }
  };
  const before = modules(current);
  const after = modules(fresh);
  const differ = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  console.error(
    `${path.relative(root, committed)} is out of date (${differ.length} modules differ: ${differ.join(', ')}): run npm run manifest`,
  );
  process.exit(1);
}
console.log(`${path.relative(root, committed)} is up to date`);
