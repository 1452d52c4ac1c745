#!/usr/bin/env node
// Benchmarks of the language (issue: "Speed"): compile time of clinic.rules and
// of a generated 2,000-rule rulebook; evaluate throughput on 1,000,000 events
// (200 consultants, one month, the clinic rulebook) side by side with a
// hand-written plain-JS function that computes the same scorecard totals for
// that rulebook with the same time-zone handling. Prints a table; asserts the
// two agree. Run: `npm run bench` (or `node packages/dsl/bench/dsl.bench.mjs`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile, evaluate } from '../dist/index.js';
import { clearStatementCache } from '../dist/compile.js';
import { buildCalendar, dayIndex, parseInstant } from '../dist/calendar.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
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

// ------------------------------------------------------------ events

const nEvents = quick ? 100000 : 1000000;
const eventsFile = path.join(tmpdir(), `rulecard-bench-events-${nEvents}.json`);
const rosterFile = path.join(tmpdir(), 'rulecard-bench-roster-200.json');
if (!existsSync(eventsFile) || !existsSync(rosterFile)) {
  execFileSync(
    process.execPath,
    [
      'scripts/generate-events.mjs',
      '--month',
      '2026-11',
      '--consultants',
      '200',
      '--events',
      String(nEvents),
      '--out',
      eventsFile,
      '--roster-out',
      rosterFile,
    ],
    { cwd: root, stdio: 'inherit' },
  );
}
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const roster = JSON.parse(readFileSync(rosterFile, 'utf8'));
const rulebook = compile(clinicSource).rulebook;

// ------------------------------------------------------------ the hand-written baseline
// The clinic rulebook written directly in JS (numbers transcribed by hand from
// examples/rulebooks/clinic.rules). Totals and flags only — no lines: a lower
// bound on what any engine must do.

const DAILY = {
  // type: [points per event, threshold op, N, personal, team]
  impolite_wording: [-2, '>=', 2, -5, -5],
  call_not_answered: [-2, '>=', 2, -5, -5],
  call_not_fully_registered: [-2, '>=', 2, -5, -5],
  wrong_answer: [-2, '>=', 2, -5, -5],
  online_not_answered: [-2, '>=', 2, -5, -5],
  follow_up_overdue: [-2, '>=', 2, -5, -5],
  tone_not_standard: [-2, '>=', 2, -5, -5],
  rude_attitude: [-8, '>', 2, -12, -12],
  personal_activity: [-2, '>=', 3, -5, -5],
  task_not_done: [-5, '>=', 3, -20, -10],
  leaving_post: [-2, '>=', 3, -10, -5],
  late: [-2, '>=', 3, -10, -5],
  absence: [-2, '>=', 3, -10, -5],
};
const PLAIN = {
  form_complete: 1,
  form_on_time: 1,
  form_substandard: -2,
  form_wrong: -2,
  form_late: -2,
  spot_check_pass: 2,
  spot_check_fail: -5,
};

