/**
 * What the store's feature modules (`call-logs.ts`, `events.ts`, `appeals.ts`,
 * `periods.ts`, and the on-demand `score.ts`, `io.ts`) need from the store
 * object, and small helpers shared with them. Not exported by the package.
 *
 * The store loads `score.ts` and `io.ts` with `import()` only when one of
 * their methods is called, so a page that reads, writes and subscribes
 * downloads neither the evaluator nor CSV or JSON import validation.
 *
 * @module
 */
import type { Period } from '@rulecard/dsl';
import type { StoreAdapter } from './adapter.js';
import type { DayRange, RulecardStore, Subject } from './api.js';
import { StoreError, fieldError } from './errors.js';
import { firstDayOfMonth, isDate, lastDayOfMonth } from '@rulecard/dsl/calendar';
import type { Actor, CallLog, RecordKind, Role, StoredEvent } from './types.js';

/** The store as its feature modules see it. */
export interface StoreCore extends RulecardStore {
  readonly adapter: StoreAdapter;
  readonly clock: () => Date;
  /** Consultants a subject covers (everyone: every member ever on the roster). */
  subjectMembers(subject: Subject, range?: DayRange): Promise<string[]>;
  /** Stored and on-read derived events of some consultants' days, one read transaction. */
  eventsOf(consultants: string[], from: string, to: string, omit?: readonly string[]): Promise<StoredEvent[]>;
  logsOf(consultants: string[], from: string, to: string): Promise<CallLog[]>;
  /** Who may own call logs and events: the scored members (consultants, leads) on the roster. */
  consultantCheck(): Promise<(id: string) => boolean>;
}

export function validRange(range: DayRange): void {
  const fields = [];
  if (typeof range !== 'object' || range === null || !isDate(range.from)) fields.push(fieldError('from', 'date'));
  if (typeof range !== 'object' || range === null || !isDate(range.to)) fields.push(fieldError('to', 'date'));
  if (fields.length) throw new StoreError('validation', { fields });
}

const ROLES: readonly Role[] = ['consultant', 'lead', 'manager'];

/** An actor names who writes (`by`), and a known `role` when it gives one. */
export function requireActor(actor: Actor): void {
  if (typeof actor !== 'object' || actor === null || typeof actor.by !== 'string' || !actor.by.trim()) {
    throw new StoreError('validation', { fields: [fieldError('by', 'required')] });
  }
  if (actor.role !== undefined && !ROLES.includes(actor.role)) throw new StoreError('validation', { fields: [fieldError('role', 'enum')] });
}

/** Only a manager may (checked when the actor names a role): roster edits, withdrawing a rulebook version. */
export function requireManager(actor: Partial<Actor> | undefined): void {
  if (actor?.role !== undefined && actor.role !== 'manager') throw new StoreError('forbidden', { details: { reason: 'managers-only' } });
}

export const monthPeriod = (month: string): Period => ({ from: firstDayOfMonth(month), to: lastDayOfMonth(month) });

let idCounter = 0;
/** A new id `<prefix>-<uuid>` (ids a caller chooses are used as given instead). */
export function newId(prefix: string): string {
  const rand =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${(idCounter++).toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${rand}`;
}

/** The `conflict` error of a stale `expectedRev`, with the record as it is now. */
export function conflictError(kind: RecordKind, id: string, expected: number, current: unknown): StoreError {
  return new StoreError('conflict', { details: { kind, id, expected, current } });
}

/** The `not-found` error of a record kind and id. */
export function notFound(kind: RecordKind, id: string): StoreError {
  return new StoreError('not-found', { details: { kind, id } });
}
