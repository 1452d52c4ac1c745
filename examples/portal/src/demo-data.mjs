/**
 * The demo department's events, generated: a whole previous month plus the current month up to `today`, seeded
 * and deterministic (same teams, day and seed → same events), where every rule of `examples/rulebooks/clinic.rules`
 * fires somewhere in the previous month and every flag it names is raised (issue 12 #7).
 *
 * A plain ES module with no browser or bundler dependency: the portal seeds its IndexedDB store from it in the
 * browser (issue 13 #5: no month of events shipped as JSON), and Node code (the server's demo branch, the
 * end-to-end test's expectations) imports the same function. Types: `demo-data.d.mts`.
 *
 * The department's life is the one `scripts/generate-events.mjs` writes for the benchmarks (business events from
 * the call log at each consultant's rates, manager-recorded faults, a bad day now and then, attendance, forms,
 * spot checks, the month-end vote), read through the one calendar and the money module; on top of it, in the
 * previous month, a few fixed scenarios so the rare rules fire too: one consultant's bad days (every daily
 * threshold, two frauds, lates of each length, absences — the forfeit and dismissal-review flags, and their
 * team's supervisor allowance), and a team whose every member reaches 20 visits (the team bonus).
 */
import { addDays, addMonths, dayOfWeek, firstDayOfMonth, instantOf, lastDayOfMonth, monthOf } from '@rulecard/dsl/calendar';
import { yuanOf, yuanToFen } from '@rulecard/dsl/money';
import { between, intBetween, pick, poisson, rng } from '../../../scripts/seeded-random.mjs';

/** The seed of the portal's demo department. */
export const DEMO_SEED = 'demo';

const DAY_START = 510; // 08:30, in minutes
const DAY_END = 1080; // 18:00, in minutes

/** The call-log form's channels (packages/store/src/call-logs.ts) with their weights, per team kind. */
const CHANNELS = {
  net: [
    ['business_chat', 40],
    ['wechat', 25],
    ['qq', 14],
    ['website_booking', 10],
    ['message_board', 5],
    ['email', 3],
    ['phone', 3],
  ],
  phone: [
    ['phone', 90],
    ['wechat', 5],
    ['walk_in', 5],
  ],
};
const mediumOf = (channel) => (channel === 'phone' || channel === 'walk_in' ? channel : 'online');

/** Surgery projects: list price in yuan and weight. */
const PRICES = [
  [6800, 18],
  [12800, 12],
  [3800, 20],
  [2600, 16],
  [26000, 8],
  [38000, 5],
  [1280, 12],
  [16800, 6],
  [45000, 2],
  [19800, 5],
];
const DISCOUNTS = [
  [1, 50],
  [0.95, 15],
  [0.9, 15],
  [0.88, 10],
  [0.8, 10],
];

/** Business events (from the call log) per working day at skill 1; faults per working day at discipline 1. */
function businessWeights(p) {
  return [
    ['consultation', 8 * (0.7 + 0.3 * p.skill)],
    ['booking', 1.5 * p.skill],
    ['visit', 0.95 * p.skill],
    ['screening', 0.3 * p.skill],
    ['surgery', 0.95 * p.skill * p.conversion],
    ['call_not_fully_registered', 0.06 * p.discipline],
    ['follow_up_overdue', 0.05 * p.discipline],
  ];
}
const FAULTS = {
  impolite_wording: { net: 0.01, phone: 0.01 },
  call_not_answered: { net: 0.003, phone: 0.012 },
  wrong_answer: { net: 0.007, phone: 0.007 },
  online_not_answered: { net: 0.012, phone: 0.002 },
  tone_not_standard: { net: 0.007, phone: 0.007 },
  rude_attitude: { net: 0.0025, phone: 0.0025 },
  personal_activity: { net: 0.012, phone: 0.012 },
  task_not_done: { net: 0.005, phone: 0.005 },
  leaving_post: { net: 0.005, phone: 0.005 },
};
/** How many of one fault in a day make clinic.rules' daily threshold fire. */
const DAILY_THRESHOLD = {
  impolite_wording: 2,
  call_not_answered: 2,
  call_not_fully_registered: 2,
  wrong_answer: 2,
  online_not_answered: 2,
  follow_up_overdue: 2,
  tone_not_standard: 2,
  rude_attitude: 3,
  personal_activity: 3,
  task_not_done: 3,
  leaving_post: 3,
};
const FIELDS = ['age', 'region', 'source', 'project', 'contact', 'answer', 'customerName', 'question'];

