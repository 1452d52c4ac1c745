/**
 * The call-log rules the store's read path needs: the channels and their medium, the follow-up deadline and
 * states, age bands, what "fully registered" means, and which ids are valid. Re-exported by
 * `call-log-rules.ts` (the form's rules: these and the validation with its messages), which the store loads
 * with its write paths; deriving events from a stored log needs only these.
 *
 * @module
 */
import { instantOf, addMinutes, parseInstant } from '@rulecard/dsl/calendar';
import type { CallChannel, CallLogFields, CallMedium, LocalizedText } from './types.js';

/** A promised follow-up must be done within this many minutes of the consultation. */
export const FOLLOW_UP_MINUTES = 30;

/**
 * The ages a log accepts, whole years. Not 0: a consultation is about an
 * adult's (or a teenager's) own treatment, and a 0 typed for "not asked"
 * would count the log as fully registered; leave the age empty instead.
 */
export const MIN_AGE = 1;
export const MAX_AGE = 120;

/**
 * When a promised follow-up is due: the consultation's local `date` and
 * `time` in `timezone`, plus {@link FOLLOW_UP_MINUTES}, as an instant written
 * with that zone's offset (`2026-11-03T10:00:00+08:00`: its local time is
 * characters 11–16).
 */
export function followUpDueAt(consultation: { date: string; time: string }, timezone: string): string {
  return addMinutes(instantOf(consultation.date, consultation.time, timezone), FOLLOW_UP_MINUTES, timezone);
}

/** Where a log's promised follow-up stands at an instant: none promised, done, open (not yet due) or overdue. */
export type FollowUpState = 'none' | 'done' | 'open' | 'overdue';

type FollowUp = Pick<CallLogFields, 'followUpPromised' | 'followUpDoneAt'> & { followUpDueAt?: string };

/** A follow-up promised and not done yet (open or overdue). */
export function followUpPending(log: FollowUp): boolean {
  return log.followUpPromised && !log.followUpDoneAt;
}

/**
 * A log's follow-up at `now`: `open` until {@link FOLLOW_UP_MINUTES} after
 * the consultation (`followUpDueAt`), `overdue` from then on, until it is done.
 */
export function followUpState(log: FollowUp, now: Date): FollowUpState {
  if (!log.followUpPromised) return 'none';
  if (log.followUpDoneAt) return 'done';
  return log.followUpDueAt !== undefined && parseInstant(log.followUpDueAt) < now.getTime() ? 'overdue' : 'open';
}

/** Age bands of the call-log statistics, youngest first; `unknown` for a log without an age. */
export const AGE_BANDS = ['under20', '20s', '30s', '40s', '50plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The band of an age: under 20, each decade from 20 to 49, 50 and over. */
export function ageBand(age: number | undefined): AgeBand {
  if (age === undefined) return 'unknown';
  if (age < 20) return 'under20';
  if (age < 30) return '20s';
  if (age < 40) return '30s';
  if (age < 50) return '40s';
  return '50plus';
}

/** The channels of the form, with their labels and medium. */
export const CALL_CHANNELS: readonly { id: CallChannel; medium: CallMedium; label: LocalizedText }[] = [
  { id: 'phone', medium: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
  { id: 'business_chat', medium: 'online', label: { 'zh-CN': '商务通/网络', en: 'Online chat (Business Chat)' } },
  { id: 'qq', medium: 'online', label: { 'zh-CN': 'QQ', en: 'QQ' } },
  { id: 'wechat', medium: 'online', label: { 'zh-CN': '微信', en: 'WeChat' } },
  { id: 'website_booking', medium: 'online', label: { 'zh-CN': '网站预约', en: 'Website booking' } },
  { id: 'message_board', medium: 'online', label: { 'zh-CN': '留言板/论坛', en: 'Message board / forum' } },
  { id: 'email', medium: 'online', label: { 'zh-CN': '电子邮件', en: 'Email' } },
  { id: 'walk_in', medium: 'walk_in', label: { 'zh-CN': '现场', en: 'Walk-in' } },
];

const MEDIUM = new Map<string, CallMedium>(CALL_CHANNELS.map((c) => [c.id, c.medium]));

/** `phone`, `online` or `walk_in`: what rulebooks filter on (`where medium = "online"`). */
export function mediumOf(channel: CallChannel): CallMedium {
  return MEDIUM.get(channel) ?? 'online';
}

/**
 * Fields a consultant must fill for the log to count as fully registered
 * (详细登记); a log missing any of them derives a `call_not_fully_registered`
 * event. A booked log also needs `bookingAt` and `bookingExpert`.
 */
export const REGISTRATION_FIELDS: readonly (keyof CallLogFields)[] = [
  'customerName',
  'contact',
  'age',
  'region',
  'source',
  'project',
  'question',
  'answer',
];

const ID_RE = /^[\p{L}\p{N}_\-.:@#]{1,128}$/u;
/**
 * Names an id may not have: the properties of `Object.prototype`
 * (`__proto__`, `constructor`, `toString`…). Ids become keys of plain objects
 * (score ledgers, CSV name maps), where such a name would read or write the
 * prototype instead of a record.
 */
const RESERVED_IDS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
/** An id a caller may choose: 1–128 letters, digits or `_ - . : @ #`, and not a name of `Object.prototype`. */
export function isRecordId(id: unknown): id is string {
  return typeof id === 'string' && ID_RE.test(id) && !RESERVED_IDS.has(id);
}

/** True for ids such as `__proto__` or `constructor` (see {@link isRecordId}). */
export function isReservedId(id: unknown): boolean {
  return typeof id === 'string' && RESERVED_IDS.has(id);
}

/** Ids the store itself makes may also hold `~` (derived events: `<logId>~<type>`). */
export function isStoredId(id: unknown): id is string {
  return typeof id === 'string' && /^[\p{L}\p{N}_\-.:@#~]{1,200}$/u.test(id) && !RESERVED_IDS.has(id);
}

/** An empty value: absent, null or blank text. */
export function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Registration fields this log leaves empty (booking details included when
 * booked), in form order: of a stored log, or of a form being filled in
 * (its values as typed).
 */
export function missingRegistrationFields(log: { readonly [K in keyof CallLogFields]?: unknown }): (keyof CallLogFields)[] {
  const missing = REGISTRATION_FIELDS.filter((f) => blank(log[f]));
  if (log.booked) {
    if (blank(log.bookingAt)) missing.push('bookingAt');
    if (blank(log.bookingExpert)) missing.push('bookingExpert');
  }
  return missing;
}
