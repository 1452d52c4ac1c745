/**
 * Properties of the version-2 evaluator: a version-1 rulebook scores the same
 * under version 2's pipeline as under version 1's; `a..b` and `running N`
 * fire exactly at their boundaries; `top P%` takes the members whose place
 * (ties sharing the better one) is within ceil(P% × ranked).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate as evaluateBoth, type CompiledRulebook, type Roster, type RuleEvent, type Scorecards } from '../../src/index.js';
import { evaluate as evaluateV1 } from '../../src/evaluate.js';
import { evaluateV2 } from '../../src/evaluate-v2.js';
import type { v2 } from '../../src/index.js';
import { november, roster } from '../helpers.js';
import { run } from './helpers.js';

const SOURCE = `point = 2 yuan
rude_attitude: -8 per; >2 => personal -12, team -12
praise: +6 per, team +3 per
late where minutes > 10: -1 per; >= 3 per week each => -5 yuan
visit: 10 yuan per
base on visit: tiers per month; >20 => 50 yuan per; 5..20 => 30 yuan per; else => 10 yuan per
surgery: 2% of amount, team 1% of amount
conv: ratio(surgery / visit) per month < 60% each 5% => -10 yuan
all_in on visit: all >= 3 per week => 20 yuan, team 5 yuan
best on praise: rank per month => 1st 100 yuan, 2nd 50 yuan
top: rank points per month => 1st 30 yuan
forfeit: deductions >= 50 per month => flag forfeit
team_bad: team deductions > 20 per week => team flag team_bad, team -3`;

const consultants = ['li', 'wang', 'zhao'];
const eventsArb = fc
  .array(
    fc.record({
      type: fc.constantFrom('rude_attitude', 'praise', 'late', 'visit', 'surgery', 'other'),
      consultant: fc.constantFrom(...consultants),
      day: fc.integer({ min: 0, max: 31 }),
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      amount: fc.integer({ min: 0, max: 5_000_000 }),
      minutes: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 150 },
  )
  .map((list) =>
    list.map((e, i): RuleEvent => {
      const day = e.day + 1;
      const date = day <= 30 ? `2026-11-${String(day).padStart(2, '0')}` : '2026-12-01';
      const hh = String(Math.floor(e.minute / 60)).padStart(2, '0');
      const mm = String(e.minute % 60).padStart(2, '0');
      return {
        id: `ev${i}`,
        type: e.type,
        consultant: e.consultant,
        at: `${date}T${hh}:${mm}:00+08:00`,
        amount: e.amount / 100,
        attrs: { minutes: e.minutes },
      };
    }),
  );

/** A ledger's lines as a sorted multiset (the two pipelines may write them in another order), and its totals. */
function normal(cards: Scorecards): unknown {
  const ledger = (l: Scorecards['consultants'][string]) => ({
    centipoints: l.centipoints,
    fen: l.fen,
    flags: [...l.flags].sort(),
    lines: l.lines.map((x) => JSON.stringify([x.rule, x.window, x.count, x.centipoints, x.fen, x.flag ?? '', [...x.events].sort()])).sort(),
  });
  const side = (rec: Record<string, Scorecards['consultants'][string]>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, ledger(v)]));
  return { consultants: side(cards.consultants), teams: side(cards.teams) };
}

describe('version 2 (properties)', () => {
  const { rulebook } = compile(SOURCE, { locale: 'en' });
  const v1 = rulebook as CompiledRulebook;

  it('a version-1 rulebook scores identically under the version-2 pipeline', () => {
    expect(v1.format).toBe('rulecard/1');
    fc.assert(
      fc.property(eventsArb, (events) => {
        const input = { events, roster, period: november };
        expect(normal(evaluateV2(v1 as unknown as v2.CompiledRulebook, input))).toEqual(normal(evaluateV1(v1, input)));
      }),
      { numRuns: 150 },
    );
  });

  it('the evaluator of both versions scores a version-1 rulebook exactly as version 1 (lines in order), adding only data warnings', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const input = { events, roster, period: november };
        const both = evaluateBoth(v1, input);
        const one = evaluateV1(v1, input);
        expect({ ...both, warnings: [] }).toEqual({ ...one, warnings: [] });
        expect(both.warnings.slice(0, one.warnings.length)).toEqual(one.warnings);
        expect(
          both.warnings.slice(one.warnings.length).every((w) => w.code === 'unused-event-type' || w.code === 'where-type-mismatch'),
        ).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('a..b fires exactly when a ≤ count ≤ b (both ends inclusive)', () => {
    const one: Roster = { teams: [{ id: 't', members: ['a'] }], members: [{ id: 'a', role: 'x' }] };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 10 }), (lo, span, n) => {
        const hi = lo + span;
        // `for` makes it a version-2 program
        const src = `x for role = "x": 0 per; ${lo}..${hi} per month => 1 yuan`;
        const events = Array.from({ length: n }, (_, i) => ({
          id: `e${i}`,
          type: 'x',
          consultant: 'a',
          at: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`,
        }));
        expect(run(src, events, one).consultants.a.fen).toBe(n >= lo && n <= hi ? 100 : 0);
      }),
      { numRuns: 200 },
    );
  });

  it('running N fires in a month exactly when the test held in it and the N − 1 months before (earlier months read)', () => {
    const one: Roster = { teams: [{ id: 't', members: ['a'] }] };
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (missed, n) => {
        // months 2026-06 … 2026-11; a task in a month breaks "< 1"; the period is Sep … Nov
        const months = ['06', '07', '08', '09', '10', '11'];
        const events = months.flatMap((m, i) =>
          missed[i] ? [] : [{ id: `t${m}`, type: 'task', consultant: 'a', at: `2026-${m}-10T10:00:00+08:00` }],
        );
        const src = `t on task: < 1 per month running ${n} => -1 yuan`;
        const cards = run(src, events, one, { from: '2026-09-01', to: '2026-11-30' });
        const want = [3, 4, 5]
          .filter((i) => i - n + 1 >= 0 && missed.slice(i - n + 1, i + 1).every(Boolean))
          .map((i) => `2026-${months[i]}`);
        expect(cards.consultants.a.lines.map((l) => l.window)).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('top P% with ties: a member gets it exactly when their place ≤ ceil(P% × ranked)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const r: Roster = { teams: [{ id: 't', members: ids }] };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }),
        fc.integer({ min: 1, max: 100 }),
        (votes, p) => {
          const events = ids.flatMap((id, k) =>
            Array.from({ length: votes[k] }, (_, i) => ({
              id: `${id}${i}`,
              type: 'vote',
              consultant: id,
              at: `2026-11-0${i + 1}T10:00:00+08:00`,
            })),
          );
          const cards = run(`best on vote: rank per month => top ${p}% 10 yuan`, events, r);
          const ranked = votes.filter((v) => v > 0);
          const cut = Math.ceil((p * ranked.length) / 100);
          ids.forEach((id, k) => {
            const v = votes[k];
            const place = 1 + ranked.filter((x) => x > v).length;
            expect(cards.consultants[id].fen).toBe(v > 0 && place <= cut ? 1000 : 0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
