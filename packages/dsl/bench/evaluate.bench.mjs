#!/usr/bin/env node
// The fair evaluate bench (issue 13 #1): `evaluate` on 1,000,000 events (200 consultants, one month,
// the version-1 clinic book frozen in `packages/dsl/test/fixtures/v1-rulebooks/clinic.rules` — examples/rulebooks/clinic.rules
// uses version 2 now, and the baseline transcribes the version-1 book) against the hand-written baseline (./baseline.mjs), which skips the event
// types no rule counts before reading their timestamps, as the engine does.
//
// Four months of the same events: timestamps written `+08:00` (as the generator writes them) and `Z` with
// milliseconds (`toISOString()`, what most exports write), each in time order and shuffled (a seeded shuffle,
// then a JSON round trip: freshly parsed objects, as a file read in that order gives them). For each month the
// engine and the baseline take turns, repetition by repetition (engine first on even repetitions, baseline
// first on odd ones), each timing after a full garbage collection (`--expose-gc`; the bench re-runs itself
// with it when started without). Prints per month the medians and the median of the per-repetition ratios
// engine / baseline beside the target, and asserts that both compute the same totals and flags for every
// consultant and team, and that all four months give the engine the same result.
//
//   npm run bench -- evaluate                               (or node packages/dsl/bench/evaluate.bench.mjs)
//   node packages/dsl/bench/evaluate.bench.mjs --quick      (100,000 events, 3 repetitions)
//   node packages/dsl/bench/evaluate.bench.mjs --runs 11
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { compile, evaluate } from '../dist/index.js';
import { parseInstant } from '../dist/calendar.js';
import { baseline, COUNTED } from './baseline.mjs';
import { benchMonthFiles, ensureGc, median, root } from './common.mjs';

ensureGc();

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : quick ? 3 : 7;
/** The target: engine / fair baseline, in order and shuffled, `+08:00` and `Z` alike. */
const TARGET = 1.2;

const nEvents = quick ? 100000 : 1000000;
const { eventsFile, rosterFile } = benchMonthFiles(nEvents);
const roster = JSON.parse(readFileSync(rosterFile, 'utf8'));
const rulebook = compile(readFileSync(path.join(root, 'packages/dsl/test/fixtures/v1-rulebooks/clinic.rules'), 'utf8')).rulebook;
if (!rulebook) throw new Error('the version-1 clinic book does not compile');

