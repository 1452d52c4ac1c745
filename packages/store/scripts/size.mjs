#!/usr/bin/env node
// What in the store is big: builds an entry (default `packages/store/src/index.ts`) the way the elements
// are built (vite library mode, ES, minified, dependencies bundled) and prints every chunk (gzipped size,
// static and dynamic imports) with its modules by rendered size (before minification; a relative estimate).
//
//   node packages/store/scripts/size.mjs [entry]          (from the repository root)
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const entry = process.argv[2] ?? 'packages/store/src/index.ts';
const result = await build({
  root,
  configFile: false,
  logLevel: 'silent',
  resolve: {
    conditions: ['browser', 'module', 'import', 'default'],
    alias: [
      { find: /^@rulecard\/dsl\/(evaluate|windows|zone)$/, replacement: join(root, 'packages/dsl/src/$1.ts') },
      { find: /^@rulecard\/dsl$/, replacement: join(root, 'packages/dsl/src/index.ts') },
      // The store from source (its package points at dist/ outside the "development" condition).
      { find: /^@rulecard\/store\/csv$/, replacement: join(root, 'packages/store/src/csv-core.ts') },
      { find: /^@rulecard\/store\/(call-log-rules|line-rules)$/, replacement: join(root, 'packages/store/src/$1.ts') },
    ],
  },
  build: {
    write: false,
    lib: { entry: join(root, entry), formats: ['es'], fileName: 'entry' },
    rolldownOptions: { output: { minify: true } },
  },
});
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const c of outputs.filter((o) => o.type === 'chunk')) {
  console.log(
    `${c.fileName}${c.isEntry ? ' (entry)' : ''}: ${kb(c.code.length)} min, ${kb(gz(c.code))} gzip; imports [${c.imports.join(', ')}]; import() [${c.dynamicImports.join(', ')}]`,
  );
  const mods = Object.entries(c.modules ?? {})
    .map(([id, m]) => [id.replace(`${root}/`, ''), m.renderedLength ?? 0])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  for (const [id, n] of mods) console.log(`  ${String(n).padStart(7)}  ${id}`);
}
