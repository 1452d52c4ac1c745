/**
 * Calendar arithmetic in the store's time zone: days, months, ISO weeks and
 * instants with offsets. Pure functions; no Date parsing of local strings.
 *
 * @module
 */
import { zoneOffset } from '@rulecard/dsl/zone';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function isMonth(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return !!m && +m[2] >= 1 && +m[2] <= 12;
}

export function isTime(s: unknown): s is string {
  return typeof s === 'string' && TIME_RE.test(s);
}

/** An ISO 8601 date-time with an offset (or Z). */
export function isInstant(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = INSTANT_RE.exec(s);
  return !!m && !!m[6] && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && !Number.isNaN(Date.parse(s));
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(tz: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` at the UTC instant `ms`, in minutes east of UTC. */
export function tzOffsetMinutes(ms: number, tz: string): number {
  const fixed = ms >= SINCE_2000 ? fixedOffset(tz) : null;
  return fixed ?? rawOffset(ms, tz);
}

/** Offset from the language's own time-zone code (Intl), so store and evaluator cut days alike. */
function rawOffset(ms: number, tz: string): number {
  return Math.round(zoneOffset(tz, ms) / 60000);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Local `date` + `time` (`HH:mm[:ss]`) in `tz` → ISO instant with that zone's offset. */
export function instantOf(date: string, time: string, tz: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  let off = tzOffsetMinutes(local, tz);
  off = tzOffsetMinutes(local - off * 60000, tz);
  const sec = s ? `:${String(s).padStart(2, '0')}` : ':00';
  return `${date}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}${sec}${offsetText(off)}`;
}

/**
 * An instant with an offset as given, or a local `YYYY-MM-DDTHH:mm[:ss]`
 * interpreted in `tz`. `undefined` when it is neither.
 */
export function normalizeInstant(s: unknown, tz: string): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = INSTANT_RE.exec(s);
  if (!m || !isDate(m[1]) || +m[2] > 23 || +m[3] > 59) return undefined;
  if (m[6]) return Number.isNaN(Date.parse(s)) ? undefined : s;
  return instantOf(m[1], `${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''}`, tz);
}

/** Day (`YYYY-MM-DD`) of an instant in `tz`. */
export function dayOf(instant: string, tz: string): string {
  // Fast path: the instant is already written with the zone's offset at that moment.
  const m = INSTANT_RE.exec(instant);
  const ms = Date.parse(instant);
  if (m && m[6] && m[6] !== 'Z') {
    const sign = m[6][0] === '-' ? -1 : 1;
    const off = sign * (+m[6].slice(1, 3) * 60 + +m[6].slice(4, 6));
    if (ms >= SINCE_2000 && fixedOffset(tz) === off) return m[1];
  }
  return dayFormatter(tz).format(new Date(ms));
}

const SINCE_2000 = Date.UTC(2000, 0, 1);
const fixedOffsets = new Map<string, number | null>();
/** The zone's offset when it has had no DST/offset change since 2000 (Asia/Shanghai: 480), else null. */
function fixedOffset(tz: string): number | null {
  let v = fixedOffsets.get(tz);
  if (v === undefined) {
    const probes = [
      Date.UTC(2000, 0, 1),
      Date.UTC(2000, 6, 1),
      Date.UTC(2013, 0, 1),
      Date.UTC(2013, 6, 1),
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 6, 1),
    ];
    const offs = probes.map((p) => rawOffset(p, tz));
    v = offs.every((o) => o === offs[0]) ? offs[0] : null;
    fixedOffsets.set(tz, v);
  }
  return v;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Months touched by an inclusive day range, in order. */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = nextMonth(m)) out.push(m);
  return out;
}

/** Monday of an ISO week `YYYY-Www`. */
export function isoWeekMonday(week: string): string {
  const [y, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(y, 0, 4 - dow + (w - 1) * 7));
  return monday.toISOString().slice(0, 10);
}

/** The first day of a window named like the DSL names it (`2026-11-03`, `2026-W45`, `2026-11`). */
export function windowStart(window: string): { unit: 'day' | 'week' | 'month'; first: string } | undefined {
  if (isDate(window)) return { unit: 'day', first: window };
  if (/^\d{4}-W\d{2}$/.test(window)) return { unit: 'week', first: isoWeekMonday(window) };
  if (isMonth(window)) return { unit: 'month', first: `${window}-01` };
  return undefined;
}

/** Minutes between two instants (b − a). */
export function minutesBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 60000;
}

/** An instant `minutes` after `instant`, written in `tz`'s offset. */
export function addMinutes(instant: string, minutes: number, tz: string): string {
  const ms = Date.parse(instant) + minutes * 60000;
  const off = tzOffsetMinutes(ms, tz);
  const local = new Date(ms + off * 60000).toISOString();
  return `${local.slice(0, 19)}${offsetText(off)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
