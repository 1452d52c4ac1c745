/**
 * Warnings about the data (LANGUAGE.md §9.13): an event type of the period
 * that no rule binds (`unused-event-type`, with the count), and a `where`
 * comparing an attribute with a string while the events hold booleans or
 * numbers there, or the reverse (`where-type-mismatch`).
 *
 * Read during the scan (on the stream registry: `countUnbound`, `inspect`),
 * not in a pass of their own: a month of a million events is mostly of types
 * no rule reads, which the scan skips unread.
 */
import type { CompiledRulebook } from '../../program.js';
import type { Condition, Period, Warning } from '../../types.js';
import { warningEnV2, type WarningCodeV2 } from '../../warnings-v2.js';
import type { StreamRegistry } from '../scan.js';
import { typesOf } from './plan.js';

interface Check {
  rule: string;
  field: string;
  want: string;
  /** The kinds of value the events hold there, other than the condition's. */
  seen: Set<string>;
}

/**
 * Installs the data warnings' hooks on a registry whose streams are all
 * declared (every type a rule binds has one); after the scan, `warnings()`.
 * The period is `period`, [periodStart, periodEnd) in epoch ms.
 */
export function watchData(
  registry: StreamRegistry,
  program: Pick<CompiledRulebook, 'rules'>,
  period: Period,
  periodStart: number,
  periodEnd: number,
): () => Warning[] {
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
    addChecks(rule.id, typesOf(rule), rule.where);
    const m = rule.measure;
    if (m.kind === 'ratio') {
      addChecks(rule.id, [m.numerator], m.numeratorWhere);
      addChecks(rule.id, [m.denominator], m.denominatorWhere);
    }
  }
  for (const [type, list] of checks)
    registry.inspect(type, (e) => {
      const attrs = e.attrs;
      if (attrs == null) return;
      for (const check of list) {
        if (!Object.hasOwn(attrs, check.field)) continue;
        const v = attrs[check.field];
        const got = typeof v;
        // a number written as a string compares as a number (as in `where`)
        if (got === check.want || (got === 'string' && check.want === 'number' && String(v).trim() !== '' && !Number.isNaN(Number(v))))
          continue;
        check.seen.add(got);
      }
    });

  /** Events of each unbound type in the period, counted by the scan (see `countUnbound`: most events of a month are of such types). */
  const unused = registry.countUnbound(period, periodStart, periodEnd);

  return () => {
    const out: Warning[] = [];
    const warn = (code: WarningCodeV2, params: Record<string, string>) => out.push({ code, message: warningEnV2(code, params), params });
    for (const [type, n] of unused) warn('unused-event-type', { type, count: String(n) });
    const done = new Set<Check>();
    for (const list of checks.values())
      for (const check of list) {
        if (done.has(check)) continue;
        done.add(check);
        for (const got of check.seen) warn('where-type-mismatch', { rule: check.rule, field: check.field, want: check.want, got });
      }
    return out;
  };
}
