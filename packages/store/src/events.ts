/**
 * Events managers record (infractions, praise, spot checks, attendance,
 * votes, visits, fees): their validation (shared with derived events and
 * imports) and their writes, each one commit with its closed-month journal.
 * Events are indexed by `[consultant, day]`, so a consultant's month is a
 * range read.
 *
 * @module
 */
import type { WriteOp } from './adapter.js';
import { isRecordId, isReservedId, isStoredId } from './call-log-rules.js';
import { StoreError, type FieldError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { conflictError, newId, notFound, type StoreCore } from './internal.js';
import { requireActor } from './actor.js';
import { APPEAL_TYPE, CORRECTION_TYPE } from './line-rules.js';
import { eventTouch, journal } from './periods.js';
import { dayOf, isDate, isInstant, normalizeInstant, nowIso, parseInstant } from '@rulecard/dsl/calendar';
import type { Actor, EventInput, RevisionCheck, StoredEvent } from './types.js';

/** Event types only the store writes (appeals are records of their own; corrections come with accepting one). */
export const RESERVED_EVENT_TYPES: ReadonlySet<string> = new Set([APPEAL_TYPE, CORRECTION_TYPE]);

const TYPE_RE = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;
/** The largest amount an event may carry, in yuan (10 billion: any real fee is far below, and fen stay exact). */
export const MAX_AMOUNT = 1e10;

export interface EventContext {
  timezone: string;
  isConsultant(id: string): boolean;
  /**
   * Recording (or editing) now: an event happened, so it is not later than
   * this (a minute of leeway for clocks; reason `in-the-future`). Absent (an
   * import): not checked.
   */
  now?: Date;
}

/** How far past the clock an event may be recorded: clocks of two machines differ a little. */
export const FUTURE_LEEWAY_MS = 60_000;

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
    else if (ctx.now && parseInstant(at) > ctx.now.getTime() + FUTURE_LEEWAY_MS) errors.push(fieldError('at', 'in-the-future'));
    else out.at = at;
  }
  if (r.amount !== undefined) {
    if (typeof r.amount !== 'number' || !Number.isFinite(r.amount)) errors.push(fieldError('amount', 'number'));
    else if (Math.abs(r.amount) > MAX_AMOUNT) errors.push(fieldError('amount', 'amount-range'));
    else out.amount = r.amount;
  }
  if (r.attrs !== undefined) {
    const a = r.attrs;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) errors.push(fieldError('attrs', 'attrs'));
    else {
      const entries = Object.entries(a);
      if (entries.some(([k]) => isReservedId(k))) errors.push(fieldError('attrs', 'reserved-key'));
      else if (
        !entries.every(([, v]) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
      ) {
        errors.push(fieldError('attrs', 'attrs'));
      } else out.attrs = Object.fromEntries(entries) as Record<string, string | number | boolean>;
    }
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
  if (r.origin !== 'manual' && r.origin !== 'call-log' && r.origin !== 'appeal') errors.push(fieldError('origin', 'enum'));
  if (r.origin === 'appeal' && r.type !== CORRECTION_TYPE) errors.push(fieldError('type', 'reserved-type'));
  if (r.type === APPEAL_TYPE) errors.push(fieldError('type', 'reserved-type'));
  if (r.sourceId !== undefined && !isStoredId(r.sourceId)) errors.push(fieldError('sourceId', 'id'));
  if (typeof r.rev !== 'number' || !Number.isInteger(r.rev) || r.rev < 1) errors.push(fieldError('rev', 'type'));
  if (typeof r.recordedBy !== 'string') errors.push(fieldError('recordedBy', 'required'));
  for (const f of ['createdAt', 'updatedAt'] as const) if (!isInstant(r[f])) errors.push(fieldError(f, 'instant'));
  return errors;
}

// ------------------------------------------------------------------ writes

function reservedType(type: string): StoreError {
  return new StoreError('validation', { fields: [fieldError('type', 'reserved-type')], details: { type } });
}

/** Record a manager's event (one commit with its journal). */
export async function recordEvent(core: StoreCore, input: EventInput, actor: Actor): Promise<StoredEvent> {
  requireActor(actor);
  const ctx = { timezone: core.timezone, isConsultant: await core.consultantCheck(), now: core.clock() };
  const { event, errors } = validateEventInput(input, ctx);
  if (!event) throw new StoreError('validation', { fields: errors });
  if (RESERVED_EVENT_TYPES.has(event.type)) throw reservedType(event.type);
  const now = nowIso();
  const ev = buildEvent(event.id ?? newId('ev'), event, { rev: 1, recordedBy: actor.by, createdAt: now, updatedAt: now }, core.timezone);
  await core.adapter.commit([{ kind: 'events', op: 'put', record: ev, expectRev: null }, ...journal([eventTouch(ev, 'create')], actor.by)]);
  return ev;
}

/** Edit a manager's event; derived events (call logs, appeals) are read-only. */
export async function updateEvent(core: StoreCore, id: string, patch: Partial<EventInput>, check: RevisionCheck): Promise<StoredEvent> {
  requireActor(check);
  const current = await core.getEvent(id);
  if (!current) throw notFound('events', id);
  if (current.origin !== 'manual') throw new StoreError('derived-readonly', { details: { id, log: current.sourceId } });
  if (current.rev !== check.expectedRev) throw conflictError('events', id, check.expectedRev, current);
  const merged: Record<string, unknown> = {
    type: current.type,
    consultant: current.consultant,
    at: current.at,
    amount: current.amount,
    attrs: current.attrs,
    note: current.note,
  };
  for (const [k, v] of Object.entries(patch ?? {})) if (k !== 'id') merged[k] = v === null || v === '' ? undefined : v;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const ctx = { timezone: core.timezone, isConsultant: await core.consultantCheck(), now: core.clock() };
  const { event, errors } = validateEventInput(merged, ctx);
  if (!event) throw new StoreError('validation', { fields: errors });
  if (event.type !== current.type && RESERVED_EVENT_TYPES.has(event.type)) throw reservedType(event.type);
  const ev = buildEvent(
    id,
    event,
    { rev: current.rev + 1, recordedBy: check.by, createdAt: current.createdAt, updatedAt: nowIso() },
    core.timezone,
  );
  const ops: WriteOp[] = [
    { kind: 'events', op: 'put', record: ev, expectRev: current.rev },
    ...journal([eventTouch(current, 'update'), eventTouch(ev, 'update')], check.by),
  ];
  await core.adapter.commit(ops, { consultants: [current.consultant], days: [current.day] });
  return ev;
}

/** Delete a manager's event. */
export async function deleteEvent(core: StoreCore, id: string, check: RevisionCheck): Promise<void> {
  requireActor(check);
  const current = await core.getEvent(id);
  if (!current) throw notFound('events', id);
  if (current.origin !== 'manual') throw new StoreError('derived-readonly', { details: { id, log: current.sourceId } });
  if (current.rev !== check.expectedRev) throw conflictError('events', id, check.expectedRev, current);
  await core.adapter.commit(
    [{ kind: 'events', op: 'delete', key: id, expectRev: current.rev }, ...journal([eventTouch(current, 'delete')], check.by)],
    { consultants: [current.consultant], days: [current.day] },
  );
}