/** The month as generated (+08:00), in time order (ties by id). */
function inOrderOffset() {
  const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
  const at = new Map(events.map((e) => [e, parseInstant(e.at)]));
  return events.sort((a, b) => at.get(a) - at.get(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
/** The same events with `Z` timestamps and milliseconds, as `toISOString()` writes them. */
const toZ = (events) => events.map((e) => ({ ...e, at: new Date(parseInstant(e.at)).toISOString() }));
/** A seeded Fisher–Yates shuffle, then a JSON round trip (freshly parsed objects in the new order). */
function shuffled(events) {
  const out = [...events];
  let s = 0x9e3779b9;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return JSON.parse(JSON.stringify(out));
}

/** Totals and flags of an engine result, in the baseline's shape. */
function totalsOf(result) {
  const pick = (ledgers) =>
    Object.fromEntries(Object.entries(ledgers).map(([id, l]) => [id, { points: l.points, money: l.money, flags: [...l.flags].sort() }]));
  return { consultants: pick(result.consultants), teams: pick(result.teams) };
}
/** Differences between two `{ consultants, teams }` of totals (up to 5 described). */
function differences(got, want) {
  const out = [];
  for (const side of ['consultants', 'teams']) {
    const ids = new Set([...Object.keys(got[side]), ...Object.keys(want[side])]);
    for (const id of ids) {
      const g = got[side][id];
      const w = want[side][id];
      const same =
        g &&
        w &&
        Math.abs(g.points - w.points) < 1e-9 &&
        Math.abs(g.money - w.money) < 0.005 &&
        JSON.stringify(g.flags) === JSON.stringify(w.flags);
      if (!same) out.push(`${side}.${id}: ${JSON.stringify(g)} ≠ ${JSON.stringify(w)}`);
    }
  }
  return out;
}

function timed(fn) {
  globalThis.gc();
  const t = performance.now();
  const r = fn();
  return [performance.now() - t, r];
}

const rows = [];
let failures = 0;
let reference;
/** What the engine builds beyond the baseline's totals: its score lines and their event references. */
let explained;
/** Medians of reading one consultant's lines, then every ledger's, after an evaluate (first month). */
let onDemand;
let base = inOrderOffset();
const cases = [
  ['+08:00, in order', () => base],
  ['+08:00, shuffled', () => shuffled(base)],
  ['Z, in order', () => (base = toZ(base))],
  ['Z, shuffled', () => shuffled(base)],
];
for (const [name, make] of cases) {
  let events = make();
  const input = { events, roster, period: PERIOD };
  // Warm-up, and the check: identical totals and flags.
  const engineResult = evaluate(rulebook, input);
  const engineTotals = totalsOf(engineResult);
  if (explained === undefined) {
    const ledgers = [...Object.values(engineResult.consultants), ...Object.values(engineResult.teams)];
    explained = {
      lines: ledgers.reduce((n, l) => n + l.lines.length, 0),
      refs: ledgers.reduce((n, l) => n + l.lines.reduce((m, line) => m + line.events.length, 0), 0),
    };
  }
  const diff = differences(engineTotals, baseline(events, roster, PERIOD));
  if (reference === undefined) reference = engineTotals;
  const drift = differences(engineTotals, reference);
  for (const d of [...diff, ...drift].slice(0, 5)) console.error(`MISMATCH (${name}) ${d}`);
  if (diff.length || drift.length) failures++;
  evaluate(rulebook, input);
  baseline(events, roster, PERIOD);
  const engineMs = [];
  const baselineMs = [];
  const ratios = [];
  for (let r = 0; r < RUNS; r++) {
    let e;
    let b;
    if (r % 2 === 0) {
      [e] = timed(() => evaluate(rulebook, input));
      [b] = timed(() => baseline(events, roster, PERIOD));
    } else {
      [b] = timed(() => baseline(events, roster, PERIOD));
      [e] = timed(() => evaluate(rulebook, input));
    }
    engineMs.push(e);
    baselineMs.push(b);
    ratios.push(e / b);
  }
  if (onDemand === undefined) {
    // Explanations on demand: a ledger's lines (and their events) are built when first read — what showing one
    // consultant costs after scoring the department, and what reading every ledger's lines costs.
    const one = [];
    const every = [];
    for (let r = 0; r < 3; r++) {
      const result = evaluate(rulebook, input);
      globalThis.gc();
      let t = performance.now();
      if (result.consultants[roster.teams[0].members[0]].lines.length < 0) throw new Error('unreachable');
      one.push(performance.now() - t);
      t = performance.now();
      for (const l of [...Object.values(result.consultants), ...Object.values(result.teams)])
        if (l.lines.length < 0) throw new Error('unreachable');
      every.push(performance.now() - t);
    }
    onDemand = { one: median(one), every: median(every) };
  }
  rows.push({
    month: name,
    'evaluate (median)': `${median(engineMs).toFixed(0)} ms`,
    'baseline (median)': `${median(baselineMs).toFixed(0)} ms`,
    'engine / baseline (median of pairs)': `${median(ratios).toFixed(2)}×`,
    'ratio min–max': `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`,
    target: `≤ ${TARGET}×`,
    'same totals and flags': diff.length ? `NO (${diff.length})` : 'yes',
  });
  events = undefined;
  input.events = undefined;
}

const counted = base.filter((e) => COUNTED.has(e.type)).length;
console.log(
  `\nevaluate vs the fair baseline: ${nEvents.toLocaleString('en')} events (200 consultants, ${PERIOD.from} … ${PERIOD.to}, clinic.rules), ` +
    `${RUNS} interleaved repetitions after a warm-up, heap collected before each timing; ${process.version}, ${cpus().length} cores`,
);
console.log(
  `${((counted / nEvents) * 100).toFixed(0)} % of the events are of a type some rule counts; the others are skipped unread by both`,
);
console.log(
  `the engine also explains: ${explained.lines.toLocaleString('en')} score lines holding ${explained.refs.toLocaleString('en')} event references; the baseline computes totals and flags only`,
);
console.table(rows);
console.log(
  `explanations on demand (${cases[0][0]}, median of 3): one consultant's lines read after evaluate ${onDemand.one.toFixed(1)} ms ` +
    `(the first read also groups the scanned events by stream and day), then every other ledger's ${onDemand.every.toFixed(1)} ms`,
);
process.exit(failures ? 1 : 0);