const pad2 = (n) => String(n).padStart(2, '0');

/**
 * The demo department's events from the first day of the month before `today` to `today` (inclusive), in time
 * order, ids `demo-YYYYMM-0000001`…, timestamps with the zone's offset; with `month: 'current'` or `'previous'`,
 * that month's part alone (the portal seeds this month first, then the previous one).
 * @param {import('./demo-data.d.mts').DemoOptions} options
 * @returns {import('@rulecard/dsl').RuleEvent[]}
 */
export function demoEvents({ teams, today, seed = DEMO_SEED, timezone = 'Asia/Shanghai', month = 'both' }) {
  const previous = addMonths(monthOf(today), -1);
  // One month alone is exactly that month's part of both: each consultant's day has its own random stream, the
  // previous month's scenarios touch only it, and ids are numbered per month.
  const from = firstDayOfMonth(month === 'current' ? monthOf(today) : previous);
  const to = month === 'previous' ? lastDayOfMonth(previous) : today;
  const profiles = [];
  for (const team of teams) {
    const kind = team.id.startsWith('phone') ? 'phone' : 'net';
    team.members.forEach((id) => profiles.push(profileOf(seed, id, profiles.length, kind, id === (team.lead ?? team.members[0]))));
  }
  /** Seconds after midnight → an instant of `date` in the zone. */
  const at = (date, seconds) => {
    const s = Math.max(0, Math.min(86399, Math.round(seconds)));
    return instantOf(date, `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`, timezone);
  };
  const workTime = (r, date) => at(date, between(r, (DAY_START + 5) * 60, (DAY_END - 5) * 60));
  const working = (p, date) => dayOfWeek(date) % 7 !== p.restDay;

  const byDay = new Map();
  const add = (date, event) => {
    let list = byDay.get(date);
    if (!list) byDay.set(date, (list = []));
    list.push(event);
  };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const p of profiles) {
      if (!working(p, date)) continue;
      for (const e of dayEvents(seed, p, date, at, workTime)) add(date, { ...e, consultant: p.id });
    }
    if (date === lastDayOfMonth(monthOf(date))) for (const e of monthEndVotes(seed, teams, profiles, date, at)) add(date, e);
  }
  if (month !== 'current')
    for (const e of scenarios(seed, teams, profiles, previous, byDay, at, workTime, working)) add(e.at.slice(0, 10), e);
  // This month too has a rude attitude on its first day (a what-if of that rule changes someone's month so far).
  const troubled = teams.at(-1)?.members.at(-1);
  if (troubled && month !== 'previous')
    add(firstDayOfMonth(monthOf(today)), {
      type: 'rude_attitude',
      consultant: troubled,
      at: at(firstDayOfMonth(monthOf(today)), (DAY_START + 10) * 60),
    });

  const out = [];
  const dates = [...byDay.keys()].sort();
  const seq = new Map();
  for (const date of dates) {
    const month = date.slice(0, 7).replace('-', '');
    const list = byDay
      .get(date)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.consultant < b.consultant ? -1 : a.consultant > b.consultant ? 1 : 0));
    for (const e of list) {
      const n = (seq.get(month) ?? 0) + 1;
      seq.set(month, n);
      out.push(ordered({ ...e, id: `demo-${month}-${String(n).padStart(7, '0')}` }));
    }
  }
  return out;
}

/** A consultant's stable traits, from their own random stream. */
function profileOf(seed, id, index, kind, isLead) {
  const r = rng(`${seed}:profile:${id}`);
  return {
    id,
    kind,
    isLead,
    skill: between(r, 0.45, 1.6),
    conversion: between(r, 0.18, 0.62),
    discipline: between(r, 0.3, 1.8),
    punctuality: between(r, 0.2, 3.5),
    restDay: index % 7, // day of the week off (6-day week), 0 = Sunday
  };
}

