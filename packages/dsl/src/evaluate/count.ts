/** Clauses on a count of events per consultant and window: thresholds (`>2 => …`, `each`) and tiers. */
import { applyEffects, runClauses } from './clauses.js';
import { firings } from './compare.js';
import type { Step } from './context.js';

export const count: Step = {
  stage: 1,
  plan(rule, _ri, setup) {
    if (rule.measure.kind !== 'count' || rule.eventType === undefined || !rule.clauses.length) return undefined;
    const slot = setup.registry.stream(rule.eventType, rule.where);
    return (ctx) => {
      const { streams, teamOf } = ctx;
      runClauses(ctx, rule, ctx.consultantIds, (clause, span, ci) => {
        const n = streams.count(slot, ci, span);
        const times = firings(clause.test, clause.each && !rule.tiers, n);
        if (times > 0) applyEffects(ctx, rule, clause, clause.effects, span, times, n, () => streams.idsIn(slot, ci, span), ci, teamOf[ci]);
        return times > 0;
      });
    };
  },
};
