/**
 * Instants: ISO 8601 with an offset, read strictly by hand; written with a
 * zone's offset of the moment; their local day in a zone.
 */
import { DAY_MS, daysInMonth, yearOk } from './dates.js';
import { d2, d4 } from './digits.js';
import { isoText, offsetText, wallText, zoneOffset } from './zones.js';

/**
 * Epoch ms of an instant: ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fraction]]`
 * followed by `Z` or `±HH:MM`, read by hand (no `Date.parse`: it accepts
 * more and reads `0026` as 1926 or 26 depending on the form); NaN for
 * anything else. Every field is range-checked: year 1000–9999, month 1–12,
 * a real day of that month, hour 0–23, minute and second 0–59, offset up to
 * ±23:59. Fractions (1–9 digits) are cut to the millisecond.
 */
export function parseInstant(at: unknown): number {
  if (typeof at !== 'string') return Number.NaN;
  const n = at.length;
  if (n < 17 || at.charCodeAt(4) !== 45 || at.charCodeAt(7) !== 45 || at.charCodeAt(10) !== 84 /* T */ || at.charCodeAt(13) !== 58)
    return Number.NaN;
  const y = d4(at, 0);
  const mo = d2(at, 5);
  const d = d2(at, 8);
  const h = d2(at, 11);
  const mi = d2(at, 14);
  let sec = 0;
  let ms = 0;
  let i = 16;
  if (at.charCodeAt(i) === 58) {
    sec = d2(at, 17);
    i = 19;
    if (at.charCodeAt(i) === 46 /* . */) {
      let k = i + 1;
      let scale = 100;
      for (; k < n && k < i + 10; k++) {
        const digit = at.charCodeAt(k) - 48;
        if (digit < 0 || digit > 9) break;
        ms += digit * scale;
        scale /= 10;
      }
      if (k === i + 1) return Number.NaN;
      ms = Math.floor(ms);
      i = k;
    }
  }
  let off: number;
  const c = at.charCodeAt(i);
  if (c === 90 /* Z */ && i + 1 === n) off = 0;
  else if ((c === 43 || c === 45) && i + 6 === n && at.charCodeAt(i + 3) === 58) {
    const oh = d2(at, i + 1);
    const om = d2(at, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    off = (c === 45 ? -1 : 1) * (oh * 60 + om) * 60000;
  } else return Number.NaN;
  if (!yearOk(y) || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - off;
}

/** An ISO 8601 date-time with an offset (or Z), as `parseInstant` reads it. */
export function isInstant(s: unknown): s is string {
  return !Number.isNaN(parseInstant(s));
}

/**
 * Offsets by zone and UTC day: a day whose offset is the same at its first
 * and last millisecond is taken to keep it all day (offsets change at most
 * twice a year, never twice within a day); any other day (a transition) is
 * asked of `Intl` instant by instant. Bounded: cleared when it grows large.
 */
const dayOffsets = new Map<string, Map<number, number>>();

/** `zoneOffset`, cached by UTC day (see `dayOffsets`): for code that converts many instants. */
function cachedOffset(timezone: string, epochMs: number): number {
  let byDay = dayOffsets.get(timezone);
  if (!byDay) dayOffsets.set(timezone, (byDay = new Map()));
  const day = Math.floor(epochMs / DAY_MS);
  let off = byDay.get(day);
  if (off === undefined) {
    if (byDay.size > 4096) byDay.clear();
    const first = zoneOffset(timezone, day * DAY_MS);
    off = first === zoneOffset(timezone, day * DAY_MS + DAY_MS - 1) ? first : Number.NaN;
    byDay.set(day, off);
  }
  return Number.isNaN(off) ? zoneOffset(timezone, epochMs) : off;
}

/** Offset of `tz` at the UTC instant `ms`, in minutes east of UTC. */
export function tzOffsetMinutes(ms: number, tz: string): number {
  return Math.round(cachedOffset(tz, ms) / 60000);
}

/**
 * A wall-clock time in the zone (epoch ms read as UTC) → an instant with the
 * zone's offset then (whole seconds). In a DST gap the offset before the jump
 * is kept (`02:30+01:00` in Berlin on the spring day: a real instant, 03:30
 * on the clocks).
 */
function fromWall(wall: number, tz: string): string {
  let off = zoneOffset(tz, wall);
  off = zoneOffset(tz, wall - off);
  return `${isoText(wall)}${offsetText(Math.round(off / 60000))}`;
}

/** Local `date` + `time` (`HH:mm[:ss]`) in `tz` → ISO instant with that zone's offset then. Throws RangeError on a bad date or time. */
export function instantOf(date: string, time: string, tz: string): string {
  const wall = parseInstant(`${date}T${time}Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a date and time: ${date} ${time}`);
  return fromWall(wall, tz);
}

/**
 * An instant with an offset as given, or a local `YYYY-MM-DDTHH:mm[:ss[.f]]`
 * interpreted in `tz` (fractions dropped). `undefined` when it is neither.
 */
export function normalizeInstant(s: unknown, tz: string): string | undefined {
  if (typeof s !== 'string') return undefined;
  if (isInstant(s)) return s;
  const wall = parseInstant(`${s}Z`);
  return Number.isNaN(wall) ? undefined : fromWall(wall, tz);
}

/** Day (`YYYY-MM-DD`) of an instant in `tz`. Throws RangeError when it is not an instant. */
export function dayOf(instant: string, tz: string): string {
  const ms = parseInstant(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return isoText(ms + cachedOffset(tz, ms)).slice(0, 10);
}

/** `2026-11-03T09:30` (wall clock in `timeZone`) → `2026-11-03T09:30:00+08:00`; `null` if it is not one. */
export function localToInstant(local: string, timeZone: string): string | null {
  const wall = local.length === 16 ? parseInstant(`${local}Z`) : Number.NaN;
  return Number.isNaN(wall) ? null : fromWall(wall, timeZone);
}

/** An instant → `YYYY-MM-DDTHH:mm` in `timeZone` (for datetime-local inputs); '' when it is not an instant. */
export function instantToLocal(iso: string | undefined, timeZone: string): string {
  const ms = parseInstant(iso);
  return Number.isNaN(ms) ? '' : wallText(timeZone, ms).slice(0, 16);
}

/** Minutes between two instants (b − a). */
export function minutesBetween(a: string, b: string): number {
  return (parseInstant(b) - parseInstant(a)) / 60000;
}

/** An instant `minutes` after `instant`, written with `tz`'s offset then. */
export function addMinutes(instant: string, minutes: number, tz: string): string {
  const ms = parseInstant(instant) + minutes * 60000;
  const off = cachedOffset(tz, ms);
  return `${isoText(ms + off)}${offsetText(Math.round(off / 60000))}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
