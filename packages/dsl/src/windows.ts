/**
 * @deprecated The evaluator's windows moved to `@rulecard/dsl/calendar`
 * (one calendar for the language, the store and the elements); this subpath
 * re-exports them until its consumers import the calendar.
 */
export {
  buildCalendar,
  dayIndex,
  isoWeek,
  localMidnight,
  parseDate,
  parseInstant,
  windowKey,
  windowsOf,
  zoneOffset,
  type Calendar,
  type CalendarDay,
  type WindowSpan,
} from './calendar.js';
