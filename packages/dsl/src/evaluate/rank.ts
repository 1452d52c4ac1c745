/**
 * Rankings: consultants by count of events (`rank per month => 1st …`) or
 * by net points (`rank points …`, after every event rule); only scores above
 * 0 are ranked; ties share the better place (1, 1, 3).
 */
import type { Clause, CompiledRule } from '../types.js';
import type { WindowSpan } from '../calendar.js';
import { applyEffects } from './clauses.js';
import type { EvalContext, Step } from './context.js';
import { measureBook, type Ids } from './lines.js';

/** Ranks consultants by `scores` in a window and applies each place's effects. */
function rankAndApply(
  ctx: EvalContext,
  rule: CompiledRule,
  clause: Clause,
  span: WindowSpan,
  scores: number[],
  eventsOf: (ci: number) => Ids,
  readsProjected = false,
): void {
  const ranked = scores
    .map((score, ci) => ({ score, ci }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || x.ci - y.ci);
  let place = 0;
  ranked.forEach((x, k) => {
    if (k === 0 || ranked[k - 1].score !== x.score) place = k + 1;
    const effects = clause.effects.filter((e) => e.place === place);
    if (effects.length)
      applyEffects(ctx, rule, clause, effects, span, 1, x.score, eventsOf(x.ci), x.ci, ctx.teamOf[x.ci], true, readsProjected);
  });
}

export const rankByCount: Step = {
  stage: 1,
  plan(rule, _ri, setup) {
    const m = rule.measure;
    if (m.kind !== 'rank' || m.by !== 'count' || rule.eventType === undefined || !rule.clauses.length) return undefined;
    const slot = setup.registry.stream(rule.eventType, rule.where);
    return (ctx) => {
      const { streams } = ctx;
      for (const clause of rule.clauses) {
        for (const span of ctx.spans(clause.window)) {
          const scores = ctx.consultants.map((_, ci) => streams.count(slot, ci, span));
          rankAndApply(ctx, rule, clause, span, scores, (ci) => () => streams.idsIn(slot, ci, span));
        }
      }
    };
  },
};

export const rankByPoints: Step = {
  stage: 2,
  plan(rule) {
    const m = rule.measure;
    if (m.kind !== 'rank' || m.by !== 'points') return undefined;
    return (ctx) => {
      for (const clause of rule.clauses) {
        for (const span of ctx.spans(clause.window)) {
          const measured = ctx.personal.map((book) => measureBook(book, span, 'points', ctx.unmeasured));
          rankAndApply(
            ctx,
            rule,
            clause,
            span,
            measured.map((x) => x.total),
            (ci) => measured[ci].events,
            // Everyone's points decide each place: a projected line anywhere makes the ranking's lines projected.
            measured.some((x) => x.projected),
          );
        }
      }
    };
  },
};
