#!/usr/bin/env node
// Gzipped size of each element entry, built as the portal would load it:
// vite library mode, ES output, minified, every dependency bundled (Lit, idb, the store, the evaluator).
// Prints a table; exits 1 when a budget is exceeded or a bundle pulls in the parser or the editor.
//
//   node packages/elements/scripts/size.mjs            (from the repository root)
import { build } from 'vite';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const root = resolve(pkg, '../..');

/** Budgets in KB (1024 bytes), gzipped. */
const ENTRIES = [
  { name: 'scorecard', entry: 'src/scorecard/index.ts', budget: 30 },
  { name: 'call-log', entry: 'src/call-log/index.ts', budget: 30 },
  { name: 'incident', entry: 'src/incident/index.ts', budget: 20 },
];
/** Modules no element bundle may contain. */
const FORBIDDEN = [/chevrotain/, /packages\/dsl\/src\/(parser|tokens|compile|check|to-ast)\.ts/, /@codemirror/, /src\/editor\//];

const out = mkdtempSync(join(tmpdir(), 'rulecard-size-'));
let failed = false;
const rows = [];
try {
  for (const e of ENTRIES) {
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      // Production Lit (no `development` condition); the DSL from source (its dist is built on install).
      resolve: {
        conditions: ['browser', 'module', 'import', 'default'],
        alias: [
          { find: /^@rulecard\/dsl\/evaluate$/, replacement: join(root, 'packages/dsl/src/evaluate.ts') },
          { find: /^@rulecard\/dsl$/, replacement: join(root, 'packages/dsl/src/index.ts') },
        ],
      },
      build: {
        outDir: join(out, e.name),
        emptyOutDir: true,
        write: false,
        lib: { entry: join(pkg, e.entry), formats: ['es'], fileName: e.name },
        rolldownOptions: { output: { minify: true } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    const chunks = outputs.filter((o) => o.type === 'chunk');
    const entry = chunks.find((c) => c.isEntry);
    const gz = (code) => gzipSync(code, { level: 9 }).length;
    const modules = chunks.flatMap((c) => c.moduleIds ?? Object.keys(c.modules ?? {}));
    const bad = modules.filter((id) => FORBIDDEN.some((re) => re.test(id.replaceAll('\\', '/'))));
    // The budget applies to everything the element loads when used alone: the entry and the
    // chunks it imports on demand (the store, loaded when the page provides none).
    const raw = chunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0);
    const total = chunks.reduce((n, c) => n + gz(c.code), 0);
    const over = total > e.budget * 1024;
    if (over || bad.length) failed = true;
    rows.push({
      element: e.name,
      minified: kb(raw),
      'gzip entry': kb(gz(entry.code)),
      'gzip lazy (store)': kb(total - gz(entry.code)),
      'gzip total': kb(total),
      budget: `${e.budget} KB`,
      status: over ? 'OVER' : bad.length ? 'FORBIDDEN' : 'ok',
    });
    if (bad.length) console.error(`${e.name} bundles forbidden modules:\n  ${bad.join('\n  ')}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.table(rows);
process.exit(failed ? 1 : 0);

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}
