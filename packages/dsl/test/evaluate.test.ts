import { describe, expect, it } from 'vitest';
import { daily, ev, november, roster, score } from './helpers.js';

const CANONICAL = 'rude_attitude: -8 per; >2 => personal -12, team -12';

describe('the canonical line (seed: 态度无礼或粗暴 -8/次, 超过两次 个人-12 集体-12)', () => {
  it('three rude incidents in a day: -24 and the clause once', () => {
    const events = [
      ev('rude_attitude', 'li', '2026-11-09 09:00'),
      ev('rude_attitude', 'li', '2026-11-09 11:00'),
      ev('rude_attitude', 'li', '2026-11-09 17:59'),
    ];
    const cards = score(CANONICAL, events);
    expect(cards.consultants.li.points).toBe(-36);
    expect(cards.consultants.li.money).toBe(-36);
    expect(cards.teams.net.points).toBe(-12);
    expect(cards.teams.phone.points).toBe(0);
    const lines = cards.consultants.li.lines;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ rule: 'rude_attitude', window: '2026-11-09', count: 3, points: -24, money: -24 });
    expect(lines[0].events).toEqual(events.map((e) => e.id).sort());
    expect(lines[1]).toMatchObject({ rule: 'rude_attitude', window: '2026-11-09', count: 1, points: -12 });
    expect(lines[1].events).toHaveLength(3);
    expect(cards.teams.net.lines).toEqual([
      expect.objectContaining({ rule: 'rude_attitude', window: '2026-11-09', points: -12, count: 1 }),
    ]);
  });

  it('two a day do not cross ">2"; the same two on different days neither', () => {
    const cards = score(CANONICAL, [
      ev('rude_attitude', 'li', '2026-11-09 09:00'),
      ev('rude_attitude', 'li', '2026-11-09 10:00'),
      ev('rude_attitude', 'li', '2026-11-10 10:00'),
    ]);
    expect(cards.consultants.li.points).toBe(-24);
    expect(cards.teams.net.points).toBe(0);
  });

  it('every roster member and team has a ledger even with nothing in it', () => {
    const cards = score(CANONICAL, []);
    expect(Object.keys(cards.consultants).sort()).toEqual(['li', 'wang', 'zhao']);
    expect(cards.consultants.wang).toEqual({ points: 0, money: 0, flags: [], lines: [], centipoints: 0, fen: 0 });
    expect(Object.keys(cards.teams).sort()).toEqual(['net', 'phone']);
  });
});

