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
import type { Period, RuleEvent } from '@rulecard/dsl';
import type { StoreAdapter } from './adapter.js';
import type { DayRange, RulecardStore, Subject } from './api.js';
import { StoreError, readFieldError } from './errors.js';
import { firstDayOfMonth, isDate, lastDayOfMonth } from '@rulecard/dsl/calendar';
import type { CallLog, RecordKind, StoredEvent } from './types.js';

/** The store as its feature modules see it. */
export interface StoreCore extends RulecardStore {
  readonly adapter: StoreAdapter;
  readonly clock: () => Date;
  /** Whether scoring keeps incremental evaluations (`createStore`'s option). */
  readonly incremental: boolean;
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
  if (typeof range !== 'object' || range === null || !isDate(range.from)) fields.push(readFieldError('from', 'date'));
  if (typeof range !== 'object' || range === null || !isDate(range.to)) fields.push(readFieldError('to', 'date'));
  if (fields.length) throw new StoreError('validation', { fields });
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

/** The evaluator's view of a stored event (bookkeeping dropped). */
export function toRuleEvent(e: StoredEvent): RuleEvent {
  const r: RuleEvent = { id: e.id, type: e.type, consultant: e.consultant, at: e.at };
  if (e.amount !== undefined) r.amount = e.amount;
  if (e.attrs) r.attrs = e.attrs;
  return r;
}
