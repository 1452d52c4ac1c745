/**
 * Ledger measures (`deductions`, `points`, personal or `team`): clauses on
 * the sum of a book's lines in a window — the lines of the other,
 * non-ledger rules — run after every other rule.
 */
import { applyEffects, runClauses } from './clauses.js';
import { firings } from './compare.js';
import type { Step } from './context.js';
import { measureBook } from './lines.js';

export const ledger: Step = {
  stage: 3,
  plan(rule) {
    const m = rule.measure;
    if (m.kind !== 'ledger') return undefined;
    const team = m.ledger === 'team';
    return (ctx) => {
      runClauses(ctx, rule, team ? ctx.teamIds : ctx.consultantIds, (clause, span, x) => {
        const { total, events } = measureBook(team ? ctx.teamBooks[x] : ctx.personal[x], span, m.quantity, ctx.unmeasured);
        const times = firings(clause.test, clause.each && !rule.tiers, total / 100);
        if (times > 0) {
          if (team) applyEffects(ctx, rule, clause, clause.effects, span, times, total / 100, events, -1, x);
          else applyEffects(ctx, rule, clause, clause.effects, span, times, total / 100, events, x, ctx.teamOf[x]);
        }
        return times > 0;
      });
    };
  },
};
