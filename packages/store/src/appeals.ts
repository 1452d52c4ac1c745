/**
 * Appeals (申诉): a consultant disputes one line of her ledger with a reason;
 * a lead or manager accepts or rejects it, once.
 *
 * - `openAppeal` finds the line in the store's own score of the period (so
 *   the points and fen an appeal can reverse are the ledger's, never the
 *   caller's) and files the appeal on the line's last event.
 * - `decideAppeal` is one commit: the appeal's new status checked against the
 *   revision the decider saw and, when accepted, its correction event
 *   (`rulecard_correction`, id `<appealId>.correction`, origin `appeal`) with
 *   its closed-month journal. Two deciders in two tabs: one commits, the
 *   other gets `conflict`; a rejected appeal never has a correction.
 * - `score()` turns each correction into an explained line (`scoring.ts`).
 * - Listing appeals is in `appeal-reads.ts` (this module loads with the store's write methods).
 *
 * Roles, when the actor gives one: a consultant opens appeals only on her own
 * ledger and decides none; nobody decides an appeal on their own ledger.
 *
 * @module
 */
import type { WriteOp } from './adapter.js';
import type { DayRange } from './api.js';
import { isRecordId, isStoredId } from './call-log-rules.js';
import { StoreError, type FieldError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { conflictError, newId, notFound, type StoreCore } from './internal.js';
import { requireActor } from './actor.js';
import { ADJUSTMENT_RULE, CORRECTION_RULE, CORRECTION_TYPE, isAppealOf } from './line-rules.js';
import { eventTouch, journal } from './periods.js';
import { addDays, dayOf, instantOf, isDate, lastDayOfMonth, nowIso, parseInstant, windowStart } from '@rulecard/dsl/calendar';
import type { Actor, Appeal, AppealDecision, AppealInput, StoredEvent } from './types.js';

const MAX_TEXT = 2000;

/** The id of an accepted appeal's correction event. */
export function correctionIdOf(appealId: string): string {
  return `${appealId}.correction`;
}

/** The days of a line's window (`2026-11-03`, `2026-W45`, `2026-11`), or undefined. */
function windowPeriod(window: string | undefined): DayRange | undefined {
  const start = window === undefined ? undefined : windowStart(window);
  if (!start) return undefined;
  const to = start.unit === 'day' ? start.first : start.unit === 'week' ? addDays(start.first, 6) : lastDayOfMonth(start.first.slice(0, 7));
  return { from: start.first, to };
}

function forbidden(reason: string): StoreError {
  return new StoreError('forbidden', { details: { reason } });
}

function textErrors(value: unknown, field: string, required: boolean): FieldError[] {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return required ? [fieldError(field, 'required')] : [];
  if (typeof value !== 'string') return [fieldError(field, 'type')];
  return value.length > MAX_TEXT ? [fieldError(field, 'too-long')] : [];
}

/** Field errors of an `openAppeal` input (shape only; the line is then looked up in the score). */
function validateInput(input: AppealInput): FieldError[] {
  if (typeof input !== 'object' || input === null) return [fieldError('(record)', 'type')];
  const errors: FieldError[] = [];
  if (input.id !== undefined && !isRecordId(input.id)) errors.push(fieldError('id', 'id'));
  if (!isRecordId(input.consultant)) errors.push(fieldError('consultant', input.consultant === undefined ? 'required' : 'id'));
  errors.push(...textErrors(input.reason, 'reason', true));
  const line = input.line as Partial<AppealInput['line']> | null | undefined;
  if (typeof line !== 'object' || line === null) errors.push(fieldError('line', 'required'));
  else {
    if (typeof line.rule !== 'string' || !line.rule) errors.push(fieldError('line.rule', 'required'));
    if (line.window !== undefined && (typeof line.window !== 'string' || !windowStart(line.window)))
      errors.push(fieldError('line.window', 'format'));
    if (!Array.isArray(line.events) || !line.events.every(isStoredId)) errors.push(fieldError('line.events', 'type'));
  }
  if (input.period !== undefined) {
    const p = input.period as Partial<DayRange> | null;
    if (typeof p !== 'object' || p === null || !isDate(p.from) || !isDate(p.to) || p.from > p.to) errors.push(fieldError('period', 'date'));
  }
  return errors;
}

/** Open an appeal on a line of the consultant's ledger (see the module doc). */
export async function openAppeal(core: StoreCore, input: AppealInput, actor: Actor): Promise<Appeal> {
  requireActor(actor);
  const errors = validateInput(input);
  if (errors.length) throw new StoreError('validation', { fields: errors });
  if (actor.role === 'consultant' && actor.by !== input.consultant) throw forbidden('own-ledger-only');
  const wanted = input.line;
  if (wanted.rule === CORRECTION_RULE || wanted.rule === ADJUSTMENT_RULE) {
    throw new StoreError('validation', { fields: [fieldError('line', 'not-appealable')] });
  }
  const period = input.period ?? windowPeriod(wanted.window);
  if (!period) throw new StoreError('validation', { fields: [fieldError('period', 'required')] });
  const scored = await core.score({ consultant: input.consultant }, period, { events: true });
  const line = scored.scorecards.consultants[input.consultant]?.lines.find((l) => isAppealOf(wanted, l));
  if (!line) throw new StoreError('validation', { fields: [fieldError('line', 'not-on-ledger')] });

  // Filed on the line's last event (so it lives in the period it is about), else at noon on the window's last day in the period.
  let at = '';
  const behind = new Set(line.events);
  for (const ev of scored.events ?? []) if (behind.has(ev.id) && parseInstant(ev.at) > (at ? parseInstant(at) : -Infinity)) at = ev.at;
  if (!at) {
    const span = windowPeriod(line.window) ?? period;
    at = instantOf(span.to < period.to ? span.to : period.to, '12:00', core.timezone);
  }
  const day = dayOf(at, core.timezone);
  const existing = await core.adapter.query('appeals', { index: 'by-consultant-day', only: [input.consultant, day] });
  if (existing.some((a) => a.status !== 'rejected' && isAppealOf(a, line))) {
    throw new StoreError('duplicate', { details: { kind: 'appeals', line: { rule: line.rule, window: line.window } } });
  }
  const appeal: Appeal = {
    id: input.id ?? newId('appeal'),
    consultant: input.consultant,
    at,
    day,
    rule: line.rule,
    label: line.label ?? line.rule,
    points: line.points,
    fen: line.fen,
    events: [...line.events],
    reason: input.reason.trim(),
    status: 'open',
    openedBy: actor.by,
    openedAt: nowIso(),
    rev: 1,
  };
  if (line.window !== undefined) appeal.window = line.window;
  await core.adapter.commit([{ kind: 'appeals', op: 'put', record: appeal, expectRev: null }], {
    consultants: [appeal.consultant],
    days: [day],
  });
  return appeal;
}

/** The correction event of an accepted appeal: reverses the line's points and fen on the appeal's day. */
export function correctionEvent(appeal: Appeal, meta: { by: string; at: string; note?: string }): StoredEvent {
  const attrs: Record<string, string | number> = {
    appeal: appeal.id,
    rule: appeal.rule,
    label: appeal.label,
    points: -appeal.points,
    fen: -appeal.fen,
  };
  if (appeal.window !== undefined) attrs.window = appeal.window;
  const ev: StoredEvent = {
    id: correctionIdOf(appeal.id),
    type: CORRECTION_TYPE,
    consultant: appeal.consultant,
    at: appeal.at,
    day: appeal.day,
    attrs,
    origin: 'appeal',
    sourceId: appeal.id,
    rev: 1,
    recordedBy: meta.by,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  if (meta.note) ev.note = meta.note;
  return ev;
}

/** Accept or reject an open appeal, in one commit checked against the revision the decider saw. */
export async function decideAppeal(core: StoreCore, id: string, decision: AppealDecision, actor: Actor): Promise<Appeal> {
  requireActor(actor);
  const errors: FieldError[] = [];
  if (typeof decision !== 'object' || decision === null) errors.push(fieldError('(record)', 'type'));
  else {
    if (decision.decision !== 'accept' && decision.decision !== 'reject') errors.push(fieldError('decision', 'enum'));
    errors.push(...textErrors(decision.note, 'note', decision.decision === 'reject'));
    if (!Number.isSafeInteger(decision.expectedRev)) errors.push(fieldError('expectedRev', 'required'));
  }
  if (errors.length) throw new StoreError('validation', { fields: errors });
  if (actor.role === 'consultant') throw forbidden('deciders-only');
  const current = await core.adapter.get('appeals', id);
  if (!current) throw notFound('appeals', id);
  if (current.consultant === actor.by) throw forbidden('own-appeal');
  if (current.rev !== decision.expectedRev || current.status !== 'open') throw conflictError('appeals', id, decision.expectedRev, current);
  const at = nowIso();
  const note = decision.note?.trim();
  const accepted = decision.decision === 'accept';
  const decided: Appeal = {
    ...current,
    status: accepted ? 'accepted' : 'rejected',
    decidedBy: actor.by,
    decidedAt: at,
    rev: current.rev + 1,
  };
  if (note) decided.note = note;
  const correction = accepted ? correctionEvent(decided, { by: actor.by, at, note }) : undefined;
  if (correction) decided.correctionId = correction.id;
  const ops: WriteOp[] = [{ kind: 'appeals', op: 'put', record: decided, expectRev: current.rev }];
  if (correction) {
    ops.push({ kind: 'events', op: 'put', record: correction, expectRev: null }, ...journal([eventTouch(correction, 'create')], actor.by));
  }
  await core.adapter.commit(ops, { consultants: [current.consultant], days: [current.day] });
  return decided;
}
