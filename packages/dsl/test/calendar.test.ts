/**
 * The one calendar (`@rulecard/dsl/calendar`): civil dates and windows, and
 * instants in DST zones (America/Santiago and Africa/Cairo jump at
 * midnight, Europe/Berlin at 02:00) and a fixed one (Asia/Shanghai). The
 * zone facts are those of the IANA database (2026 rules).
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  addMonths,
  buildCalendar,
  dateInZone,
  dayIndex,
  dayOf,
  dayOfWeek,
  daysBetween,
  instantOf,
  instantToLocal,
  isDate,
  isInstant,
  isMonth,
  isQuarter,
  isTime,
  isTimeZone,
  isWeek,
  isYear,
  isoWeekMonday,
  isoWeekOf,
  isoWeeksInYear,
  lastDayOfMonth,
  lastMonth,
  lastWeek,
  localMidnight,
  localToInstant,
  minutesBetween,
  monthSoFar,
  monthsBetween,
  monthsIn,
  nextMonth,
  normalizeInstant,
  offsetText,
  parseInstant,
  periodOf,
  quarterOf,
  tzOffsetMinutes,
  wallClock,
  weekSoFar,
  windowKey,
  windowRange,
  windowStart,
  windowsOf,
  yearOf,
} from '../src/calendar.js';

const H = 3600000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('civil dates', () => {
  it('leap Februaries: 2024 and 2000 have a 29th; 2026, 1900 and 2100 do not', () => {
    expect(['2024-02-29', '2000-02-29', '2026-02-29', '1900-02-29', '2100-02-29'].map(isDate)).toEqual([true, true, false, false, false]);
    expect(['2024-02', '2026-02', '2000-02', '2100-02'].map(lastDayOfMonth)).toEqual([
      '2024-02-29',
      '2026-02-28',
      '2000-02-29',
      '2100-02-28',
    ]);
    expect([addDays('2024-02-28', 1), addDays('2026-02-28', 1), addDays('2024-03-01', -1)]).toEqual([
      '2024-02-29',
      '2026-03-01',
      '2024-02-29',
    ]);
    expect(monthsIn('2024-01-31', '2024-03-01')).toEqual(['2024-01', '2024-02', '2024-03']);
  });

  it('year boundaries: days, months, weeks and the "last week/month" periods cross them', () => {
    expect([addDays('2026-12-31', 1), addDays('2027-01-01', -1), nextMonth('2026-12')]).toEqual(['2027-01-01', '2026-12-31', '2027-01']);
    expect([addMonths('2026-11', 2), addMonths('2026-01', -1), addMonths('2026-03', -15), monthsBetween('2025-12', '2027-01')]).toEqual([
      '2027-01',
      '2025-12',
      '2024-12',
      13,
    ]);
    expect(daysBetween('2026-12-25', '2027-01-03')).toBe(9);
    expect(weekSoFar('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
    expect(lastWeek('2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
    expect(lastMonth('2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(lastMonth('2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthSoFar('2026-11-03')).toEqual({ from: '2026-11-01', to: '2026-11-03' });
  });

  it('ISO weeks: 2026 has a week 53 that holds 2027-01-01…03; 2025 has none', () => {
    expect([isoWeeksInYear(2026), isoWeeksInYear(2025), isoWeeksInYear(2020), isoWeeksInYear(2004), isoWeeksInYear(2021)]).toEqual([
      53, 52, 53, 53, 52,
    ]);
    expect(['2026-12-31', '2027-01-01', '2027-01-03', '2027-01-04', '2024-12-30', '2021-01-03'].map(isoWeekOf)).toEqual([
      '2026-W53',
      '2026-W53',
      '2026-W53',
      '2027-W01',
      '2025-W01',
      '2020-W53',
    ]);
    expect([isWeek('2026-W53'), isWeek('2025-W53'), isWeek('2026-W00'), isWeek('2026-W1')]).toEqual([true, false, false, false]);
    expect([isoWeekMonday('2026-W53'), isoWeekMonday('2026-W01'), isoWeekMonday('2027-W01')]).toEqual([
      '2026-12-28',
      '2025-12-29',
      '2027-01-04',
    ]);
    expect(['2026-11-02', '2026-11-08', '2027-01-01'].map(dayOfWeek)).toEqual([1, 7, 5]);
  });

  it('windows of every unit: names, ranges and starts', () => {
    expect((['day', 'week', 'month', 'quarter', 'year'] as const).map((u) => windowKey(u, '2026-12-31'))).toEqual([
      '2026-12-31',
      '2026-W53',
      '2026-12',
      '2026-Q4',
      '2026',
    ]);
    expect([quarterOf('2026-01-01'), quarterOf('2026-03-31'), quarterOf('2026-04'), yearOf('2026-07-01')]).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026',
    ]);
    expect(['2026-11-03', '2026-W53', '2026-11', '2024-Q1', '2026-Q4', '2026'].map(windowRange)).toEqual([
      { unit: 'day', from: '2026-11-03', to: '2026-11-03' },
      { unit: 'week', from: '2026-12-28', to: '2027-01-03' },
      { unit: 'month', from: '2026-11-01', to: '2026-11-30' },
      { unit: 'quarter', from: '2024-01-01', to: '2024-03-31' },
      { unit: 'quarter', from: '2026-10-01', to: '2026-12-31' },
      { unit: 'year', from: '2026-01-01', to: '2026-12-31' },
    ]);
    expect(['2026-Q5', '2026-W54', '2026-13', '26', 'x'].map(windowRange)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(windowStart('2026-W45')).toEqual({ unit: 'week', first: '2026-11-02' });
    expect([periodOf('2024-02'), periodOf('2026-11-03')]).toEqual([
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2026-11-03', to: '2026-11-03' },
    ]);
    expect([isMonth('2026-12'), isMonth('2026-13'), isQuarter('2026-Q4'), isQuarter('2026-Q0'), isYear('2026'), isYear('0026')]).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect([isTime('23:59'), isTime('24:00'), isTime('9:30'), isTime('09:60')]).toEqual([true, false, false, false]);
  });

  it('years are four digits, 1000 … 9999', () => {
    expect(['0026-11-03', '0999-12-31', '1000-01-01', '9999-12-31', '10000-01-01'].map(isDate)).toEqual([false, false, true, true, false]);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('instants: strict ISO 8601 with an offset', () => {
  it('reads Z, ±HH:MM, optional seconds and fractions (cut to the millisecond)', () => {
    expect(parseInstant('2026-11-03T09:30:00+08:00')).toBe(Date.UTC(2026, 10, 3, 1, 30));
    expect(parseInstant('2026-11-03T01:30:00Z')).toBe(Date.UTC(2026, 10, 3, 1, 30));
    expect(parseInstant('2026-11-03T01:30Z')).toBe(Date.UTC(2026, 10, 3, 1, 30));
    expect(parseInstant('2026-11-02T22:30:00.1239-03:00')).toBe(Date.UTC(2026, 10, 3, 1, 30, 0, 123));
    expect(parseInstant('2026-11-03T01:30:00.123456789Z')).toBe(Date.UTC(2026, 10, 3, 1, 30, 0, 123));
    expect(parseInstant('2026-11-03T05:15:00+03:45')).toBe(Date.UTC(2026, 10, 3, 1, 30));
  });

  it('rejects every field out of range and every loose form', () => {
    const bad = [
      '2026-11-03T-1:00:00+08:00',
      '2026-11-0:T09:00:00+08:00',
      '0026-11-03T09:00:00+08:00',
      '0026-11-03T09:00:00Z',
      '2026-13-03T09:00:00Z',
      '2026-00-03T09:00:00Z',
      '2026-02-29T09:00:00Z',
      '2026-11-31T09:00:00Z',
      '2026-11-00T09:00:00Z',
      '2026-11-03T24:00:00Z',
      '2026-11-03T09:60:00Z',
      '2026-11-03T09:30:60Z',
      '2026-11-03T09:30:00+24:00',
      '2026-11-03T09:30:00+08:60',
      '2026-11-03T09:30:00+0800',
      '2026-11-03T09:30:00',
      '2026-11-03 09:30:00+08:00',
      '2026-11-03t09:30:00z',
      '2026-11-03T09:30:00.Z',
      '2026-11-03T09:30:00.1234567891Z',
      '+2026-11-03T09:30:00Z',
      '2026-11-03T09:30:00Z ',
      '２０２６-11-03T09:30:00Z',
      '',
    ];
    expect(bad.filter((s) => !Number.isNaN(parseInstant(s)))).toEqual([]);
    expect([parseInstant(undefined), parseInstant(1762133400000), parseInstant(null)]).toEqual([NaN, NaN, NaN]);
    expect([isInstant('2026-11-03T09:30:00+08:00'), isInstant('2026-11-03T09:30:00')]).toEqual([true, false]);
  });
});

describe('time zones, from Intl', () => {
  it('offsets: Santiago −4/−3, Cairo +2/+3, Berlin +1/+2 around their 2026 jumps; Shanghai +8 (+9 in the summer of 1990)', () => {
    const around = (tz: string, at: number) => [tzOffsetMinutes(at - 1, tz), tzOffsetMinutes(at, tz)];
    expect(around('America/Santiago', Date.UTC(2026, 3, 5, 3))).toEqual([-180, -240]);
    expect(around('America/Santiago', Date.UTC(2026, 8, 6, 4))).toEqual([-240, -180]);
    expect(around('Africa/Cairo', Date.UTC(2026, 3, 23, 22))).toEqual([120, 180]);
    expect(around('Africa/Cairo', Date.UTC(2026, 9, 29, 21))).toEqual([180, 120]);
    expect(around('Europe/Berlin', Date.UTC(2026, 2, 29, 1))).toEqual([60, 120]);
    expect(around('Europe/Berlin', Date.UTC(2026, 9, 25, 1))).toEqual([120, 60]);
    expect([tzOffsetMinutes(Date.UTC(2026, 6, 1), 'Asia/Shanghai'), tzOffsetMinutes(Date.UTC(1990, 6, 1), 'Asia/Shanghai')]).toEqual([
      480, 540,
    ]);
    expect([offsetText(480), offsetText(-180), offsetText(0), offsetText(345), offsetText(-570)]).toEqual([
      '+08:00',
      '-03:00',
      '+00:00',
      '+05:45',
      '-09:30',
    ]);
    expect([isTimeZone('Europe/Berlin'), isTimeZone('Mars/Olympus'), isTimeZone('')]).toEqual([true, false, false]);
  });

  it('a day without midnight starts at the jump: Santiago 2026-09-06 and Cairo 2026-04-24 are 23 hours long', () => {
    const santiago = buildCalendar('America/Santiago', { from: '2026-09-05', to: '2026-09-07' });
    expect(santiago.starts.map(iso)).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z', // 01:00 −03: 00:00 did not exist
      '2026-09-07T03:00:00.000Z',
      '2026-09-08T03:00:00.000Z',
    ]);
    const cairo = buildCalendar('Africa/Cairo', { from: '2026-04-24', to: '2026-04-24' });
    expect(cairo.starts.map(iso)).toEqual(['2026-04-23T22:00:00.000Z', '2026-04-24T21:00:00.000Z']);
    expect(localMidnight('Africa/Cairo', 2026, 4, 24)).toBe(Date.UTC(2026, 3, 23, 22));
  });

  it('a day that repeats an hour is 25 hours long: Santiago 2026-04-04, Cairo 2026-10-29, Berlin 2026-10-25 (and Berlin 2026-03-29 23)', () => {
    const len = (tz: string, date: string) => {
      const c = buildCalendar(tz, { from: date, to: date });
      return (c.starts[1] - c.starts[0]) / H;
    };
    expect([
      len('America/Santiago', '2026-04-04'),
      len('Africa/Cairo', '2026-10-29'),
      len('Europe/Berlin', '2026-10-25'),
      len('Europe/Berlin', '2026-03-29'),
      len('Asia/Shanghai', '2026-03-29'),
    ]).toEqual([25, 25, 25, 23, 24]);
  });

  it('instants fall on their local day: the evaluator\u2019s day index and dayOf agree', () => {
    const c = buildCalendar('America/Santiago', { from: '2026-09-05', to: '2026-09-06' });
    // 23:59 −04 on the 5th, then 01:00 −03 on the 6th: one minute apart
    expect([dayIndex(c, parseInstant('2026-09-05T23:59:00-04:00')), dayIndex(c, parseInstant('2026-09-06T01:00:00-03:00'))]).toEqual([
      0, 1,
    ]);
    expect([dayOf('2026-09-05T23:59:00-04:00', 'America/Santiago'), dayOf('2026-09-06T04:00:00Z', 'America/Santiago')]).toEqual([
      '2026-09-05',
      '2026-09-06',
    ]);
    expect(minutesBetween('2026-09-05T23:59:00-04:00', '2026-09-06T01:00:00-03:00')).toBe(1);
    expect([dayOf('2026-11-02T16:30:00Z', 'Asia/Shanghai'), dayOf('2026-11-02T16:30:00Z', 'Europe/Berlin')]).toEqual([
      '2026-11-03',
      '2026-11-02',
    ]);
    expect(() => dayOf('2026-11-03', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('wall clock → instant with the offset of the moment, and back', () => {
    expect([
      instantOf('2026-03-29', '01:30', 'Europe/Berlin'),
      instantOf('2026-03-29', '03:30', 'Europe/Berlin'),
      instantOf('2026-11-03', '09:30:15', 'Asia/Shanghai'),
      instantOf('2026-09-06', '12:00', 'America/Santiago'),
    ]).toEqual(['2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-11-03T09:30:15+08:00', '2026-09-06T12:00:00-03:00']);
    expect(addMinutes('2026-03-29T01:30:00+01:00', 60, 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(addMinutes('2026-11-03T09:30:00+08:00', 24 * 60, 'Africa/Cairo')).toBe('2026-11-04T03:30:00+02:00');
    expect([
      localToInstant('2026-11-03T09:30', 'Asia/Shanghai'),
      localToInstant('2026-11-03T25:30', 'Asia/Shanghai'),
      localToInstant('x', 'UTC'),
    ]).toEqual(['2026-11-03T09:30:00+08:00', null, null]);
    expect([
      instantToLocal('2026-11-03T01:30:00Z', 'Asia/Shanghai'),
      instantToLocal(undefined, 'UTC'),
      instantToLocal('soon', 'UTC'),
    ]).toEqual(['2026-11-03T09:30', '', '']);
    expect(wallClock(new Date(Date.UTC(2026, 9, 29, 21, 30)), 'Africa/Cairo')).toEqual({ date: '2026-10-29', time: '23:30' });
    expect([dateInZone(new Date(Date.UTC(2026, 10, 2, 16, 30))), dateInZone(new Date(Date.UTC(2026, 10, 2, 16, 30)), 'UTC')]).toEqual([
      '2026-11-03',
      '2026-11-02',
    ]);
  });

  it('normalizeInstant keeps an instant with an offset and reads a local one in the zone', () => {
    expect([
      normalizeInstant('2026-11-03T09:30:00Z', 'Asia/Shanghai'),
      normalizeInstant('2026-11-03T09:30', 'Asia/Shanghai'),
      normalizeInstant('2026-11-03T09:30:05.5', 'Europe/Berlin'),
      normalizeInstant('2026-11-03T09:30:61', 'Asia/Shanghai'),
      normalizeInstant('2026-11-03', 'Asia/Shanghai'),
      normalizeInstant(42, 'Asia/Shanghai'),
    ]).toEqual(['2026-11-03T09:30:00Z', '2026-11-03T09:30:00+08:00', '2026-11-03T09:30:05+01:00', undefined, undefined, undefined]);
  });
});

describe("a period's calendar", () => {
  it('windows of every unit over a period that straddles a year: only its days', () => {
    const c = buildCalendar('Asia/Shanghai', { from: '2026-12-30', to: '2027-01-05' });
    expect(windowsOf(c, 'week')).toEqual([
      { key: '2026-W53', first: 0, last: 4 },
      { key: '2027-W01', first: 5, last: 6 },
    ]);
    expect(windowsOf(c, 'quarter')).toEqual([
      { key: '2026-Q4', first: 0, last: 1 },
      { key: '2027-Q1', first: 2, last: 6 },
    ]);
    expect(windowsOf(c, 'year').map((w) => w.key)).toEqual(['2026', '2027']);
    expect(windowsOf(c, 'month').map((w) => w.key)).toEqual(['2026-12', '2027-01']);
    expect(windowsOf(c, 'day')).toHaveLength(7);
  });

  it('a leap-year February has 29 days in every zone', () => {
    for (const tz of ['America/Santiago', 'Africa/Cairo', 'Europe/Berlin', 'Asia/Shanghai'])
      expect(
        buildCalendar(tz, periodOf('2024-02'))
          .days.map((d) => d.date)
          .at(-1),
      ).toBe('2024-02-29');
  });
});