describe('windows in the rulebook time zone', () => {
  it('cuts days at local midnight, not UTC midnight', () => {
    // 23:30 and 00:30 Shanghai time are the same UTC date but different local days.
    const events = [
      ev('rude_attitude', 'li', '2026-11-09 22:00'),
      ev('rude_attitude', 'li', '2026-11-09 23:30'),
      { id: 'utc1', type: 'rude_attitude', consultant: 'li', at: '2026-11-09T16:30:00Z' }, // 00:30 on the 10th in Shanghai
    ];
    const cards = score(CANONICAL, events);
    expect(cards.consultants.li.points).toBe(-24);
    expect(cards.consultants.li.lines.map((l) => l.window)).toEqual(['2026-11-09', '2026-11-10']);
    // In UTC the three fall on the same day (14:00, 15:30, 16:30 UTC) and the clause fires.
    const utc = score(`timezone "UTC"\n${CANONICAL}`, events);
    expect(utc.consultants.li.points).toBe(-36);
  });

  it('names ISO weeks (Monday first) and cuts them on Monday', () => {
    const src = 'late: -1 per; >=2 per week => flag late_twice';
    // Sunday 8th and Monday 9th are in different ISO weeks.
    const a = score(src, [ev('late', 'li', '2026-11-08 09:00'), ev('late', 'li', '2026-11-09 09:00')]);
    expect(a.consultants.li.flags).toEqual([]);
    const b = score(src, [ev('late', 'li', '2026-11-09 09:00'), ev('late', 'li', '2026-11-15 20:00')]);
    expect(b.consultants.li.flags).toEqual(['late_twice']);
    expect(b.consultants.li.lines.find((l) => l.flag)?.window).toBe('2026-W46');
  });

  it('counts a week that straddles the period only inside the period', () => {
    const src = 'late: 0 per; >=2 per week => -5 yuan';
    const cards = score(src, [ev('late', 'li', '2026-10-31 09:00'), ev('late', 'li', '2026-11-01 09:00')]);
    expect(cards.consultants.li.money).toBe(0);
  });

  it('handles a zone with daylight saving time (America/New_York, 1 Nov 2026)', () => {
    const src = 'timezone "America/New_York"\nlate: -1 per; >=2 => flag two';
    // 00:30 and 23:30 local on the day clocks go back (25-hour day).
    const events = [
      { id: 'a', type: 'late', consultant: 'li', at: '2026-11-01T00:30:00-04:00' },
      { id: 'b', type: 'late', consultant: 'li', at: '2026-11-01T23:30:00-05:00' },
    ];
    const cards = score(src, events);
    expect(cards.consultants.li.flags).toEqual(['two']);
    expect(cards.consultants.li.lines[0].window).toBe('2026-11-01');
  });

  it('ignores events outside the period and warns about people not on the roster', () => {
    const cards = score(CANONICAL, [
      ev('rude_attitude', 'li', '2026-10-31 23:59'),
      ev('rude_attitude', 'li', '2026-12-01 00:00'),
      ev('rude_attitude', 'ghost', '2026-11-05 10:00'),
    ]);
    expect(cards.consultants.li.points).toBe(0);
    expect(cards.consultants.ghost).toBeUndefined();
    expect(cards.warnings).toEqual([expect.objectContaining({ code: 'not-on-roster' })]);
    expect(cards.warnings[0].event).toBeDefined();
  });
});

describe('per-event effects and money', () => {
  it('3% of a surgery fee split 2% personal / 1% team, half-up per event', () => {
    const cards = score('surgery: 2% of amount, team 1% of amount', [ev('surgery', 'zhao', '2026-11-06 10:00', { amount: 12345.67 })]);
    expect(cards.consultants.zhao.money).toBe(246.91);
    expect(cards.teams.phone.money).toBe(123.46);
    expect(cards.consultants.zhao.money + cards.teams.phone.money).toBeCloseTo(370.37, 10);
  });

  it('rounds each event, not the sum', () => {
    // 2% of 0.25 = 0.005 → 0.01 per event; three events 0.03 (the sum 0.015 would round to 0.02)
    const cards = score(
      'surgery: 2% of amount',
      [0, 1, 2].map((i) => ev('surgery', 'li', `2026-11-0${i + 1} 10:00`, { amount: 0.25 })),
    );
    expect(cards.consultants.li.money).toBe(0.03);
  });

  it('commissions by channel with where, and half-yuan amounts stay exact', () => {
    const src = `phone_visit on visit where channel = "phone": 10 yuan per, team 5 yuan per
phone_screening on booking where channel = "phone" and kind = "screening": 0.5 yuan per, team 0.5 yuan per`;
    const events = [
      ev('visit', 'zhao', '2026-11-04 10:00', { attrs: { channel: 'phone' } }),
      ev('visit', 'zhao', '2026-11-05 10:00', { attrs: { channel: 'online' } }),
      ...Array.from({ length: 7 }, (_, i) =>
        ev('booking', 'zhao', `2026-11-1${i} 10:00`, { attrs: { channel: 'phone', kind: 'screening' } }),
      ),
    ];
    const cards = score(src, events);
    expect(cards.consultants.zhao.money).toBe(13.5);
    expect(cards.consultants.zhao.points).toBe(0);
    expect(cards.teams.phone.money).toBe(8.5);
  });

  it('point value multiplies points into money', () => {
    const cards = score('point = 10 yuan\npraise: +10 per, team +5 per', [ev('praise', 'li', '2026-11-02 10:00')]);
    expect(cards.consultants.li).toMatchObject({ points: 10, money: 100 });
    expect(cards.teams.net).toMatchObject({ points: 5, money: 50 });
  });

  it('where compares numbers: late within 30–60 minutes', () => {
    const src = 'late_long on late where minutes > 30 and minutes <= 60: -20 yuan per';
    const cards = score(
      src,
      [30, 31, 60, 61].map((m, i) => ev('late', 'li', `2026-11-0${i + 1} 09:00`, { attrs: { minutes: m } })),
    );
    expect(cards.consultants.li.money).toBe(-40);
    expect(cards.consultants.li.lines.map((l) => l.window)).toEqual(['2026-11-02', '2026-11-03']);
  });
});

