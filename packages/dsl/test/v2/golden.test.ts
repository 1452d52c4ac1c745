/**
 * Golden tests of the version-2 evaluator (LANGUAGE.md §9): each form with
 * numbers computed by hand in the comment above the expectation. Money is
 * checked in fen and points in centipoints (the ledgers' integers).
 */
import { describe, expect, it } from 'vitest';
import type { Roster, Scorecards } from '../../src/index.js';
import { ev } from '../helpers.js';
import { run, team } from './helpers.js';

const fen = (cards: Scorecards, who: string) => cards.consultants[who].fen;
const centi = (cards: Scorecards, who: string) => cards.consultants[who].centipoints;
const codes = (cards: Scorecards) => cards.warnings.map((w) => w.code);

describe('§9.2 lead target, §9.7 several types', () => {
  it('the lead of the member’s team receives lead effects; a team without a lead: warning no-lead', () => {
    const src = 'd on late, early_leave: -2 per; >= 3 => personal -5, lead -10 yuan';
    const events = [
      ev('late', 'wang', '2026-11-03 09:00'),
      ev('early_leave', 'wang', '2026-11-03 17:00'),
      ev('late', 'wang', '2026-11-03 18:00'),
      ...[1, 2, 3].map((h) => ev('late', 'zhao', `2026-11-04 0${h}:00`)),
    ];
    const cards = run(src, events);
    // wang: 3 × −2 − 5 = −11 points; li (lead of net) −10 yuan; zhao −11 points, phone has no lead
    expect(centi(cards, 'wang')).toBe(-1100);
    expect(fen(cards, 'li')).toBe(-1000);
    expect(centi(cards, 'zhao')).toBe(-1100);
    expect(codes(cards)).toContain('no-lead');
  });

  it('lead 1% of amount: the lead gets 1% of every member’s fee', () => {
    const cards = run('surgery: lead 1% of amount', [ev('surgery', 'wang', '2026-11-03 10:00', { amount: 12345.67 })]);
    // 1% of 1234567 fen = 12345.67 → 12346 fen
    expect(fen(cards, 'li')).toBe(12346);
    expect(fen(cards, 'wang')).toBe(0);
  });
});

describe('§9.3 for, every, grace, joined/left', () => {
  const roster: Roster = {
    teams: [{ id: 'net', members: ['li', 'wang'], lead: 'li' }],
    members: [
      { id: 'li', role: 'lead' },
      { id: 'wang', role: 'consultant', joined: '2026-10-15', left: '2026-11-20' },
    ],
  };
  it('for role = "lead": every month => 500 yuan pays the lead once a month', () => {
    const cards = run('allowance for role = "lead": every month => 500 yuan', [], roster);
    expect(fen(cards, 'li')).toBe(50000);
    expect(fen(cards, 'wang')).toBe(0);
    // `per month => …` means the same
    expect(run('allowance for role = "lead": per month => 500 yuan', [], roster).consultants.li.fen).toBe(50000);
  });

  it('for role != "lead": a member without a role fails it too', () => {
    const cards = run('x for role != "lead": -1 per', [ev('x', 'li', '2026-11-03 10:00'), ev('x', 'wang', '2026-11-03 10:00')], roster);
    expect(centi(cards, 'li')).toBe(0);
    expect(centi(cards, 'wang')).toBe(-100);
  });

  it('grace 1 month: joined 2026-10-15, October not scored, November is; nothing after left', () => {
    const src = 'grace 1 month\nrude: -8 per';
    const events = [ev('rude', 'wang', '2026-10-20 10:00'), ev('rude', 'wang', '2026-11-05 10:00'), ev('rude', 'wang', '2026-11-25 10:00')];
    const cards = run(src, events, roster, { from: '2026-10-01', to: '2026-11-30' });
    // only 11-05: Oct graced, 11-25 after left (11-20)
    expect(centi(cards, 'wang')).toBe(-800);
    expect(cards.consultants.wang.lines.map((l) => l.window)).toEqual(['2026-11-05']);
  });

  it('a graced member is not counted by `every` and not ranked', () => {
    const src = 'grace 1 month\nfixed: every month => 100 yuan\nbest on vote: rank per month => 1st 50 yuan';
    const cards = run(src, [ev('vote', 'wang', '2026-10-20 10:00')], roster, { from: '2026-10-01', to: '2026-10-31' });
    expect(fen(cards, 'wang')).toBe(0);
    expect(fen(cards, 'li')).toBe(10000);
  });
});