/** One consultant's working day: business events from the call log, then everything a manager records. */
function dayEvents(seed, p, date, at, workTime) {
  const out = [];
  const r = rng(`${seed}:business:${p.id}:${date}`);
  const weights = businessWeights(p);
  const rate = weights.reduce((s, [, w]) => s + w, 0);
  for (let k = poisson(r, rate); k > 0; k--) out.push(businessEvent(r, p, date, pick(r, weights), workTime));
  const o = rng(`${seed}:other:${p.id}:${date}`);
  if (o() < 0.004 * p.discipline) return [...out, { type: 'absence', at: at(date, DAY_START * 60), attrs: { days: o() < 0.6 ? 0.5 : 1 } }];
  if (o() < 0.03 * p.punctuality) {
    const minutes = pick(o, [
      [intBetween(o, 1, 15), 70],
      [intBetween(o, 16, 60), 25],
      [intBetween(o, 61, 120), 5],
    ]);
    out.push(lateEvent(date, minutes, o() < 0.2, at));
  }
  const faults = Object.entries(FAULTS).map(([type, rates]) => [type, rates[p.kind]]);
  for (const [type, rate] of faults) for (let k = poisson(o, rate * p.discipline); k > 0; k--) out.push({ type, at: workTime(o, date) });
  if (o() < 0.015 * p.discipline) {
    const type = pick(o, faults);
    for (let k = intBetween(o, 2, 4); k > 0; k--) out.push({ type, at: workTime(o, date) });
  }
  if (o() < 0.05 * p.skill) out.push(praiseEvent(o, date, workTime));
  if (o() < 0.1) out.push({ type: o() < 0.92 - 0.08 * p.discipline ? 'spot_check_pass' : 'spot_check_fail', at: workTime(o, date) });
  if (p.isLead) {
    for (const form of ['assessment', 'register']) {
      const quality = pick(o, [
        ['form_complete', 94],
        ['form_substandard', 4],
        ['form_wrong', 2],
      ]);
      out.push({ type: quality, at: at(date, between(o, 17 * 3600, 17.9 * 3600)), attrs: { form } });
      out.push({ type: o() < 0.96 ? 'form_on_time' : 'form_late', at: at(date, between(o, 17 * 3600, 17.9 * 3600)), attrs: { form } });
    }
  }
  return out;
}

function businessEvent(r, p, date, type, workTime) {
  const channel = pick(r, CHANNELS[p.kind]);
  const base = { channel, medium: mediumOf(channel) };
  switch (type) {
    case 'visit':
      return { type, at: workTime(r, date), attrs: { ...base, booked: r() < 0.9 } };
    case 'surgery': {
      // The list price with the clinic's usual discounts; some fees are not round.
      const yuan = pick(r, PRICES) * between(r, 0.9, 1.2) * pick(r, DISCOUNTS);
      return { type, at: workTime(r, date), amount: yuanOf(yuanToFen(yuan)), attrs: base };
    }
    case 'call_not_fully_registered': {
      const missing = [...new Set([FIELDS[intBetween(r, 0, 5)], ...(r() < 0.3 ? [FIELDS[intBetween(r, 0, 7)]] : [])])];
      return { type, at: workTime(r, date), attrs: { ...base, missing: missing.join(','), missingCount: missing.length } };
    }
    case 'follow_up_overdue':
      return {
        type,
        at: workTime(r, date),
        attrs: r() < 0.8 ? { ...base, done: true, minutes: intBetween(r, 1, 180) } : { ...base, done: false },
      };
    default:
      return { type, at: workTime(r, date), attrs: base };
  }
}

const lateEvent = (date, minutes, early, at) => ({
  type: 'late',
  at: at(date, (early ? DAY_END - minutes : DAY_START + minutes) * 60),
  attrs: { minutes, kind: early ? 'early_leave' : 'late' },
});
const praiseEvent = (r, date, workTime) => ({
  type: 'praise',
  at: workTime(r, date),
  attrs: {
    source: pick(r, [
      ['message', 70],
      ['letter', 20],
      ['banner', 10],
    ]),
  },
});

/** 小组不记名投票: on a month's last day every member votes for a teammate. */
function monthEndVotes(seed, teams, profiles, date, at) {
  const skill = new Map(profiles.map((p) => [p.id, p.skill]));
  const out = [];
  for (const team of teams) {
    if (team.members.length < 2) continue;
    for (const voter of team.members) {
      const r = rng(`${seed}:vote:${voter}:${date}`);
      const chosen = pick(
        r,
        team.members.filter((m) => m !== voter).map((m) => [m, skill.get(m) ** 3]),
      );
      out.push({ type: 'vote', consultant: chosen, at: at(date, between(r, 17 * 3600, 17.5 * 3600)) });
    }
  }
  return out;
}

