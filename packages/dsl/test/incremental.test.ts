/**
 * Incremental scoring (@rulecard/dsl/incremental): any sequence of added,
 * replaced and removed events gives what one `evaluate` of the final events
 * gives — ledgers, flags and warnings — for clinic.rules and center.rules
 * (rankings across parts, team and lead effects, gates, streaks, `ever`
 * look-back) and a version-1 rulebook (with a ranking: the slow path).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, type EvaluateOptions, type RuleEvent } from '../src/index.js';
import { createEvaluation } from '../src/incremental.js';
import type { Roster, Scorecards } from '../src/types.js';

const root = path.resolve(import.meta.dirname, '../../..');
const source = (name: string) => readFileSync(path.join(root, 'examples/rulebooks', name), 'utf8');
const clinic = compile(source('clinic.rules'), { version: 2 }).rulebook!;
const center = compile(source('center.rules'), { version: 2 }).rulebook!;
const v1 = compile(
  [
    'rulebook "v1"',
    'point = 10 yuan',
    'window day',
    'rude_attitude "rude": -8 per; >2 => personal -12, team -12',
    'praise "praise": +10 per, team +5 per',
    'visit "visit": 10 yuan per',
    'team_bonus "team bonus" on visit: all >= 2 per month => 200 yuan',
    'best "best" on vote: rank per month => 1st 150 yuan, 2nd 100 yuan',
    'cap "cap": deductions >= 20 per month => flag capped',
  ].join('\n'),
).rulebook!;
/**
 * Rules of every kind a person is scored alone for (locality.ts): counts with streaks and `each`, several types,
 * awards, sums and averages, tiers, ratios with a filter, gates on personal flags (of a ledger rule too), `ever`
 * (each), pay items (daily), targets, `for` — and personal ledger measures reading them.
 */
const personal = compile(
  [
    'rulebook "kinds, personal"',
    'point = 10 yuan',
    'window day',
    'timezone "Asia/Shanghai"',
    'pay bonus "bonus"',
    'pay base "base"',
    'grace 1 month',
    'slip "slip": -3 per; >=2 => -4; >=2 per month running 2 => flag slipping',
    'bad on bad, worse where level > 2: -1 per; >= 3 per week each => -2 per',
    'praise "praise": +4 per; >=2 per month => +1 per',
    'sale on sale: 3% of amount; sum(amount) >= 5000 per month => 100 yuan',
    'quality on review: avg(score) < 60 per month => flag low_quality, -50 yuan',
    'tiered on call: tiers per week; >=5 => 3 yuan per; 2..4 => 2 yuan per; else => 1 yuan per',
    'conv: ratio(deal where medium = "phone" / lead) per month < 50% each 10% => -5 yuan',
    'gated on call unless flag low_quality, slipping: 1 yuan per; >=3 per month => 20 yuan',
    'fraud: -100 yuan per; >=2 per ever => flag dismissal, -100% of bonus',
    'fraud_each on fraud: 0 per; >=1 per ever each => -1',
    'sick on leave where kind = "sick": -40% of daily base per',
    'sales_target on sale: sum(amount) < target sales per month => -30 yuan',
    'senior on call for role = "senior": 2 yuan per',
    'netonly on call for team = "t1": >=2 per month => 5 yuan',
    'cap: deductions >= 10 per month => flag capped, -10% of bonus',
    'good: awards >= 8 per month => 30 yuan',
    'net: points < -5 per month => flag net_negative',
    'after_cap on call unless flag capped, net_negative: 2 yuan per; >=2 per month => flag busy',
    'quarterly on deal: >= 2 per quarter => 40 yuan',
  ].join('\n'),
  { version: 2 },
).rulebook!;
/** Rules of the kinds scored with a part (team and lead effects, `all`, `every`, ranks, team ledgers) beside personal ones. */
const mixed = compile(
  [
    'rulebook "kinds, all"',
    'point = 10 yuan',
    'window day',
    'timezone "Asia/Shanghai"',
    'pay bonus "bonus"',
    'slip "slip": -3 per; >=2 => -4, team -1; >=2 per month running 2 => flag slipping',
    'praise "praise": +4 per, team +1 per',
    'sale on sale: 3% of amount, lead 1% of amount; sum(amount) >= 5000 per month => 100 yuan',
    'quality on review: avg(score) < 60 per month => flag low_quality',
    'gated on call unless flag low_quality, slipping: 1 yuan per; >=3 per month => 20 yuan',
    'fraud: -100 yuan per; >=2 per ever => flag dismissal, -100% of bonus',
    'help on help: +2 per, team +1 per; >=2 => lead -1',
    'all_calls on call: all >= 1 per week => 5 yuan',
    'fixed unless flag capped: every month => 100 yuan',
    'cap: deductions >= 10 per month => flag capped, -10% of bonus',
    'best on vote unless flag capped: rank per month => 1st 50 yuan, top 50% 10 yuan',
    'best_team on sale: rank sum(amount) per month by team => 1st 20 yuan',
    'by_points: rank points per month => 1st 7 yuan',
    'team_cap: team deductions >= 8 per month => flag team_capped',
    'team_gated on deal unless flag team_capped: 1 yuan per',
    'team_streak: team deductions >= 3 per month running 2 => flag team_streak',
    'late on late: -1 per',
  ].join('\n'),
  { version: 2 },
).rulebook!;
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };

