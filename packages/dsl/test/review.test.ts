/**
 * Review of packages/dsl against shared/product/LANGUAGE.md.
 *
 * The "P…"/"C…" tests are problems a review found (all fixed); each quotes
 * the contract sentence (or the reason) it checks. The "verified" tests pin
 * tricky cases: DST, ISO week 53, midnight edges, ties, ratios, BOM/CRLF.
 */
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './cli-helpers.js';
import { compile, evaluate, type RuleEvent, type Roster } from '../src/index.js';
import { book, ev, november, roster, score } from './helpers.js';

/** An event at an exact ISO instant (any offset). */
let n = 0;
const at = (type: string, consultant: string, iso: string, extra: Partial<RuleEvent> = {}): RuleEvent => ({
  id: `r${String(++n).padStart(4, '0')}`,
  type,
  consultant,
  at: iso,
  ...extra,
});
const d = (day: number, hh = '10:00') => `2026-11-${String(day).padStart(2, '0')} ${hh}`;

// ============================================================ confirmed problems

describe('confirmed problems', () => {
  // §3: "timezone … # IANA zone used to cut days/weeks/months". In zones whose
  // DST starts at 00:00 (America/Santiago, Africa/Cairo, Asia/Beirut…), the day
  // after the jump starts at the jump (01:00); localMidnight() returns 23:00 of
  // the previous day, so the last hour of the previous day is counted in the
  // next day.
  it('P1 DST at midnight: the last hour before the jump stays on its own day (America/Santiago)', () => {
    // Chile 2026: 2026-09-06 00:00 -04 → 01:00 -03. 23:30 -04 on the 5th is still the 5th.
    const cards = score('timezone "America/Santiago"\nx: 1 per', [at('x', 'li', '2026-09-05T23:30:00-04:00')], {
      from: '2026-09-05',
      to: '2026-09-07',
    });
    expect(cards.consultants.li.lines.map((l) => l.window)).toEqual(['2026-09-05']);
  });

  it('P1b DST at midnight: Africa/Cairo (2026-04-24 00:00 → 01:00)', () => {
    const cards = score('timezone "Africa/Cairo"\nx: 1 per', [at('x', 'li', '2026-04-23T23:30:00+02:00')], {
      from: '2026-04-23',
      to: '2026-04-24',
    });
    expect(cards.consultants.li.lines.map((l) => l.window)).toEqual(['2026-04-23']);
  });

  // §4.3 "Tiers: first match wins … only the first clause that matches applies".
  // `tiers` is accepted on ratio / ledger / `all` rules without a diagnostic,
  // but evaluate() applies first-match only to count rules: every matching
  // clause (and `else`, always) fires.
  it('P2 tiers on a ratio rule: only the first matching tier applies', () => {
    const src = 'c on b: tiers per month; ratio(a / b) < 60% => 1 yuan; ratio(a / b) < 80% => 2 yuan; else => 4 yuan';
    const { rulebook, diagnostics } = compile(src, { locale: 'en' });
    expect(diagnostics).toEqual([]);
    const events = [ev('b', 'li', d(2)), ev('b', 'li', d(2)), ev('a', 'li', d(2))]; // 1/2 = 50%: all three tiers match
    const li = evaluate(book(src), { events, roster, period: november }).consultants.li;
    expect(rulebook).not.toBe(null);
    expect(li.lines.map((l) => [l.rule, l.window, l.count, l.money])).toEqual([['c', '2026-11', 1, 1]]);
    expect(li.money).toBe(1);
  });

  it('P2b tiers on a ledger rule: only the first matching tier applies', () => {
    const src = 'x: -30 per\nc: tiers per month; deductions >= 20 => flag a; deductions >= 10 => flag b';
    expect(compile(src, { locale: 'en' }).diagnostics).toEqual([]);
    const li = evaluate(book(src), { events: [ev('x', 'li', d(2))], roster, period: november }).consultants.li; // deductions 30: both tiers match
    expect(li.flags).toEqual(['a']);
    expect(li.lines.filter((l) => l.rule === 'c').map((l) => [l.window, l.flag])).toEqual([['2026-11', 'a']]);
  });

  // §7: "attrs?: Record<string, string | number | boolean>" and §4 "`where`
  // filters on the event's `amount` and `attrs`". `where vip = true` compiles
  // silently (value becomes the string "true") and never matches a boolean
  // attr; `vip != true` matches every event. Either compare booleans or
  // diagnose.
  it('P3 where on a boolean attr: `where vip = true` matches {vip: true}, not {vip: false}', () => {
    expect(compile('x where vip = true: 1 per', { locale: 'en' }).diagnostics).toEqual([]);
    const events = [ev('x', 'li', d(2), { attrs: { vip: true } }), ev('x', 'li', d(2), { attrs: { vip: false } })];
    const li = score('x where vip = true: 1 per', events).consultants.li;
    expect(li.lines.map((l) => [l.count, l.points, l.events])).toEqual([[1, 1, [events[0].id]]]);
    expect(li.points).toBe(1);
  });

  // §7: "events of people not on the roster are not scored and produce a
  // warning". evaluate() only checks the roster for events whose type some
  // rule listens to.
  it('P4 a not-on-roster event of a type no rule uses still produces a warning', () => {
    const cards = score('x: 1 per', [ev('something_else', 'bob', d(2))]);
    // and, since version 2 (§9.13), the type no rule binds, with its count
    expect(cards.warnings.map((w) => w.code)).toEqual(['not-on-roster', 'unused-event-type']);
    expect(cards.warnings[1].params).toEqual({ type: 'something_else', count: '1' });
  });

  // §5: "A ledger's `money` is `points × point value + all yuan effects`" and
  // "Money is exact to the fen". Money of point effects is rounded per line
  // with Math.round (half toward +∞), so (a) -0.01 point at 0.5 yuan is 0 but
  // +0.01 is +0.01, and (b) the same 0.03 points give 0.03 or 0.02 yuan
  // depending on how the events spread over days.
  it('P5 money of fractional points: sign-symmetric rounding', () => {
    const cards = score('point = 0.5 yuan\nx: -0.01 per\ny: 0.01 per', [ev('x', 'li', d(2)), ev('y', 'wang', d(2))]);
    expect(cards.consultants.wang.money).toBe(0.01);
    expect(cards.consultants.li.money).toBe(-0.01);
  });

  it('P5b money = points × point value: independent of how events split into lines', () => {
    const src = 'point = 0.5 yuan\ny: 0.01 per';
    const sameDay = score(src, [ev('y', 'li', d(2)), ev('y', 'li', d(2)), ev('y', 'li', d(2))]).consultants.li;
    const threeDays = score(src, [ev('y', 'li', d(2)), ev('y', 'li', d(3)), ev('y', 'li', d(4))]).consultants.li;
    expect(threeDays.points).toBe(sameDay.points);
    expect(threeDays.money).toBe(sameDay.money); // 0.03 × 0.5 = 0.015 → 0.02; three-day split gives 0.03
  });

  // Adversarial: a finite event amount makes evaluate() throw
  // ("The number Infinity cannot be converted to a BigInt") — 1e307 yuan × 100
  // overflows to Infinity in yuanToFen before the BigInt path.
  it('P6 a huge but finite amount does not crash evaluate()', () => {
    expect(() => score('s: 1% of amount', [ev('s', 'li', d(2), { amount: 1e307 })])).not.toThrow();
  });

  // §5 "Money is exact to the fen … never a binary float drifting". A number
  // beyond 2^53 compiles without any diagnostic and silently becomes another
  // number (99999999999999999999 → 100000000000000000000).
  it('P7 numbers too large to be exact are diagnosed (bad-number), not silently rounded', () => {
    for (const src of ['x: 99999999999999999999 per', 'point = 99999999999999999.99 yuan\nx: 1 per']) {
      const { diagnostics } = compile(src, { locale: 'en' });
      expect(diagnostics.map((x) => x.code)).toContain('bad-number');
    }
  });

  // §6 "A typo gets a suggestion". `pre` for `per` (a transposition) gets no
  // suggestion, and the error blames `-8` with "expected … a number", which is
  // wrong: -8 is a number.
  it('P8 typo `pre` for `per`: unknown-keyword at `pre`, did you mean `per`', () => {
    const src = 'y: -8 pre; >2 => personal -12';
    const { diagnostics } = compile(src, { locale: 'en' });
    const e = diagnostics.find((x) => x.severity === 'error');
    expect(e?.range.start.offset).toBe(src.indexOf('pre'));
    expect(e?.code).toBe('unknown-keyword');
    expect(e?.fix?.replacement).toBe('per');
  });

  // §6 "A typo gets a suggestion". A misspelt setting keyword is read as a
  // rule head: "unexpected `week`, expected `:`", no suggestion.
  it('P9 typo in a setting keyword: `windw week` suggests `window`', () => {
    const { rulebook, diagnostics } = compile('windw week\nx: 1 per', { locale: 'en' });
    expect(rulebook).toBe(null);
    expect(
      diagnostics.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.column, x.range.end.column, x.fix?.replacement]),
    ).toEqual([['unknown-keyword', 'error', 1, 1, 6, 'window']]); // not also zero-effect: the line is a misspelt setting, not a rule
  });

  // §6 "Every problem is a diagnostic with a range (1-based line and column,
  // 0-based offset)". compile() caches parsed statements and, when the same
  // statement text comes back at another place (an editor re-checking after
  // lines were inserted above), moves the cached AST in place with moveBy().
  // Range tests share Position objects (to-ast.ts: `{ start: l.range.start,
  // end: h.range.end }`), so those positions are moved twice or more and the
  // checker's diagnostics point at the wrong line/offset.
  it('P11 a re-compile after inserting lines above reports ranges at the right place (statement cache)', () => {
    const src = 'rv_a: 1 per; 5..3 => 1\nrv_b on v: tiers per month; 10..20 => 1 yuan; 20..30 => 2 yuan';
    const first = compile(src, { locale: 'en' });
    expect(first.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.offset])).toEqual([
      ['range-empty', 1, 13],
      ['tier-gap', 2, 34],
      ['tier-overlap', 2, 69],
    ]);
    const shifted = compile(`\n\n\n${src}`, { locale: 'en' });
    expect(shifted.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.offset])).toEqual([
      ['range-empty', 4, 16],
      ['tier-gap', 5, 37],
      ['tier-overlap', 5, 72],
    ]);
  });

  // §7 "at: string; // ISO 8601 with offset". 2026-02-30 is not a date. The
  // hand-written fast path of parseInstant() rejects it (warning
  // bad-event-time), but any other spelling (no seconds, milliseconds) falls
  // back to Date.parse, which V8 rolls over to 2026-03-02 — the same bad time
  // is then scored on another day.
  it('P12 an impossible calendar date is never scored on another day, whatever its spelling', () => {
    const period = { from: '2026-02-01', to: '2026-03-31' };
    const cards = score(
      'x: 1 per',
      [at('x', 'li', '2026-02-30T10:00:00+08:00'), at('x', 'li', '2026-02-30T10:00+08:00'), at('x', 'li', '2026-02-30T10:00:00.000+08:00')],
      period,
    );
    expect(cards.consultants.li.lines).toEqual([]);
    expect(cards.warnings.map((w) => w.code)).toEqual(['bad-event-time', 'bad-event-time', 'bad-event-time']);
  });

  // §4.2 "`each`: fires once for every event beyond the bound: for `>N`,
  // `count − N` times". Inside `tiers` the `each` is accepted without a
  // diagnostic and silently ignored (5 events, `>2 each` → once, not 3 times).
  it('P13 `each` inside tiers is diagnosed (each-in-tiers), not silently dropped', () => {
    const { rulebook, diagnostics } = compile('b on v: tiers per month; >2 each => 1 yuan; else => flag z', { locale: 'en' });
    expect(rulebook).toBe(null);
    expect(diagnostics.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.column])).toEqual([
      ['each-in-tiers', 'error', 1, 26],
    ]);
  });

  // §4.2 "The count is the number of the rule's matching events of one
  // consultant in one window (the clause's `per WINDOW` …)". In tiers every
  // clause is evaluated over the first clause's window; a tier written
  // `per week` silently counts per month.
  it('P14 a tier clause with its own `per week` is diagnosed (tier-window on each), not counted per month', () => {
    const { rulebook, diagnostics } = compile('b on v: tiers; >2 per month => 1 yuan; >0 per week => 2 yuan', { locale: 'en' });
    expect(rulebook).toBe(null);
    expect(diagnostics.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.column])).toEqual([
      ['tier-gap', 'warning', 1, 9],
      ['tier-window', 'error', 1, 16],
      ['tier-window', 'error', 1, 40],
      ['tier-overlap', 'warning', 1, 40],
    ]);
  });

  // §4.5 "`deductions` is the sum of the absolute values of the negative
  // points a consultant received". Per-event effects of one rule are summed
  // into one line first, so `-8 per, +6 per` yields deductions 2, not 8.
  // (Arguable: an odd rule, but the sentence is about negative points received.)
  it('P10 deductions count the negative effect, not the net of one rule’s per-event effects', () => {
    const cards = score('x: -8 per, +6 per\nf: deductions >= 8 per month => flag f', [ev('x', 'li', d(2))]);
    expect(cards.consultants.li.flags).toEqual(['f']);
  });
});