/**
 * The previous month's fixed scenarios, so the rare rules fire and every flag is raised: the second team's last
 * member has bad days (each daily threshold once, lates of each length, two frauds, absences of both lengths, seven
 * satisfied customers of ten, small treatments that bring the month's average fee under 10,000 yuan),
 * the first team's lead hands in forms of each quality and gets a spot check of each kind and a praise, and every
 * member of the first team reaches 20 visits (the team bonus).
 */
function scenarios(seed, teams, profiles, month, byDay, at, workTime, working) {
  const out = [];
  const r = rng(`${seed}:scenarios:${month}`);
  const days = [];
  for (let d = firstDayOfMonth(month); d <= lastDayOfMonth(month); d = addDays(d, 1)) days.push(d);
  const daysOf = (p) => days.filter((d) => working(p, d));
  const second = teams[teams.length - 1];
  const troubled = profiles.find((p) => p.id === second.members[second.members.length - 1]);
  if (troubled) {
    const mine = daysOf(troubled);
    const on = (k) => mine[k % mine.length];
    Object.entries(DAILY_THRESHOLD).forEach(([type, n], k) => {
      for (let i = 0; i < n; i++) out.push({ type, consultant: troubled.id, at: workTime(r, on(2 * k + 1)) });
    });
    for (const [k, minutes] of [
      [3, 9],
      [8, 35],
      [14, 75],
    ])
      out.push({ ...lateEvent(on(k), minutes, false, at), consultant: troubled.id });
    out.push({ type: 'fraud', consultant: troubled.id, at: workTime(r, on(5)) });
    out.push({ type: 'fraud', consultant: troubled.id, at: workTime(r, on(17)) });
    for (const [k, days] of [
      [10, 0.5],
      [19, 1],
      [20, 1],
    ])
      out.push({ type: 'absence', consultant: troubled.id, at: at(on(k), DAY_START * 60), attrs: { days } });
    // Customer satisfaction below 90%: ten follow-up questionnaires, seven satisfied.
    for (let k = 0; k < 10; k++)
      out.push({ type: 'survey', consultant: troubled.id, at: workTime(r, on(11 + k)), attrs: { satisfied: k < 7 } });
    // Average spend under 10,000 yuan: small treatments until the month's mean surgery fee is below it.
    const fees = [];
    for (const d of days) for (const e of byDay.get(d) ?? []) if (e.type === 'surgery' && e.consultant === troubled.id) fees.push(e.amount);
    let sum = fees.reduce((a, b) => a + b, 0);
    for (let k = 0; fees.length === 0 || sum / fees.length >= 10000; k++) {
      const event = { ...businessEvent(r, troubled, on(21 + k), 'surgery', workTime), consultant: troubled.id, amount: 1200 };
      out.push(event);
      fees.push(1200);
      sum += 1200;
    }
  }
  const first = teams[0];
  const lead = profiles.find((p) => p.id === (first.lead ?? first.members[0]));
  if (lead) {
    const mine = daysOf(lead);
    const on = (k) => mine[k % mine.length];
    ['form_substandard', 'form_wrong', 'form_late'].forEach((type, k) =>
      out.push({ type, consultant: lead.id, at: at(on(4 + k), 17.5 * 3600), attrs: { form: 'register' } }),
    );
    out.push({ type: 'spot_check_pass', consultant: lead.id, at: workTime(r, on(6)) });
    out.push({ type: 'spot_check_fail', consultant: lead.id, at: workTime(r, on(7)) });
    out.push({ ...praiseEvent(r, on(9), workTime), consultant: lead.id });
  }
  // The team bonus: every member of the first team at 20 visits or more this month.
  const visits = new Map();
  for (const d of days)
    for (const e of byDay.get(d) ?? []) if (e.type === 'visit') visits.set(e.consultant, (visits.get(e.consultant) ?? 0) + 1);
  for (const id of first.members) {
    const p = profiles.find((x) => x.id === id);
    const mine = daysOf(p);
    for (let k = visits.get(id) ?? 0; k < 20; k++)
      out.push({ ...businessEvent(r, p, mine[(k * 7) % mine.length], 'visit', workTime), consultant: id });
  }
  return out;
}

/** An event with its keys in the documented order (id, type, consultant, at, amount, attrs). */
function ordered(e) {
  const out = { id: e.id, type: e.type, consultant: e.consultant, at: e.at };
  if (e.amount !== undefined) out.amount = e.amount;
  if (e.attrs) out.attrs = e.attrs;
  return out;
}
