/**
 * What a clause does once its measure is known: `runClauses` walks a rule's
 * clauses over their windows and entities (tiers: the first clause that
 * fires wins), `applyEffects` turns a firing into lines.
 */
import type { Clause, ClauseEffect, CompiledRule } from '../types.js';
import { toHundredths } from '../money.js';
import type { WindowSpan } from '../calendar.js';
import type { EvalContext } from './context.js';
import { addLine, type Draft, type Ids } from './lines.js';

/**
 * Applies a clause's effects `times` times (`perCount` effects: `count` times),
 * its lines naming `events` (or what returns them when the lines are read);
 * personal targets to consultant `ci` (to team `ti` when ci < 0), team targets
 * to team `ti` — unless `teamOnce` is false (an `all` clause names the team once).
 * Its lines are projected when the clause is (as-of.ts) or `readsProjected`
 * (a ledger measure or ranking that read a projected line).
 */
export function applyEffects(
  ctx: EvalContext,
  rule: CompiledRule,
  clause: Clause,
  effects: ClauseEffect[],
  span: WindowSpan,
  times: number,
  count: number,
  events: Ids,
  ci: number,
  ti: number,
  teamOnce = true,
  readsProjected = false,
): void {
  const projected = readsProjected || (ctx.projected?.(rule, clause, span) ?? false);
  for (const eff of effects) {
    const toTeam = eff.target === 'team' || ci < 0;
    if (toTeam && !teamOnce) continue;
    const book = toTeam ? ctx.teamBooks[ti] : ctx.personal[ci];
    if (!book) continue;
    const mult = eff.perCount ? count : times;
    if (mult === 0 && eff.kind !== 'flag') continue;
    const draft: Draft<Ids> = {
      rule,
      window: span.key,
      day: span.first,
      count: eff.perCount ? count : times,
      centi: 0,
      neg: 0,
      fen: 0,
      events,
      range: clause.range,
    };
    if (projected) draft.projected = true;
    if (eff.kind === 'flag') draft.flag = eff.flag;
    else if (eff.kind === 'points') {
      draft.centi = toHundredths(eff.value) * mult;
      draft.neg = Math.min(0, draft.centi);
    } else draft.fen = eff.value * mult;
    addLine(book, draft);
  }
}

/**
 * Runs a rule's clauses over its windows and entities (consultant or team
 * indexes). `fire` applies a clause and says whether it did; with `tiers`
 * only the first clause that fires counts, in the tiers' window.
 */
export function runClauses(
  ctx: EvalContext,
  rule: CompiledRule,
  entities: number[],
  fire: (clause: Clause, span: WindowSpan, entity: number) => boolean,
): void {
  if (rule.tiers) {
    for (const span of ctx.spans(rule.clauses[0].window))
      for (const x of entities) for (const clause of rule.clauses) if (fire(clause, span, x)) break;
    return;
  }
  for (const clause of rule.clauses) for (const span of ctx.spans(clause.window)) for (const x of entities) fire(clause, span, x);
}
