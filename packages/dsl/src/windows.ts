/**
 * Counting windows cut in the rulebook's time zone, with `Intl` (no
 * hand-written offsets): days, ISO weeks (Monday first) and months.
 */
import type { Period, WindowUnit } from './types.js';
import { localParts, zoneOffset } from './zone.js';

export { zoneOffset };

export interface CalendarDay {
  /** `2026-11-03` */
  date: string;
  /** Epoch ms of the local midnight that starts the day. */
  start: number;
  /** `2026-W45` */
  week: string;
  /** `2026-11` */
  month: string;
}

export interface Calendar {
  timezone: string;
  days: CalendarDay[];
  /** `starts[i]` = days[i].start; `starts[days.length]` = end of the period (exclusive). */
  starts: number[];
}

/**
 * Epoch ms at which the local calendar date begins: the first instant whose
 * local date is it. Where midnight does not exist (a DST jump at 00:00, as in
 * America/Santiago or Africa/Cairo), the day starts at the jump.
 */
export function localMidnight(timezone: string, y: number, m: number, d: number): number {
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - zoneOffset(timezone, wall);
  t = wall - zoneOffset(timezone, t);
  // Still on the day before (the offset changed at midnight)? Move forward by the wall-clock gap.
  for (let k = 0; k < 3; k++) {
    const p = localParts(timezone, t);
    const day = Date.UTC(p.y, p.m - 1, p.d);
    if (day >= wall) break;
    t += wall - p.wall;
  }
  // An earlier instant of the same local date (offset moved the other way)? Step back to it.
  for (let k = 0; k < 3; k++) {
    const p = localParts(timezone, t - 1);
    if (Date.UTC(p.y, p.m - 1, p.d) < wall) break;
    t -= p.wall - wall + 1;
  }
  return t;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(date: string): { y: number; m: number; d: number } | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return { y, m: mo, d };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 week name of a calendar date: `2026-W45` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7; // Monday=1 … Sunday=7
  date.setUTCDate(date.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.floor((date.getTime() - firstDay) / 86400000 / 7) + 1;
  return `${weekYear}-W${pad(week)}`;
}

/** The window a calendar date falls in. */
export function windowKey(unit: WindowUnit, date: string): string {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  if (unit === 'day') return date;
  if (unit === 'month') return `${p.y}-${pad(p.m)}`;
  return isoWeek(p.y, p.m, p.d);
}

/** Every calendar day of an inclusive period, with its boundaries in the zone. */
export function buildCalendar(timezone: string, period: Period): Calendar {
  const from = parseDate(period.from);
  const to = parseDate(period.to);
  if (!from || !to) throw new RangeError(`period must be YYYY-MM-DD dates: ${period.from} … ${period.to}`);
  const days: CalendarDay[] = [];
  const starts: number[] = [];
  const cursor = new Date(Date.UTC(from.y, from.m - 1, from.d));
  const last = Date.UTC(to.y, to.m - 1, to.d);
  while (cursor.getTime() <= last) {
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth() + 1;
    const d = cursor.getUTCDate();
    const start = localMidnight(timezone, y, m, d);
    days.push({ date: `${y}-${pad(m)}-${pad(d)}`, start, week: isoWeek(y, m, d), month: `${y}-${pad(m)}` });
    starts.push(start);
    cursor.setUTCDate(d + 1);
  }
  const after = new Date(last + 86400000);
  starts.push(localMidnight(timezone, after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()));
  return { timezone, days, starts };
}

/** Index of the day an instant falls in, or -1 outside the period. */
export function dayIndex(calendar: Calendar, epochMs: number): number {
  const s = calendar.starts;
  if (epochMs < s[0] || epochMs >= s[s.length - 1]) return -1;
  let lo = 0;
  let hi = s.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= epochMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface WindowSpan {
  /** `2026-11-03`, `2026-W45`, `2026-11` */
  key: string;
  /** Day indexes [first, last] of the period inside the window. */
  first: number;
  last: number;
}

/** The windows of a unit that meet the period, each with the period's days inside it. */
export function windowsOf(calendar: Calendar, unit: WindowUnit): WindowSpan[] {
  const out: WindowSpan[] = [];
  calendar.days.forEach((day, i) => {
    const key = unit === 'day' ? day.date : unit === 'week' ? day.week : day.month;
    const prev = out[out.length - 1];
    if (prev && prev.key === key) prev.last = i;
    else out.push({ key, first: i, last: i });
  });
  return out;
}

/** ISO 8601 with an offset (or Z), as events must carry. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);

/**
 * Epoch ms of an ISO 8601 instant with an offset; NaN when it is not one.
 * The common form `YYYY-MM-DDTHH:MM:SS±HH:MM` is read by hand (a million
 * events a second); anything else goes through the regexp and Date.parse.
 */
export function parseInstant(at: unknown): number {
  if (typeof at !== 'string') return Number.NaN;
  if (at.length === 25 && at.charCodeAt(10) === 84 /* T */ && at.charCodeAt(19) !== 46) {
    const sign = at.charCodeAt(19);
    if (
      (sign === 43 || sign === 45) &&
      at.charCodeAt(4) === 45 &&
      at.charCodeAt(7) === 45 &&
      at.charCodeAt(13) === 58 &&
      at.charCodeAt(16) === 58 &&
      at.charCodeAt(22) === 58
    ) {
      const y = d2(at, 0) * 100 + d2(at, 2);
      const mo = d2(at, 5);
      const d = d2(at, 8);
      const h = d2(at, 11);
      const mi = d2(at, 14);
      const sec = d2(at, 17);
      const oh = d2(at, 20);
      const om = d2(at, 23);
      const ok = y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59 && oh <= 23 && om <= 59;
      if (ok && !Number.isNaN(y + mo + d + h + mi + sec + oh + om)) {
        const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
        // reject 2026-02-31 and friends, as Date.parse does
        if (d <= daysInMonth(y, mo)) return utc - (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60000;
        return Number.NaN;
      }
    }
  }
  if (!ISO_WITH_OFFSET.test(at)) return Number.NaN;
  // Date.parse rolls 2026-02-30 over into March: check the calendar date first.
  const y = Number(at.slice(0, 4));
  const mo = Number(at.slice(5, 7));
  const d = Number(at.slice(8, 10));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  return Date.parse(at);
}
