/**
 * A period's calendar, as the evaluator uses it: every day of the period
 * with the instant its local midnight falls on, and the windows of each unit
 * that meet the period.
 */
import { DAY_MS, parseDate, type DateRange } from './dates.js';
import { pad2 } from './digits.js';
import { isoWeek, quarterOf, yearOf, type CalendarUnit } from './windows.js';
import { localParts, zoneOffset } from './zones.js';

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
    if (Date.UTC(p.y, p.m - 1, p.d) >= wall) break;
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

/** Longest period a calendar is built for, in days: a year, a leap year too. */
export const MAX_PERIOD_DAYS = 366;

/**
 * Every calendar day of an inclusive period, with its boundaries in the zone.
 * Throws RangeError when the period's ends are not dates, or when it is
 * longer than `MAX_PERIOD_DAYS` (checked before any day is built).
 */
export function buildCalendar(timezone: string, period: DateRange): Calendar {
  const from = parseDate(period.from);
  const to = parseDate(period.to);
  if (!from || !to) throw new RangeError(`period must be YYYY-MM-DD dates: ${period.from} … ${period.to}`);
  if ((Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / DAY_MS >= MAX_PERIOD_DAYS)
    throw new RangeError(`period longer than ${MAX_PERIOD_DAYS} days: ${period.from} … ${period.to}`);
  const days: CalendarDay[] = [];
  const starts: number[] = [];
  const cursor = new Date(Date.UTC(from.y, from.m - 1, from.d));
  const last = Date.UTC(to.y, to.m - 1, to.d);
  while (cursor.getTime() <= last) {
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth() + 1;
    const d = cursor.getUTCDate();
    const start = localMidnight(timezone, y, m, d);
    days.push({ date: `${y}-${pad2(m)}-${pad2(d)}`, start, week: isoWeek(y, m, d), month: `${y}-${pad2(m)}` });
    starts.push(start);
    cursor.setUTCDate(d + 1);
  }
  const after = new Date(last + DAY_MS);
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
  /** `2026-11-03`, `2026-W45`, `2026-11`, `2026-Q4`, `2026` */
  key: string;
  /** Day indexes [first, last] of the period inside the window. */
  first: number;
  last: number;
}

/** The windows of a unit that meet the period, each with the period's days inside it. */
export function windowsOf(calendar: Calendar, unit: CalendarUnit): WindowSpan[] {
  const out: WindowSpan[] = [];
  calendar.days.forEach((day, i) => {
    const key =
      unit === 'day'
        ? day.date
        : unit === 'week'
          ? day.week
          : unit === 'month'
            ? day.month
            : unit === 'quarter'
              ? quarterOf(day.month)
              : yearOf(day.month);
    const prev = out[out.length - 1];
    if (prev && prev.key === key) prev.last = i;
    else out.push({ key, first: i, last: i });
  });
  return out;
}
