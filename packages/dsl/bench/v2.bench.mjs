#!/usr/bin/env node
// Version 2's speed (issue 11, "Speed"): the figures the issue asks for, side by side.
//
// 1. compile, cold (statement cache cleared before each): the version-1 clinic book frozen in the test fixtures
//    and the version-2 books of examples/rulebooks (clinic, clinic-en, center), in turn, medians.
// 2. a version-1 rulebook is not slowed by version 2: the frozen v1 clinic book scored on the bench month
//    (1,000,000 events, 200 consultants) by `evaluate` and by the version-2 entry (`@rulecard/dsl/evaluate-v2`),
//    interleaved pair by pair, with the median of the pairs' ratios; both must give the same totals.
// 3. the version-2 books on the same month with a version-2 roster (roles, a lead per team, join dates, the `bonus`
//    pay item, the `sales` target): clinic.rules and center.rules — between them they use every §9 form the
//    language has that a month of these events can reach (pay items and `daily`, `every`, `grace`, `running`
//    streaks, `ever`, `on A, B`, `sum`/`avg`/`target`, per-side ratio filters, `unless` gates, ranks by
//    measure, `by team`, `top P%`) — medians of the runs.
//
//   npm run bench -- v2                 (or node --expose-gc packages/dsl/bench/v2.bench.mjs)
//   node packages/dsl/bench/v2.bench.mjs --quick
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { clearStatementCache, compile, evaluate } from '../dist/index.js';
import { evaluate as evaluateV2 } from '../dist/evaluate-v2.js';
import { benchMonthFiles, ensureGc, median, root } from './common.mjs';

ensureGc();

const quick = process.argv.includes('--quick');
const COMPILES = quick ? 40 : 200;
const PAIRS = quick ? 3 : 7;
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const read = (p) => readFileSync(path.join(root, p), 'utf8');
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const time = (fn) => {
  globalThis.gc();
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
};

console.log(`v2 bench: node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start`);

// ---------------------------------------------------------------- 1. compile
const books = {
  'clinic.rules, version 1 (fixture)': [read('packages/dsl/test/fixtures/v1-rulebooks/clinic.rules'), 1],
  'clinic.rules': [read('examples/rulebooks/clinic.rules'), 2],
  'clinic-en.rules': [read('examples/rulebooks/clinic-en.rules'), 2],
  'center.rules': [read('examples/rulebooks/center.rules'), 2],
};
const compileTimes = Object.fromEntries(Object.keys(books).map((k) => [k, []]));
for (let i = 0; i < COMPILES; i++)
  for (const [name, [source, version]] of Object.entries(books)) {
    clearStatementCache();
    const t0 = performance.now();
    const r = compile(source, { version });
    compileTimes[name].push(performance.now() - t0);
    if (!r.rulebook) throw new Error(`${name} does not compile`);
  }
console.log(`\ncompile, cold (median of ${COMPILES}, in turn; target < 2 ms for clinic.rules)`);
console.table(Object.entries(compileTimes).map(([book, t]) => ({ book, median: ms(median(t)), min: ms(Math.min(...t)) })));

// ---------------------------------------------------------------- the bench month
const { eventsFile, rosterFile } = benchMonthFiles(1000000);
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const roster = JSON.parse(readFileSync(rosterFile, 'utf8'));
const rosterV2 = {
  teams: roster.teams.map((t) => ({ ...t, lead: t.members[0] })),
  members: roster.teams.flatMap((t) =>
    t.members.map((id, i) => ({
      id,
      role: i === 0 ? 'lead' : 'consultant',
      // one in ten joined this month (the `grace` of new staff)
      joined: i === 9 ? '2026-11-10' : '2024-03-01',
      pay: { bonus: 1500 + 100 * (i % 5) },
      targets: { sales: 20 },
    })),
  ),
};
const input = (r) => ({ events, roster: r, period: PERIOD });

// ---------------------------------------------------------------- 2. a version-1 book, both ways
const v1 = compile(books['clinic.rules, version 1 (fixture)'][0], { version: 1 }).rulebook;
const ratios = [];
const v1Times = [];
const viaV2Times = [];
for (let i = 0; i < PAIRS; i++) {
  const [a, ra] = time(() => evaluate(v1, input(roster)));
  const [b, rb] = time(() => evaluateV2(v1, input(roster)));
  for (const id of Object.keys(ra.consultants))
    if (ra.consultants[id].fen !== rb.consultants[id].fen || ra.consultants[id].centipoints !== rb.consultants[id].centipoints)
      throw new Error(`v1 and the v2 entry differ for ${id}`);
  v1Times.push(a);
  viaV2Times.push(b);
  ratios.push(b / a);
}
console.log(`\na version-1 book (clinic.rules fixture), 1,000,000 events, 200 consultants: ${PAIRS} interleaved pairs`);
console.table([
  {
    evaluate: ms(median(v1Times)),
    'evaluate-v2 entry': ms(median(viaV2Times)),
    'ratio (median of pairs)': `${median(ratios).toFixed(2)}×`,
    'pairs min–max': `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`,
  },
]);

// ---------------------------------------------------------------- 3. the version-2 books
const rows = [];
for (const name of ['clinic.rules', 'center.rules']) {
  const program = compile(books[name][0], { version: 2 }).rulebook;
  const t = [];
  let lines = 0;
  for (let i = 0; i < PAIRS; i++) {
    const [dt, r] = time(() => evaluateV2(program, input(rosterV2)));
    t.push(dt);
    if (i === 0) lines = Object.values(r.consultants).reduce((n, l) => n + l.lines.length, 0);
  }
  rows.push({ book: name, median: ms(median(t)), min: ms(Math.min(...t)), 'consultant lines': lines, target: '< 1 s' });
}
console.log(`\nversion-2 books, 1,000,000 events, 200 consultants in 20 teams (v2 roster), ${PAIRS} runs`);
console.table(rows);
console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
