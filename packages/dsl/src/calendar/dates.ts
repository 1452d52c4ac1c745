/**
 * Civil dates (`YYYY-MM-DD`) and months (`YYYY-MM`), no time zone: checks,
 * day and month arithmetic, and the periods a UI offers (this week so far,
 * last month …). Years are four digits, 1000 … 9999.
 */
import { d2, d4, pad2 } from './digits.js';

/** Smallest and largest year of a date or an instant. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/** An inclusive range of dates. */
export interface DateRange {
  from: string;
  to: string;
}

export const DAY_MS = 86400000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export const yearOk = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;

/** A `YYYY-MM-DD` date's parts, or undefined when it is not a real calendar day (in 1000 … 9999). */
export function parseDate(date: string): { y: number; m: number; d: number } | undefined {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const y = d4(date, 0);
  const m = d2(date, 5);
  const d = d2(date, 8);
  if (!yearOk(y) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

export function isDate(s: unknown): s is string {
  return typeof s === 'string' && parseDate(s) !== undefined;
}

/** `YYYY-MM`, month 01–12. */
export function isMonth(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 7 || s.charCodeAt(4) !== 45) return false;
  const m = d2(s, 5);
  return yearOk(d4(s, 0)) && m >= 1 && m <= 12;
}

/** `HH:mm` (00:00 … 23:59). */
export function isTime(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 5 || s.charCodeAt(2) !== 58) return false;
  const h = d2(s, 0);
  const mi = d2(s, 3);
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59;
}

/** Days since 1970-01-01 of a valid date. */
export function epochDay(date: string): number {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(p.y, p.m - 1, p.d) / DAY_MS;
}

/** The date `n` days after epoch day 0. */
export function dateOfEpochDay(day: number): string {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  if (!yearOk(y)) throw new RangeError(`date out of range: year ${y}`);
  return `${y}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** `date` + `n` days (n may be negative). */
export function addDays(date: string, n: number): string {
  return dateOfEpochDay(epochDay(date) + n);
}

/** Days from `from` to `to` (`to − from`; 0 for the same date). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** ISO day of the week: Monday 1 … Sunday 7. */
export function dayOfWeek(date: string): number {
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** `2026-11-03` → `2026-11`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** `2026-11` + n months (n may be negative): `addMonths('2026-11', 2)` = `2027-01`. */
export function addMonths(month: string, n: number): string {
  const k = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(k / 12);
  if (!yearOk(y)) throw new RangeError(`month out of range: year ${y}`);
  return `${y}-${pad2((k % 12) + 1)}`;
}

/** Months from `from` to `to` (`YYYY-MM` each; `to − from`). */
export function monthsBetween(from: string, to: string): number {
  return Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)));
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  return `${month}-${pad2(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))))}`;
}

export function nextMonth(month: string): string {
  return addMonths(month, 1);
}

/** Months touched by an inclusive date range, in order. */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = nextMonth(m)) out.push(m);
  return out;
}

/** The inclusive period of a month (all its days) or a date (itself); anything else is returned as a one-day period of itself. */
export function periodOf(dateOrMonth: string): DateRange {
  return isMonth(dateOrMonth)
    ? { from: firstDayOfMonth(dateOrMonth), to: lastDayOfMonth(dateOrMonth) }
    : { from: dateOrMonth, to: dateOrMonth };
}

/** Monday of the ISO week of `day` … `day`. */
export function weekSoFar(day: string): DateRange {
  return { from: addDays(day, 1 - dayOfWeek(day)), to: day };
}

/** Monday … Sunday of the ISO week before the one of `day`. */
export function lastWeek(day: string): DateRange {
  const from = addDays(weekSoFar(day).from, -7);
  return { from, to: addDays(from, 6) };
}

/** The whole month before the one of `day`. */
export function lastMonth(day: string): DateRange {
  const month = addMonths(monthOf(day), -1);
  return { from: firstDayOfMonth(month), to: lastDayOfMonth(month) };
}

/** First of the month of `day` … `day`. */
export function monthSoFar(day: string): DateRange {
  return { from: firstDayOfMonth(monthOf(day)), to: day };
}
