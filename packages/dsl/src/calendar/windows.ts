/**
 * Window names: ISO weeks (`2026-W45`), quarters (`2026-Q4`) and years
 * (`2026`) beside days and months — which window a date falls in, and which
 * dates a window covers.
 */
import {
  addDays,
  addMonths,
  DAY_MS,
  dateOfEpochDay,
  firstDayOfMonth,
  isDate,
  isLeapYear,
  isMonth,
  lastDayOfMonth,
  monthOf,
  parseDate,
  yearOk,
  type DateRange,
} from './dates.js';
import { d2, d4, pad2 } from './digits.js';

/** The windows the calendar names: `2026-11-03`, `2026-W45`, `2026-11`, `2026-Q4`, `2026`. */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** `YYYY-Qn`, n 1–4. */
export function isQuarter(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 7 || s.charCodeAt(4) !== 45 || s.charCodeAt(5) !== 81 /* Q */) return false;
  const q = s.charCodeAt(6) - 48;
  return yearOk(d4(s, 0)) && q >= 1 && q <= 4;
}

/** `YYYY`. */
export function isYear(s: unknown): s is string {
  return typeof s === 'string' && s.length === 4 && yearOk(d4(s, 0));
}

/** Number of ISO weeks of year `y`: 53 when it starts on a Thursday (or on a Wednesday in a leap year), else 52. */
export function isoWeeksInYear(y: number): number {
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay(); // Sunday 0
  return jan1 === 4 || (jan1 === 3 && isLeapYear(y)) ? 53 : 52;
}

/** `YYYY-Www`, a week that exists in that ISO year (01–52, or 53). */
export function isWeek(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 8 || s.charCodeAt(4) !== 45 || s.charCodeAt(5) !== 87 /* W */) return false;
  const y = d4(s, 0);
  const w = d2(s, 6);
  return yearOk(y) && w >= 1 && w <= isoWeeksInYear(y);
}

/** `2026-11-03` or `2026-11` → `2026-Q4`. */
export function quarterOf(dateOrMonth: string): string {
  return `${dateOrMonth.slice(0, 4)}-Q${Math.floor((Number(dateOrMonth.slice(5, 7)) - 1) / 3) + 1}`;
}

/** `2026-11-03` → `2026`. */
export function yearOf(dateOrMonth: string): string {
  return dateOrMonth.slice(0, 4);
}

/** ISO 8601 week of a calendar date: `2026-W45` (2026-12-31 is in `2026-W53`, 2027-01-01 too). */
export function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7; // Monday=1 … Sunday=7
  date.setUTCDate(date.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const weekYear = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${weekYear}-W${pad2(week)}`;
}

/** ISO week of a date: `2026-11-03` → `2026-W45`. */
export function isoWeekOf(date: string): string {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return isoWeek(p.y, p.m, p.d);
}

/** Monday of an ISO week `YYYY-Www`. */
export function isoWeekMonday(week: string): string {
  const y = Number(week.slice(0, 4));
  const w = Number(week.slice(6));
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return dateOfEpochDay(Date.UTC(y, 0, 4 - dow + (w - 1) * 7) / DAY_MS);
}

/** The window of a unit a date falls in: `windowKey('quarter', '2026-11-03')` = `2026-Q4`. */
export function windowKey(unit: CalendarUnit, date: string): string {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return isoWeek(p.y, p.m, p.d);
    case 'month':
      return monthOf(date);
    case 'quarter':
      return quarterOf(date);
    case 'year':
      return yearOf(date);
  }
}

/** The dates a window name covers, and its unit; undefined when it names no window. */
export function windowRange(window: string): ({ unit: CalendarUnit } & DateRange) | undefined {
  const name: unknown = window; // the guards narrow `name`, not `window`
  if (isDate(name)) return { unit: 'day', from: window, to: window };
  if (isWeek(name)) {
    const from = isoWeekMonday(window);
    return { unit: 'week', from, to: addDays(from, 6) };
  }
  if (isMonth(name)) return { unit: 'month', from: firstDayOfMonth(window), to: lastDayOfMonth(window) };
  if (isQuarter(name)) {
    const first = `${window.slice(0, 4)}-${pad2((Number(window[6]) - 1) * 3 + 1)}`;
    return { unit: 'quarter', from: firstDayOfMonth(first), to: lastDayOfMonth(addMonths(first, 2)) };
  }
  if (isYear(name)) return { unit: 'year', from: `${window}-01-01`, to: `${window}-12-31` };
  return undefined;
}

/** The first day of a window named like the DSL names it (`2026-11-03`, `2026-W45`, `2026-11`, `2026-Q4`, `2026`). */
export function windowStart(window: string): { unit: CalendarUnit; first: string } | undefined {
  const r = windowRange(window);
  return r && { unit: r.unit, first: r.from };
}
