/**
 * @deprecated Moved to `@rulecard/dsl/calendar`; this subpath re-exports the
 * zone helpers until its consumers (the store's time.ts) import the calendar.
 */
export { localParts, zoneFormatter, zoneOffset } from './calendar.js';
