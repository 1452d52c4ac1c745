/**
 * The evaluator's timestamps (issue 13 #3): `Z` and fractional seconds read by hand like offsets, checked
 * against an independent reference reading; the hostile forms of issue 14 #8 still rejected; and unsorted
 * input put in time order within each day (a radix sort) exactly as sorted input is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type RuleEvent } from '../src/index.js';
import { dayOf, parseInstant } from '../src/calendar.js';
import { book, roster } from './helpers.js';

/**
 * The reference: the strict ISO 8601 form by a regular expression, the fields through `Date.UTC` (with a check
 * that it did not roll over, e.g. 31 November), the fraction cut to the millisecond.
 */
const FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
function reference(s: string): number {
  const m = FORM.exec(s);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0));
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (y < 1000 || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, sec, ms);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return Number.NaN;
  let off = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return Number.NaN;
    off = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om) * 60000;
  }
  return t.getTime() - off;
}

const two = (n: number) => String(n).padStart(2, '0');
/** Instants written every way the form allows: with or without seconds, 0–9 fraction digits, `Z` or an offset. */
const writtenIn = (from: number, to: number) =>
  fc
    .record({
      ms: fc.integer({ min: from, max: to }),
      offset: fc.oneof(fc.constant(null), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
      seconds: fc.boolean(),
      fraction: fc.integer({ min: 0, max: 9 }),
      digits: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }),
    })
    .map(({ ms, offset, seconds, fraction, digits }) => {
      const local = new Date(ms + (offset ?? 0) * 60000);
      const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
      const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}${seconds ? `:${two(local.getUTCSeconds())}${fraction ? `.${digits.slice(0, fraction)}` : ''}` : ''}`;
      const zone =
        offset === null ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
      return `${date}T${time}${zone}`;
    });
/** Any instant whose local date, at any offset, is in the years 1000–9999. */
const written = writtenIn(Date.UTC(1000, 0, 2), Date.UTC(9999, 11, 30));

/** Hostile spellings: one character of a valid instant replaced, inserted or removed. */
const hostile = fc
  .tuple(
    written,
    fc.nat(),
    fc.constantFrom('-', '+', ':', '.', ' ', 'T', 'Z', 'z', 't', '0', '9', '١', '０', '\u0000', ''),
    fc.constantFrom('replace', 'insert'),
  )
  .map(([s, at, c, how]) => {
    const i = at % s.length;
    return how === 'replace' ? s.slice(0, i) + c + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i);
  });

describe('timestamps read by hand (properties)', () => {
  it('reads every valid form — Z, offsets, with and without seconds, 1–9 fraction digits — as the reference does', () => {
    fc.assert(
      fc.property(written, (s) => {
        expect(parseInstant(s)).toBe(reference(s));
        expect(Number.isNaN(parseInstant(s))).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference on hostile spellings: rejected exactly when the reference rejects them', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(parseInstant(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the rejections of issue 14 #8', () => {
    const bad = [
      '2026-11-03T-1:00:00+08:00',
      '2026-11-0:T09:00:00+08:00',
      '0026-11-03T09:00:00+08:00',
      '2026-11-03T09:00:00',
      '2026-11-03 09:00:00+08:00',
      '2026-11-03T09:00:00.Z',
      '2026-11-03T09:00:00.1234567890Z',
      '2026-11-03T09:00:00+0800',
      '2026-11-03T09:00:00z',
      '2026-11-31T09:00:00Z',
      '2026-11-03T24:00:00Z',
      '2026-11-03T09:60:00Z',
      '2026-11-03T09:00:60Z',
      '2026-11-03T09:00:00+24:00',
      '+02026-11-03T09:00:00Z',
      '2026-11-03T09:00:00Z ',
    ];
    expect(bad.filter((s) => !Number.isNaN(parseInstant(s)))).toEqual([]);
    const events: RuleEvent[] = bad.map((at, i) => ({ id: `b${i}`, type: 'praise', consultant: 'li', at }));
    const result = evaluate(book('praise: +6 per'), { events, roster, period: { from: '2026-11-01', to: '2026-11-30' } });
    expect(result.consultants.li.points).toBe(0);
    expect(result.warnings.filter((w) => w.code === 'bad-event-time').map((w) => w.event)).toEqual(events.map((e) => e.id));
  });

  it('scores an event on the same day whether its time is written with +08:00, Z, or fractions', () => {
    const rb = book('praise: +6 per; >= 2 per day => personal +1');
    fc.assert(
      fc.property(fc.array(writtenIn(Date.UTC(2025, 11, 30), Date.UTC(2027, 0, 2)), { maxLength: 20 }), (instants) => {
        const events = instants.map((at, i): RuleEvent => ({ id: `e${i}`, type: 'praise', consultant: 'li', at }));
        // the same instants, rewritten with Z and milliseconds (as toISOString writes them)
        const zulu = events.map((e) => ({ ...e, at: new Date(parseInstant(e.at)).toISOString() }));
        const period = { from: '2026-01-01', to: '2026-12-31' };
        const a = evaluate(rb, { events, roster, period });
        const b = evaluate(rb, { events: zulu, roster, period });
        expect(b).toEqual(a);
        // each event on its Shanghai day, as the calendar's dayOf puts it: +6 each, +1 a day with two or more
        const perDay = new Map<string, number>();
        for (const e of events) {
          const day = dayOf(e.at, 'Asia/Shanghai');
          if (day.startsWith('2026-')) perDay.set(day, (perDay.get(day) ?? 0) + 1);
        }
        const busy = [...perDay.values()].filter((n) => n >= 2).length;
        expect(a.consultants.li.points).toBe(6 * [...perDay.values()].reduce((x, y) => x + y, 0) + busy);
      }),
      { numRuns: 200 },
    );
  });
});

describe('unsorted input, ordered within each day', () => {
  const rb = book(`praise: +6 per; >= 3 per day => personal +1
late: -1 per; >= 2 per week each => -5 yuan
visit: 10 yuan per`);
  /** Events at millisecond times over `days` days from 2026-01-01 (Shanghai), many on the very same instant. */
  const eventsArb = (days: number) =>
    fc
      .array(
        fc.record({
          type: fc.constantFrom('praise', 'late', 'visit', 'other'),
          consultant: fc.constantFrom('li', 'wang', 'zhao'),
          ms: fc.oneof(fc.integer({ min: 0, max: days * 86_400_000 - 1 }), fc.constantFrom(0, 3_600_000, 86_399_999)),
          zulu: fc.boolean(),
        }),
        { maxLength: 150 },
      )
      .map((list) =>
        list.map((e, i): RuleEvent => {
          const ms = Date.UTC(2025, 11, 31, 16) + e.ms;
          const iso = new Date(ms).toISOString();
          const at = e.zulu ? iso : `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
          return { id: `ev${String((i * 7919) % 1000).padStart(3, '0')}-${i}`, type: e.type, consultant: e.consultant, at };
        }),
      );
  const sorted = (events: RuleEvent[]) =>
    [...events].sort((a, b) => parseInstant(a.at) - parseInstant(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shuffle = (events: RuleEvent[], rnd: fc.Stream<number>) => {
    const out = [...events];
    for (let i = out.length - 1; i > 0; i--) {
      const j = rnd.next().value % (i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };

  for (const [what, days, period] of [
    ['a month (two radix passes)', 31, { from: '2026-01-01', to: '2026-01-31' }],
    ['a year (three radix passes)', 365, { from: '2026-01-01', to: '2026-12-31' }],
  ] as const) {
    it(`gives every line its events in time order, ties by id, whatever the input order — ${what}`, () => {
      fc.assert(
        fc.property(eventsArb(days), fc.infiniteStream(fc.nat()), (events, rnd) => {
          const inOrder = evaluate(rb, { events: sorted(events), roster, period });
          expect(evaluate(rb, { events: shuffle(events, rnd), roster, period })).toEqual(inOrder);
          const at = new Map(events.map((e) => [e.id, parseInstant(e.at)]));
          for (const ledger of Object.values(inOrder.consultants))
            for (const line of ledger.lines)
              for (let k = 1; k < line.events.length; k++) {
                const [a, b] = [line.events[k - 1], line.events[k]];
                expect(at.get(a)! < at.get(b)! || (at.get(a) === at.get(b) && a < b)).toBe(true);
              }
        }),
        { numRuns: 150 },
      );
    });
  }
});
