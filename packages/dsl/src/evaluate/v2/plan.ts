/**
 * Before the scan: what each rule of a version-2 program reads — the streams
 * of every event type it binds (`on A, B, C`), each side of a ratio with its
 * own filter (§9.9), the sums a `sum`/`avg` measure or rank needs, and the
 * per-bucket percentages of amounts its per-event effects take.
 */
import { percentRational } from '../../money.js';
import type { CompiledRule, Target } from '../../program.js';
import type { Condition } from '../../types.js';
import type { StreamRegistry, Streams } from '../scan.js';
import type { Books } from './effects.js';
import { tapField, type FieldSums } from './measure.js';
import type { Setup, Span } from './setup.js';
import type { Entry } from './rank.js';

export interface RulePlan {
  rule: CompiledRule;
  /** Streams of the rule's event types (with its `where`). */
  slots: number[];
  /** Ratio sides. */
  num: number[];
  den: number[];
  /** `sum`/`avg` measures and ranks: the field's per-bucket sums. */
  sums?: FieldSums;
  /** Per-event `P% of amount`: per-bucket sums in fen by target. */
  pct: Partial<Record<Target, Float64Array>>;
}

/** Everything a rule runner reads after the scan. */
export interface Ctx extends Setup {
  readonly books: Books;
  readonly streams: Streams;
  /** The ledger rules, whose lines ledger measures and ranks by points do not read. */
  readonly exclude: Set<unknown>;
  /**
   * Incremental scoring (../../incremental/): called with each rank's groups (by team index, or 0) of a
   * clause and window before they are sorted; may read them and add entries of people scored elsewhere.
   */
  readonly rankHook?: RankHook;
}

export type RankHook = (ctx: Ctx, plan: RulePlan, clause: number, span: Span, groups: Map<number, Entry[]>) => void;

export function typesOf(rule: CompiledRule): string[] {
  return rule.eventTypes ?? (rule.eventType !== undefined ? [rule.eventType] : []);
}

export function planRule(rule: CompiledRule, registry: StreamRegistry): RulePlan {
  const where: Condition[] = rule.where;
  const slots = typesOf(rule).map((t) => registry.stream(t, where));
  const m = rule.measure;
  const plan: RulePlan = { rule, slots, num: [], den: [], pct: {} };
  if (m.kind === 'ratio') {
    plan.num = [registry.stream(m.numerator, m.numeratorWhere ?? [])];
    plan.den = [registry.stream(m.denominator, m.denominatorWhere ?? where)];
  }
  const field =
    m.kind === 'sum' || m.kind === 'avg' ? m.field : m.kind === 'rank' && (m.by === 'sum' || m.by === 'avg') ? m.field : undefined;
  if (field !== undefined) plan.sums = tapField(registry, slots, field);
  for (const e of rule.effects) {
    if (e.kind !== 'percent') continue;
    const into = (plan.pct[e.target] ??= new Float64Array(registry.nB));
    for (const slot of slots) registry.sumPercent(slot, into, ...percentRational(e.value));
  }
  return plan;
}
