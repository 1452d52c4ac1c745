/** Month-to-date (`asOf`, LANGUAGE.md §9.16): which lines are projected, and the ledgers' totals kept apart. */
import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../src/index.js';
import { windowEnd } from '../src/evaluate/as-of.js';
import { buildCalendar, windowsOf } from '../src/calendar.js';
import { book, ev, november, roster } from './helpers.js';

const DEC3 = '2026-11-03T10:00:00+08:00';
const AFTER = '2026-12-01T00:00:00+08:00';

function at(source: string, events: ReturnType<typeof ev>[], asOf?: string) {
  return evaluate(book(source), { events, roster, period: november }, asOf === undefined ? undefined : { asOf });
}

describe('asOf: month-end targets on the month so far', () => {
  const TARGET = 'appointment "有效预约" on booking: 5 yuan per; <25 per month each => -20 yuan';
  const events = [ev('booking', 'li', '2026-11-01 10:00'), ev('booking', 'li', '2026-11-02 11:00')];

  it('a `<` target of an open month is projected; the per-event lines are confirmed', () => {
    const li = at(TARGET, events, DEC3).consultants.li;
    const target = li.lines.find((l) => l.window === '2026-11')!;
    expect(target).toMatchObject({ count: 23, fen: -46000, projected: true });
    expect(li.lines.filter((l) => l.window !== '2026-11').every((l) => l.projected === undefined)).toBe(true);
    // Totals: the confirmed lines only (2 × 5 yuan); the target apart.
    expect(li.fen).toBe(1000);
    expect(li.money).toBe(10);
    expect(li.projected).toEqual({ points: 0, money: -460, centipoints: 0, fen: -46000 });
  });

  it('once the month has ended (asOf at its local midnight) the same line is confirmed and counted', () => {
    const li = at(TARGET, events, AFTER).consultants.li;
    expect(li.lines.some((l) => l.projected)).toBe(false);
    expect(li.projected).toBeUndefined();
    expect(li.fen).toBe(1000 - 46000);
  });

  it('without asOf the result is exactly that of before (every window ended)', () => {
    const plain = at(TARGET, events);
    expect(JSON.stringify(plain)).toBe(JSON.stringify(at(TARGET, events, AFTER)));
    expect(JSON.stringify(plain)).not.toContain('projected');
  });

  it('a `>=` threshold that already fired is settled (counts only grow); a `=` is not', () => {
    const three = [0, 1, 2].map((i) => ev('booking', 'li', `2026-11-0${i + 1} 10:00`));
    const ge = at('b on booking: >=3 per month => flag steady', three, DEC3).consultants.li;
    expect(ge.lines).toHaveLength(1);
    expect(ge.lines[0].projected).toBeUndefined();
    expect(ge.flags).toEqual(['steady']);
    const eq = at('b on booking: =3 per month => 10 yuan', three, DEC3).consultants.li;
    expect(eq.lines[0].projected).toBe(true);
    expect(eq.fen).toBe(0);
    expect(eq.projected?.fen).toBe(1000);
  });

  it('tiers, ratios, `all` and rank of an open month are projected; a day window that has ended is not', () => {
    const ev3 = [
      ev('visit', 'li', '2026-11-01 10:00'),
      ev('visit', 'li', '2026-11-02 10:00'),
      ev('visit', 'wang', '2026-11-02 10:00'),
      ev('surgery', 'li', '2026-11-02 12:00'),
    ];
    const src = [
      'tier on visit: tiers per month; >=2 => 5 yuan per; else => 1 yuan per',
      'conv: ratio(surgery / visit) per month >= 30% => 50 yuan',
      'together on visit: all >= 1 per month => 20 yuan',
      'best on visit: rank per month => 1st 10 yuan',
      'few on visit: <2 per day => -1 yuan',
    ].join('\n');
    const cards = at(src, ev3, DEC3);
    const li = cards.consultants.li.lines;
    for (const rule of ['tier', 'conv', 'together', 'best']) {
      const lines = li.filter((l) => l.rule === rule);
      expect(lines.length, rule).toBeGreaterThan(0);
      expect(
        lines.every((l) => l.projected === true),
        rule,
      ).toBe(true);
    }
    // `<2 per day`: one visit on Nov 1 and on Nov 2, days that ended before Nov 3, 10:00 (confirmed); Nov 3 … 30 have not (projected).
    const few = li.filter((l) => l.rule === 'few');
    expect(few.filter((l) => !l.projected).map((l) => l.window)).toEqual(['2026-11-01', '2026-11-02']);
    expect(few.filter((l) => l.projected)).toHaveLength(28);
    expect(few.find((l) => l.window === '2026-11-03')?.projected).toBe(true);
    // The team's `all` line too, kept out of the team's totals.
    expect(cards.teams.net.lines.every((l) => l.projected === true)).toBe(true);
    expect(cards.teams.net.fen).toBe(0);
  });

  it('a ledger condition of an open month is projected, and a ledger line reading a projected line is too', () => {
    const src = [
      'miss on booking: <3 per month => -5',
      'cap: deductions >= 5 per month => flag warned',
      'daycap: deductions >= 5 per day => flag day_warned',
    ].join('\n');
    const li = at(src, [ev('booking', 'li', '2026-11-01 10:00')], DEC3).consultants.li;
    expect(li.lines.find((l) => l.rule === 'cap')?.projected).toBe(true);
    // Nov 1 has ended, but its deductions include the month's projected target line.
    expect(li.lines.find((l) => l.rule === 'daycap')?.projected).toBe(true);
    expect(li.flags).toEqual(['warned', 'day_warned']);
  });

  it('a window ends at the local midnight after its last day, in the rulebook time zone', () => {
    const shanghai = buildCalendar('Asia/Shanghai', november);
    const end = (unit: 'day' | 'week' | 'month', key: string, cal = shanghai) =>
      windowEnd(
        cal,
        windowsOf(cal, unit).find((s) => s.key === key)!,
      );
    expect(end('month', '2026-11')).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(end('week', '2026-W45')).toBe(Date.parse('2026-11-08T16:00:00Z'));
    // A week straddling the period's end: its days inside the period end with the period.
    expect(end('week', '2026-W49')).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(end('day', '2026-11-03', buildCalendar('UTC', november))).toBe(Date.parse('2026-11-04T00:00:00Z'));
    const src = 'm on booking: <5 per month => -1 yuan';
    const one = [ev('booking', 'li', '2026-11-01 10:00')];
    expect(at(src, one, '2026-11-30T23:59:59+08:00').consultants.li.lines[0].projected).toBe(true);
    expect(at(src, one, '2026-11-30T16:00:00Z').consultants.li.lines[0].projected).toBeUndefined();
  });

  it('an asOf that is not an instant with an offset is refused', () => {
    expect(() => at('m on booking: <5 per month => -1 yuan', [], '2026-11-03')).toThrow(RangeError);
  });
});