function baseline(events, roster) {
  const calendar = buildCalendar('Asia/Shanghai', PERIOD);
  const nDays = calendar.days.length;
  const ids = [];
  const index = new Map();
  const teamOf = [];
  roster.teams.forEach((t, ti) => t.members.forEach((m) => index.has(m) || (index.set(m, ids.length), ids.push(m), teamOf.push(ti))));
  const nC = ids.length;
  const nT = roster.teams.length;
  const pts = new Float64Array(nC); // points
  const neg = new Float64Array(nC); // deductions
  const fen = new Float64Array(nC);
  const tPts = new Float64Array(nT);
  const tNeg = new Float64Array(nT);
  const tFen = new Float64Array(nT);
  const flags = ids.map(() => new Set());
  const tFlags = roster.teams.map(() => new Set());
  const dailyTypes = Object.keys(DAILY);
  const daily = dailyTypes.map(() => new Int32Array(nC * nDays));
  const dailyIdx = new Map(dailyTypes.map((t, i) => [t, i]));
  const regVisits = new Int32Array(nC);
  const visits = new Int32Array(nC);
  const surgeries = new Int32Array(nC);
  const bookings = new Int32Array(nC);
  const votes = new Int32Array(nC);
  const fraud = new Int32Array(nC);
  const lateBig = new Int32Array(nC);
  const lates = new Int32Array(nC);
  const halfDays = new Int32Array(nC);
  const fullDays = new Int32Array(nC);
  const addP = (ci, p) => {
    pts[ci] += p;
    if (p < 0) neg[ci] -= p;
  };
  const addT = (ti, p) => {
    tPts[ti] += p;
    if (p < 0) tNeg[ti] -= p;
  };
  const pct = (f, p) => Math.round((f * p) / 100); // half-up for non-negative amounts
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const at = parseInstant(e.at);
    const day = dayIndex(calendar, at);
    if (day < 0) continue;
    const ci = index.get(e.consultant);
    if (ci === undefined) continue;
    const ti = teamOf[ci];
    const type = e.type;
    const di = dailyIdx.get(type);
    if (di !== undefined) {
      daily[di][ci * nDays + day]++;
      addP(ci, DAILY[type][0]);
    }
    const plain = PLAIN[type];
    if (plain !== undefined) addP(ci, plain);
    switch (type) {
      case 'praise':
        addP(ci, 10);
        addT(ti, 5);
        break;
      case 'fraud':
        fen[ci] -= 20000;
        fraud[ci]++;
        break;
      case 'visit': {
        visits[ci]++;
        regVisits[ci]++;
        const medium = e.attrs?.medium;
        if (medium === 'online') fen[ci] += 1500;
        else if (medium === 'phone') {
          fen[ci] += 1000;
          tFen[ti] += 500;
        }
        break;
      }
      case 'screening': {
        const medium = e.attrs?.medium;
        if (medium === 'online') fen[ci] += 100;
        else if (medium === 'phone') {
          fen[ci] += 50;
          tFen[ti] += 50;
        }
        break;
      }
      case 'surgery': {
        surgeries[ci]++;
        const f = Math.round((e.amount ?? 0) * 100);
        fen[ci] += pct(f, 2);
        tFen[ti] += pct(f, 1);
        break;
      }
      case 'booking':
        bookings[ci]++;
        fen[ci] += 500;
        break;
      case 'vote':
        votes[ci]++;
        break;
      case 'late': {
        lates[ci]++;
        const m = e.attrs?.minutes;
        if (m <= 15) fen[ci] -= 2000;
        else if (m > 15 && m <= 60) fen[ci] -= 5000;
        else if (m > 60) {
          fen[ci] -= 10000;
          lateBig[ci]++;
        }
        break;
      }
      case 'absence': {
        const d = e.attrs?.days;
        if (d < 1) {
          fen[ci] -= 10000;
          halfDays[ci]++;
        } else if (d >= 1) {
          fen[ci] -= 20000;
          fullDays[ci]++;
        }
        break;
      }
    }
  }
  // daily thresholds
  dailyTypes.forEach((type, di) => {
    const [, op, n, p, t] = DAILY[type];
    const counts = daily[di];
    for (let ci = 0; ci < nC; ci++)
      for (let d = 0; d < nDays; d++) {
        const c = counts[ci * nDays + d];
        if (op === '>' ? c > n : c >= n) {
          addP(ci, p);
          addT(teamOf[ci], t);
        }
      }
  });
  for (let ci = 0; ci < nC; ci++) {
    if (fraud[ci] >= 2) flags[ci].add('dismissal_review');
    const v = regVisits[ci];
    fen[ci] += v * (v >= 30 ? 5000 : v >= 20 ? 4000 : v >= 10 ? 3000 : 1000);
    if (lateBig[ci] >= 1) flags[ci].add('no_attendance_bonus');
    if (lates[ci] >= 3) flags[ci].add('written_warning');
    if (halfDays[ci] >= 1) flags[ci].add('no_attendance_bonus');
    if (fullDays[ci] >= 1) flags[ci].add('no_attendance_bonus').add('not_rated_excellent');
    if (fullDays[ci] >= 2) flags[ci].add('dismissal_review');
    if (bookings[ci] < 30) fen[ci] -= 2000 * (30 - bookings[ci]);
    if (visits[ci] > 0) {
      // ratio(surgery / visit) against 30% in steps of 5%, in integers
      const diff = surgeries[ci] * 100 - 30 * visits[ci];
      const steps = Math.floor(Math.abs(diff) / (5 * visits[ci]));
      if (diff >= 0) fen[ci] += 5000 * steps;
      else fen[ci] -= 5000 * steps;
    }
  }
  roster.teams.forEach((team) => {
    const members = team.members.map((m) => index.get(m));
    if (members.length && members.every((ci) => regVisits[ci] >= 20)) for (const ci of members) fen[ci] += 20000;
  });
  const ranked = [...votes.keys()].filter((ci) => votes[ci] > 0).sort((a, b) => votes[b] - votes[a] || a - b);
  let place = 0;
  ranked.forEach((ci, k) => {
    if (k === 0 || votes[ranked[k - 1]] !== votes[ci]) place = k + 1;
    fen[ci] += place === 1 ? 15000 : place === 2 ? 10000 : place === 3 ? 5000 : 0;
  });
  for (let ci = 0; ci < nC; ci++) if (neg[ci] >= 50) flags[ci].add('forfeit_performance_pay').add('no_best_employee_award');
  for (let ti = 0; ti < nT; ti++) if (tNeg[ti] >= 50) tFlags[ti].add('supervisor_allowance_withheld');
  const POINT_FEN = 1000;
  const out = { consultants: {}, teams: {} };
  ids.forEach(
    (id, ci) => (out.consultants[id] = { points: pts[ci], money: (pts[ci] * POINT_FEN + fen[ci]) / 100, flags: [...flags[ci]].sort() }),
  );
  roster.teams.forEach(
    (t, ti) => (out.teams[t.id] = { points: tPts[ti], money: (tPts[ti] * POINT_FEN + tFen[ti]) / 100, flags: [...tFlags[ti]].sort() }),
  );
  return out;
}

