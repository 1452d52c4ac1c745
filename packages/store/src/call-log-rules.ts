/**
 * The call-log form's domain rules (电话/网络咨询登记表): its channels, the
 * follow-up deadline and when a follow-up is open or overdue, what "fully
 * registered" means, the age bands of the statistics and the validation of
 * a log with field-level reasons (zh-CN + en) — bookings included. Pure
 * functions and constants, no storage: a form imports them cheaply from
 * `@rulecard/store/call-log-rules` and checks exactly what the store will
 * check.
 *
 * @example
 * ```ts
 * import { validateCallLogInput, followUpDueAt } from '@rulecard/store/call-log-rules';
 * const { errors } = validateCallLogInput(input, { timezone: 'Asia/Shanghai' });
 * followUpDueAt({ date: '2026-11-03', time: '09:30' }, 'Asia/Shanghai'); // '2026-11-03T10:00:00+08:00'
 * ```
 *
 * @module
 */
import { type FieldError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { isDate, isTime, normalizeInstant, instantOf, minutesBetween, parseInstant } from '@rulecard/dsl/calendar';
import type { CallChannel, CallLogFields, ContactKind, LocalizedText } from './types.js';

export type { FieldError } from './errors.js';

export {
  FOLLOW_UP_MINUTES,
  MIN_AGE,
  MAX_AGE,
  followUpDueAt,
  type FollowUpState,
  followUpPending,
  followUpState,
  AGE_BANDS,
  type AgeBand,
  ageBand,
  CALL_CHANNELS,
  mediumOf,
  REGISTRATION_FIELDS,
  isRecordId,
  isReservedId,
  isStoredId,
  missingRegistrationFields,
} from './call-log-basics.js';
import { CALL_CHANNELS, MAX_AGE, MIN_AGE, blank, isRecordId } from './call-log-basics.js';

const CHANNEL_IDS = new Set<string>(CALL_CHANNELS.map((c) => c.id));

/** Labels of every form field (for messages, CSV headers). */
export const CALL_LOG_FIELD_LABELS: Record<keyof CallLogFields | 'id', LocalizedText> = {
  id: { 'zh-CN': '编号', en: 'ID' },
  date: { 'zh-CN': '日期', en: 'Date' },
  time: { 'zh-CN': '时间', en: 'Time' },
  consultant: { 'zh-CN': '咨询员', en: 'Consultant' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  customerName: { 'zh-CN': '顾客姓名', en: 'Customer name' },
  contact: { 'zh-CN': '联系方式', en: 'Contact' },
  contactKind: { 'zh-CN': '联系方式类型', en: 'Contact kind' },
  age: { 'zh-CN': '年龄', en: 'Age' },
  region: { 'zh-CN': '地区', en: 'Region' },
  source: { 'zh-CN': '来源', en: 'Source' },
  project: { 'zh-CN': '咨询项目', en: 'Project of interest' },
  question: { 'zh-CN': '咨询内容', en: 'Question' },
  answer: { 'zh-CN': '答复/结果', en: 'Answer / result' },
  booked: { 'zh-CN': '是否预约', en: 'Booked' },
  bookingAt: { 'zh-CN': '预约时间', en: 'Booking time' },
  bookingExpert: { 'zh-CN': '预约专家', en: 'Booked expert' },
  followUpPromised: { 'zh-CN': '承诺回访', en: 'Follow-up promised' },
  followUpDoneAt: { 'zh-CN': '回访时间', en: 'Follow-up done at' },
  visitedAt: { 'zh-CN': '到院时间', en: 'Visited at' },
  surgeryFeeFen: { 'zh-CN': '手术费用（分）', en: 'Surgery fee (fen)' },
  surgeryAt: { 'zh-CN': '手术时间', en: 'Surgery at' },
  recordingRef: { 'zh-CN': '录音编号', en: 'Recording ref.' },
  note: { 'zh-CN': '备注', en: 'Note' },
};

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;
const WECHAT_RE = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
const QQ_RE = /^[1-9]\d{4,11}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTACT_KINDS = new Set<ContactKind>(['mobile', 'landline', 'wechat', 'qq', 'email']);

/** Normalise a phone-like contact: drop spaces and dashes inside mobile numbers, a leading +86. */
function normalizeContact(raw: string): string {
  const s = raw.trim();
  const compact = s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (MOBILE_RE.test(compact)) return compact;
  return s;
}

/**
 * The contact kind a value looks like, or undefined. Ten to twelve digits
 * starting with 1 are read as a mobile number (and checked as one: a digit
 * too many or too few is a mistyped mobile, refused with reason `mobile`),
 * not as a QQ number: at a clinic's phone that is what they almost always
 * are. A QQ number of that shape is given with `contactKind: 'qq'`.
 */
export function inferContactKind(contact: string): ContactKind | undefined {
  if (/^1\d{9,11}$/.test(contact)) return 'mobile';
  if (LANDLINE_RE.test(contact)) return 'landline';
  if (EMAIL_RE.test(contact)) return 'email';
  if (QQ_RE.test(contact)) return 'qq';
  if (WECHAT_RE.test(contact)) return 'wechat';
  return undefined;
}

const KIND_CHECK: Record<ContactKind, RegExp> = {
  mobile: MOBILE_RE,
  landline: LANDLINE_RE,
  wechat: WECHAT_RE,
  qq: QQ_RE,
  email: EMAIL_RE,
};

export interface CallLogContext {
  timezone: string;
  /**
   * A new registration, made at this instant: a booking must be later than
   * it (reason `in-the-past`). Absent (an edit, an import of past logs):
   * not checked.
   */
  now?: Date;
  /**
   * True when the id is a consultant or lead on the roster. Absent (a form
   * that has no roster at hand): any well-formed id passes; the store checks
   * the roster when it saves.
   */
  isConsultant?(id: string): boolean;
}

type Input = Record<string, unknown>;

const SHORT_TEXT = ['customerName', 'region', 'source', 'project', 'bookingExpert', 'recordingRef'] as const;
const LONG_TEXT = ['question', 'answer', 'note'] as const;
const INSTANTS = ['bookingAt', 'followUpDoneAt', 'visitedAt', 'surgeryAt'] as const;

/**
 * Validate and normalise a call-log input. Returns the normalised fields
 * (strings trimmed, empty strings dropped, contact kind inferred, local
 * date-times given the zone's offset) and the field errors.
 */
export function validateCallLogInput(input: unknown, ctx: CallLogContext): { fields: CallLogFields | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { fields: null, errors: [fieldError('(record)', 'type')] };
  }
  const r = input as Input;
  const out: Partial<CallLogFields> = {};

  if (r.id !== undefined && !isRecordId(r.id)) errors.push(fieldError('id', 'id'));

  if (blank(r.date)) errors.push(fieldError('date', 'required'));
  else if (!isDate(r.date)) errors.push(fieldError('date', 'date'));
  else out.date = r.date;

  if (blank(r.time)) errors.push(fieldError('time', 'required'));
  else if (!isTime(r.time)) errors.push(fieldError('time', 'time'));
  else out.time = r.time;

  if (blank(r.consultant)) errors.push(fieldError('consultant', 'required'));
  else if (typeof r.consultant !== 'string') errors.push(fieldError('consultant', 'type'));
  else if (ctx.isConsultant && !ctx.isConsultant(r.consultant.trim())) errors.push(fieldError('consultant', 'unknown-consultant'));
  else out.consultant = r.consultant.trim();

  if (blank(r.channel)) errors.push(fieldError('channel', 'required'));
  else if (typeof r.channel !== 'string' || !CHANNEL_IDS.has(r.channel)) errors.push(fieldError('channel', 'enum'));
  else out.channel = r.channel as CallChannel;

  for (const [fields, max] of [
    [SHORT_TEXT, 200],
    [LONG_TEXT, 5000],
  ] as const) {
    for (const f of fields) {
      const v = r[f];
      if (blank(v)) continue;
      if (typeof v !== 'string') errors.push(fieldError(f, 'type'));
      else if (v.trim().length > max) errors.push(fieldError(f, 'too-long'));
      else out[f] = v.trim();
    }
  }

  if (!blank(r.contactKind) && (typeof r.contactKind !== 'string' || !CONTACT_KINDS.has(r.contactKind as ContactKind))) {
    errors.push(fieldError('contactKind', 'enum'));
  }
  if (!blank(r.contact)) {
    if (typeof r.contact !== 'string') errors.push(fieldError('contact', 'type'));
    else {
      const contact = normalizeContact(r.contact);
      const given = !blank(r.contactKind) && CONTACT_KINDS.has(r.contactKind as ContactKind) ? (r.contactKind as ContactKind) : undefined;
      const kind = given ?? inferContactKind(contact);
      if (!kind) {
        errors.push(fieldError('contact', /^\+?\d[\d\s-]*$/.test(contact) ? 'mobile' : 'contact'));
      } else if (!KIND_CHECK[kind].test(contact)) {
        errors.push(fieldError('contact', kind));
      } else {
        out.contact = contact;
        out.contactKind = kind;
      }
    }
  }

  if (!blank(r.age)) {
    const age = typeof r.age === 'string' && /^\d+$/.test(r.age.trim()) ? Number(r.age) : r.age;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < MIN_AGE || age > MAX_AGE) errors.push(fieldError('age', 'age'));
    else out.age = age;
  }

  for (const f of ['booked', 'followUpPromised'] as const) {
    const v = r[f];
    if (v === undefined || v === null) errors.push(fieldError(f, 'required'));
    else if (typeof v !== 'boolean') errors.push(fieldError(f, 'type'));
    else out[f] = v;
  }

  for (const f of INSTANTS) {
    const v = r[f];
    if (blank(v)) continue;
    const inst = normalizeInstant(v, ctx.timezone);
    if (!inst) errors.push(fieldError(f, 'instant'));
    else out[f] = inst;
  }

  if (!blank(r.surgeryFeeFen)) {
    const fee = r.surgeryFeeFen;
    if (typeof fee !== 'number' || !Number.isSafeInteger(fee) || fee < 0) errors.push(fieldError('surgeryFeeFen', 'fen'));
    else out.surgeryFeeFen = fee;
  }

  const consultation = out.date && out.time ? instantOf(out.date, out.time, ctx.timezone) : undefined;
  if (consultation && out.followUpDoneAt && minutesBetween(consultation, out.followUpDoneAt) < 0) {
    errors.push(fieldError('followUpDoneAt', 'order'));
  }
  // A booking is made at the consultation, for later: after it, and (a new registration) after now.
  if (out.booked && out.bookingAt) {
    const at = parseInstant(out.bookingAt);
    if (ctx.now && at <= ctx.now.getTime()) errors.push(fieldError('bookingAt', 'in-the-past'));
    else if (consultation && at <= parseInstant(consultation)) errors.push(fieldError('bookingAt', 'after-consultation'));
  }

  return { fields: errors.length ? null : (out as CallLogFields), errors };
}

const blankValue = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * An edit made on revision `expectedRev` of a log now at `currentRev`, merged (issue 10: edits of different
 * fields merge): every revision in between must be in `history` and an update; a field they changed that the
 * edit's `patch` carries with its value at `expectedRev` (a whole form sent back) is left as the other edit
 * made it; a field both changed is a conflict (`undefined`). Returns the patch to apply on `currentRev`.
 */
export function mergeEdit(
  history: readonly { rev: number; action: string; changes: readonly { field: string; before?: unknown }[] }[],
  expectedRev: number,
  currentRev: number,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  if (!(expectedRev < currentRev)) return undefined;
  const before = new Map<string, unknown>();
  for (let rev = expectedRev + 1; rev <= currentRev; rev++) {
    const r = history.find((h) => h.rev === rev);
    if (!r || r.action !== 'update') return undefined;
    for (const c of r.changes) if (!before.has(c.field)) before.set(c.field, c.before);
  }
  const merged: Record<string, unknown> = { ...patch };
  for (const [field, old] of before) {
    if (!(field in patch)) continue;
    const mine = patch[field];
    if (mine === old || (blankValue(mine) && blankValue(old))) delete merged[field];
    else return undefined;
  }
  return merged;
}
