#!/usr/bin/env node
/**
 * Deterministic generator of a month of consultation-department events
 * (RuleEvent, packages/dsl/src/types.ts) for the benchmarks (the evaluate
 * bench's 1M events of 200 consultants: an exact total). Same arguments, same
 * bytes: a seeded PRNG, no deps. The demo department's events are made by
 * examples/portal/src/demo-data.mjs instead (the portal and the server demo).
 *
 *   node scripts/generate-events.mjs --month 2026-11 --consultants 200 \
 *        --events 1000000 --out /tmp/events-1m.json --roster-out /tmp/roster-200.json
 *
 * Options
 *   --month YYYY-MM      month to generate (default 2026-11)
 *   --consultants N      roster size (default 12; ids c01…, or c001… from 100)
 *   --events N           exact total number of events (benchmarks): business
 *                        events (bookings, visits, surgeries, call-log faults)
 *                        are spread over consultant-days to reach N
 *   --seed S             PRNG seed (default "clinic")
 *   --out FILE           output file (default: stdout)
 *   --format json|ndjson output format (default json: an array, one event a line)
 *   --roster-out FILE    also write the Roster ({ teams }) of the generated consultants
 *
 * The event types and attrs are the ones documented at the top of
 * examples/rulebooks/clinic.rules: the store's call-log events
 * (consultation, booking, visit, surgery with amount, call_not_fully_registered,
 * follow_up_overdue; attrs channel and medium, as packages/store/src/derive.ts
 * makes them), screening visits, and manager-recorded events whose type is a
 * rule id (impolite_wording, …, praise, spot_check_pass, late with minutes,
 * absence with days, vote). Times are working hours in Asia/Shanghai (+08:00).
 */
import { writeSync, openSync, closeSync } from 'node:fs';
import { between, intBetween, pick, poisson, rng } from './seeded-random.mjs';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    month: '2026-11',
    consultants: 12,
    events: undefined,
    seed: 'clinic',
    out: undefined,
    format: 'json',
    rosterOut: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`missing value after ${arg}`);
      return v;
    };
    switch (arg) {
      case '--month':
        opts.month = value();
        break;
      case '--consultants':
        opts.consultants = Number(value());
        break;
      case '--events':
        opts.events = Number(value());
        break;
      case '--seed':
        opts.seed = value();
        break;
      case '--out':
        opts.out = value();
        break;
      case '--format':
        opts.format = value();
        break;
      case '--roster-out':
        opts.rosterOut = value();
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: node scripts/generate-events.mjs [--month YYYY-MM] [--consultants N] [--events N] [--seed S] [--out FILE] [--format json|ndjson] [--roster-out FILE]\n',
        );
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) fail(`--month must be YYYY-MM, got ${opts.month}`);
  if (!Number.isInteger(opts.consultants) || opts.consultants < 2) fail('--consultants must be an integer >= 2');
  if (opts.events !== undefined && (!Number.isInteger(opts.events) || opts.events < 1)) fail('--events must be a positive integer');
  if (opts.format !== 'json' && opts.format !== 'ndjson') fail('--format must be json or ndjson');
  return opts;
}

