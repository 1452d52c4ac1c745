#!/usr/bin/env node
// `npm run fuzz [-- --count N --seed S]`: the grammar-aware fuzzer over
// compile() and the CLI (packages/dsl/test/fuzz/fuzzer.mjs), 1,000,000 inputs
// by default. Prints progress and the figures the README quotes (inputs,
// crashes, bad ranges, warm/cold mismatches, slow inputs, the slowest input);
// writes the failing inputs to fuzz-failures.json (with seed and index to
// reproduce) and exits 1 when there is any.
//
// `npm run fuzz -- --retime 156644,224276 [--seed S]`: regenerates those inputs of a run (by seed and index) and
// times each compile alone, 15 times after a warm-up: least wall-clock and least CPU time, median — whether an
// input a busy run counted as slow is slow on its own.
import { writeFileSync } from 'node:fs';
import { compile, clearStatementCache } from '../packages/dsl/dist/compile.js';
import { fuzz, input, rng, seedFiles } from '../packages/dsl/test/fuzz/fuzzer.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('count', 1_000_000);
const seed = arg('seed', 20261103);
const line = (s) =>
  `${s.inputs.toLocaleString('en')} inputs in ${s.seconds.toFixed(0)} s (${s.cliRuns.toLocaleString('en')} through the CLI): ` +
  `crashes ${s.counts.crash}, bad ranges ${s.counts.range}, warm≠cold ${s.counts['warm-cold']}, slow ${s.counts.slow}, ` +
  `contract ${s.counts.contract}, cli ${s.counts.cli}; slowest input under 100 KB ${s.slowest.ms.toFixed(1)} ms (${s.slowest.length.toLocaleString('en')} characters, #${s.slowest.index}); largest input ${s.largest.toLocaleString('en')} characters`;

const retimeArg = process.argv.indexOf('--retime');
if (retimeArg >= 0) {
  const wanted = new Set(process.argv[retimeArg + 1].split(',').map(Number));
  const last = Math.max(...wanted);
  const r = rng(seed);
  const seeds = seedFiles();
  for (let i = 0; i <= last; i++) {
    const source = input(r, seeds);
    if (!wanted.has(i)) continue;
    const walls = [];
    const cpus = [];
    for (let k = 0; k < 16; k++) {
      clearStatementCache();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      compile(source, { locale: 'en', version: 2 });
      if (k === 0) continue; // warm-up
      walls.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpus.push((used.user + used.system) / 1000);
    }
    walls.sort((a, b) => a - b);
    console.log(
      `#${i}: ${source.length.toLocaleString('en')} characters, ${source.split(/\r\n|\r|\n/).length} lines: ` +
        `least ${walls[0].toFixed(1)} ms wall, ${Math.min(...cpus).toFixed(1)} ms CPU; median ${walls[walls.length >> 1].toFixed(1)} ms`,
    );
  }
  process.exit(0);
}

console.log(`fuzz: ${count.toLocaleString('en')} inputs, seed ${seed}`);
const stats = await fuzz({ count, seed, cliEvery: 100, keep: 100, progressEvery: 50_000, onProgress: (s) => console.log(line(s)) });
console.log(line(stats));
const failed = Object.values(stats.counts).reduce((a, b) => a + b, 0);
if (failed) {
  writeFileSync('fuzz-failures.json', JSON.stringify(stats.failures, null, 2));
  console.log(`${failed} problem(s); the first ${stats.failures.length} are in fuzz-failures.json`);
}
process.exit(failed ? 1 : 0);
