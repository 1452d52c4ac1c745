#!/usr/bin/env node
// Incremental scoring (issue 13 #4): the time to apply one added call log to a warm evaluation
// (`@rulecard/dsl/incremental`) and read the scorecard (`result()`), for a 10,000-event and a 100,000-event month
// (200 consultants in 20 teams, `examples/rulebooks/clinic.rules`), next to the time of a full `evaluate` of the same
// month. A call log adds its derived events: a `consultation`, and for every other log a `booking` (the store's on-read
// events of a booked call).
//
// Interleaved in one process: each round times one full `evaluate` (after a full garbage collection) and then
// `--adds` call logs one by one. Prints the medians over all rounds, their ratio and the parts scored (and people
// scored alone) per call log, and asserts that the evaluation's result equals a full `evaluate` of its final events.
// Then, for comparison, call logs not fully registered (a `call_not_fully_registered` besides: a rule with a team
// effect, whose team part is scored), timed the same way.
//
//   npm run bench -- incremental                                  (or node packages/dsl/bench/incremental.bench.mjs)
//   node packages/dsl/bench/incremental.bench.mjs --quick         (fewer rounds)
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { compile, evaluate } from '../dist/index.js';
import { createEvaluation } from '../dist/incremental.js';
import { benchMonthFiles, ensureGc, median, root } from './common.mjs';

ensureGc();

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const quick = process.argv.includes('--quick');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('--rounds', quick ? 5 : 15);
const ADDS = arg('--adds', quick ? 20 : 40);
/** The target: one added call log → scorecard updated in under 1 ms, whatever the month's size. */
const TARGET_MS = 1;

const program = compile(readFileSync(path.join(root, 'examples/rulebooks/clinic.rules'), 'utf8'), { version: 2 }).rulebook;

function month(nEvents) {
  const { eventsFile, rosterFile } = benchMonthFiles(nEvents);
  return { events: JSON.parse(readFileSync(eventsFile, 'utf8')), roster: JSON.parse(readFileSync(rosterFile, 'utf8')) };
}

/** The derived events of the k-th new call log: for a consultant in turn, on a day of the month. */
function callLog(k, consultants, incomplete = false) {
  const consultant = consultants[(k * 37) % consultants.length];
  const day = String(1 + (k % 28)).padStart(2, '0');
  const at = `2026-11-${day}T${String(9 + (k % 9)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00+08:00`;
  const attrs = { channel: 'phone', medium: 'phone', log: `bench-log-${k}` };
  const out = [{ id: `bench-log-${k}~consultation`, type: 'consultation', consultant, at, attrs }];
  if (k % 2) out.push({ id: `bench-log-${k}~booking`, type: 'booking', consultant, at, attrs });
  if (incomplete) out.push({ id: `bench-log-${k}~call_not_fully_registered`, type: 'call_not_fully_registered', consultant, at, attrs });
  return out;
}

console.log(
  `incremental scoring, clinic.rules, 200 consultants in 20 teams; ${ROUNDS} rounds × (1 full evaluate + ${ADDS} call logs added one by one)`,
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (shared with other work)`,
);
console.log('');
console.log('month            full evaluate   one call log + result()   ratio    parts scored (people alone)   target');
let ok = true;
for (const n of [10000, 100000]) {
  const { events, roster } = month(n);
  const consultants = roster.teams.flatMap((t) => t.members);
  const t0 = performance.now();
  const ev = createEvaluation(program, { events, roster, period: PERIOD });
  const build = performance.now() - t0;
  const all = [...events];
  const fulls = [];
  const adds = [];
  const scored = [];
  const alone = [];
  /** By kind of call log: with a booking (odd k) or not. */
  const booked = [];
  const unbooked = [];
  let k = 0;
  for (let round = 0; round < ROUNDS; round++) {
    globalThis.gc();
    let t = performance.now();
    const full = evaluate(program, { events: all, roster, period: PERIOD });
    fulls.push(performance.now() - t);
    if (!full.consultants) throw new Error('no result');
    globalThis.gc();
    for (let i = 0; i < ADDS; i++) {
      const log = callLog(k++, consultants);
      t = performance.now();
      for (const e of log) ev.add(e);
      const card = ev.result();
      adds.push(performance.now() - t);
      (log.length > 1 ? booked : unbooked).push(adds[adds.length - 1]);
      scored.push(ev.stats.scored);
      alone.push(ev.stats.people);
      if (!card.consultants[log[0].consultant]) throw new Error('no scorecard');
      all.push(...log);
    }
  }
  // call logs not fully registered
  const incomplete = [];
  for (let i = 0; i < ADDS; i++) {
    const log = callLog(k++, consultants, true);
    const t = performance.now();
    for (const e of log) ev.add(e);
    ev.result();
    incomplete.push(performance.now() - t);
    all.push(...log);
  }
  const same = isDeepStrictEqual(ev.result(), evaluate(program, { events: all, roster, period: PERIOD }));
  ok &&= same;
  const f = median(fulls);
  const a = median(adds);
  console.log(
    `${String(n).padStart(7)} events   ${f.toFixed(2).padStart(9)} ms   ${a.toFixed(3).padStart(12)} ms           ${(f / a).toFixed(0).padStart(4)}×   ${median(scored)} of ${ev.stats.parts} (${median(alone)})                  < ${TARGET_MS} ms: ${a < TARGET_MS ? 'yes' : 'NO'}${same ? '' : '   RESULT DIFFERS FROM evaluate'}`,
  );
  console.log(
    `                 (by kind: with a booking ${median(booked).toFixed(3)} ms, without ${median(unbooked).toFixed(3)} ms; not fully registered: ${median(incomplete).toFixed(3)} ms — its team's part scored)`,
  );
  console.log(`                 (building the evaluation: ${build.toFixed(0)} ms, once per rulebook version and period)`);
}
if (!ok) {
  console.error('the incremental result differs from a full evaluate');
  process.exit(1);
}