describe('threshold clauses', () => {
  it('">=2 a day" for impolite wording, in Chinese keywords', () => {
    const cards = score('礼貌用语不规范: -2 每次; >=2 => 个人 -5, 集体 -5', [
      ev('礼貌用语不规范', 'wang', '2026-11-12 09:00'),
      ev('礼貌用语不规范', 'wang', '2026-11-12 15:00'),
    ]);
    expect(cards.consultants.wang.points).toBe(-9);
    expect(cards.teams.net.points).toBe(-5);
  });

  it('several clauses of one rule are cumulative', () => {
    const cards = score(
      'x: -1 per; >=2 => -2 yuan; >=3 => -3 yuan',
      daily('x', 'li', 3).map((e) => ({ ...e, at: '2026-11-03T10:00:00+08:00' })),
    );
    expect(cards.consultants.li.money).toBe(-3 - 2 - 3);
  });

  it('`each` beyond and below a bound', () => {
    const more = score(
      'x: 0 per; >2 each => -1 yuan; >=4 each => -10 yuan',
      Array.from({ length: 5 }, (_, i) => ev('x', 'li', `2026-11-03 1${i}:00`)),
    );
    expect(more.consultants.li.money).toBe(-3 - 20);
    const less = score(
      'appointments on booking: 0 per; < 10 per month each => -5 yuan; <= 8 per month each => -1 yuan',
      daily('booking', 'li', 7),
    );
    expect(less.consultants.li.money).toBe(-15 - 2);
  });

  it('enumerates windows with no events: `< 10 per month` fires for an empty month', () => {
    const cards = score('appointments on booking: 0 per; < 10 per month each => -5 yuan', []);
    expect(cards.consultants.wang.money).toBe(-50);
    expect(cards.consultants.wang.lines[0]).toMatchObject({ window: '2026-11', count: 10, events: [] });
  });

  it('a range clause is inclusive at both ends', () => {
    const src = 'x: 0 per; 2..3 => flag two_or_three';
    const at = (n: number) => Array.from({ length: n }, (_, i) => ev('x', 'li', `2026-11-03 1${i}:00`));
    expect(score(src, at(1)).consultants.li.flags).toEqual([]);
    expect(score(src, at(2)).consultants.li.flags).toEqual(['two_or_three']);
    expect(score(src, at(3)).consultants.li.flags).toEqual(['two_or_three']);
    expect(score(src, at(4)).consultants.li.flags).toEqual([]);
  });
});

describe('tiers (first match wins)', () => {
  const BASE = `base_bonus "基本奖金" on visit: tiers per month;
  >30 => 50 yuan per; 20..30 => 40 yuan per; 10..19 => 30 yuan per; else => 10 yuan per`;
  const at = (n: number) => score(BASE, daily('visit', 'li', n)).consultants.li.money;

  it.each([
    [31, 31 * 50],
    [30, 30 * 40],
    [20, 20 * 40],
    [19, 19 * 30],
    [10, 10 * 30],
    [9, 9 * 10],
    [0, 0],
  ])('%i visits → %i yuan', (n, yuan) => {
    expect(at(n)).toBe(yuan);
  });

  it('names the month and the visits behind the line', () => {
    const cards = score(BASE, daily('visit', 'li', 12));
    expect(cards.consultants.li.lines).toEqual([
      expect.objectContaining({ rule: 'base_bonus', label: '基本奖金', window: '2026-11', count: 12, money: 360 }),
    ]);
    expect(cards.consultants.li.lines[0].events).toHaveLength(12);
  });
});

