// The hand-written baseline of the evaluate bench: the clinic rulebook written directly in JS (numbers
// transcribed by hand from the version-1 clinic book, packages/dsl/test/fixtures/v1-rulebooks/clinic.rules), totals and flags only — no lines: a lower bound
// on what any engine must do. Fair to the engine (issue 13 #1): an event of a type no rule counts is skipped
// before its timestamp is read, as the engine skips it; timestamps are read with the calendar's parser, the
// engine's own.
import { buildCalendar, dayIndex, parseInstant } from '../dist/calendar.js';

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

/** Every event type the clinic rulebook counts; the others are skipped unread. */
export const COUNTED = new Set([
  ...Object.keys(DAILY),
  ...Object.keys(PLAIN),
  'praise',
  'fraud',
  'visit',
  'screening',
  'surgery',
  'booking',
  'vote',
  'late',
  'absence',
]);

/** Totals and flags of `clinic.rules` over `events` in `period`: `{ consultants, teams }` of `{ points, money, flags }`. */
export function baseline(events, roster, period) {
  const calendar = buildCalendar('Asia/Shanghai', period);
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
    const type = e.type;
    if (!COUNTED.has(type)) continue;
    const at = parseInstant(e.at);
    const day = dayIndex(calendar, at);
    if (day < 0) continue;
    const ci = index.get(e.consultant);
    if (ci === undefined) continue;
    const ti = teamOf[ci];
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