describe('§9.4 pay items and daily', () => {
  const roster: Roster = {
    teams: [{ id: 'net', members: ['li', 'wang'], lead: 'li' }],
    members: [
      { id: 'li', pay: { bonus: 1000, base: 4350 } },
      { id: 'wang', pay: { base: 3000 } },
    ],
  };
  it('P% of an item per event, daily base over workdays, the lead’s own bonus; a missing item is 0 with missing-pay', () => {
    const src = 'pay bonus\npay base\nabsence: -50% of bonus per\nsick: -40% of daily base per\nlate: lead -10% of bonus per';
    const events = [
      ev('absence', 'li', '2026-11-10 09:00'),
      ev('sick', 'li', '2026-11-11 09:00'),
      ev('absence', 'wang', '2026-11-10 09:00'),
      ev('late', 'wang', '2026-11-12 09:00'),
    ];
    const cards = run(src, events, roster);
    // li: −500 − 40% × (4350 / 21.75 = 200) = −80, and as lead −10% × 1000 = −100 → −680
    expect(fen(cards, 'li')).toBe(-68000);
    // wang has no bonus: 0, warned
    expect(fen(cards, 'wang')).toBe(0);
    expect(cards.warnings.filter((w) => w.code === 'missing-pay').map((w) => w.params?.member)).toEqual(['wang']);
  });

  it('workdays = 20; -200% of bonus in a clause is two months', () => {
    const src = 'pay bonus\nworkdays = 20\nsick: -10% of daily bonus per\nfraud: 0 per; >= 2 per month => -200% of bonus';
    const events = [ev('sick', 'li', '2026-11-02 09:00'), ev('fraud', 'li', '2026-11-03 09:00'), ev('fraud', 'li', '2026-11-04 09:00')];
    const cards = run(src, events, roster);
    // 1000 / 20 = 50 → 10% = −5; −2000
    expect(fen(cards, 'li')).toBe(-200500);
  });

  it('rounds half away from zero per application: 33.33% of 0.05 yuan ×3', () => {
    const r: Roster = { teams: [{ id: 't', members: ['a'] }], members: [{ id: 'a', pay: { bonus: 0.05 } }] };
    const cards = run(
      'pay bonus\nx: -50% of bonus per',
      [1, 2, 3].map((d) => ev('x', 'a', `2026-11-0${d} 09:00`)),
      r,
    );
    // 50% of 5 fen = 2.5 → 3 per event (away from zero) → −9
    expect(fen(cards, 'a')).toBe(-9);
  });
});

describe('§9.5 windows: quarter, year, ever', () => {
  it('< 3 per quarter in a November period counts November only (window 2026-Q4)', () => {
    const cards = run('q on visit: < 3 per quarter => -10 yuan', [
      ev('visit', 'li', '2026-10-05 10:00'),
      ev('visit', 'li', '2026-11-05 10:00'),
    ]);
    expect(fen(cards, 'li')).toBe(-1000);
    expect(cards.consultants.li.lines[0].window).toBe('2026-Q4');
  });

  it('>= 2 per ever fires once, on the day the count first holds, counting events before the period', () => {
    const src = 'fraud: 0 per; >= 2 per ever => -100 yuan, flag dismissal';
    const events = [ev('fraud', 'li', '2026-09-05 10:00'), ev('fraud', 'li', '2026-11-03 10:00'), ev('fraud', 'li', '2026-11-09 10:00')];
    const cards = run(src, events);
    expect(fen(cards, 'li')).toBe(-10000);
    expect(cards.consultants.li.flags).toEqual(['dismissal']);
    expect(cards.consultants.li.lines.map((l) => l.window)).toEqual(['2026-11-03', '2026-11-03']);
  });

  it('>= 2 per ever each fires on the 2nd, 3rd … event; a firing before the period is not a line', () => {
    const src = 'fraud: 0 per; >= 2 per ever each => -10 yuan';
    const events = ['2026-09-05', '2026-10-06', '2026-11-03', '2026-11-09'].map((d) => ev('fraud', 'li', `${d} 10:00`));
    // fires 10-06 (before), 11-03, 11-09
    expect(fen(run(src, events), 'li')).toBe(-2000);
  });
});