// ------------------------------------------------------------ CLI problems

const { file } = scratch('rulecard-review-');

const RULES = file('r.rules', 'x: 1 per\n');
const ROSTER = file('roster.json', JSON.stringify({ teams: [{ id: 't', members: ['li'] }] }));
const good = JSON.stringify({ id: 'a', type: 'x', consultant: 'li', at: '2026-11-02T10:00:00+08:00' });

describe('confirmed problems (CLI)', () => {
  // §8 "bad event records are reported with their line/index". The NDJSON
  // reader trims the text first, so leading blank lines shift every line
  // number: the bad record on line 4 is reported as line 2.
  it('C1 NDJSON: a bad record is reported with its real line number after leading blank lines', async () => {
    const events = file('lead.ndjson', `\n\n${good}\n{bad\n`);
    const r = await cli(
      'score',
      RULES,
      '--events',
      events,
      '--roster',
      ROSTER,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--locale',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 4');
  });

  // §8 "bad event records are reported with their line/index and never
  // silently dropped". The CLI validates `at` with Date.parse, which accepts
  // 2026-02-30; evaluate() then drops the event with a generic warning and the
  // command exits 0 — the record is not reported with its index.
  it('C3 an event at 2026-02-30 is a bad record: reported with its index, exit 1', async () => {
    const events = file('feb30.json', JSON.stringify([{ id: 'f1', type: 'x', consultant: 'li', at: '2026-02-30T10:00:00+08:00' }]));
    const r = await cli(
      'score',
      RULES,
      '--events',
      events,
      '--roster',
      ROSTER,
      '--from',
      '2026-02-01',
      '--to',
      '2026-03-31',
      '--locale',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('record 0');
  });

  // RULES.md "Every user-facing string exists in zh-CN (default) and en".
  // evaluate() writes warning messages in English only; the CLI prints them
  // as-is in its zh-CN (default) table although WARNINGS has zh-CN texts.
  it('C2 score (zh-CN default) prints evaluation warnings in Chinese', async () => {
    const events = file('bob.json', JSON.stringify([{ id: 'b1', type: 'x', consultant: 'bob', at: '2026-11-02T10:00:00+08:00' }]));
    const r = await cli('score', RULES, '--events', events, '--roster', ROSTER, '--from', '2026-11-01', '--to', '2026-11-30');
    expect(r.code).toBe(0);
    expect(r.out).toContain('不在名单中');
  });
});

// ============================================================ verified (tricky cases that are right)

describe('verified: threshold `each` (§4.2)', () => {
  const three = () => [1, 2, 3].map((h) => ev('x', 'li', d(9, `0${h}:00`)));
  const times = (clause: string) => {
    const cards = score(`x: 0 per; ${clause} => -1`, three());
    return { li: 0 - cards.consultants.li.points, wang: 0 - cards.consultants.wang.points };
  };
  it('>N: count − N; >=N: count − N + 1; <N: N − count; <=N: N − count + 1; never negative', () => {
    expect(times('>2 per month each').li).toBe(1);
    expect(times('>=2 per month each').li).toBe(2);
    expect(times('<5 per month each')).toEqual({ li: 2, wang: 5 }); // wang: a month with no events still fires
    expect(times('<=5 per month each')).toEqual({ li: 3, wang: 6 });
    expect(times('<2 per month each').li).toBe(0);
    expect(times('>5 per month each').li).toBe(0);
  });
  it('`each` with `=` or a range is an error', () => {
    const { rulebook, diagnostics } = compile('y: 0 per; 2..3 each => 1\nz: 0 per; =2 each => 1', { locale: 'en' });
    expect(rulebook).toBeNull();
    expect(diagnostics.filter((x) => x.code === 'bad-each')).toHaveLength(2);
  });
  it('a `team` target of a threshold fires once per (consultant, window)', () => {
    const cards = score('x: 0 per; >1 => team -12', [
      ev('x', 'li', d(2)),
      ev('x', 'li', d(2)),
      ev('x', 'wang', d(2)),
      ev('x', 'wang', d(2)),
    ]);
    expect(cards.teams.net.points).toBe(-24);
  });
});

describe('verified: windows (§3)', () => {
  const keys = (period: { from: string; to: string }) =>
    score('x: 0 per; >=0 per week => flag w', [], period).consultants.li.lines.map((l) => l.window);
  it('ISO weeks across a year boundary: 2026 has W53, 2027 does not, 2020 does', () => {
    expect(keys({ from: '2026-12-28', to: '2027-01-10' })).toEqual(['2026-W53', '2027-W01']);
    expect(keys({ from: '2027-12-27', to: '2028-01-03' })).toEqual(['2027-W52', '2028-W01']);
    expect(keys({ from: '2020-12-28', to: '2021-01-04' })).toEqual(['2020-W53', '2021-W01']);
  });
  it('instants exactly at midnight of the period edges (Shanghai), offsets other than +08:00', () => {
    const cards = score('x: 1 per', [
      at('x', 'li', '2026-11-01T00:00:00+08:00'),
      at('x', 'li', '2026-10-31T23:59:59+08:00'),
      at('x', 'li', '2026-11-30T23:59:59+08:00'),
      at('x', 'li', '2026-12-01T00:00:00+08:00'),
      at('x', 'li', '2026-10-31T16:00:00Z'),
      at('x', 'li', '2026-11-30T16:00:00Z'),
    ]);
    expect(cards.consultants.li.lines.map((l) => [l.window, l.count])).toEqual([
      ['2026-11-01', 2],
      ['2026-11-30', 1],
    ]);
  });
  it('a DST fall-back day (America/New_York 2026-11-01 has 25 hours)', () => {
    const cards = score('timezone "America/New_York"\nx: 1 per', [
      at('x', 'li', '2026-11-01T04:00:00Z'),
      at('x', 'li', '2026-11-01T03:59:59Z'),
      at('x', 'li', '2026-11-02T04:59:00Z'),
      at('x', 'li', '2026-11-02T05:00:00Z'),
    ]);
    expect(cards.consultants.li.lines.map((l) => [l.window, l.count])).toEqual([
      ['2026-11-01', 2],
      ['2026-11-02', 1],
    ]);
  });
  it('a one-day period: `< 1 per month each` fires once for the partial month', () => {
    const cards = score('x: 0 per; <1 per month each => -1', [], { from: '2026-11-15', to: '2026-11-15' });
    expect(cards.consultants.li.lines).toEqual([expect.objectContaining({ window: '2026-11', count: 1, points: -1 })]);
  });
});

describe('verified: tiers, all, ledgers, rank, ratios', () => {
  it('tiers: `X yuan per` × count; first match', () => {
    const src = 'base on visit: tiers per month; >30 => 50 yuan per; 20..30 => 40 yuan per; 10..19 => 30 yuan per; else => 10 yuan per';
    const events = Array.from({ length: 20 }, (_, i) => ev('visit', 'li', d(i + 1)));
    expect(score(src, events).consultants.li.money).toBe(800);
  });
  it('all: personal effects to each member, team effects once', () => {
    const cards = score('tb on visit: all >= 1 per month => 200 yuan, team 50 yuan', [ev('visit', 'li', d(2)), ev('visit', 'wang', d(2))]);
    expect([cards.consultants.li.money, cards.consultants.wang.money, cards.teams.net.money]).toEqual([200, 200, 50]);
  });
  it('ledger rules see other non-ledger rules only; team deductions', () => {
    const cards = score('x: team -30 per\nf: team deductions >= 50 per month => flag f, -1\ng: team points < -60 per month => flag g', [
      ev('x', 'li', d(2)),
      ev('x', 'wang', d(3)),
    ]);
    expect(cards.teams.net.flags).toEqual(['f']); // g sees -60, not f's extra -1
    expect(cards.teams.net.points).toBe(-61);
  });
  it('rank: ties 1,1,3; count 0 not ranked', () => {
    const r: Roster = { teams: [{ id: 't', members: ['li', 'wang', 'zhao', 'sun'] }] };
    const cards = score(
      'best on vote: rank per month => 1st 3 yuan, 2nd 2 yuan, 3rd 1 yuan',
      [ev('vote', 'li', d(2)), ev('vote', 'li', d(3)), ev('vote', 'wang', d(2)), ev('vote', 'wang', d(3)), ev('vote', 'zhao', d(2))],
      november,
      r,
    );
    expect(['li', 'wang', 'zhao', 'sun'].map((c) => cards.consultants[c].money)).toEqual([3, 3, 1, 0]);
  });
  it('ratio steps exactly as the contract examples; 7/10 is 70%', () => {
    const ratio = (paid: number, visits: number, clause: string) => {
      const events = [
        ...Array.from({ length: visits }, () => ev('visit', 'li', d(2))),
        ...Array.from({ length: paid }, () => ev('paid_visit', 'li', d(2))),
      ];
      return score(`conv: ratio(paid_visit / visit) per month ${clause}`, events).consultants.li.money;
    };
    expect(ratio(11, 20, '< 60% each 5% => -50 yuan')).toBe(-50);
    expect(ratio(59, 100, '< 60% each 5% => -50 yuan')).toBe(0);
    expect(ratio(8, 10, '>= 80% each 5% => 20 yuan')).toBe(0);
    expect(ratio(9, 10, '>= 80% each 5% => 20 yuan')).toBe(40);
    expect(ratio(7, 10, '= 70% => 20 yuan')).toBe(20);
    expect(ratio(5, 0, '< 60% => -1 yuan')).toBe(0); // no denominator events: does not fire
  });
});

describe('verified: money, lexing, API', () => {
  it('percent half-up per event, negative amounts away from zero', () => {
    const cards = score('s: 3% of amount', [ev('s', 'li', d(2), { amount: 12345.67 }), ev('s', 'wang', d(2), { amount: -0.5 })]);
    expect(cards.consultants.li.money).toBe(370.37);
    expect(cards.consultants.wang.money).toBe(-0.02);
  });
  it('BOM, CRLF, tabs and full-width punctuation compile; ranges count from the real source', () => {
    expect(compile('\uFEFFrude_attitude: -8 per; >2 => personal -12, team -12').diagnostics).toEqual([]);
    expect(compile('x\t:\t-8\tper;\t>2\t=>\tpersonal -12').diagnostics).toEqual([]);
    expect(compile('态度无礼：-8 每次；>2 => 个人 -12，集体 -12').diagnostics).toEqual([]);
    const { diagnostics } = compile('x: -8 per\r\ny: -8 perr\r\n', { locale: 'en' });
    const e = diagnostics.find((x) => x.code === 'unknown-keyword');
    expect(e?.range.start).toEqual({ line: 2, column: 7, offset: 17 });
    expect(e?.fix?.replacement).toBe('per');
  });
  it('rules sharing one event type with different where filters', () => {
    const cards = score(
      'p on visit where channel = "phone": 10 yuan per\nw on visit where channel = "web": 1 yuan per\nm on visit where minutes > 30 and minutes <= 60: 100 yuan per',
      [
        ev('visit', 'li', d(2), { attrs: { channel: 'phone', minutes: 45 } }),
        ev('visit', 'li', d(2), { attrs: { channel: 'web', minutes: 30 } }),
        ev('visit', 'li', d(2), { attrs: { channel: 'web', minutes: 60 } }),
      ],
    );
    expect(cards.consultants.li.money).toBe(10 + 2 + 200);
  });
  it('empty roster: no ledgers, no throw; empty team still has a ledger', () => {
    expect(score('x: 1 per; <3 per month => flag f', [ev('x', 'li', d(2))], november, { teams: [] })).toMatchObject({
      consultants: {},
      teams: {},
    });
    expect(score('x: 1 per', [], november, { teams: [{ id: 'z', members: [] }] }).teams.z).toEqual({
      points: 0,
      money: 0,
      flags: [],
      lines: [],
      centipoints: 0,
      fen: 0,
    });
  });
  it('a compiled rulebook survives JSON and evaluates identically', () => {
    const rb = book(
      'point = 2.5 yuan\nwindow week\nx: -8 per, 2.5% of amount; >2 each => personal -1.5, team 3 yuan\nconv: ratio(a / b) per month < 60% each 5% => -50 yuan',
    );
    const events = [
      ev('x', 'li', d(2), { amount: 99.99 }),
      ev('x', 'li', d(2)),
      ev('x', 'li', d(3)),
      ev('x', 'li', d(4)),
      ev('b', 'li', d(4)),
    ];
    const input = { events, roster, period: november };
    expect(evaluate(JSON.parse(JSON.stringify(rb)), input)).toEqual(evaluate(rb, input));
  });
});