/** A clinic roster with everything the rules read (no `missing-…` or `no-team` warnings): teams with leads, pay, targets. */
const clinicRoster: Roster = {
  teams: [
    { id: 'net', name: 'net', members: ['c01', 'c02', 'c03', 'L1'], lead: 'L1' },
    { id: 'phone', name: 'phone', members: ['c04', 'c05'], lead: 'c04' },
    { id: 'walk', name: 'walk', members: ['c06', 'c07', 'L2'], lead: 'L2' },
  ],
  members: ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'L1', 'L2'].map((id, k) => ({
    id,
    role: id.startsWith('L') || id === 'c04' ? 'lead' : 'consultant',
    joined: k === 2 ? '2026-10-10' : '2025-01-01',
    pay: { bonus: 1000 + 100 * k },
    targets: { sales: 5000 + 1000 * k },
  })),
};
/** As the generator's bench roster: no pay, no targets, no leads (warned about), and one person in no team. */
const bareRoster: Roster = {
  teams: [
    { id: 't1', name: 't1', members: ['c01', 'c02', 'c03'] },
    { id: 't2', name: 't2', members: ['c04', 'c05'] },
  ],
  members: [{ id: 'x01' }],
};
const v1Roster: Roster = { teams: bareRoster.teams };
const centerRoster = JSON.parse(source('center.roster.json')) as Roster;

const CLINIC_TYPES = [
  'consultation',
  'call_not_fully_registered',
  'follow_up_overdue',
  'booking',
  'visit',
  'surgery',
  'screening',
  'rude_attitude',
  'impolite_wording',
  'praise',
  'fraud',
  'vote',
  'late',
  'absence',
  'survey',
  'spot_check_fail',
  'typo_type',
];
const CENTER_TYPES = [
  'training_exam',
  'late',
  'early_leave',
  'absence',
  'off_task',
  'survey',
  'records',
  'gambling',
  'hygiene',
  'special_award',
  'theft',
  'unapproved_leave',
  'typo',
];
const V1_TYPES = ['rude_attitude', 'praise', 'visit', 'vote', 'other'];
const KIND_TYPES = [
  'slip',
  'bad',
  'worse',
  'praise',
  'sale',
  'review',
  'call',
  'deal',
  'lead',
  'fraud',
  'leave',
  'help',
  'vote',
  'late',
  'typo',
];
/** For the kinds: two teams with leads (one lead outside the team), roles, grace, pay and targets for some only. */
const kindsRoster: Roster = {
  teams: [
    { id: 't1', name: 't1', members: ['k1', 'k2', 'k3'], lead: 'k1' },
    { id: 't2', name: 't2', members: ['k4', 'k5'], lead: 'boss' },
  ],
  members: [
    { id: 'k1', role: 'senior', joined: '2025-01-01', pay: { bonus: 2000, base: 4000 }, targets: { sales: 3000 } },
    { id: 'k2', role: 'junior', joined: '2026-10-20', pay: { bonus: 1500 }, targets: { sales: 2000 } },
    { id: 'k3', role: 'senior', joined: '2024-05-01', left: '2026-11-20', targets: { sales: 1000 } },
    { id: 'k4', joined: '2025-06-01', pay: { base: 3000 } },
    { id: 'boss', role: 'senior', pay: { bonus: 5000, base: 9000 }, targets: { sales: 0 } },
    { id: 'solo', role: 'junior', pay: { bonus: 100, base: 100 }, targets: { sales: 100 } },
  ],
};

