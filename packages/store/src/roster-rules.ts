/**
 * Small, pure roster and rulebook reads an element needs before (or without)
 * loading the store: who has left the roster by a day, and which event types a
 * lead or manager records by hand. Also the subpath
 * `@rulecard/store/roster-rules`; the server runs the same functions.
 *
 * @module
 */
import type { v2 } from '@rulecard/dsl';

type CompiledRule = v2.CompiledRule;
import { DERIVED_TYPES } from './line-rules.js';

/** A member who has left the roster before `day` (`YYYY-MM-DD`); one who leaves on `day` is still on it that day. */
export function hasLeft(m: { readonly leftOn?: string }, day: string): boolean {
  return !!m.leftOn && m.leftOn < day;
}

/** One event type a lead or manager records by hand, with the rules of the rulebook bound to it. */
export interface RecordableEventType {
  type: string;
  /** The first bound rule's label, or the type itself. */
  label: string;
  rules: CompiledRule[];
  /** A bound rule takes a percentage of the event's amount, or filters on it: the amount is required. */
  needsAmount: boolean;
}

/**
 * Event types recorded by hand: every `on` type (or the id of a count or rank
 * rule without one) of the rules, except those the store derives from call
 * logs (`DERIVED_TYPES`), in the order of their first rule.
 */
export function recordableEventTypes(rules: readonly CompiledRule[]): RecordableEventType[] {
  const derived: ReadonlySet<string> = new Set(DERIVED_TYPES);
  const byType = new Map<string, RecordableEventType>();
  for (const r of rules) {
    const type = r.eventType ?? (r.measure.kind === 'count' || r.measure.kind === 'rank' ? r.id : undefined);
    if (!type || derived.has(type)) continue;
    let c = byType.get(type);
    if (!c) {
      c = { type, label: r.label ?? type, rules: [], needsAmount: false };
      byType.set(type, c);
    }
    c.rules.push(r);
    if (r.effects.some((e) => e.kind === 'percent') || r.where.some((w) => w.field === 'amount')) c.needsAmount = true;
  }
  return [...byType.values()];
}
