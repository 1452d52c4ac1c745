/**
 * A time zone's offset at an instant, with `Intl` (no hand-written offsets).
 * Its own module so that code needing only offsets (the store's day
 * arithmetic) does not bundle the windows and calendars of the evaluator.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` giving a zone's wall-clock parts (24 h). */
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

/**
 * The zone's local date at an instant, and `wall`: its local date and time
 * (whole seconds) read as if they were UTC, in epoch ms.
 */
export function localParts(timezone: string, epochMs: number): { y: number; m: number; d: number; wall: number } {
  const parts = zoneFormatter(timezone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const y = get('year');
  const m = get('month');
  const d = get('day');
  return { y, m, d, wall: Date.UTC(y, m - 1, d, get('hour'), get('minute'), get('second')) };
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffset(timezone: string, epochMs: number): number {
  return localParts(timezone, epochMs).wall - Math.floor(epochMs / 1000) * 1000;
}