describe('team-wide `all`', () => {
  const SRC = 'team_bonus "团队奖金" on visit: all >= 20 per month => 200 yuan, team flag team_bonus_won';

  it('no bonus when one member has 19', () => {
    const cards = score(SRC, [...daily('visit', 'li', 20), ...daily('visit', 'wang', 19)]);
    expect(cards.consultants.li.money).toBe(0);
    expect(cards.teams.net.flags).toEqual([]);
  });

  it('every member at 20 → 200 each, the team flag once', () => {
    const cards = score(SRC, [...daily('visit', 'li', 20), ...daily('visit', 'wang', 25)]);
    expect(cards.consultants.li.money).toBe(200);
    expect(cards.consultants.wang.money).toBe(200);
    expect(cards.consultants.zhao.money).toBe(0);
    expect(cards.teams.net.flags).toEqual(['team_bonus_won']);
    expect(cards.teams.net.lines).toHaveLength(1);
  });
});

describe('ledger conditions', () => {
  it('personal deductions reach 50 in the month → flag (seed: 当月扣分达50分)', () => {
    const src = `rude_attitude: -8 per
forfeit "扣除当月绩效金": deductions >= 50 per month => flag forfeit_performance_bonus`;
    expect(score(src, daily('rude_attitude', 'li', 6)).consultants.li.flags).toEqual([]); // 48
    const cards = score(src, daily('rude_attitude', 'li', 7)); // 56
    expect(cards.consultants.li.flags).toEqual(['forfeit_performance_bonus']);
    expect(cards.consultants.li.lines.at(-1)).toMatchObject({ rule: 'forfeit', window: '2026-11', flag: 'forfeit_performance_bonus' });
    expect(cards.consultants.li.lines.at(-1)?.events).toHaveLength(7);
  });

  it('deductions ignore positive points; `points` is the net', () => {
    const src = `rude_attitude: -8 per
praise: +10 per
d: deductions >= 16 per month => flag d16
p: points >= 0 per month => flag net_ok`;
    const cards = score(src, [...daily('rude_attitude', 'li', 2), ...daily('praise', 'li', 2)]);
    expect(cards.consultants.li.flags).toEqual(['d16', 'net_ok']);
  });

  it('team deductions flag the team ledger', () => {
    const src = `x: team -30 per
dept "部门罚分": team deductions >= 50 per month => flag supervisor_allowance_withheld`;
    const cards = score(src, [ev('x', 'li', '2026-11-02 10:00'), ev('x', 'wang', '2026-11-20 10:00')]);
    expect(cards.teams.net.flags).toEqual(['supervisor_allowance_withheld']);
    expect(cards.consultants.li.flags).toEqual([]);
    expect(cards.teams.phone.flags).toEqual([]);
  });
});

describe('rank', () => {
  it('ties share the better place and the next is skipped; nobody at 0 is ranked', () => {
    const src = 'best "月度优秀员工" on vote: rank per month => 1st 150 yuan, 2nd 100 yuan, 3rd 50 yuan';
    const cards = score(src, [...daily('vote', 'li', 5), ...daily('vote', 'wang', 5), ...daily('vote', 'zhao', 3)]);
    expect(cards.consultants.li.money).toBe(150);
    expect(cards.consultants.wang.money).toBe(150);
    expect(cards.consultants.zhao.money).toBe(50);
    const none = score(src, [...daily('vote', 'li', 2)]);
    expect(none.consultants.li.money).toBe(150);
    expect(none.consultants.wang.money).toBe(0);
  });

  it('rank points ranks by net points of the other rules', () => {
    const src = `praise: +5 per
top: rank points per month => 第1名 100 元`;
    const cards = score(src, [...daily('praise', 'li', 2), ...daily('praise', 'zhao', 3)]);
    expect(cards.consultants.zhao.money).toBe(115);
    expect(cards.consultants.li.money).toBe(10);
  });
});

