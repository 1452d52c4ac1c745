/**
 * Time zones, from `Intl` (the platform's zone database; no offset is ever
 * written down): a zone's wall clock and offset at an instant, and where its
 * local days begin.
 */
import { pad2 } from './digits.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` giving a zone's wall-clock parts (24 h). Throws RangeError on an unknown zone. */
export function zoneFormatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Whether `Intl` knows the IANA zone name. */
export function isTimeZone(timezone: unknown): timezone is string {
  if (typeof timezone !== 'string' || !timezone) return false;
  try {
    zoneFormatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's local date at an instant, and `wall`: its local date and time
 * (whole seconds) read as if they were UTC, in epoch ms.
 */
export function localParts(timezone: string, epochMs: number): { y: number; m: number; d: number; wall: number } {
  let y = 0;
  let m = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of zoneFormatter(timezone).formatToParts(new Date(epochMs))) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') m = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  return { y, m, d, wall: Date.UTC(y, m - 1, d, h, mi, s) };
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffset(timezone: string, epochMs: number): number {
  return localParts(timezone, epochMs).wall - Math.floor(epochMs / 1000) * 1000;
}

/** An offset in minutes as ISO 8601 writes it: 480 → `+08:00`, -180 → `-03:00`, 0 → `+00:00`. */
export function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` of an epoch-ms wall clock (local time read as UTC); RangeError past 9999. */
export function isoText(wall: number): string {
  const text = new Date(wall).toISOString();
  if (text.length !== 24) throw new RangeError(`date out of range: ${text}`); // a signed six-digit year
  return text.slice(0, 19);
}

/** The zone's wall clock at an instant, `YYYY-MM-DDTHH:MM:SS`, straight from Intl (for a few calls: the UI's). */
export function wallText(timezone: string, epochMs: number): string {
  return isoText(localParts(timezone, epochMs).wall);
}

/** The wall clock of `date` in `timeZone`: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function wallClock(date: Date, timeZone: string): { date: string; time: string } {
  const text = wallText(timeZone, date.getTime());
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

/** The zone the language and the demo default to (a name, never an offset). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The date of `date` in `timeZone`. */
export function dateInZone(date: Date, timeZone: string = DEFAULT_TIMEZONE): string {
  return wallClock(date, timeZone).date;
}
