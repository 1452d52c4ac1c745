/**
 * What version-2 lines say about themselves besides their totals (the
 * scorecard explains them with it): a pay-item line its pay item, share and
 * the amount the share was taken from (§9.4); a streak line its windows
 * (§9.6); a rule a closed gate kept from applying, its flags and the rules
 * that raised them (§9.10, `Ledger.gated`). Numbers computed by hand above
 * each expectation.
 */
import { describe, expect, it } from 'vitest';
import type { Roster } from '../../src/index.js';
import { ev } from '../helpers.js';
import { run } from './helpers.js';

const roster: Roster = {
  teams: [{ id: 'net', members: ['li', 'wang'], lead: 'li' }],
  members: [
    { id: 'li', pay: { bonus: 3000, base: 3500 } },
    { id: 'wang', pay: { bonus: 1200.5 } },
  ],
};

describe('pay-item lines name the item, the share and the amount', () => {
  it('per event: the monthly amount, the share, one application and how many', () => {
    const src = 'pay bonus "奖金"\nabsence "扣半个月奖金": -50% of bonus per';
    const cards = run(
      src,
      [ev('absence', 'li', '2026-11-03 09:00'), ev('absence', 'wang', '2026-11-04 09:00'), ev('absence', 'wang', '2026-11-04 10:00')],
      roster,
    );
    // li: 50% of ¥3,000.00 = ¥1,500.00, once
    expect(cards.consultants.li.lines[0]).toMatchObject({
      fen: -150000,
      pay: [{ item: 'bonus', label: '奖金', percent: -50, monthlyFen: 300000, baseFen: 300000, fen: -150000, times: 1 }],
    });
    // wang: 50% of ¥1,200.50 = ¥600.25, twice on one day
    expect(cards.consultants.wang.lines[0]).toMatchObject({ count: 2, fen: -120050, pay: [{ baseFen: 120050, fen: -60025, times: 2 }] });
  });

  it('daily: the daily amount is the base (monthly ÷ workdays, to the fen)', () => {
    const src = 'pay base "基本工资"\nsick on leave: -40% of daily base per';
    const cards = run(src, [ev('leave', 'li', '2026-11-03 09:00')], roster);
    // 350000 / 21.75 = 16091.95… → 16092 fen; 40% → 6436.8 → 6437
    expect(cards.consultants.li.lines[0].pay).toEqual([
      { item: 'base', label: '基本工资', percent: -40, daily: true, monthlyFen: 350000, baseFen: 16092, fen: -6437, times: 1 },
    ]);
  });

  it('a clause: the share of the receiver (the lead’s bonus for a lead effect)', () => {
    const src = 'pay bonus\nfraud: 0 per; >= 2 per month => -100% of bonus, lead -10% of bonus';
    const cards = run(src, [ev('fraud', 'wang', '2026-11-03 09:00'), ev('fraud', 'wang', '2026-11-05 09:00')], roster);
    const wang = cards.consultants.wang.lines.find((l) => l.window === '2026-11');
    expect(wang?.pay).toEqual([{ item: 'bonus', percent: -100, monthlyFen: 120050, baseFen: 120050, fen: -120050, times: 1 }]);
    // the lead li: 10% of li's ¥3,000.00
    expect(cards.consultants.li.lines.find((l) => l.window === '2026-11')?.pay).toEqual([
      { item: 'bonus', percent: -10, monthlyFen: 300000, baseFen: 300000, fen: -30000, times: 1 },
    ]);
  });

  it('lines without a pay item carry none (a version-1 line is as before)', () => {
    const cards = run('late: -2 per; >= 2 per month => -50 yuan', [
      ev('late', 'li', '2026-11-03 09:00'),
      ev('late', 'li', '2026-11-04 09:00'),
    ]);
    for (const line of cards.consultants.li.lines) {
      expect(line.pay).toBeUndefined();
      expect(line.streak).toBeUndefined();
    }
    expect(cards.consultants.li.gated).toBeUndefined();
  });
});