describe('ratios (exact rationals)', () => {
  const conv = (paid: number, visits: number, src: string) => {
    const events = [...daily('visit', 'li', visits), ...daily('paid_visit', 'li', paid)];
    return score(src, events).consultants.li.money;
  };

  it('< 60% each 5%: fires once at 55% and not at 59%', () => {
    const src = 'conversion "客户转化率": ratio(paid_visit / visit) per month < 60% each 5% => -50 yuan';
    expect(conv(11, 20, src)).toBe(-50);
    expect(conv(59, 100, src)).toBe(0);
    expect(conv(10, 20, src)).toBe(-100);
  });

  it('>= 80% each 5%: 0 times at exactly 80%, twice at 90%', () => {
    const src = 'good: ratio(paid_visit / visit) per month >= 80% each 5% => 20 yuan';
    expect(conv(8, 10, src)).toBe(0);
    expect(conv(9, 10, src)).toBe(40);
  });

  it('7/10 is exactly 70% (no float drift)', () => {
    expect(conv(7, 10, 'r: ratio(paid_visit / visit) per month = 70% => 1 yuan')).toBe(1);
    expect(conv(7, 10, 'r: ratio(paid_visit / visit) per month < 70% => 1 yuan')).toBe(0);
  });

  it('no events of the second type: the clause does not fire', () => {
    expect(conv(0, 0, 'r: ratio(paid_visit / visit) per month < 60% => -100 yuan')).toBe(0);
  });
});

describe('seed cases end to end', () => {
  it('scores the roster of the conformance example', () => {
    const cards = score(
      CANONICAL,
      Array.from({ length: 4 }, (_, i) => ev('rude_attitude', 'li', `2026-11-09 1${i}:00`)),
      november,
      roster,
    );
    expect(cards.consultants.li).toMatchObject({ points: -44, money: -44 });
    expect(cards.teams.net).toMatchObject({ points: -12, money: -12 });
  });
});

describe('exact integers: fen and centipoints on every ledger and line', () => {
  it('a point worth 3.33 yuan, -1.5 points an event: lines rounded on their own, the ledger once on its total', () => {
    const cards = score('point = 3.33 yuan\na: -1.5 per', [
      ev('a', 'li', '2026-11-02 10:00'),
      ev('a', 'li', '2026-11-03 10:00'),
      ev('a', 'li', '2026-11-04 10:00'),
    ]);
    const li = cards.consultants.li;
    // each line: -150 centipoints × 333 fen / 100 = -499.5 → -500 fen
    expect(li.lines.map((l) => [l.centipoints, l.fen, l.points, l.money])).toEqual([
      [-150, -500, -1.5, -5],
      [-150, -500, -1.5, -5],
      [-150, -500, -1.5, -5],
    ]);
    // the ledger: -450 × 333 / 100 = -1498.5 → -1499 fen, not the lines' -1500
    expect([li.centipoints, li.fen, li.points, li.money]).toEqual([-450, -1499, -4.5, -14.99]);
  });

  it('percentages of amounts in fen: 3% of 12,345.67 yuan is 37,037 fen, the team 1% 12,346', () => {
    const cards = score('surgery: 3% of amount, team 1% of amount', [ev('surgery', 'li', '2026-11-02 10:00', { amount: 12345.67 })]);
    expect([cards.consultants.li.fen, cards.consultants.li.money]).toEqual([37037, 370.37]);
    expect([cards.teams.net.fen, cards.teams.net.lines[0].fen]).toEqual([12346, 12346]);
  });
});