function eventArb(types: string[], people: string[]): fc.Arbitrary<Omit<RuleEvent, 'id'>> {
  return fc
    .record({
      type: fc.constantFrom(...types),
      consultant: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...people) }, { weight: 1, arbitrary: fc.constant('nobody') }),
      // mostly the period; some months before it (streaks, `ever`), the odd bad time
      month: fc.constantFrom('2026-11', '2026-11', '2026-11', '2026-11', '2026-10', '2026-08', '2025-12'),
      day: fc.integer({ min: 1, max: 30 }),
      hour: fc.integer({ min: 0, max: 23 }),
      bad: fc.integer({ min: 0, max: 40 }),
      medium: fc.constantFrom('online', 'phone', 'walk_in', 7),
      level: fc.integer({ min: 0, max: 5 }),
      kind: fc.constantFrom('sick', 'annual'),
      minutes: fc.integer({ min: 1, max: 120 }),
      days: fc.constantFrom(0.5, 1),
      satisfied: fc.boolean(),
      score: fc.integer({ min: 0, max: 100 }),
      amount: fc.option(fc.integer({ min: 0, max: 30000 }), { nil: undefined }),
    })
    .map((r) => {
      const at = r.bad === 0 ? 'yesterday' : `${r.month}-${String(r.day).padStart(2, '0')}T${String(r.hour).padStart(2, '0')}:15:00+08:00`;
      const e: Omit<RuleEvent, 'id'> = {
        type: r.type,
        consultant: r.consultant,
        at,
        attrs: { medium: r.medium, minutes: r.minutes, days: r.days, satisfied: r.satisfied, score: r.score, level: r.level, kind: r.kind },
      };
      if (r.amount !== undefined) e.amount = r.amount;
      return e;
    });
}

type Op = { kind: 'add' | 'replace' | 'remove'; pick: number; event: Omit<RuleEvent, 'id'> };

function scenario(types: string[], people: string[], maxOps = 25) {
  const ev = eventArb(types, people);
  return fc.record({
    initial: fc.array(ev, { maxLength: 60 }),
    ops: fc.array(fc.record({ kind: fc.constantFrom<Op['kind']>('add', 'add', 'replace', 'remove'), pick: fc.nat(), event: ev }), {
      maxLength: maxOps,
    }),
  });
}

/** Runs the operations on an evaluation and on a plain array, checking the result against `evaluate` after each. */
function check(
  program: Parameters<typeof evaluate>[0],
  roster: Roster,
  { initial, ops }: { initial: Omit<RuleEvent, 'id'>[]; ops: Op[] },
  compare: (got: Scorecards, want: Scorecards) => void,
  options?: EvaluateOptions,
) {
  let n = 0;
  const withId = (e: Omit<RuleEvent, 'id'>): RuleEvent => ({ ...e, id: `e${++n}` }) as RuleEvent;
  const events = initial.map(withId);
  const incremental = createEvaluation(program, { events, roster, period: PERIOD }, options);
  compare(incremental.result(), evaluate(program, { events, roster, period: PERIOD }, options));
  for (const op of ops) {
    if (op.kind === 'add' || !events.length) {
      const e = withId(op.event);
      events.push(e);
      incremental.add(e);
    } else if (op.kind === 'replace') {
      const k = op.pick % events.length;
      // half the time the same id (an edit), else a new one
      const e = op.pick % 2 ? { ...withId(op.event), id: events[k].id } : withId(op.event);
      incremental.replace(events[k], e);
      events[k] = e;
    } else {
      const k = op.pick % events.length;
      incremental.remove(events[k]);
      events.splice(k, 1);
    }
    expect(incremental.events()).toEqual(events);
    compare(incremental.result(), evaluate(program, { events, roster, period: PERIOD }, options));
  }
}

const exactly = (got: Scorecards, want: Scorecards) => {
  expect(got).toEqual(want);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
};
const people = (roster: Roster) => [...new Set([...roster.teams.flatMap((t) => t.members), ...(roster.members ?? []).map((m) => m.id)])];
/** `INCR_RUNS=500 npx vitest run packages/dsl/test/incremental.test.ts` for a longer hunt. */
const RUNS = Number(process.env.INCR_RUNS ?? 40);

