#!/usr/bin/env node
// `npm run build`:
//   1. the demo portal → examples/portal/dist (static files; any web server, any path);
//   2. the element library → packages/elements/dist:
//        index.js, scorecard.js, call-log.js, incident.js, roster.js, sync-status.js, editor.js   ES modules, one per element
//                                                                       (shared code in chunks/), minified;
//        rulecard.js       one ES module with every element, for <script type="module" src>;
//        rulecard.iife.js  the same as a classic script (<script src>; global `Rulecard`);
//        types/            .d.ts (types/elements/src/index.d.ts, …/scorecard/index.d.ts, …).
//   Every dependency (Lit, idb, the store, the evaluator; CodeMirror and the parser for the editor) is bundled.
//
//   node scripts/build.mjs [--portal-only | --lib-only]
import { build } from 'vite';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'packages/elements');
const out = join(pkg, 'dist');
const args = process.argv.slice(2);
const portal = !args.includes('--lib-only');
const lib = !args.includes('--portal-only');

const ENTRIES = {
  index: join(pkg, 'src/index.ts'),
  scorecard: join(pkg, 'src/scorecard/index.ts'),
  'call-log': join(pkg, 'src/call-log/index.ts'),
  incident: join(pkg, 'src/incident/index.ts'),
  roster: join(pkg, 'src/roster/index.ts'),
  'sync-status': join(pkg, 'src/sync-status/index.ts'),
  editor: join(pkg, 'src/editor/index.ts'),
};

/** Vite settings shared by the library builds: no config file, production Lit, minified. */
const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: { target: 'es2022', emptyOutDir: false, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
};

if (portal) {
  console.log('build: portal → examples/portal/dist');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (lib) {
  rmSync(out, { recursive: true, force: true });
  console.log('build: elements (ES module per element) → packages/elements/dist');
  await build({
    ...common,
    build: {
      ...common.build,
      outDir: out,
      lib: { entry: ENTRIES, formats: ['es'] },
      rolldownOptions: {
        // An element's on-demand code (the scorecard's board) imports what it shares with its entry from the entry
        // itself, instead of a third chunk every page would load (as packages/elements/scripts/size.mjs measures).
        preserveEntrySignatures: 'allow-extension',
        output: { minify: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  console.log('build: one-file bundles → rulecard.js (ES), rulecard.iife.js (classic script)');
  for (const format of ['es', 'iife']) {
    await build({
      ...common,
      build: {
        ...common.build,
        outDir: out,
        lib: {
          entry: ENTRIES.index,
          name: 'Rulecard',
          formats: [format],
          fileName: () => (format === 'es' ? 'rulecard.js' : 'rulecard.iife.js'),
        },
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
      },
    });
  }

  console.log('build: types → packages/elements/dist/types');
  const tmp = mkdtempSync(join(tmpdir(), 'rulecard-types-'));
  const tsconfig = join(tmp, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: join(root, 'packages'),
        outDir: join(out, 'types'),
        types: [],
        skipLibCheck: true,
      },
      include: [join(pkg, 'src')],
      exclude: [join(pkg, 'src/**/bench/**')],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'inherit' });
  rmSync(tmp, { recursive: true, force: true });
  if (tsc.status !== 0) {
    console.error('build: type declarations failed (see above)');
    process.exitCode = 1;
  }

  // Size of what a page loads for each file: the file and every chunk it imports statically
  // (the store chunk, imported on demand when the page provides no store, is listed apart).
  const gz = (f) => gzipSync(readFileSync(join(out, f))).length;
  const imports = (f, kind) => {
    const code = readFileSync(join(out, f), 'utf8');
    const re =
      kind === 'static' ? /(?:from|import)\s*["']\.\/?((?:chunks\/)?[^"']+\.js)["']/g : /import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g;
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    return [...code.matchAll(re)].map((m) => (m[1].startsWith('chunks/') ? m[1] : dir + m[1]));
  };
  const closure = (f, seen = new Set()) => {
    if (seen.has(f)) return seen;
    seen.add(f);
    for (const i of imports(f, 'static')) closure(i, seen);
    return seen;
  };
  const kb = (n) => (n / 1024).toFixed(1);
  const rows = readdirSync(out)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const files = closure(f);
      const lazy = new Set([...files].flatMap((x) => imports(x, 'dynamic')).filter((x) => !files.has(x)));
      return {
        file: `dist/${f}`,
        'gzip KB (with static imports)': kb([...files].reduce((n, x) => n + gz(x), 0)),
        'gzip KB on demand (store)': kb([...lazy].reduce((n, x) => n + gz(x), 0)),
      };
    });
  console.table(rows);
}
