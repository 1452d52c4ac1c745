/**
 * The call-log form's state and its validation: plain functions, so the
 * element stays a view and the rules can be read in one place.
 */
import type { CallChannel, CallLog, CallLogInput, FieldError } from '@rulecard/store';
import { REGISTRATION_FIELDS, validateCallLogInput } from '@rulecard/store/call-log-rules';
import { parseYuanToFen } from '../shared/format.js';
import { instantToLocal, localToInstant } from '../shared/time.js';
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

/** Required for a save at all: the consultation itself (the store refuses a log without them). */
export const ESSENTIAL: readonly FormField[] = ['date', 'time', 'channel'];

/**
 * The registration fields (详细登记), the store's `REGISTRATION_FIELDS`:
 * a log may be saved without them, but then it counts as a
 * `call_not_fully_registered` event. A booked log also needs `bookingAt` and `bookingExpert`.
 */
export const REGISTRATION: readonly FormField[] = REGISTRATION_FIELDS.flatMap((f) => formFieldOf(f) ?? []);

/** Marked as required in the form: the essential fields and the registration fields. */
export const REQUIRED: readonly FormField[] = [...ESSENTIAL, ...REGISTRATION];

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Registration fields left empty (booking time and expert included when booked), in form order:
 * of the form being filled in, or of a stored log (the list's "not fully registered" badge).
 */
export function missingFields(record: Partial<Record<FormField, unknown>>): FormField[] {
  const missing = REGISTRATION.filter((f) => isBlank(record[f]));
  if (record.booked) {
    if (isBlank(record.bookingAt)) missing.push('bookingAt');
    if (isBlank(record.bookingExpert)) missing.push('bookingExpert');
  }
  return missing;
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

/** The form's message for the store's reason about the contact or the age. */
function storeMessage(error: FieldError, m: CallLogMessages['errors']): string {
  if (error.field === 'age') return m.age;
  return error.reason === 'mobile' ? m.mobile : m.contact;
}

/**
 * Every problem that blocks a save, keyed by field, in the user's language:
 * missing essential fields and values that are present but invalid. Missing
 * registration fields are not errors (see {@link missingFields}).
 */
export function validate(
  form: CallLogForm,
  m: CallLogMessages['errors'],
  opts: { now: Date; timeZone: string; isNew: boolean },
): FormErrors {
  const e: FormErrors = {};
  for (const f of ESSENTIAL) {
    const v = form[f];
    if (typeof v === 'string' && v.trim() === '') e[f] = m.required;
  }
  if (form.date && !/^\d{4}-\d{2}-\d{2}$/.test(form.date)) e.date = m.date;
  if (form.time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) e.time = m.time;
  // The contact and the age by the store's own rules (the values it would refuse).
  const checked = validateCallLogInput(
    { ...toInput(form, 'form', opts.timeZone), age: form.age.trim() || undefined },
    { timezone: opts.timeZone },
  );
  for (const error of checked.errors) {
    if ((error.field === 'contact' || error.field === 'age') && !e[error.field]) e[error.field] = storeMessage(error, m);
  }
  const consultationAt = !e.date && !e.time ? localToInstant(`${form.date}T${form.time}`, opts.timeZone) : null;
  if (form.booked) {
    if (form.bookingAt) {
      const at = localToInstant(form.bookingAt, opts.timeZone);
      if (!at) e.bookingAt = m.date;
      else if (opts.isNew && Date.parse(at) <= opts.now.getTime()) e.bookingAt = m.bookingFuture;
      else if (consultationAt && Date.parse(at) <= Date.parse(consultationAt)) e.bookingAt = m.bookingAfter;
    }
  }
  if (form.followUpDoneAt && consultationAt) {
    const at = localToInstant(form.followUpDoneAt, opts.timeZone);
    if (!at) e.followUpDoneAt = m.date;
    else if (Date.parse(at) < Date.parse(consultationAt)) e.followUpDoneAt = m.followUpOrder;
  }
  if (form.surgeryFee.trim() && (parseYuanToFen(form.surgeryFee) ?? -1) < 0) e.surgeryFee = m.money;
  return e;
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** The store input of a valid form. */
export function toInput(form: CallLogForm, consultant: string, timeZone: string): CallLogInput {
  const inst = (s: string) => (s ? (localToInstant(s, timeZone) ?? undefined) : undefined);
  return {
    date: form.date,
    time: form.time,
    consultant,
    channel: form.channel as CallChannel,
    customerName: opt(form.customerName),
    contact: opt(form.contact),
    age: form.age.trim() ? Number(form.age) : undefined,
    region: opt(form.region),
    source: opt(form.source),
    project: opt(form.project),
    question: opt(form.question),
    answer: opt(form.answer),
    booked: form.booked,
    bookingAt: form.booked ? inst(form.bookingAt) : undefined,
    bookingExpert: form.booked ? opt(form.bookingExpert) : undefined,
    followUpPromised: form.followUpPromised,
    followUpDoneAt: inst(form.followUpDoneAt),
    visitedAt: inst(form.visitedAt),
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
    surgeryFee: log.surgeryFeeFen === undefined ? '' : (log.surgeryFeeFen / 100).toFixed(2),
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
