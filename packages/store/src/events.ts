/**
 * Events managers record (infractions, praise, spot checks, attendance,
 * votes, visits, fees) and the validation shared with derived events.
 * Events are indexed by `[consultant, day]` and `day`, so a consultant's
 * month or a day of the department is a range read.
 *
 * @module
 */
import { fieldError, type FieldError } from './errors.js';
import { isRecordId, isStoredId } from './call-logs.js';
import { dayOf, isDate, normalizeInstant } from './time.js';
import type { EventInput, StoredEvent } from './types.js';

const TYPE_RE = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export interface EventContext {
  timezone: string;
  isConsultant(id: string): boolean;
}

/** Validate a manager's event; returns the normalised input or field errors. */
export function validateEventInput(input: unknown, ctx: EventContext): { event: EventInput | null; errors: FieldError[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { event: null, errors: [fieldError('(record)', 'type')] };
  }
  const r = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const out: Partial<EventInput> = {};
  if (r.id !== undefined) {
    if (!isRecordId(r.id)) errors.push(fieldError('id', 'id'));
    else out.id = r.id;
  }
  if (r.type === undefined || r.type === '') errors.push(fieldError('type', 'required'));
  else if (typeof r.type !== 'string' || !TYPE_RE.test(r.type)) errors.push(fieldError('type', 'event-type'));
  else out.type = r.type;
  if (r.consultant === undefined || r.consultant === '') errors.push(fieldError('consultant', 'required'));
  else if (typeof r.consultant !== 'string') errors.push(fieldError('consultant', 'type'));
  else if (!ctx.isConsultant(r.consultant)) errors.push(fieldError('consultant', 'unknown-consultant'));
  else out.consultant = r.consultant;
  if (r.at === undefined || r.at === '') errors.push(fieldError('at', 'required'));
  else {
    const at = normalizeInstant(r.at, ctx.timezone);
    if (!at) errors.push(fieldError('at', 'instant'));
    else out.at = at;
  }
  if (r.amount !== undefined) {
    if (typeof r.amount !== 'number' || !Number.isFinite(r.amount)) errors.push(fieldError('amount', 'number'));
    else out.amount = r.amount;
  }
  if (r.attrs !== undefined) {
    const a = r.attrs;
    if (
      typeof a !== 'object' ||
      a === null ||
      Array.isArray(a) ||
      !Object.values(a).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
    ) {
      errors.push(fieldError('attrs', 'attrs'));
    } else out.attrs = { ...(a as Record<string, string | number | boolean>) };
  }
  if (r.note !== undefined) {
    if (typeof r.note !== 'string') errors.push(fieldError('note', 'type'));
    else if (r.note.length > 2000) errors.push(fieldError('note', 'too-long'));
    else if (r.note.trim()) out.note = r.note.trim();
  }
  return { event: errors.length ? null : (out as EventInput), errors };
}

/** A stored manual event. */
export function buildEvent(
  id: string,
  input: EventInput,
  meta: { rev: number; recordedBy: string; createdAt: string; updatedAt: string },
  timezone: string,
): StoredEvent {
  const ev: StoredEvent = {
    id,
    type: input.type,
    consultant: input.consultant,
    at: input.at,
    day: dayOf(input.at, timezone),
    origin: 'manual',
    ...meta,
  };
  if (input.amount !== undefined) ev.amount = input.amount;
  if (input.attrs) ev.attrs = input.attrs;
  if (input.note) ev.note = input.note;
  return ev;
}

/** Field errors of a stored event (import). */
export function validateStoredEvent(e: unknown, ctx: EventContext): FieldError[] {
  if (typeof e !== 'object' || e === null) return [fieldError('(record)', 'type')];
  const r = e as Record<string, unknown>;
  const { errors } = validateEventInput({ ...r, id: undefined }, ctx);
  if (!isStoredId(r.id)) errors.push(fieldError('id', 'id'));
  if (!isDate(r.day)) errors.push(fieldError('day', 'date'));
  if (r.origin !== 'manual' && r.origin !== 'call-log') errors.push(fieldError('origin', 'enum'));
  if (typeof r.rev !== 'number' || !Number.isInteger(r.rev) || r.rev < 1) errors.push(fieldError('rev', 'type'));
  if (typeof r.recordedBy !== 'string') errors.push(fieldError('recordedBy', 'required'));
  for (const f of ['createdAt', 'updatedAt'] as const)
    if (typeof r[f] !== 'string' || Number.isNaN(Date.parse(r[f] as string))) errors.push(fieldError(f, 'instant'));
  return errors;
}

/** The evaluator's view of a stored event (bookkeeping dropped). */
export function toRuleEvent(e: StoredEvent): import('@rulecard/dsl').RuleEvent {
  const r: import('@rulecard/dsl').RuleEvent = { id: e.id, type: e.type, consultant: e.consultant, at: e.at };
  if (e.amount !== undefined) r.amount = e.amount;
  if (e.attrs) r.attrs = e.attrs;
  return r;
}
