/** `all`: a clause fires for a team when every member's count satisfies it; each member gets the effects, the team once. */
import { applyEffects, runClauses } from './clauses.js';
import { firings } from './compare.js';
import type { Step } from './context.js';

export const all: Step = {
  stage: 1,
  plan(rule, _ri, setup) {
    if (rule.measure.kind !== 'all' || rule.eventType === undefined || !rule.clauses.length) return undefined;
    const slot = setup.registry.stream(rule.eventType, rule.where);
    return (ctx) => {
      const { streams, teamMembers } = ctx;
      runClauses(ctx, rule, ctx.teamIds, (clause, span, ti) => {
        const members = teamMembers[ti];
        if (!members.length || !members.every((ci) => firings(clause.test, false, streams.count(slot, ci, span)) > 0)) return false;
        members.forEach((ci, k) =>
          applyEffects(
            ctx,
            rule,
            clause,
            clause.effects,
            span,
            1,
            streams.count(slot, ci, span),
            () => streams.idsIn(slot, ci, span),
            ci,
            ti,
            k === 0,
          ),
        );
        return true;
      });
    };
  },
};
