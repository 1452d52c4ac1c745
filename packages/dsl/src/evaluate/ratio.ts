/**
 * `ratio(a / b)`: count of `a` events over count of `b` events per consultant
 * and window, compared exactly (`each 5%`). Each side takes its own filter
 * (`ratio(surgery / visit where booked = true)`, LANGUAGE.md §9.9). A
 * rule-level `where` (the error `ratio-where` since version 2; a stored
 * program may still carry one) filters the denominator only: filtering both
 * sides silently mis-scored derived numerator events without the attribute
 * (issue 11).
 */
import type { Condition } from '../types.js';
import { applyEffects, runClauses } from './clauses.js';
import { ratioFirings } from './compare.js';
import type { Step } from './context.js';

export const ratio: Step = {
  stage: 1,
  plan(rule, _ri, setup) {
    const m = rule.measure;
    if (m.kind !== 'ratio') return undefined;
    const sides = m as typeof m & { numeratorWhere?: Condition[]; denominatorWhere?: Condition[] };
    const a = setup.registry.stream(m.numerator, sides.numeratorWhere ?? []);
    const b = setup.registry.stream(m.denominator, sides.denominatorWhere ?? rule.where);
    if (!rule.clauses.length) return undefined;
    return (ctx) => {
      const { streams, teamOf } = ctx;
      runClauses(ctx, rule, ctx.consultantIds, (clause, span, ci) => {
        const den = streams.count(b, ci, span);
        if (den === 0) return false;
        const num = streams.count(a, ci, span);
        const times = ratioFirings(clause.test, clause.each && !rule.tiers, clause.eachStep, num, den);
        if (times > 0)
          applyEffects(
            ctx,
            rule,
            clause,
            clause.effects,
            span,
            times,
            num,
            () => streams.idsIn(a, ci, span).concat(streams.idsIn(b, ci, span)),
            ci,
            teamOf[ci],
          );
        return times > 0;
      });
    };
  },
};
