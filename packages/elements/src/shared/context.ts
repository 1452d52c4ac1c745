/**
 * Contexts shared by every rulecard element (`@lit/context`). Keys are
 * `Symbol.for(...)`, so per-element bundles that each carry their own copy of
 * this module still find one another's providers.
 *
 * @example
 * ```ts
 * // in a page or a wrapper element
 * new ContextProvider(hostElement, { context: storeContext, initialValue: store });
 * new ContextProvider(hostElement, { context: userContext, initialValue: { consultant: 'c01', role: 'manager' } });
 * ```
 */
import { createContext } from '@lit/context';
import type { RulecardStore } from './store.js';

/** Who is signed in. `consultant` is the roster id (`c01`). */
export type Role = 'consultant' | 'lead' | 'manager';

export const ROLES: readonly Role[] = ['consultant', 'lead', 'manager'];

export interface SignedInUser {
  consultant: string;
  role: Role;
}

/** Unknown or missing role → `consultant` (least privilege). */
export function toRole(value: string | null | undefined): Role {
  return value === 'lead' || value === 'manager' ? value : 'consultant';
}

/** May this user see `consultant`'s data? Consultants see their own; leads and managers see everyone. */
export function canSee(user: SignedInUser, consultant: string): boolean {
  return user.role !== 'consultant' || user.consultant === consultant;
}

/** May this user record incidents, decide appeals, see the team? */
export function isSupervisor(user: SignedInUser): boolean {
  return user.role === 'lead' || user.role === 'manager';
}

export const storeContext = createContext<RulecardStore | undefined>(Symbol.for('rulecard.store'));
export const userContext = createContext<SignedInUser | undefined>(Symbol.for('rulecard.user'));
