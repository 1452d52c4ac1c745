/**
 * `@rulecard/dsl/calendar` — the one calendar of rulecard: civil dates and
 * windows (days, ISO weeks, months, quarters, years), instants with offsets,
 * and wall clocks in IANA time zones.
 *
 * Offsets always come from `Intl` (the platform's time-zone database): no
 * UTC offset is ever written down here, so DST zones (America/Santiago,
 * Africa/Cairo, Europe/Berlin …) and fixed ones (Asia/Shanghai) go through
 * the same code. Pure functions; nothing parses a local string with `Date`.
 *
 * Names:
 * - a *date* is `YYYY-MM-DD`, a *month* `YYYY-MM`, a *week* `YYYY-Www` (ISO
 *   8601: Monday first, week 1 holds the year's first Thursday), a
 *   *quarter* `YYYY-Qn`, a *year* `YYYY` — each a *window* name;
 * - an *instant* is ISO 8601 with an offset, `YYYY-MM-DDTHH:MM[:SS[.f…]]`
 *   then `Z` or `±HH:MM`, every field range-checked (`parseInstant`);
 * - years are four digits, 1000 … 9999 (`MIN_YEAR`, `MAX_YEAR`): `0026` is
 *   not a year a clinic records, and `Date.UTC` would read it as 1926.
 *
 * One module per kind of thing under `calendar/` (dates, windows, zones,
 * instants, a period's calendar) so that a bundle takes only what it uses.
 *
 * @module
 */

export {
  MIN_YEAR,
  MAX_YEAR,
  isLeapYear,
  daysInMonth,
  parseDate,
  isDate,
  isMonth,
  isTime,
  addDays,
  daysBetween,
  dayOfWeek,
  monthOf,
  addMonths,
  monthsBetween,
  firstDayOfMonth,
  lastDayOfMonth,
  nextMonth,
  monthsIn,
  periodOf,
  weekSoFar,
  lastWeek,
  lastMonth,
  monthSoFar,
  type DateRange,
} from './calendar/dates.js';
export {
  isQuarter,
  isYear,
  isoWeeksInYear,
  isWeek,
  quarterOf,
  yearOf,
  isoWeek,
  isoWeekOf,
  isoWeekMonday,
  windowKey,
  windowRange,
  windowStart,
  type CalendarUnit,
} from './calendar/windows.js';
export {
  zoneFormatter,
  isTimeZone,
  localParts,
  zoneOffset,
  offsetText,
  wallClock,
  DEFAULT_TIMEZONE,
  dateInZone,
} from './calendar/zones.js';
export {
  parseInstant,
  isInstant,
  tzOffsetMinutes,
  instantOf,
  normalizeInstant,
  dayOf,
  localToInstant,
  instantToLocal,
  minutesBetween,
  addMinutes,
  nowIso,
} from './calendar/instants.js';
export {
  MAX_PERIOD_DAYS,
  localMidnight,
  buildCalendar,
  dayIndex,
  windowsOf,
  type Calendar,
  type CalendarDay,
  type WindowSpan,
} from './calendar/period.js';
