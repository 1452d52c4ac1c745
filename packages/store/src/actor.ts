/**
 * Who writes: the checks every write method runs on its actor. Apart from `internal.ts` (which the store's read
 * path loads) because their messages are the validation's field reasons, loaded with the write paths.
 *
 * @module
 */
import { StoreError } from './errors.js';
import { fieldError } from './field-reasons.js';
import type { Actor, Role } from './types.js';

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
