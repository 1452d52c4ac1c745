/**
 * Ledger measures (`deductions`, `points`; personal and team; day, week and
 * month windows; rank by points) over a random multi-week event set: the
 * output is compared, whole, with a golden file written by the evaluator
 * before its ledger lines were indexed by day, so that change kept every
 * total, flag and line — and the order of every `events` array.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Ledger, type RuleEvent, type Roster, type Scorecards } from '../src/index.js';
import { book } from './helpers.js';

const SOURCE = `rulebook "ledger windows"
point = 2 yuan
window day
timezone "Asia/Shanghai"
rude "态度": -3 per; >=2 => personal -5, team -4
late: -2 per, team -1 per
praise: +5 per, team +3 per
sale: 2% of amount, 1 per
help: +1 per; >=2 per week => personal 3
vote: rank per week => 1st 6, 2nd 3
top: rank points per week => 1st 5 yuan, 2nd 3 yuan
fd: deductions >= 5 => flag f
fw: deductions >= 12 per week each => -1
fm: tiers per month; points >= 10 => 40 yuan; points < 0 => flag below; else => flag even
tdw: team deductions >= 8 per week => flag team_bad
tpm: team points > 4 per month => team 20 yuan
pd: points <= -4 => flag bad_day
`;

const ROSTER: Roster = {
  teams: [
    { id: 'net', name: '网络', members: ['a', 'b', 'c', 'd'] },
    { id: 'phone', name: '电话', members: ['e', 'f', 'b'] },
    { id: 'empty', name: '空', members: [] },
  ],
};

const PERIOD = { from: '2026-10-26', to: '2026-12-13' };

/** mulberry32: a small seeded generator, so the event set is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function events(seed: number, n: number): RuleEvent[] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const types = ['rude', 'rude', 'late', 'late', 'praise', 'praise', 'sale', 'help', 'vote', 'vote', 'other'];
  const people = ['a', 'b', 'c', 'd', 'e', 'f'];
  // 2026-10-25T12:00Z .. 2026-12-14T12:00Z: a little outside the period on both sides
  const from = Date.UTC(2026, 9, 25, 12);
  const span = Date.UTC(2026, 11, 14, 12) - from;
  const out: RuleEvent[] = [];
  for (let i = 0; i < n; i++) {
    const type = pick(types);
    // minutes only, some events share an instant (ties are ordered by id)
    const at = new Date(from + Math.floor((rnd() * span) / 60000) * 60000).toISOString();
    const e: RuleEvent = { id: `g${String(i).padStart(4, '0')}`, type, consultant: pick(people), at };
    if (type === 'sale') e.amount = Math.round(rnd() * 500000) / 100;
    out.push(e);
  }
  out.push({ id: 'stranger', type: 'rude', consultant: 'zz', at: '2026-11-03T10:00:00+08:00' });
  out.push({ id: 'badtime', type: 'late', consultant: 'a', at: 'yesterday' });
  return out;
}

/** JSON laid out as Prettier lays it out (2 spaces, arrays of plain values on one line when they fit in 140 columns). */
function pretty(value: unknown, indent = '', lead = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const one = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      // `lead`: what precedes the array on its line; +1 for a comma after it
      if (lead + one.length + 1 <= 140) return one;
    }
    return `[\n${value.map((v) => inner + pretty(v, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  return `{\n${entries
    .map(([k, v]) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return head + pretty(v, inner, head.length);
    })
    .join(',\n')}\n${indent}}`;
}

/**
 * A ledger's or line's documented fields (what the golden file, written
 * before the integer fields existed, holds); its integers checked against them.
 */
function documented<T extends { fen?: number; centipoints?: number; money: number; points: number }>(x: T): Omit<T, 'fen' | 'centipoints'> {
  const { fen, centipoints, ...rest } = x;
  expect([Number.isInteger(fen), Number.isInteger(centipoints)]).toEqual([true, true]);
  expect([(fen ?? NaN) / 100, (centipoints ?? NaN) / 100]).toEqual([x.money, x.points]);
  return rest;
}

/** The golden text of an output: a line's source range is kept as its two offsets (a smaller file). */
function golden(out: Scorecards): string {
  const ledger = (l: Ledger) => ({
    ...documented(l),
    lines: l.lines.map((x) => ({ ...documented(x), range: x.range && [x.range.start.offset, x.range.end.offset] })),
  });
  const group = (cards: Record<string, Ledger>) => Object.fromEntries(Object.entries(cards).map(([k, v]) => [k, ledger(v)]));
  return `${pretty({ consultants: group(out.consultants), teams: group(out.teams), warnings: out.warnings })}\n`;
}

const rulebook = book(SOURCE);
const run = (list: RuleEvent[]): Scorecards => evaluate(rulebook, { events: list, roster: ROSTER, period: PERIOD });

describe('ledger measures over day, week and month windows', () => {
  const list = events(20261101, 200);
  const out = run(list);

  it('gives the same output as the golden file, line for line', async () => {
    await expect(golden(out)).toMatchFileSnapshot('./fixtures/ledger-windows.golden.json');
  });

  it('is deterministic and does not depend on the order of the input', () => {
    expect(run(list)).toEqual(out);
    const byTime = [...list].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : 1));
    const reversed = [...list].reverse();
    for (const other of [byTime, reversed]) {
      const o = run(other);
      expect(o.consultants).toEqual(out.consultants);
      expect(o.teams).toEqual(out.teams);
    }
  });

  it('flags exactly the days whose deductions from the other rules reach 5', () => {
    const ledger = new Set(['fd', 'fw', 'fm', 'tdw', 'tpm', 'pd']);
    let flagged = 0;
    for (const card of Object.values(out.consultants)) {
      const perDay = new Map<string, number>();
      for (const l of card.lines)
        if (!ledger.has(l.rule) && l.window && /^\d{4}-\d{2}-\d{2}$/.test(l.window) && l.points < 0)
          perDay.set(l.window, (perDay.get(l.window) ?? 0) - l.points);
      const expected = [...perDay].filter(([, d]) => d >= 5).map(([day]) => day);
      const got = card.lines.filter((l) => l.rule === 'fd').map((l) => l.window);
      expect(got.sort()).toEqual(expected.sort());
      flagged += got.length;
    }
    expect(flagged).toBeGreaterThan(5);
  });
});
