/**
 * Each §9 form written with English keywords and with Chinese keywords
 * scores identically: the same scorecards (lines, totals, flags, warnings)
 * over generated events of every type the form names, on a roster with
 * roles, a lead, pay items and targets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Roster, RuleEvent, Scorecards } from '../../src/index.js';
import { PAIRS } from './pairs.js';
import { program, run } from './helpers.js';

const roster: Roster = {
  teams: [
    { id: 'net', members: ['li', 'wang'], lead: 'li' },
    { id: 'phone', members: ['zhao'] },
  ],
  members: [
    { id: 'li', role: 'lead', joined: '2025-03-01', pay: { bonus: 1200, base: 3500 }, targets: { sales: 50000 } },
    { id: 'wang', role: 'consultant', joined: '2026-10-15', pay: { bonus: 800, base: 3000 }, targets: { sales: 30000 } },
    { id: 'zhao', role: 'manager', pay: { bonus: 1000 } },
  ],
};

/** Every event type a program reads. */
function typesOf(source: string): string[] {
  const types = new Set<string>();
  for (const r of program(source).rules) {
    for (const t of r.eventTypes ?? (r.eventType ? [r.eventType] : [])) types.add(t);
    if (r.measure.kind === 'ratio') types.add(r.measure.numerator).add(r.measure.denominator);
  }
  return [...types];
}

/** Scorecards without what the source's wording decides (ranges). */
function meaning(cards: Scorecards): unknown {
  return JSON.parse(JSON.stringify(cards, (k, v: unknown) => (k === 'range' ? undefined : v)));
}

const people = ['li', 'wang', 'zhao'];
const eventsOf = (types: string[]) =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom(...types),
        who: fc.constantFrom(...people),
        day: fc.integer({ min: 0, max: 90 }),
        amount: fc.integer({ min: 0, max: 2_000_000 }),
        flag: fc.boolean(),
        n: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 60 },
    )
    .map((list) =>
      list.map((e, i): RuleEvent => {
        const date = new Date(Date.UTC(2026, 8, 1) + e.day * 86400000);
        const ymd = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
        const attrs = { booked: e.flag, satisfied: e.flag, kind: e.flag ? 'sick' : 'personal', score: e.n, minutes: e.n };
        return { id: `e${i}`, type: e.type, consultant: e.who, at: `${ymd}T10:00:00+08:00`, amount: e.amount / 100, attrs };
      }),
    );

describe('English and Chinese keywords score identically (every §9 pair)', () => {
  for (const [name, en, zh] of PAIRS)
    it(name, () => {
      const types = typesOf(en);
      const arb = types.length ? eventsOf(types) : fc.constant<RuleEvent[]>([]);
      fc.assert(
        fc.property(arb, (events) => {
          const period = { from: '2026-10-01', to: '2026-11-30' };
          expect(meaning(run(zh, events, roster, period))).toEqual(meaning(run(en, events, roster, period)));
        }),
        { numRuns: 15 },
      );
    });
});