// ------------------------------------------------------------ run side by side

const input = { events, roster, period: PERIOD };
const engineResult = evaluate(rulebook, input);
const baseResult = baseline(events, roster);
let mismatches = 0;
for (const side of ['consultants', 'teams']) {
  for (const [who, want] of Object.entries(baseResult[side])) {
    const got = engineResult[side][who];
    const same =
      got &&
      Math.abs(got.points - want.points) < 1e-9 &&
      Math.abs(got.money - want.money) < 0.005 &&
      JSON.stringify([...got.flags].sort()) === JSON.stringify(want.flags);
    if (!same) {
      if (mismatches++ < 5)
        console.error(
          `MISMATCH ${side}.${who}: engine ${JSON.stringify(got && { points: got.points, money: got.money, flags: got.flags })} baseline ${JSON.stringify(want)}`,
        );
    }
  }
}
const runs = quick ? 3 : 7;
const engine = timeIt(() => evaluate(rulebook, input), { runs, warmup: 2 });
const hand = timeIt(() => baseline(events, roster), { runs, warmup: 2 });
const allLedgers = [...Object.values(engineResult.consultants), ...Object.values(engineResult.teams)];
const lines = allLedgers.reduce((n, l) => n + l.lines.length, 0);
const refs = allLedgers.reduce((n, l) => n + l.lines.reduce((m, line) => m + line.events.length, 0), 0);

const rows = [
  ['compile clinic.rules', `${compileClinic.median.toFixed(2)} ms`, '< 2 ms'],
  ['compile 2,000 generated rules', `${compileBig.median.toFixed(1)} ms`, '< 100 ms'],
  ['re-check a 500-rule book after a keystroke (editor)', `${relint500.median.toFixed(1)} ms`, '< 16 ms'],
  [`evaluate ${events.length.toLocaleString('en')} events (200 consultants, 1 month)`, `${engine.median.toFixed(0)} ms`, '< 1000 ms'],
  ['hand-written plain-JS baseline, same input', `${hand.median.toFixed(0)} ms`, ''],
  ['engine / baseline', `${(engine.median / hand.median).toFixed(2)}×`, '≤ 2×'],
  ['throughput', `${(((events.length / engine.median) * 1000) / 1e6).toFixed(2)} M events/s`, ''],
  ['scorecards agree with the baseline', mismatches ? `NO (${mismatches})` : 'yes', 'yes'],
];
console.log(
  `\n@rulecard/dsl on ${process.version}, ${process.platform} (${(await import('node:os')).cpus().length} cores; median of runs)`,
);
console.log(
  `the engine builds the whole explained scorecard: ${lines.toLocaleString('en')} score lines holding ${refs.toLocaleString('en')} event references; the baseline computes totals and flags only`,
);
for (const [what, value, target] of rows) console.log(`${what.padEnd(58)} ${value.padStart(16)}   ${target}`);
process.exit(mismatches ? 1 : 0);
