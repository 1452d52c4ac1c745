/**
 * Wall-clock helpers in the store's time zone (default Asia/Shanghai): what a
 * `<input type="date|time|datetime-local">` shows ⇄ ISO instants with offset.
 */

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function parts(date: Date, timeZone: string): Record<string, string> {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormats.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The wall clock of `date` in `timeZone`: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function wallClock(date: Date, timeZone: string): { date: string; time: string } {
  const p = parts(date, timeZone);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Offset of `timeZone` at `date`, in minutes east of UTC. */
function offsetMinutes(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

function offsetText(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** `2026-11-03T09:30` (wall clock in `timeZone`) → `2026-11-03T09:30:00+08:00`; `null` if malformed. */
export function localToInstant(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let off = offsetMinutes(new Date(guess), timeZone);
  off = offsetMinutes(new Date(guess - off * 60000), timeZone);
  return `${local}:00${offsetText(off)}`;
}

/** An ISO instant → `YYYY-MM-DDTHH:mm` in `timeZone` (for datetime-local inputs). */
export function instantToLocal(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const w = wallClock(d, timeZone);
  return `${w.date}T${w.time}`;
}

/** Adds days to `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday of the ISO week of `day` … `day`. */
export function weekSoFar(day: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number);
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return { from: addDays(day, -dow), to: day };
}

/** Monday … Sunday of the ISO week before the one of `day` (the Tuesday statistics of the seeds cover it). */
export function lastWeek(day: string): { from: string; to: string } {
  const from = addDays(weekSoFar(day).from, -7);
  return { from, to: addDays(from, 6) };
}

/** The whole month before the one of `day`. */
export function lastMonth(day: string): { from: string; to: string } {
  const first = `${day.slice(0, 7)}-01`;
  const to = addDays(first, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** First of the month of `day` … `day`. */
export function monthSoFar(day: string): { from: string; to: string } {
  return { from: `${day.slice(0, 7)}-01`, to: day };
}