describe('incremental scoring equals a full evaluate', () => {
  it(
    'clinic.rules, a full roster: results equal, warnings in order',
    () => {
      fc.assert(
        fc.property(scenario(CLINIC_TYPES, people(clinicRoster)), (s) => check(clinic, clinicRoster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1301) },
      );
    },
    RUNS * 2000,
  );

  it(
    'clinic.rules, a roster without pay or targets',
    () => {
      fc.assert(
        fc.property(scenario(CLINIC_TYPES, people(bareRoster)), (s) => check(clinic, bareRoster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1302) },
      );
    },
    RUNS * 2000,
  );

  it(
    'center.rules (ranks by team, lead effects, quarters, `ever`)',
    () => {
      fc.assert(
        fc.property(scenario(CENTER_TYPES, people(centerRoster)), (s) => check(center, centerRoster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1303) },
      );
    },
    RUNS * 2000,
  );

  it(
    'a version-1 rulebook with a ranking (the slow path) and `all`',
    () => {
      expect(v1.format).toBe('rulecard/1');
      fc.assert(
        fc.property(scenario(V1_TYPES, people(v1Roster)), (s) => check(v1, v1Roster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1304) },
      );
    },
    RUNS * 2000,
  );

  it(
    'rules of every kind a person is scored alone for, with personal ledger measures and gates (long sequences)',
    () => {
      fc.assert(
        fc.property(scenario(KIND_TYPES, people(kindsRoster), 60), (s) => check(personal, kindsRoster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1305) },
      );
    },
    RUNS * 4000,
  );

  it(
    'the same month to date (`asOf`: projected lines)',
    () => {
      const asOf = { asOf: '2026-11-12T15:00:00+08:00' };
      fc.assert(
        fc.property(scenario(KIND_TYPES, people(kindsRoster)), (s) => check(personal, kindsRoster, s, exactly, asOf)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1306) },
      );
    },
    RUNS * 2000,
  );

  it(
    'personal rules beside team and lead effects, `all`, `every`, ranks (by points, by team, top P%), team ledgers and their gates',
    () => {
      fc.assert(
        fc.property(scenario(KIND_TYPES, people(kindsRoster), 60), (s) => check(mixed, kindsRoster, s, exactly)),
        { numRuns: RUNS, seed: Number(process.env.INCR_SEED ?? 1307) },
      );
    },
    RUNS * 4000,
  );

  it('one added event scores one part of the roster; a vote that changes a ranking scores the parts ranked with it', () => {
    const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00+08:00`;
    const events: RuleEvent[] = [
      { id: 'v1', type: 'vote', consultant: 'c01', at: at(3) },
      { id: 'v2', type: 'vote', consultant: 'c05', at: at(3) },
    ];
    const ev = createEvaluation(clinic, { events, roster: clinicRoster, period: PERIOD });
    expect(ev.stats.parts).toBe(4); // net, phone, walk, and events of no one on the roster
    ev.add({ id: 'a', type: 'booking', consultant: 'c02', at: at(4) });
    expect(ev.stats).toEqual({ scored: 0, parts: 4, whole: false, people: 1 }); // c02 alone, for `appointment`
    ev.add({ id: 'b', type: 'vote', consultant: 'c05', at: at(5) });
    expect(ev.stats.scored).toBe(2); // phone, then net (c01 moves to second place)
    const all = [
      ...events,
      { id: 'a', type: 'booking', consultant: 'c02', at: at(4) },
      { id: 'b', type: 'vote', consultant: 'c05', at: at(5) },
    ];
    exactly(ev.result(), evaluate(clinic, { events: all, roster: clinicRoster, period: PERIOD }));
    expect(() => ev.add({ id: 'a', type: 'visit', consultant: 'c01', at: at(6) })).toThrow(RangeError);
  });

  it('an event of a type no rule reads scores nothing; a personal rule scores its person alone, a team effect the part', () => {
    const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00+08:00`;
    const events: RuleEvent[] = [{ id: 's1', type: 'slip', consultant: 'k2', at: at(3) }];
    const ev = createEvaluation(personal, { events, roster: kindsRoster, period: PERIOD });
    const all = [...events];
    const step = (e: RuleEvent, stats: Partial<ReturnType<() => typeof ev.stats>>) => {
      ev.add(e);
      all.push(e);
      expect(ev.stats).toMatchObject(stats);
      exactly(ev.result(), evaluate(personal, { events: all, roster: kindsRoster, period: PERIOD }));
    };
    step({ id: 'u1', type: 'typo', consultant: 'k2', at: at(4) }, { scored: 0, people: 0 });
    step({ id: 's2', type: 'slip', consultant: 'k2', at: at(3) }, { scored: 0, people: 1 });
    step({ id: 'c1', type: 'call', consultant: 'k4', at: at(5) }, { scored: 0, people: 1 });
    ev.remove('u1');
    all.splice(
      all.findIndex((e) => e.id === 'u1'),
      1,
    );
    expect(ev.stats).toMatchObject({ scored: 0, people: 0 });
    exactly(ev.result(), evaluate(personal, { events: all, roster: kindsRoster, period: PERIOD }));
    // team and lead effects: the part; a flag only, but `rank points` reads every line (and its events): the part too
    const m = createEvaluation(mixed, { events, roster: kindsRoster, period: PERIOD });
    m.add({ id: 'h1', type: 'help', consultant: 'k2', at: at(6) });
    expect(m.stats).toMatchObject({ scored: 1, people: 0 });
    m.add({ id: 'r1', type: 'review', consultant: 'k2', at: at(6), attrs: { score: 90 } });
    expect(m.stats).toMatchObject({ scored: 1, people: 0 });
  });
});
