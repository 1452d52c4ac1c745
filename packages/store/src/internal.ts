/**
 * What the store's on-demand modules (`score.ts`, `months.ts`, `io.ts`) need
 * from the store object, and small helpers shared with them. Not exported by
 * the package.
 *
 * The store loads those modules with `import()` only when one of their
 * methods is called, so a page that reads, writes and subscribes downloads
 * neither the evaluator nor CSV, JSON import validation or month closing.
 *
 * @module
 */
import type { Period } from '@rulecard/dsl';
import type { StoreAdapter } from './adapter.js';
import type { DayRange, RulecardStore, Subject } from './api.js';
import { StoreError, fieldError } from './errors.js';
import { firstDayOfMonth, isDate, lastDayOfMonth } from './time.js';
import type { Actor, CallLog, StoredEvent } from './types.js';

/** The store as its on-demand modules see it. */
export interface StoreCore extends RulecardStore {
  readonly adapter: StoreAdapter;
  readonly clock: () => Date;
  /** Consultants a subject covers (everyone: every member ever on the roster). */
  subjectMembers(subject: Subject, range?: DayRange): Promise<string[]>;
  /** Stored and on-read derived events of some consultants' days, one read transaction. */
  eventsOf(consultants: string[], from: string, to: string): Promise<StoredEvent[]>;
  logsOf(consultants: string[], from: string, to: string): Promise<CallLog[]>;
}

export function validRange(range: DayRange): void {
  const fields = [];
  if (!isDate(range.from)) fields.push(fieldError('from', 'date'));
  if (!isDate(range.to)) fields.push(fieldError('to', 'date'));
  if (fields.length) throw new StoreError('validation', { fields });
}

export function requireActor(actor: Actor): void {
  if (!actor || typeof actor.by !== 'string' || !actor.by.trim()) {
    throw new StoreError('validation', { fields: [fieldError('by', 'required')] });
  }
}

export const monthPeriod = (month: string): Period => ({ from: firstDayOfMonth(month), to: lastDayOfMonth(month) });