describe('§9.6 running N', () => {
  const src = 'window month\nt on task: < 1 per month running 2 => -500 yuan';
  it('holds in the window and the one before (earlier events read); sliding', () => {
    const events = [ev('task', 'wang', '2026-10-10 10:00')];
    const cards = run(src, events, team, { from: '2026-11-01', to: '2026-12-31' });
    // li: Oct, Nov, Dec all empty → fires Nov and Dec; wang: Oct has a task → fires Dec only
    expect(fen(cards, 'li')).toBe(-100000);
    expect(fen(cards, 'wang')).toBe(-50000);
  });

  it('team deductions >= 5 per month running 2 => flag (a ledger streak over earlier months)', () => {
    const s = 'window month\nrude: team -5 per\ndept: team deductions >= 5 per month running 2 => flag remove_supervisor';
    const events = [ev('rude', 'li', '2026-10-10 10:00'), ev('rude', 'li', '2026-11-10 10:00')];
    const cards = run(s, events);
    expect(cards.teams.net.flags).toEqual(['remove_supervisor']);
  });
});

describe('§9.8 sum, avg, awards, target', () => {
  const roster: Roster = {
    teams: [{ id: 'net', members: ['li', 'wang'] }],
    members: [
      { id: 'li', targets: { sales: 50000 } },
      { id: 'wang', targets: {} },
    ],
  };
  it('sum(amount) < target sales per month; a missing target does not fire (missing-target)', () => {
    const src = 'sales on surgery: sum(amount) < target sales per month => -100 yuan';
    const cards = run(src, [ev('surgery', 'li', '2026-11-03 10:00', { amount: 49999.99 })], roster);
    expect(fen(cards, 'li')).toBe(-10000);
    expect(fen(cards, 'wang')).toBe(0);
    expect(codes(cards)).toContain('missing-target');
  });

  it('avg(amount) compares exactly; no events: does not fire', () => {
    const src = 'low on surgery: avg(amount) < 10000 per month => -50 yuan';
    const events = [
      ev('surgery', 'li', '2026-11-03 10:00', { amount: 10000 }),
      ev('surgery', 'li', '2026-11-04 10:00', { amount: 9999.99 }),
    ];
    // avg = 9999.995 < 10000
    const cards = run(src, events, roster);
    expect(fen(cards, 'li')).toBe(-5000);
    expect(fen(cards, 'wang')).toBe(0);
  });

  it('sum(ATTR) leaves out events without it; each counts whole units', () => {
    const src = 'hours on overtime: sum(hours) > 2 per month each => 10 yuan';
    const events = [
      ev('overtime', 'li', '2026-11-03 10:00', { attrs: { hours: 2.5 } }),
      ev('overtime', 'li', '2026-11-04 10:00', { attrs: { hours: 2 } }),
      ev('overtime', 'li', '2026-11-05 10:00', { attrs: { hours: 'x' } }),
      ev('overtime', 'li', '2026-11-06 10:00'),
    ];
    // 4.5 > 2: ⌊4.5 − 2⌋ = 2 firings
    expect(fen(run(src, events, roster), 'li')).toBe(2000);
  });

  it('awards > 0 per year => 10 yuan per: each award point pays 10 yuan', () => {
    const src = 'good: +2.5 per, -1 per\nbonus: awards > 0 per year => 10 yuan per';
    const cards = run(src, [ev('good', 'li', '2026-11-03 10:00'), ev('good', 'li', '2026-11-04 10:00')], roster);
    // awards 5 (the positive parts), points 3 → 300 fen + 5 × 10 yuan
    expect(centi(cards, 'li')).toBe(300);
    expect(fen(cards, 'li')).toBe(300 + 5000);
  });
});

describe('§9.9 ratio filters', () => {
  it('each side takes its own filter', () => {
    const src = 'sat: ratio(survey where satisfied = true / survey) per month < 90% each 10% => -1';
    const events = [
      ev('survey', 'li', '2026-11-03 10:00', { attrs: { satisfied: true } }),
      ev('survey', 'li', '2026-11-04 10:00', { attrs: { satisfied: false } }),
      ev('survey', 'li', '2026-11-05 10:00', { attrs: { satisfied: false } }),
      ev('survey', 'li', '2026-11-06 10:00', { attrs: { satisfied: true } }),
    ];
    // 2/4 = 50% < 90%: ⌊40 / 10⌋ = 4 → −4 points
    expect(centi(run(src, events), 'li')).toBe(-400);
  });
});

