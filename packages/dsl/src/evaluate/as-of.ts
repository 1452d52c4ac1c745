/**
 * Month-to-date (`asOf`, LANGUAGE.md §9.16): which lines are *projected*.
 *
 * Scored at an instant `asOf`, a clause of a window that has not ended by
 * then — the window's last local day inside the period is not over (a window
 * straddling the period counts only its days inside it, so it cannot change
 * after the period's last day) — and whose outcome could
 * still change as the rest of the window's events come in produces
 * projected lines: "if the window ended now". What could still change:
 *
 * - a count compared with `<`, `<=`, `=`, `!=`, a range or `else`, and
 *   every clause of tiers (more events move a consultant up a tier);
 * - ratios, `all`, rankings, and ledger conditions (`deductions`,
 *   `points`) — and any line of a ledger measure or a ranking by points
 *   that reads a projected line.
 *
 * A count compared with `>` or `>=` (outside tiers) is settled once it
 * fires — counts only grow — and per-event effects are settled when their
 * event happened: those lines stay confirmed in an open window.
 *
 * Without `asOf` every window counts as ended and nothing is projected:
 * the output is byte for byte that of §7. `asOf` filters no event.
 */
import type { Clause, CompiledRule } from '../types.js';
import type * as v2 from '../program.js';
import type { Calendar, WindowSpan } from '../calendar/period.js';
import { parseInstant } from '../calendar/instants.js';

/** Options of `evaluate` (LANGUAGE.md §9.16). */
export interface EvaluateOptions {
  /** The instant scored at (ISO 8601 with an offset): lines of windows not ended by then that could still change are projected. */
  asOf?: string;
}

/** Whether a clause's line in a window is projected (the window has not ended by `asOf` and the clause could still change). */
export type Projection = (rule: CompiledRule, clause: Clause, span: WindowSpan) => boolean;

/** Whether a clause's outcome could change as more events of its window come in. */
export function couldChange(rule: CompiledRule | v2.CompiledRule, clause: Clause | v2.Clause): boolean {
  const kind = rule.measure.kind;
  // version 2: fixed pay (`every`) fires whatever comes; an `ever` clause fires on a day that has happened
  if (kind === 'every' || clause.window === 'ever') return false;
  if (kind !== 'count') return true;
  if (rule.tiers) return true;
  return !(clause.test.kind === 'cmp' && (clause.test.op === '>' || clause.test.op === '>='));
}

/** Epoch ms at which a window's days inside the period end: the local midnight after its last one. */
export function windowEnd(calendar: Calendar, span: WindowSpan): number {
  return calendar.starts[span.last + 1];
}

/**
 * The projection of an evaluation at `asOf` (undefined without one: nothing
 * is projected). Throws RangeError when `asOf` is not an instant with an offset.
 */
export function projectionOf(calendar: Calendar, options: EvaluateOptions | undefined): Projection | undefined {
  const asOf = options?.asOf;
  if (asOf === undefined) return undefined;
  const at = parseInstant(asOf);
  if (Number.isNaN(at)) throw new RangeError(`asOf must be an ISO 8601 instant with an offset: ${String(asOf)}`);
  return (rule, clause, span) => couldChange(rule, clause) && windowEnd(calendar, span) > at;
}
