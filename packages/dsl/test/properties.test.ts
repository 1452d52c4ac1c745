import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, type RuleEvent } from '../src/index.js';
import { lex } from '../src/tokens.js';
import { clearStatementCache } from '../src/compile.js';
import { book, november, roster } from './helpers.js';

const FRAGMENTS = [
  'rude_attitude',
  '礼貌用语不规范',
  ':',
  '：',
  ';',
  ',',
  '=>',
  '>',
  '>=',
  '<',
  '..',
  'per',
  '每次',
  'personal',
  '个人',
  'team',
  '集体',
  'yuan',
  '元',
  'flag',
  'tiers',
  'all',
  'rank',
  'ratio(',
  ')',
  '/',
  'else',
  'each',
  'month',
  'day',
  '-8',
  '+6',
  '0.5',
  '2%',
  '"label',
  '"x"',
  '#c',
  '\n',
  ' ',
  'on',
  'where',
  'and',
  'deductions',
  '1st',
  'of amount',
];

describe('lexing (properties)', () => {
  it('any run of Unicode letters, digits and _ not starting with a digit is one identifier (or a keyword)', () => {
    const letter = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => /^[\p{L}_]$/u.test(c));
    const rest = fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => [...s].filter((c) => /^[\p{L}\p{N}_]$/u.test(c)).join(''));
    fc.assert(
      fc.property(letter, rest, (a, b) => {
        const word = a + b;
        const { tokens, errors } = lex(word);
        expect(errors).toEqual([]);
        expect(tokens.map((t) => t.image)).toEqual([word]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compile (properties)', () => {
  it('never throws on arbitrary strings; every diagnostic range lies inside the input', () => {
    const inputs = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(inputs, (src) => {
        const { rulebook, diagnostics } = compile(src, { locale: 'en' });
        expect(rulebook === null).toBe(diagnostics.some((d) => d.severity === 'error'));
        const lines = src.split('\n');
        for (const d of diagnostics) {
          const { start, end } = d.range;
          expect(0 <= start.offset && start.offset <= end.offset && end.offset <= src.length).toBe(true);
          expect(start.line >= 1 && start.line <= lines.length && end.line <= lines.length).toBe(true);
          expect(start.column >= 1 && start.column <= lines[start.line - 1].length + 1).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('compile cache (properties)', () => {
  const RULE_LINES = [
    'rude_attitude: -8 per; >2 => personal -12, team -12',
    'a "标签" on visit where channel = "phone": 10 yuan per',
    'b on visit: tiers per month;\n  >30 => 50 yuan per; 20..30 => 40 yuan per; else => 10 yuan per',
    'c: -1 per; >2 => persnal -1',
    '# a comment',
    '',
    '  d: ratio(x / y) per month < 60% each 5% => -50 yuan',
    'rude_attitude: -8 per',
    'e: deductions >= 50 per month => flag f',
  ];
  const book = fc.array(fc.constantFrom(...RULE_LINES), { maxLength: 12 }).map((ls) => ls.join('\n'));
  it('an edit re-compiled with a warm cache equals a cold compile', () => {
    fc.assert(
      fc.property(book, book, fc.constantFrom<'en' | 'zh-CN'>('en', 'zh-CN'), (before, after, locale) => {
        compile(before, { locale });
        const warm = compile(after, { locale });
        clearStatementCache();
        const cold = compile(after, { locale });
        expect(warm).toEqual(cold);
        // results handed out earlier never move when the cache does
        const again = compile(`\n\n${after}`, { locale });
        expect(warm).toEqual(cold);
        expect(again.diagnostics.length).toBe(cold.diagnostics.length);
      }),
      { numRuns: 300 },
    );
  });
});

const SOURCE = `point = 2 yuan
rude_attitude: -8 per; >2 => personal -12, team -12
praise: +6 per, team +3 per
late where minutes > 10: -1 per; >= 3 per week each => -5 yuan
visit: 10 yuan per
base on visit: tiers per month; >20 => 50 yuan per; 5..20 => 30 yuan per; else => 10 yuan per
surgery: 2% of amount, team 1% of amount
conv: ratio(surgery / visit) per month < 60% each 5% => -10 yuan
forfeit: deductions >= 50 per month => flag forfeit`;

const consultants = ['li', 'wang', 'zhao'];
const eventArb = fc.record({
  type: fc.constantFrom('rude_attitude', 'praise', 'late', 'visit', 'surgery', 'other'),
  consultant: fc.constantFrom(...consultants),
  day: fc.integer({ min: 0, max: 31 }),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  amount: fc.integer({ min: 0, max: 5_000_000 }).map((fen) => fen / 100),
  minutes: fc.integer({ min: 0, max: 60 }),
});
const eventsArb = fc.array(eventArb, { maxLength: 120 }).map((list) =>
  list.map((e, i): RuleEvent => {
    const d = new Date(Date.UTC(2026, 9, 31) + e.day * 86400000 + e.minute * 60000);
    const at = `${d.toISOString().slice(0, 19)}+08:00`;
    return { id: `ev${i}`, type: e.type, consultant: e.consultant, at, amount: e.amount, attrs: { minutes: e.minutes } };
  }),
);

describe('evaluate (properties)', () => {
  const rb = book(SOURCE);

  it('does not depend on event order', () => {
    fc.assert(
      fc.property(eventsArb, fc.infiniteStream(fc.nat()), (events, rnd) => {
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rnd.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(evaluate(rb, { events: shuffled, roster, period: november })).toEqual(evaluate(rb, { events, roster, period: november }));
      }),
      { numRuns: 100 },
    );
  });

  it('splitting the events by consultant gives the same personal ledgers', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const whole = evaluate(rb, { events, roster, period: november });
        for (const c of consultants) {
          const alone = evaluate(rb, { events: events.filter((e) => e.consultant === c), roster, period: november });
          expect(alone.consultants[c]).toEqual(whole.consultants[c]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a JSON round-trip of the program changes nothing', () => {
    const copy = JSON.parse(JSON.stringify(rb));
    expect(copy).toEqual(rb);
    fc.assert(
      fc.property(eventsArb, (events) => {
        expect(evaluate(copy, { events, roster, period: november })).toEqual(evaluate(rb, { events, roster, period: november }));
      }),
      { numRuns: 50 },
    );
  });

  it('money is always a whole number of fen and equals the sum of its lines', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const cards = evaluate(rb, { events, roster, period: november });
        for (const l of [...Object.values(cards.consultants), ...Object.values(cards.teams)]) {
          expect(Number.isInteger(Math.round(l.money * 100))).toBe(true);
          expect(Math.abs(l.money * 100 - Math.round(l.money * 100))).toBeLessThan(1e-6);
          const sum = l.lines.reduce((s, line) => s + Math.round(line.money * 100), 0);
          expect(sum).toBe(Math.round(l.money * 100));
        }
      }),
      { numRuns: 50 },
    );
  });
});
