#!/usr/bin/env node
// Benchmarks of the language's compiler (issue: "Speed"): compile time of clinic.rules and of a generated
// 2,000-rule rulebook, and the editor's re-check after a keystroke. Prints a table. Evaluation is measured by
// ./evaluate.bench.mjs against the fair baseline. Run: `npm run bench` (or `node packages/dsl/bench/dsl.bench.mjs`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '../dist/index.js';
import { clearStatementCache } from '../dist/compile.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const quick = process.argv.includes('--quick');

function timeIt(fn, { runs, warmup = 3 }) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0] };
}

// ------------------------------------------------------------ compile

function generatedRulebook(n) {
  const forms = [
    (i) => `r${i} "规则 ${i}": -2 per; >=2 => personal -5, team -5`,
    (i) => `r${i} on visit where channel = "phone" and minutes > ${i % 60}: ${i % 20} yuan per, team 5 yuan per`,
    (i) => `r${i} on visit: tiers per month; >30 => 50 yuan per; 20..30 => 40 yuan per; 10..19 => 30 yuan per; else => 10 yuan per`,
    (i) => `r${i} on booking: 0 per; < 10 per month each => -5 yuan`,
    (i) => `r${i}: 2% of amount, team 1% of amount`,
    (i) => `r${i} on vote: rank per month => 1st 150 yuan, 2nd 100 yuan, 3rd 50 yuan`,
    (i) => `r${i}: ratio(paid${i} / visit) per month < 60% each 5% => -50 yuan`,
    (i) => `r${i}: deductions >= ${50 + i} per month => flag f${i}`,
  ];
  const lines = ['rulebook "generated"', 'point = 10 yuan'];
  for (let i = 0; i < n; i++) lines.push(forms[i % forms.length](i));
  return lines.join('\n');
}

// The clinic rulebook as version 1 wrote it (examples/rulebooks/clinic.rules now uses version 2): the hand-written
// baseline below transcribes this one.
const clinicSource = readFileSync(path.join(root, 'packages/dsl/test/fixtures/v1-rulebooks/clinic.rules'), 'utf8');
const bigSource = generatedRulebook(2000);
{
  const r = compile(bigSource);
  if (!r.rulebook) throw new Error(`generated rulebook does not compile: ${r.diagnostics[0]?.message}`);
}
// Cold compiles: the statement cache is cleared before each run.
const cold = (src) => () => {
  clearStatementCache();
  compile(src);
};
const compileClinic = timeIt(cold(clinicSource), { runs: quick ? 50 : 300, warmup: 30 });
const compileBig = timeIt(cold(bigSource), { runs: quick ? 5 : 20, warmup: 3 });
// The editor's case: a 500-rule book re-checked after a one-character edit (warm cache).
const book500 = generatedRulebook(500);
let edits = 0;
compile(book500);
const relint500 = timeIt(
  () => {
    edits++;
    compile(book500.replace('r7 ', `r7${'x'.repeat(edits % 3)} `));
  },
  { runs: quick ? 20 : 100, warmup: 5 },
);

const rows = [
  ['compile clinic.rules', `${compileClinic.median.toFixed(2)} ms`, '< 2 ms'],
  ['compile 2,000 generated rules', `${compileBig.median.toFixed(1)} ms`, '< 100 ms'],
  ['re-check a 500-rule book after a keystroke (editor)', `${relint500.median.toFixed(1)} ms`, '< 16 ms'],
];
console.log(
  `\n@rulecard/dsl on ${process.version}, ${process.platform} (${(await import('node:os')).cpus().length} cores; median of runs)`,
);
for (const [what, value, target] of rows) console.log(`${what.padEnd(58)} ${value.padStart(16)}   ${target}`);
