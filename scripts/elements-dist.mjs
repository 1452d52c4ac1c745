#!/usr/bin/env node
// The element library as a portal installs it: builds it (`npm run build -- --lib-only`), then checks that
//   1. every file packages/elements/package.json points at (`main`, `module`, `types`, every `exports` target but
//      the `development` one, which is the source) exists in the build;
//   2. the declarations serve a TypeScript consumer that does not know our `development` condition: a small file
//      importing the entry points type-checks (strict) against dist/types, with the element classes, their
//      properties and the tag names of `HTMLElementTagNameMap`.
// Exits 1 on a missing file or a type error.
//
//   node scripts/elements-dist.mjs            (in `npm test`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = path.join(root, 'packages/elements');
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--lib-only'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('elements-dist: the library build failed');
  process.exit(1);
}

/** Every path the package points at, but the source under `development`. */
function targets(value, key = '') {
  if (typeof value === 'string') return key === 'development' ? [] : [value];
  return Object.entries(value).flatMap(([k, v]) => targets(v, k));
}
const pointed = [pkg.main, pkg.module, pkg.types, ...targets(pkg.exports)].filter(Boolean);
const missing = [...new Set(pointed)].filter((p) => !existsSync(path.join(pkgDir, p)));
for (const p of missing) console.error(`packages/elements/package.json points at ${p}, which the build does not write`);

// A consumer project: resolves @rulecard/elements through its exports with the standard conditions only.
const dir = path.join(root, 'node_modules/.cache/rulecard-elements-consumer');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: true,
    },
    files: ['consumer.ts'],
  }),
);
writeFileSync(
  path.join(dir, 'consumer.ts'),
  `import '@rulecard/elements/scorecard';
import '@rulecard/elements/call-log';
import '@rulecard/elements/incident';
import { RulecardEditor } from '@rulecard/elements/editor';
import type { Role, RulecardEventMap } from '@rulecard/elements';

const role: Role = 'manager';
const card = document.createElement('rulecard-scorecard');
card.month = '2026-11';
card.role = role;
const log: HTMLElementTagNameMap['rulecard-call-log'] = document.createElement('rulecard-call-log');
const restored: Promise<void> = log.draftRestored;
const incident = document.createElement('rulecard-incident');
const editor: RulecardEditor = document.createElement('rulecard-editor');
const text: string = editor.value;
document.addEventListener('rulecard-saved', (e) => {
  const detail: RulecardEventMap['rulecard-saved'] = e.detail;
  console.log(detail.kind, restored, incident, text);
});
`,
);
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
if (tsc.status !== 0) process.stderr.write(tsc.stdout + tsc.stderr);
rmSync(dir, { recursive: true, force: true });
if (missing.length || tsc.status !== 0) process.exit(1);
console.log(`elements-dist: ${new Set(pointed).size} files the package points at exist; its declarations type-check for a consumer`);
