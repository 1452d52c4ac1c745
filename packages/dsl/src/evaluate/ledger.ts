/**
 * Ledger measures (`deductions`, `points`, personal or `team`): clauses on
 * the sum of a book's lines in a window — the lines of the other,
 * non-ledger rules — run after every other rule.
 */
import { applyEffects, runClauses } from './clauses.js';
import { firings } from './compare.js';
import type { Step } from './context.js';
import { measureBook } from './lines.js';
import { pointsOf } from '../money.js';

export const ledger: Step = {
  stage: 3,
  plan(rule) {
    const m = rule.measure;
    if (m.kind !== 'ledger') return undefined;
    const team = m.ledger === 'team';
    return (ctx) => {
      runClauses(ctx, rule, team ? ctx.teamIds : ctx.consultantIds, (clause, span, x) => {
        const { total, events, projected } = measureBook(team ? ctx.teamBooks[x] : ctx.personal[x], span, m.quantity, ctx.unmeasured);
        const points = pointsOf(total);
        const times = firings(clause.test, clause.each && !rule.tiers, points);
        if (times > 0) {
          if (team) applyEffects(ctx, rule, clause, clause.effects, span, times, points, events, -1, x, true, projected);
          else applyEffects(ctx, rule, clause, clause.effects, span, times, points, events, x, ctx.teamOf[x], true, projected);
        }
        return times > 0;
      });
    };
  },
};