describe('asOf with a version-2 rulebook (its own evaluator)', () => {
  // `lead` and fixed pay make it rulecard/2: the target is projected as in version 1; fixed pay and `ever` are not.
  const V2 = [
    'appointment "有效预约" on booking: 5 yuan per, lead 1 yuan per; <25 per month each => -20 yuan',
    'allowance "全勤奖": every month => 200 yuan',
    'fraud: 0 per; >= 2 per ever => flag dismissal_review',
  ].join('\n');
  const events = [
    ev('booking', 'li', '2026-11-01 10:00'),
    ev('booking', 'li', '2026-11-02 11:00'),
    ev('fraud', 'li', '2026-11-01 09:00'),
    ev('fraud', 'li', '2026-11-02 09:00'),
  ];
  const score = (asOf?: string) =>
    evaluate(compile(V2, { version: 2 }).rulebook!, { events, roster, period: november }, asOf === undefined ? undefined : { asOf });

  it('projects the open month’s `<` target only; totals are the confirmed lines', () => {
    const li = score(DEC3).consultants.li;
    expect(li.lines.filter((l) => l.projected).map((l) => [l.rule, l.window, l.fen])).toEqual([['appointment', '2026-11', -46000]]);
    expect(li.flags).toEqual(['dismissal_review']);
    expect(li.fen).toBe(1000 + 20000);
    expect(li.projected?.fen).toBe(-46000);
    expect(JSON.stringify(score())).toBe(JSON.stringify(score(AFTER)));
  });
});