describe('streak lines name their windows', () => {
  it('running 2: the two months in a row, this one last; sliding over three months', () => {
    const src = 'task_missed "未完成" on task: < 1 per month running 2 => -500 yuan';
    const cards = run(src, [ev('task', 'wang', '2026-09-10 10:00')], roster, { from: '2026-10-01', to: '2026-12-31' });
    // li: no task in Sep, Oct, Nov, Dec → fires in Oct (Sep–Oct), Nov, Dec
    expect(cards.consultants.li.lines.map((l) => l.streak)).toEqual([
      ['2026-09', '2026-10'],
      ['2026-10', '2026-11'],
      ['2026-11', '2026-12'],
    ]);
    // wang: a task in September breaks it there: Nov (Oct–Nov) and Dec
    expect(cards.consultants.wang.lines.map((l) => l.streak)).toEqual([
      ['2026-10', '2026-11'],
      ['2026-11', '2026-12'],
    ]);
  });

  it('a team streak of quarters, the earlier one before the period', () => {
    const src = 'late: team -30 per\nstreak: team deductions >= 50 per quarter running 2 => flag remove_supervisor';
    const at = ['2026-07-01', '2026-08-02', '2026-10-03', '2026-11-04'];
    const cards = run(
      src,
      at.map((d, i) => ev('late', i % 2 ? 'wang' : 'li', `${d} 10:00`)),
      roster,
      { from: '2026-10-01', to: '2026-12-31' },
    );
    // team deductions: Q3 60, Q4 60 → fires in Q4
    const flag = cards.teams.net.lines.find((l) => l.flag);
    expect(flag).toMatchObject({ rule: 'streak', window: '2026-Q4', flag: 'remove_supervisor', streak: ['2026-Q3', '2026-Q4'] });
  });
});

describe('gated rules name the flag that closed them and the rule that raised it', () => {
  it('a per-event rule and a clause under `unless flag`', () => {
    const src = [
      'low_spend "客单价低" on surgery: avg(amount) < 10000 per month => flag low_average_spend',
      'base_bonus on visit unless flag low_average_spend: 10 yuan per',
      'visits on visit unless flag low_average_spend: >= 2 per month => 100 yuan',
    ].join('\n');
    const events = [
      ev('surgery', 'wang', '2026-11-02 10:00', { amount: 5000 }),
      ev('visit', 'wang', '2026-11-03 10:00'),
      ev('visit', 'wang', '2026-11-04 10:00'),
      ev('visit', 'li', '2026-11-04 10:00'),
    ];
    const cards = run(src, events, roster);
    const wang = cards.consultants.wang;
    expect(wang.lines.map((l) => l.rule)).toEqual(['low_spend']);
    expect(wang.gated?.map((g) => [g.rule, g.window, g.count, g.events.length, g.flags, g.by])).toEqual([
      ['base_bonus', '2026-11-03', 1, 1, ['low_average_spend'], ['low_spend']],
      ['base_bonus', '2026-11-04', 1, 1, ['low_average_spend'], ['low_spend']],
      ['visits', '2026-11', 2, 2, ['low_average_spend'], ['low_spend']],
    ]);
    // li holds no flag: paid, nothing gated
    expect(cards.consultants.li.fen).toBe(1000);
    expect(cards.consultants.li.gated).toBeUndefined();
  });

  it('a rank: only who would have been ranked is written down; a team flag is held by the members', () => {
    const src = [
      'team_penalty on rude: team -30 per; >= 1 per month => team flag no_award',
      'best on vote unless flag no_award: rank per month => 1st 150 yuan',
    ].join('\n');
    const events = [ev('rude', 'wang', '2026-11-02 10:00'), ev('vote', 'li', '2026-11-03 10:00'), ev('vote', 'zhao', '2026-11-03 10:00')];
    const cards = run(src, events, { teams: [...roster.teams, { id: 'phone', members: ['zhao'] }], members: roster.members });
    expect(cards.consultants.li.gated?.map((g) => [g.rule, g.window, g.count, g.flags, g.by])).toEqual([
      ['best', '2026-11', 1, ['no_award'], ['team_penalty']],
    ]);
    expect(cards.consultants.wang.gated).toBeUndefined(); // no votes: would not have been ranked
    expect(cards.consultants.zhao.fen).toBe(15000);
  });
});
