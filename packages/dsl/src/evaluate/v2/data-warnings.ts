/**
 * Warnings about the data (LANGUAGE.md §9.13): an event type of the period
 * that no rule binds (`unused-event-type`, with the count), and a `where`
 * comparing an attribute with a string while the events hold booleans or
 * numbers there, or the reverse (`where-type-mismatch`).
 *
 * Read during the scan (hooks on the stream registry: `unbound`, `inspect`),
 * not in a pass of their own: a month of a million events is mostly of types
 * no rule reads, which the scan skips unread.
 */
import { parseInstant } from '../../calendar/instants.js';
import { addDays } from '../../calendar/dates.js';
import type { CompiledRulebook } from '../../program.js';
import type { Condition, Period, RuleEvent, Warning } from '../../types.js';
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

  /** Events of each unbound type in the period, counted in a box (one lookup per event). */
  const unused = new Map<string, { n: number }>();
  // An instant's written date is within two days of its date in any zone: dates well inside (or outside) the
  // period need no parsing.
  const sureFrom = addDays(period.from, 2);
  const sureTo = addDays(period.to, -2);
  const outFrom = addDays(period.from, -2);
  const outTo = addDays(period.to, 2);
  const [sureLo, sureHi, outLo, outHi] = [sureFrom, sureTo, outFrom, outTo].map(dateNumber);
  // Called for most events of a month (the types no rule reads): the written date is read as a number, not
  // sliced out as a string (no garbage); a text not of the form YYYY-MM-DD… is compared as text, as before.
  const inPeriod = (text: unknown) => {
    if (typeof text !== 'string' || text.length < 10) return false;
    const n = dateNumber(text);
    if (n >= 0) {
      if (n >= sureLo && n <= sureHi) return true;
      if (n < outLo || n > outHi) return false;
    } else {
      const date = text.slice(0, 10);
      if (date >= sureFrom && date <= sureTo) return true;
      if (date < outFrom || date > outTo) return false;
    }
    const at = parseInstant(text);
    return at >= periodStart && at < periodEnd;
  };
  registry.unbound = (e: RuleEvent) => {
    const type: unknown = e.type;
    if (typeof type !== 'string' || !inPeriod(e.at)) return;
    const box = unused.get(type);
    if (box) box.n++;
    else unused.set(type, { n: 1 });
  };

  return () => {
    const out: Warning[] = [];
    const warn = (code: WarningCodeV2, params: Record<string, string>) => out.push({ code, message: warningEnV2(code, params), params });
    for (const [type, { n }] of unused) warn('unused-event-type', { type, count: String(n) });
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

/**
 * The first ten characters of `text` (at least ten long) as the number YYYYMMDD when they are of the form
 * `YYYY-MM-DD` (digits and dashes: then numbers order as the texts do), otherwise −1.
 */
function dateNumber(text: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return -1;
    } else if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else return -1;
  }
  return n;
}