describe('§9.10 gates', () => {
  it('a gated member gets nothing in the window; per-event effects are gated on the flag’s days', () => {
    const src = `window month
warned on x: 0 per; >= 1 per week => flag f
commission on visit unless flag f: 10 yuan per`;
    // week of 11-02..11-08 holds f for li: the visit on 11-04 pays nothing, 11-10 pays
    const cards = run(src, [
      ev('x', 'li', '2026-11-03 10:00'),
      ev('visit', 'li', '2026-11-04 10:00'),
      ev('visit', 'li', '2026-11-10 10:00'),
    ]);
    expect(fen(cards, 'li')).toBe(1000);
  });

  it('a flag on a team ledger is held by its members and its lead', () => {
    const src = `window month
rude: team -30 per
dept: team deductions >= 50 per month => team flag closed
allowance unless flag closed: every month => 500 yuan`;
    const cards = run(src, [ev('rude', 'wang', '2026-11-03 10:00'), ev('rude', 'wang', '2026-11-04 10:00')]);
    expect(fen(cards, 'li')).toBe(0);
    expect(fen(cards, 'wang')).toBe(0);
    expect(fen(cards, 'zhao')).toBe(50000);
  });
});

describe('§9.11 ranks', () => {
  const five: Roster = {
    teams: [
      { id: 'a', members: ['p1', 'p2', 'p3'] },
      { id: 'b', members: ['q1', 'q2'] },
    ],
  };
  const votes = (who: string, n: number) => Array.from({ length: n }, (_, i) => ev('vote', who, `2026-11-0${i + 1} 10:00`));

  it('by team ranks within each team', () => {
    const src = 'best on vote: rank per month by team => 1st 200 yuan, 2nd 100 yuan';
    const cards = run(src, [...votes('p1', 3), ...votes('p2', 2), ...votes('q1', 1), ...votes('q2', 4)], five);
    expect([fen(cards, 'p1'), fen(cards, 'p2'), fen(cards, 'p3'), fen(cards, 'q1'), fen(cards, 'q2')]).toEqual([
      20000, 10000, 0, 10000, 20000,
    ]);
  });

  it('rank sum(score): by a measure; Chinese ordinals; top P% with a tie at the cut', () => {
    const src = 'exam on test: rank sum(score) per month => 第一名 300 yuan, top 50% 100 yuan';
    const t = (who: string, score: number) => ev('test', who, '2026-11-03 10:00', { attrs: { score } });
    // scores 90, 80, 80, 10 → places 1, 2, 2, 4; ceil(50% × 4) = 2: p1 first place only, p2 and p3 top 50%
    const cards = run(src, [t('p1', 90), t('p2', 80), t('p3', 80), t('q1', 10)], five);
    expect([fen(cards, 'p1'), fen(cards, 'p2'), fen(cards, 'p3'), fen(cards, 'q1'), fen(cards, 'q2')]).toEqual([30000, 10000, 10000, 0, 0]);
  });
});

describe('§9.13 data warnings', () => {
  it('unused-event-type counts in-period events; where-type-mismatch names rule and field', () => {
    const src = 'conv on visit where booked = "yes": 1 yuan per';
    const events = [
      ev('visit', 'li', '2026-11-03 10:00', { attrs: { booked: true } }),
      ev('vist', 'li', '2026-11-03 10:00'),
      ev('vist', 'li', '2026-11-04 10:00'),
      ev('vist', 'li', '2026-10-04 10:00'),
    ];
    const cards = run(src, events);
    const unused = cards.warnings.find((w) => w.code === 'unused-event-type');
    expect(unused?.params).toEqual({ type: 'vist', count: '2' });
    const mismatch = cards.warnings.find((w) => w.code === 'where-type-mismatch');
    expect(mismatch?.params).toMatchObject({ rule: 'conv', field: 'booked', want: 'string', got: 'boolean' });
  });
});
