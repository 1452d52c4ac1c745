#!/usr/bin/env node
// `npm test`: every check and every suite, in order, then one closing line
// `N passed, N failed` that sums them all (CI reads only that line and the exit code).
//
// Suites: generated files up to date (grammar docs, custom-elements manifest),
// declared dependencies used, the house rules of CONTRIBUTING.md (scripts/house-rules.mjs), type check, lint + format, DSL unit/property/CLI
// tests (vitest), the server (vitest: PGlite always, PostgreSQL too when
// DATABASE_URL is set), store + elements tests in headless Chromium (web-test-runner),
// the public conformance scenarios, the example rulebooks, the element library
// build (what its package.json points at), the end-to-end test of the built
// portal, and the element size budgets.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const tmp = mkdtempSync(path.join(tmpdir(), 'rulecard-test-'));

let passed = 0;
let failed = 0;
const summary = [];

function run(cmd, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        out += d;
        process.stdout.write(d);
      });
      child.stderr.on('data', (d) => {
        out += d;
        process.stderr.write(d);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.on('error', (e) => resolve({ code: 1, out: String(e) }));
  });
}

function record(name, p, f) {
  passed += p;
  failed += f;
  summary.push(`${f ? 'FAIL' : 'ok  '} ${name}: ${p} passed, ${f} failed`);
}

async function step(name, cmd, args) {
  console.log(`\n### ${name}`);
  const { code } = await run(cmd, args);
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  return code === 0;
}

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

if (want('setup')) {
  await step('chromium installed', process.execPath, ['scripts/ensure-chromium.mjs']);
  await step('build @rulecard/dsl', process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'packages/dsl/tsconfig.build.json',
  ]);
  await step('build @rulecard/store', process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'packages/store/tsconfig.build.json',
  ]);
  await step('build @rulecard/server', process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'packages/server/tsconfig.build.json',
  ]);
}
if (want('grammar')) await step('grammar docs up to date (npm run grammar)', process.execPath, ['scripts/grammar.mjs', '--check']);
if (want('manifest'))
  await step('custom-elements manifest up to date (npm run manifest)', process.execPath, ['scripts/manifest.mjs', '--check']);
if (want('deps')) await step('every declared dependency is imported or run', process.execPath, ['scripts/deps.mjs']);
if (want('house-rules'))
  await step('house rules: money in integers, one calendar, no idb in elements, files ≤ 500 lines', process.execPath, [
    'scripts/house-rules.mjs',
  ]);
if (want('typecheck')) await step('typecheck (tsc --noEmit, strict)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (want('lint')) {
  await step('eslint', bin('eslint'), ['--max-warnings=0', '.']);
  await step('prettier --check', bin('prettier'), ['--check', '--log-level=warn', '.']);
}

if (want('unit')) {
  console.log('\n### vitest (dsl: golden, diagnostics, properties, CLI)');
  const report = path.join(tmp, 'vitest.json');
  const { code } = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    record('vitest', r.numPassedTests, r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0));
  } else record('vitest', 0, 1);
}

if (want('server')) {
  const backends = process.env.DATABASE_URL ? 'PGlite + PostgreSQL' : 'PGlite';
  console.log(`\n### server (vitest, real HTTP on ${backends})`);
  const report = path.join(tmp, 'vitest-server.json');
  const { code } = await run(bin('vitest'), [
    'run',
    '--config',
    'packages/server/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const name = `server (${backends})`;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    record(name, r.numPassedTests, r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0));
  } else record(name, 0, 1);
}

if (want('browser')) {
  console.log('\n### web-test-runner (store + elements in headless Chromium)');
  const { code, out } = await run(bin('web-test-runner'), [], { capture: true });
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
  const counts = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (counts) record('web-test-runner', Number(counts[1]), Number(counts[2]) + (code !== 0 && Number(counts[2]) === 0 ? 1 : 0));
  else record('web-test-runner', 0, 1);
}

if (want('conformance')) {
  console.log('\n### conformance (../shared/conformance)');
  const runner = path.resolve(root, '../shared/conformance/run.mjs');
  if (existsSync(runner)) {
    const { out } = await run(process.execPath, [runner], { capture: true });
    const m = /conformance: (\d+)\/(\d+) pass/.exec(out);
    if (m) record('conformance', Number(m[1]), Number(m[2]) - Number(m[1]));
    else record('conformance', 0, 1);
    console.log('\n### conformance, version 2 (../shared/conformance --v2, LANGUAGE.md §9)');
    const v2 = await run(process.execPath, [runner, '--v2'], { capture: true });
    const m2 = /conformance: (\d+)\/(\d+) pass/.exec(v2.out);
    if (m2) record('conformance v2', Number(m2[1]), Number(m2[2]) - Number(m2[1]));
    else record('conformance v2', 0, 1);
  } else console.log('(no ../shared/conformance here: skipped)');
}

if (want('examples')) {
  await step('example rulebooks compile with zero errors (zh)', bin('rulecard'), ['check', 'examples/rulebooks/clinic.rules']);
  await step('example rulebooks compile with zero errors (en)', bin('rulecard'), [
    'check',
    'examples/rulebooks/clinic-en.rules',
    '--locale',
    'en',
  ]);
  // the center-wide rulebook (version 2: pay items, leads, ever, ratios) and its examples, on its roster
  const center = ['examples/rulebooks/center.rules', '--roster', 'examples/rulebooks/center.roster.json'];
  await step('example rulebooks compile with zero errors (center)', bin('rulecard'), ['check', ...center]);
  await step('example rulebooks: their examples pass (rulecard test)', bin('rulecard'), ['test', ...center]);
  for (const file of ['examples/rulebooks/clinic.rules', 'examples/rulebooks/clinic-en.rules'])
    await step(`example rulebooks: their examples pass (${file})`, bin('rulecard'), ['test', file]);
}

if (want('dist')) {
  await step('element library build: every file package.json points at, declarations type-check', process.execPath, [
    'scripts/elements-dist.mjs',
  ]);
}

if (want('e2e')) {
  console.log('\n### end-to-end (built portal in headless Chromium, driven like a person)');
  const { code, out } = await run(process.execPath, ['scripts/e2e.mjs'], { capture: true });
  const m = [...out.matchAll(/e2e: (\d+) passed, (\d+) failed/g)].at(-1);
  if (m) record('e2e', Number(m[1]), Number(m[2]) + (code !== 0 && Number(m[2]) === 0 ? 1 : 0));
  else record('e2e', 0, 1);
}

if (want('size') && existsSync(path.join(root, 'packages/elements/scripts/size.mjs'))) {
  await step('element size budgets (gzipped)', process.execPath, ['packages/elements/scripts/size.mjs']);
}

console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
