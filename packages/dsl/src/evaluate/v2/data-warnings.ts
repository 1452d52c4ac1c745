/**
 * Warnings about the data (LANGUAGE.md §9.13): an event type of the period
 * that no rule binds (`unused-event-type`, with the count), and a `where`
 * comparing an attribute with a string while the events hold booleans or
 * numbers there, or the reverse (`where-type-mismatch`).
 */
import { parseInstant } from '../../calendar/instants.js';
import type { CompiledRulebook } from '../../program.js';
import type { Condition, RuleEvent, Warning } from '../../types.js';
import { warningEnV2, type WarningCodeV2 } from '../../warnings-v2.js';
import { typesOf } from './plan.js';

interface Check {
  rule: string;
  field: string;
  want: string;
  /** Whether a value of the events is of another kind than the condition's. */
  seen: Set<string>;
}

/**
 * The data warnings of `events` for a program (of either version: the
 * evaluator of both versions adds them to version-1 scorecards too); the
 * period is [periodStart, periodEnd) in epoch ms.
 */
export function dataWarnings(
  program: Pick<CompiledRulebook, 'rules'>,
  events: RuleEvent[],
  periodStart: number,
  periodEnd: number,
): Warning[] {
  const out: Warning[] = [];
  const warn = (code: WarningCodeV2, params: Record<string, string>) => out.push({ code, message: warningEnV2(code, params), params });
  const bound = new Set<string>();
  const checks = new Map<string, Check[]>();
  const addChecks = (rule: string, types: string[], where: Condition[] | undefined) => {
    for (const c of where ?? []) {
      if (c.field === 'amount') continue;
      const check: Check = { rule, field: c.field, want: typeof c.value, seen: new Set() };
      for (const t of types) {
        const list = checks.get(t);
        if (list) list.push(check);
        else checks.set(t, [check]);
      }
    }
  };
  for (const rule of program.rules) {
    const types = typesOf(rule);
    for (const t of types) bound.add(t);
    addChecks(rule.id, types, rule.where);
    const m = rule.measure;
    if (m.kind === 'ratio') {
      bound.add(m.numerator).add(m.denominator);
      addChecks(rule.id, [m.numerator], m.numeratorWhere);
      addChecks(rule.id, [m.denominator], m.denominatorWhere);
    }
  }
  const unused = new Map<string, number>();
  const inPeriod = (e: RuleEvent) => {
    const at = parseInstant(e.at);
    return at >= periodStart && at < periodEnd;
  };
  for (const e of events) {
    if (e === null || typeof e !== 'object') continue;
    const type = e.type;
    if (!bound.has(type)) {
      if (typeof type === 'string' && inPeriod(e)) unused.set(type, (unused.get(type) ?? 0) + 1);
      continue;
    }
    const list = checks.get(type);
    if (!list || e.attrs == null) continue;
    for (const check of list) {
      if (!Object.hasOwn(e.attrs, check.field)) continue;
      const v = e.attrs[check.field];
      const got = typeof v;
      // a number written as a string compares as a number (as in `where`)
      if (got === check.want || (got === 'string' && check.want === 'number' && String(v).trim() !== '' && !Number.isNaN(Number(v))))
        continue;
      check.seen.add(got);
    }
  }
  for (const [type, count] of unused) warn('unused-event-type', { type, count: String(count) });
  for (const list of checks.values())
    for (const check of list)
      for (const got of check.seen) warn('where-type-mismatch', { rule: check.rule, field: check.field, want: check.want, got });
  return out;
}
