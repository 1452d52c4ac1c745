/**
 * Version-2 rankings (§4.6, §9.11): by the count, net `points`, `awards`,
 * or a `sum`/`avg` of a field; within each team (`by team`); places `1st`,
 * `第一名` … and shares `top P%`. Only people scored in the window, passing
 * the rule's `for`, not gated and with a value above 0 are ranked; ties
 * share the better place (1, 1, 3); a member gets the first place (or
 * share) of the clause that matches, only that one.
 */
import { HUNDREDTHS } from '../../money.js';
import { ceilPercentOf } from './rational.js';
import type { ClauseEffect } from '../../program.js';
import { applyClause, gated } from './effects.js';
import { cmpRational, countIn, idsIn, ledgerIn, sumIn } from './measure.js';
import type { Ctx, RulePlan } from './plan.js';

/** A ranked person (`pi` < 0: an entry a `rankHook` added for someone scored elsewhere, given no lines). */
export interface Entry {
  pi: number;
  /** The value as a rational num/den (den > 0). */
  num: number;
  den: number;
  events: () => string[];
}

/** b − a in the order of their values (for a descending sort), exactly. */
function byValue(a: Entry, b: Entry): number {
  const x = BigInt(b.num) * BigInt(a.den) - BigInt(a.num) * BigInt(b.den);
  return x > 0n ? 1 : x < 0n ? -1 : a.pi - b.pi;
}

const sameSpec = (a: ClauseEffect, b: ClauseEffect) => a.place === b.place && a.top === b.top;

export function runRank(ctx: Ctx, plan: RulePlan): void {
  const { rule } = plan;
  const m = rule.measure;
  if (m.kind !== 'rank') return;
  const { streams, nDays, books } = ctx;
  rule.clauses.forEach((clause, ci) => {
    for (const span of ctx.spans(clause.window as 'day')) {
      if (!span.inPeriod) continue;
      const groups = new Map<number, Entry[]>();
      ctx.people.forEach((p, pi) => {
        if (!ctx.applies(rule, pi) || !ctx.scoredIn(pi, span)) return;
        const a = Math.max(span.first, p.lo);
        const b = Math.min(span.last, p.hi);
        let entry: Entry | undefined;
        if (m.by === 'count') {
          const n = countIn(streams, plan.slots, pi, a, b);
          entry = { pi, num: n, den: 1, events: () => idsIn(streams, plan.slots, pi, a, b) };
        } else if (m.by === 'sum' || m.by === 'avg') {
          const { sum, n } = sumIn(plan.sums as NonNullable<RulePlan['sums']>, nDays, pi, a, b);
          if (n === 0 && m.by === 'avg') return;
          entry = { pi, num: sum, den: m.by === 'avg' ? HUNDREDTHS * n : HUNDREDTHS, events: () => idsIn(streams, plan.slots, pi, a, b) };
        } else {
          const { total, events } = ledgerIn(books.personal[pi], span.first, span.last, m.by, ctx.exclude as Set<never>);
          entry = { pi, num: total, den: HUNDREDTHS, events: () => events };
        }
        if (cmpRational(entry.num, entry.den, 0) <= 0) return;
        // a closed gate (§9.10): not ranked — written down for those who would have been
        const events = entry.events;
        if (rule.unless && gated(ctx, books, rule, pi, span, m.by === 'count' ? entry.num : events().length, events, false, clause.range))
          return;
        const key = m.byTeam ? p.team : 0;
        const list = groups.get(key);
        if (list) list.push(entry);
        else groups.set(key, [entry]);
      });
      ctx.rankHook?.(ctx, plan, ci, span, groups);
      for (const ranked of groups.values()) {
        ranked.sort(byValue);
        let place = 0;
        ranked.forEach((x, k) => {
          const prev = ranked[k - 1];
          if (k === 0 || BigInt(prev.num) * BigInt(x.den) !== BigInt(x.num) * BigInt(prev.den)) place = k + 1;
          if (x.pi < 0) return;
          const first = clause.effects.find((e) =>
            e.top !== undefined ? place <= ceilPercentOf(ranked.length, e.top) : e.place === place,
          );
          if (!first) return;
          const effects = clause.effects.filter((e) => sameSpec(e, first));
          const firing = { times: 1, num: x.num, den: x.den, count: x.den === 1 ? x.num : 1 };
          applyClause(ctx, books, rule, clause.range, effects, span, firing, x.events(), x.pi, ctx.people[x.pi].team);
        });
      }
    }
  });
}
