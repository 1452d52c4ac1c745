/**
 * The call-log form's state: what its inputs hold, the store input they make
 * and the store's verdict on it in the form's words. Every rule is the
 * store's (`@rulecard/store/call-log-rules`: `validateCallLogInput`,
 * `missingRegistrationFields`); here are only the form's fields and messages.
 */
import type { CallChannel, CallLog, CallLogInput, FieldError } from '@rulecard/store';
import { missingRegistrationFields, REGISTRATION_FIELDS, validateCallLogInput } from '@rulecard/store/call-log-rules';
import { instantToLocal } from '@rulecard/dsl/calendar';
import { formatFen as fenText } from '@rulecard/dsl/money';
import { parseYuanToFen } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { CallLogMessages } from './messages/zh-CN.js';

/** What the inputs hold (strings as typed, booleans for checkboxes). */
export interface CallLogForm {
  date: string;
  time: string;
  channel: CallChannel | '';
  customerName: string;
  contact: string;
  age: string;
  region: string;
  source: string;
  project: string;
  question: string;
  answer: string;
  booked: boolean;
  bookingAt: string;
  bookingExpert: string;
  followUpPromised: boolean;
  followUpDoneAt: string;
  visitedAt: string;
  surgeryFee: string;
  recordingRef: string;
  note: string;
}

export type FormField = keyof CallLogForm;
export type FormErrors = Partial<Record<FormField, string>>;

/** Marked as required in the form: what the store refuses a log without (the consultation itself), then the store's registration fields. */
export const REQUIRED: readonly FormField[] = ['date', 'time', 'channel', ...REGISTRATION_FIELDS.flatMap((f) => formFieldOf(f) ?? [])];

/**
 * Registration fields left empty (the store's `missingRegistrationFields`), as form fields: of the form being
 * filled in, or of a stored log (the list's "not fully registered" badge).
 */
export function missingFields(record: Partial<Record<FormField, unknown>>): FormField[] {
  return missingRegistrationFields(record).flatMap((f) => formFieldOf(f) ?? []);
}

export function emptyForm(date: string, time: string, channel: CallChannel | ''): CallLogForm {
  return {
    date,
    time,
    channel,
    customerName: '',
    contact: '',
    age: '',
    region: '',
    source: '',
    project: '',
    question: '',
    answer: '',
    booked: false,
    bookingAt: '',
    bookingExpert: '',
    followUpPromised: false,
    followUpDoneAt: '',
    visitedAt: '',
    surgeryFee: '',
    recordingRef: '',
    note: '',
  };
}

type ErrorWords = CallLogMessages['errors'];

/** The form's words for the store's reasons about its fields (others: the store's own message). */
const WORDS: Partial<Record<string, { [K in keyof ErrorWords]: ErrorWords[K] extends string ? K : never }[keyof ErrorWords]>> = {
  required: 'required',
  date: 'date',
  instant: 'date',
  time: 'time',
  age: 'age',
  mobile: 'mobile',
  landline: 'contact',
  wechat: 'contact',
  qq: 'contact',
  email: 'contact',
  contact: 'contact',
  'in-the-past': 'bookingFuture',
  'after-consultation': 'bookingAfter',
  order: 'followUpOrder',
  fen: 'money',
};

/** The store's field errors as the form shows them: by form field (the first of each), in the form's words. */
export function formErrors(errors: readonly FieldError[], m: CallLogMessages['errors'], locale: Locale): FormErrors {
  const e: FormErrors = {};
  for (const error of errors) {
    const field = formFieldOf(error.field);
    if (!field || e[field]) continue;
    const words = Object.hasOwn(WORDS, error.reason) ? WORDS[error.reason] : undefined;
    e[field] = words ? m[words] : error.message[locale];
  }
  return e;
}

/**
 * Every problem that blocks a save, keyed by field, in the user's language: the store's verdict on the input
 * the form makes (`validateCallLogInput`; a new entry's booking must be later than `now`), and a fee that is
 * not an amount of money. Missing registration fields are not errors (see {@link missingFields}).
 */
export function validate(
  form: CallLogForm,
  m: CallLogMessages['errors'],
  opts: { now: Date; timeZone: string; isNew: boolean; locale: Locale },
): FormErrors {
  // The consultant is checked on the roster when the store saves; any well-formed id passes here.
  const { errors } = validateCallLogInput(toInput(form, 'form'), { timezone: opts.timeZone, ...(opts.isNew ? { now: opts.now } : {}) });
  const e = formErrors(errors, m, opts.locale);
  if (form.surgeryFee.trim() && (parseYuanToFen(form.surgeryFee) ?? -1) < 0) e.surgeryFee = m.money;
  return e;
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** The store input of the form: values as typed (the store reads the local date-times in its time zone), the fee in fen. */
export function toInput(form: CallLogForm, consultant: string): CallLogInput {
  return {
    date: form.date,
    time: form.time,
    consultant,
    channel: form.channel as CallChannel,
    customerName: opt(form.customerName),
    contact: opt(form.contact),
    // Whole years as typed; anything else is not a number the store accepts (it says why).
    age: form.age.trim() ? (/^\d+$/.test(form.age.trim()) ? Number(form.age) : Number.NaN) : undefined,
    region: opt(form.region),
    source: opt(form.source),
    project: opt(form.project),
    question: opt(form.question),
    answer: opt(form.answer),
    booked: form.booked,
    bookingAt: form.booked ? opt(form.bookingAt) : undefined,
    bookingExpert: form.booked ? opt(form.bookingExpert) : undefined,
    followUpPromised: form.followUpPromised,
    followUpDoneAt: opt(form.followUpDoneAt),
    visitedAt: opt(form.visitedAt),
    surgeryFeeFen: form.surgeryFee.trim() ? (parseYuanToFen(form.surgeryFee) ?? undefined) : undefined,
    recordingRef: opt(form.recordingRef),
    note: opt(form.note),
  };
}

/** The form of a stored (unmasked) log, for editing. */
export function fromLog(log: CallLog, timeZone: string): CallLogForm {
  return {
    date: log.date,
    time: log.time,
    channel: log.channel,
    customerName: log.customerName ?? '',
    contact: log.contact ?? '',
    age: log.age === undefined ? '' : String(log.age),
    region: log.region ?? '',
    source: log.source ?? '',
    project: log.project ?? '',
    question: log.question ?? '',
    answer: log.answer ?? '',
    booked: log.booked,
    bookingAt: instantToLocal(log.bookingAt, timeZone),
    bookingExpert: log.bookingExpert ?? '',
    followUpPromised: log.followUpPromised,
    followUpDoneAt: instantToLocal(log.followUpDoneAt, timeZone),
    visitedAt: instantToLocal(log.visitedAt, timeZone),
    surgeryFee: log.surgeryFeeFen === undefined ? '' : fenText(log.surgeryFeeFen),
    recordingRef: log.recordingRef ?? '',
    note: log.note ?? '',
  };
}

/** Store field names → form field names (validation errors from the store). */
export function formFieldOf(storeField: string): FormField | undefined {
  if (storeField === 'surgeryFeeFen') return 'surgeryFee';
  if (storeField === 'contactKind') return 'contact';
  const known: readonly string[] = Object.keys(emptyForm('', '', ''));
  return known.includes(storeField) ? (storeField as FormField) : undefined;
}
