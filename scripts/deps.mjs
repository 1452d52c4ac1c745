#!/usr/bin/env node
// Every dependency a workspace package declares (dependencies, devDependencies, peerDependencies,
// optionalDependencies of packages/*/package.json, as listed in the root's `workspaces`) is used by that package:
//   - imported somewhere in its files (`import … from 'x'`, `import 'x'`, `import('x')`, `export … from 'x'`,
//     `require('x')`; a subpath `x/y` counts for `x`), or
//   - a tool whose command the package's own `scripts` run (its `bin`), or
//   - type declarations `@types/x` for a package `x` it imports, or named in its tsconfig `types`.
// Files read: the package's .ts/.tsx/.mts/.cts/.js/.mjs/.cjs/.jsx/.vue/.html, outside node_modules and dist.
// Exits 1 and names each unused dependency.
//
//   node scripts/deps.mjs            (in `npm test`)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|html)$/;
const SKIP = new Set(['node_modules', 'dist', '.git']);
const SPECIFIER = [
  /\bfrom\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

/** The package a module specifier names (`@scope/name/sub` → `@scope/name`, `name/sub` → `name`), or undefined for a path. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function* filesUnder(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* filesUnder(full);
    else if (SOURCE.test(name)) yield full;
  }
}

/** Every package the files under `dir` import. */
function importsUnder(dir) {
  const found = new Set();
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const re of SPECIFIER)
      for (const m of text.matchAll(re)) {
        const pkg = packageOf(m[1]);
        if (pkg) found.add(pkg);
      }
  }
  return found;
}

/** The command names a dependency installs (`bin`), from its installed package.json. */
function binsOf(dep, dir) {
  for (const base of [path.join(dir, 'node_modules'), path.join(root, 'node_modules')]) {
    const file = path.join(base, dep, 'package.json');
    if (!existsSync(file)) continue;
    const { bin, name } = JSON.parse(readFileSync(file, 'utf8'));
    if (!bin) return [];
    return typeof bin === 'string' ? [name.split('/').pop()] : Object.keys(bin);
  }
  return [];
}

/** `types` of the package's tsconfig (and of the tsconfig it extends, when that is a file). */
function tsconfigTypes(dir) {
  const types = new Set();
  for (const name of readdirSync(dir).filter((f) => /^tsconfig.*\.json$/.test(f))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const m = /"types"\s*:\s*\[([^\]]*)\]/.exec(text);
    if (m) for (const t of m[1].matchAll(/"([^"]+)"/g)) types.add(t[1]);
  }
  return types;
}

const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const workspaces = (rootPkg.workspaces ?? []).flatMap((w) =>
  w.endsWith('/*') ? readdirSync(path.join(root, w.slice(0, -2))).map((d) => `${w.slice(0, -2)}/${d}`) : [w],
);
let unused = 0;
for (const ws of workspaces) {
  const dir = path.join(root, ws);
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  const declared = [
    ...new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}))),
  ];
  const imported = importsUnder(dir);
  const scripts = Object.values(pkg.scripts ?? {}).join('\n');
  const types = tsconfigTypes(dir);
  const used = (dep) => {
    if (imported.has(dep)) return true;
    if (binsOf(dep, dir).some((bin) => new RegExp(`(^|[\\s;&|(])${bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(scripts)))
      return true;
    if (dep.startsWith('@types/')) {
      const name = dep.slice('@types/'.length);
      const typed = name.includes('__') ? `@${name.replace('__', '/')}` : name;
      return imported.has(typed) || types.has(name);
    }
    return false;
  };
  const missing = declared.filter((d) => !used(d));
  for (const d of missing) console.error(`${ws}/package.json declares ${d}, which nothing in ${ws} imports or runs`);
  unused += missing.length;
  if (!missing.length) console.log(`${ws}: all ${declared.length} declared dependencies are used`);
}
process.exit(unused ? 1 : 0);
