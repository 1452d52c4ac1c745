/**
 * The ratio defect of issue 11: a rule-level `where` on a ratio rule filtered
 * both sides, silently. `conv where booked = true: ratio(surgery / visit) per
 * month < 40% each 5% => -60 yuan` with two booked visits and one surgery
 * (derived surgery events carry no `booked`) scored −480 instead of 0.
 * Version 2 says which side a filter is on (`ratio(surgery / visit where
 * booked = true)`) and makes the rule-level form an error (`ratio-where`); a
 * stored program that still carries one filters the denominator only.
 */
import { describe, expect, it } from 'vitest';
import { compile, evaluate, type CompiledRulebook, type v2 } from '../../src/index.js';
import { ev, november, roster } from '../helpers.js';

const events = () => [
  ev('visit', 'li', '2026-11-03 10:00', { attrs: { booked: true } }),
  ev('visit', 'li', '2026-11-04 10:00', { attrs: { booked: true } }),
  ev('surgery', 'li', '2026-11-05 10:00'),
];

describe('ratio filters (issue 11 defect)', () => {
  it('a filter on the denominator does not touch the numerator: 1 surgery / 2 booked visits = 50%, no deduction', () => {
    const { rulebook } = compile('conv: ratio(surgery / visit where booked = true) per month < 40% each 5% => -60 yuan', {
      version: 2,
    });
    expect(rulebook).not.toBeNull();
    const cards = evaluate(rulebook as v2.CompiledRulebook, { events: events(), roster, period: november });
    expect(cards.consultants.li.fen).toBe(0);
  });

  it('the rule-level form is the error ratio-where', () => {
    const { rulebook, diagnostics } = compile('conv where booked = true: ratio(surgery / visit) per month < 40% each 5% => -60 yuan', {
      version: 2,
    });
    expect(rulebook).toBeNull();
    expect(diagnostics.map((d) => d.code)).toContain('ratio-where');
  });

  it('a stored version-1 program with a rule-level where on a ratio filters the denominator only (was −480)', () => {
    const { rulebook } = compile('conv: ratio(surgery / visit) per month < 40% each 5% => -60 yuan');
    const stored = JSON.parse(JSON.stringify(rulebook)) as CompiledRulebook;
    stored.rules[0].where = [{ field: 'booked', op: '=', value: true }];
    const cards = evaluate(stored, { events: events(), roster, period: november });
    expect(cards.consultants.li.fen).toBe(0);
    // and the denominator is filtered: one unbooked visit more changes nothing
    const more = [...events(), ev('visit', 'li', '2026-11-06 10:00')];
    expect(evaluate(stored, { events: more, roster, period: november }).consultants.li.fen).toBe(0);
  });
});