function fail(message) {
  process.stderr.write(`generate-events: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- the department

const pad2 = (n) => String(n).padStart(2, '0');

/**
 * Consultants c01… split into teams. Up to 20 people: two teams, `net`
 * (网络咨询组, the first half) and `phone` (电话咨询组) — for 12 this is
 * examples/data/roster.json. More: teams of 10, alternately net-1, phone-1, net-2…
 */
function makeRoster(count) {
  const width = Math.max(2, String(count).length);
  const ids = Array.from({ length: count }, (_, i) => `c${String(i + 1).padStart(width, '0')}`);
  if (count <= 20) {
    const half = Math.ceil(count / 2);
    return {
      teams: [
        { id: 'net', name: '网络咨询组', members: ids.slice(0, half) },
        { id: 'phone', name: '电话咨询组', members: ids.slice(half) },
      ],
    };
  }
  const teams = [];
  for (let start = 0, k = 0; start < count; start += 10, k++) {
    const kind = k % 2 === 0 ? 'net' : 'phone';
    const n = Math.floor(k / 2) + 1;
    teams.push({ id: `${kind}-${n}`, name: `${kind === 'net' ? '网络咨询组' : '电话咨询组'}${n}`, members: ids.slice(start, start + 10) });
  }
  return { teams };
}

/** A consultant's stable traits, from their own random stream. */
function makeProfile(seed, id, index, teamKind, isLead) {
  const r = rng(`${seed}:profile:${id}`);
  return {
    id,
    index,
    teamKind,
    isLead,
    skill: between(r, 0.45, 1.6), // bookings and visits
    conversion: between(r, 0.3, 0.62), // surgeries per registration visit
    discipline: between(r, 0.3, 1.8), // multiplier on faults
    punctuality: between(r, 0.2, 3.5), // multiplier on late arrivals
    restDay: index % 7, // day of week off (6-day week), 0 = Sunday
  };
}

/** The call-log form's channels (packages/store/src/call-logs.ts) and their medium. */
const NET_CHANNELS = [
  ['business_chat', 40],
  ['wechat', 25],
  ['qq', 14],
  ['website_booking', 10],
  ['message_board', 5],
  ['email', 3],
  ['phone', 3],
];
const PHONE_CHANNELS = [
  ['phone', 90],
  ['wechat', 5],
  ['walk_in', 5],
];
const mediumOf = (channel) => (channel === 'phone' || channel === 'walk_in' ? channel : 'online');

/** Surgery projects (name, list price in yuan, weight): double eyelid, rhinoplasty, hyaluronic acid, botox, liposuction, breast augmentation, photorejuvenation, thermage, mandible angle, fat grafting. */
const PROJECTS = [
  ['double_eyelid', 6800, 18],
  ['rhinoplasty', 12800, 12],
  ['hyaluronic_acid', 3800, 20],
  ['botox', 2600, 16],
  ['liposuction', 26000, 8],
  ['breast_augmentation', 38000, 5],
  ['photorejuvenation', 1280, 12],
  ['thermage', 16800, 6],
  ['mandible_angle', 45000, 2],
  ['fat_grafting', 19800, 5],
];

/** Business events (from the call log), per working day at skill 1. */
const BUSINESS_RATES = { consultation: 8, booking: 1.5, visit: 0.95, screening: 0.3 };
const FAULT_RATES = { call_not_fully_registered: 0.06, follow_up_overdue: 0.05 };

function businessWeights(p) {
  return [
    ['consultation', BUSINESS_RATES.consultation * (0.7 + 0.3 * p.skill)],
    ['booking', BUSINESS_RATES.booking * p.skill],
    ['visit', BUSINESS_RATES.visit * p.skill],
    ['screening', BUSINESS_RATES.screening * p.skill],
    ['surgery', BUSINESS_RATES.visit * p.skill * p.conversion],
    ['call_not_fully_registered', FAULT_RATES.call_not_fully_registered * p.discipline],
    ['follow_up_overdue', FAULT_RATES.follow_up_overdue * p.discipline],
  ];
}
const businessRate = (p) => businessWeights(p).reduce((s, [, w]) => s + w, 0);

/** Manager-recorded faults, per working day at discipline 1 (a bad day multiplies them). */
const INFRACTION_RATES = {
  impolite_wording: 0.01,
  call_not_answered: { net: 0.003, phone: 0.012 },
  wrong_answer: 0.007,
  online_not_answered: { net: 0.012, phone: 0.002 },
  tone_not_standard: 0.007,
  rude_attitude: 0.0025,
  personal_activity: 0.012,
  task_not_done: 0.005,
  leaving_post: 0.005,
};
const BAD_DAY_CHANCE = 0.015;

// ---------------------------------------------------------------- time

const OFFSET = '+08:00';
const DAY_START = 8 * 60 + 30; // 08:30
const DAY_END = 18 * 60; // 18:00

function daysOfMonth(month) {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => ({
    date: `${month}-${pad2(i + 1)}`,
    weekday: new Date(Date.UTC(y, m - 1, i + 1)).getUTCDay(),
  }));
}

/** `2026-11-03T10:15:42+08:00` from a date and seconds after midnight. */
function at(date, seconds) {
  const s = Math.max(0, Math.min(86399, Math.round(seconds)));
  return `${date}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}${OFFSET}`;
}
const workTime = (r, date) => at(date, between(r, (DAY_START + 5) * 60, (DAY_END - 5) * 60));

// ---------------------------------------------------------------- events of one consultant-day

function businessEvent(r, p, date, type) {
  const channel = pick(r, p.teamKind === 'net' ? NET_CHANNELS : PHONE_CHANNELS);
  const base = { channel, medium: mediumOf(channel) };
  switch (type) {
    case 'consultation':
    case 'booking':
    case 'screening':
      return { type, at: workTime(r, date), attrs: base };
    case 'visit':
      return { type, at: workTime(r, date), attrs: { ...base, booked: r() < 0.9 } };
    case 'surgery': {
      const price = pick(
        r,
        PROJECTS.map(([, listPrice, w]) => [listPrice, w]),
      );
      // List price with the clinic's usual discounts; some fees are not round.
      const discount = pick(r, [
        [1, 50],
        [0.95, 15],
        [0.9, 15],
        [0.88, 10],
        [0.8, 10],
      ]);
      const amount = Math.round(price * between(r, 0.9, 1.2) * discount * 100) / 100;
      return { type, at: workTime(r, date), amount, attrs: base };
    }
    case 'call_not_fully_registered': {
      // Field names as in the store's REGISTRATION_FIELDS.
      const fields = ['age', 'region', 'source', 'project', 'contact', 'answer', 'customerName', 'question'];
      const missing = [fields[intBetween(r, 0, 5)]];
      if (r() < 0.3) missing.push(fields[intBetween(r, 0, 7)]);
      const fieldsMissing = [...new Set(missing)];
      return { type, at: workTime(r, date), attrs: { ...base, missing: fieldsMissing.join(','), missingCount: fieldsMissing.length } };
    }
    case 'follow_up_overdue':
      // Done late (minutes past the 30-minute deadline), or still not done.
      return {
        type,
        at: workTime(r, date),
        attrs: r() < 0.8 ? { ...base, done: true, minutes: intBetween(r, 1, 180) } : { ...base, done: false },
      };
    default:
      throw new Error(`unknown business type ${type}`);
  }
}

/** Everything but business events: faults, praise, attendance, forms, spot checks. */
function otherEvents(seed, p, day) {
  const r = rng(`${seed}:other:${p.id}:${day.date}`);
  const out = [];
  const working = day.weekday !== p.restDay;
  if (!working) return out;
  const { date } = day;

  // Attendance (004 考勤; 003 十一.4): late arrival, early leave, absence.
  if (r() < 0.004 * p.discipline) {
    out.push({ type: 'absence', at: at(date, DAY_START * 60), attrs: { days: r() < 0.6 ? 0.5 : 1 } });
    return out;
  }
  if (r() < 0.03 * p.punctuality) {
    const minutes = pick(r, [
      [intBetween(r, 1, 15), 70],
      [intBetween(r, 16, 60), 25],
      [intBetween(r, 61, 120), 5],
    ]);
    const early = r() < 0.2;
    out.push({
      type: 'late',
      at: at(date, (early ? DAY_END - minutes : DAY_START + minutes) * 60),
      attrs: { minutes, kind: early ? 'early_leave' : 'late' },
    });
  }

  // Faults found by a manager: rare, and now and then a bad day with the
  // same fault two to four times (what the daily thresholds are for).
  const faults = Object.entries(INFRACTION_RATES).map(([type, rate]) => [type, typeof rate === 'number' ? rate : rate[p.teamKind]]);
  for (const [type, rate] of faults) {
    for (let k = poisson(r, rate * p.discipline); k > 0; k--) out.push({ type, at: workTime(r, date) });
  }
  if (r() < BAD_DAY_CHANCE * p.discipline) {
    const type = pick(r, faults);
    for (let k = intBetween(r, 2, 4); k > 0; k--) out.push({ type, at: workTime(r, date) });
  }
  if (r() < 0.0004) out.push({ type: 'fraud', at: workTime(r, date) });

  // Praise from customers (留言、表扬信、锦旗).
  if (r() < 0.05 * p.skill) {
    out.push({
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
  }

  // Spot checks (抽查), about every ten working days.
  if (r() < 0.1) {
    out.push({ type: r() < 0.92 - 0.08 * p.discipline ? 'spot_check_pass' : 'spot_check_fail', at: workTime(r, date) });
  }

  // Team leads hand in the daily 考核表 and 登记表 (003 八.2).
  if (p.isLead) {
    for (const form of ['assessment', 'register']) {
      const quality = pick(r, [
        ['form_complete', 94],
        ['form_substandard', 4],
        ['form_wrong', 2],
      ]);
      out.push({ type: quality, at: at(date, between(r, 17 * 3600, 17.9 * 3600)), attrs: { form } });
      const timely = r() < 0.96 ? 'form_on_time' : 'form_late';
      out.push({ type: timely, at: at(date, between(r, 17 * 3600, 17.9 * 3600)), attrs: { form } });
    }
  }
  return out;
}

/** 小组不记名投票: on the month's last day every member votes for a teammate. */
function votes(seed, roster, profiles, lastDay) {
  const out = [];
  for (const team of roster.teams) {
    for (const voter of team.members) {
      const r = rng(`${seed}:vote:${voter}`);
      const candidates = team.members.filter((m) => m !== voter).map((m) => [m, profiles.get(m).skill ** 3]);
      const chosen = pick(r, candidates);
      out.push({ type: 'vote', consultant: chosen, at: at(lastDay, between(r, 17 * 3600, 17.5 * 3600)) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- exact totals (benchmarks)

/**
 * Spreads `total` over the cells in proportion to their weights, exactly:
 * floors first, then the largest remainders (ties to the lower index).
 */
function apportion(total, weights) {
  const sum = weights.reduce((s, w) => s + w, 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length][1]]++;
  return counts;
}

// ---------------------------------------------------------------- output

function makeWriter(path) {
  const fd = path ? openSync(path, 'w') : 1;
  let buffer = '';
  return {
    write(text) {
      buffer += text;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      if (buffer) writeSync(fd, buffer);
      if (path) closeSync(fd);
    },
  };
}

/** Key order of a RuleEvent, so every line reads the same way. */
function serialize(event) {
  const ordered = { id: event.id, type: event.type, consultant: event.consultant, at: event.at };
  if (event.amount !== undefined) ordered.amount = event.amount;
  if (event.attrs) ordered.attrs = event.attrs;
  return JSON.stringify(ordered);
}

// ---------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { seed, month } = opts;
  const roster = makeRoster(opts.consultants);
  const profiles = new Map();
  let index = 0;
  for (const team of roster.teams) {
    const teamKind = team.id.startsWith('net') ? 'net' : 'phone';
    team.members.forEach((id, k) => {
      profiles.set(id, makeProfile(seed, id, index++, teamKind, k === 0));
    });
  }
  const people = [...profiles.values()];
  const days = daysOfMonth(month);

  // Non-business events first (few), so --events can fill up exactly.
  const otherByDay = days.map((day) => people.flatMap((p) => otherEvents(seed, p, day).map((e) => ({ ...e, consultant: p.id }))));
  otherByDay[days.length - 1].push(...votes(seed, roster, profiles, days[days.length - 1].date));
  const otherCount = otherByDay.reduce((s, list) => s + list.length, 0);

  // Business events per consultant-day: Poisson at the profile's rate, or an
  // exact share of --events. Cells are (day, person) in a fixed order.
  const cells = [];
  for (const day of days) for (const p of people) cells.push({ day, p, working: opts.events !== undefined || day.weekday !== p.restDay });
  let counts;
  if (opts.events === undefined) {
    counts = cells.map(({ day, p, working }) => (working ? poisson(rng(`${seed}:count:${p.id}:${day.date}`), businessRate(p)) : 0));
  } else {
    const business = opts.events - otherCount;
    if (business < 0) fail(`--events ${opts.events} is below the ${otherCount} non-business events of this roster`);
    counts = apportion(
      business,
      cells.map(({ day, p }) => businessRate(p) * between(rng(`${seed}:weight:${p.id}:${day.date}`), 0.7, 1.3)),
    );
  }

  const writer = makeWriter(opts.out);
  const json = opts.format === 'json';
  if (json) writer.write('[\n');
  let written = 0;
  const [y, m] = month.split('-');
  for (let d = 0; d < days.length; d++) {
    const day = days[d];
    const events = [...otherByDay[d]];
    for (let c = d * people.length; c < (d + 1) * people.length; c++) {
      const { p } = cells[c];
      const r = rng(`${seed}:business:${p.id}:${day.date}`);
      const weights = businessWeights(p);
      for (let k = 0; k < counts[c]; k++) events.push({ ...businessEvent(r, p, day.date, pick(r, weights)), consultant: p.id });
    }
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.consultant < b.consultant ? -1 : a.consultant > b.consultant ? 1 : 0));
    for (const event of events) {
      event.id = `ev${y}${m}-${String(++written).padStart(7, '0')}`;
      writer.write(json ? `${written > 1 ? ',\n' : ''}${serialize(event)}` : `${serialize(event)}\n`);
    }
  }
  if (json) writer.write('\n]\n');
  writer.close();

  if (opts.rosterOut) {
    const w = makeWriter(opts.rosterOut);
    w.write(`${JSON.stringify(roster, null, 2)}\n`);
    w.close();
  }
  process.stderr.write(`generate-events: ${written} events, ${people.length} consultants, ${month}${opts.out ? ` -> ${opts.out}` : ''}\n`);
}

main();
