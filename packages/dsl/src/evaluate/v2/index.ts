/**
 * evaluate() for version 2 of the language (LANGUAGE.md §9; the program of
 * `program.ts`, format `rulecard/2`). Kept apart from the version-1 pipeline
 * (`../index.ts`), which scores `rulecard/1` programs as before, so that
 * version 1 neither slows down nor changes; it reuses that pipeline's scan
 * (`../scan.ts`), books and ledgers (`../lines.ts`) and comparisons.
 *
 * Order (grammar/README.md "Evaluation order"): the rules run one after the
 * other in `evaluationOrder(program)` — event rules, gates resolved by
 * dependency, ranks by points or awards, ledger rules, streaks — each rule
 * wholly (its per-event effects, then its clauses), so that a gate reads the
 * flags of every rule that can raise them.
 *
 * The calendar runs from as far back as `running` and `ever` clauses read
 * (setup.ts) to the end of the period; every rule is scored over all of it,
 * and only lines of windows (and days) in the period are kept.
 */
import { parseInstant } from '../../calendar/instants.js';
import { evaluationOrder } from '../../plan.js';
import type { CompiledRulebook } from '../../program.js';
import type { EvaluateInput, GatedLine, Ledger, Scorecards } from '../../types.js';
import { warningEn } from '../../warnings.js';
import { toLedger, type Book } from '../lines.js';
import { scan, StreamRegistry } from '../scan.js';
import { runTeamwide, runThresholds } from './clauses.js';
import { watchData } from './data-warnings.js';
import { newBooks, type DraftV2 } from './effects.js';
import { runPerEvent } from './per-event.js';
import { planRule, type Ctx, type RankHook } from './plan.js';
import { runRank } from './rank.js';
import { createSetup, type Setup } from './setup.js';
import type { Books } from './effects.js';
import type { EvaluateOptions } from '../as-of.js';

/** `options.asOf` (§9.16): clause lines of windows not ended by then that could still change are projected (as-of.ts). */
/**
 * `hooks`: for incremental scoring (../../incremental/), which scores a roster's parts apart (and a person's rules
 * alone): `rules` runs only the rules it keeps (the others are neither planned nor run); `onBooks` reads the books
 * before the ledgers are built; `order` is `evaluationOrder(program)`, when known.
 */
export function evaluateV2(
  program: CompiledRulebook,
  input: EvaluateInput,
  options?: EvaluateOptions,
  hooks?: {
    rankHook?: RankHook;
    onRule?: (ri: number, warnings: number) => void;
    rules?: (ri: number) => boolean;
    onBooks?: (books: Books, setup: Setup) => void;
    order?: readonly number[];
  },
): Scorecards {
  const setup = createSetup(program, input, options);
  const registry = new StreamRegistry(setup.people.length * setup.nDays);
  const keep = hooks?.rules;
  const plans = program.rules.map((rule, ri) => (keep && !keep(ri) ? undefined : planRule(rule, registry)));
  const periodStart = setup.calendar.starts[setup.p0];
  const periodEnd = setup.calendar.starts[setup.nDays];
  // events before the period are read (streaks, `ever`) but warned about only in the period, as in version 1
  const scanned: typeof setup.warnings = [];
  const dataWarnings = watchData(registry, program, input.period, periodStart, periodEnd);
  const streams = scan(input.events, registry, setup.index, setup.calendar, (code, e, params) => {
    if (code !== 'bad-event-time' && parseInstant(e.at) < periodStart) return;
    scanned.push({ code, message: warningEn(code, params), event: e.id, params });
  });
  const books = newBooks(setup);
  const ctx: Ctx = {
    ...setup,
    books,
    streams,
    exclude: new Set(program.rules.filter((r) => r.measure.kind === 'ledger')),
    rankHook: hooks?.rankHook,
  };
  for (const ri of hooks?.order ?? evaluationOrder(program)) {
    const plan = plans[ri];
    if (!plan) continue;
    hooks?.onRule?.(ri, setup.warnings.length);
    runPerEvent(ctx, plan);
    const kind = plan.rule.measure.kind;
    if (!plan.rule.clauses.length) continue;
    if (kind === 'all' || kind === 'every') runTeamwide(ctx, plan);
    else if (kind === 'rank') runRank(ctx, plan);
    else runThresholds(ctx, plan);
  }
  setup.warnings.push(...dataWarnings());
  hooks?.onBooks?.(books, setup);

  const out: Scorecards = { consultants: Object.create(null), teams: Object.create(null), warnings: scanned.concat(setup.warnings) };
  const ledgerOf = (book: Book, gated: GatedLine[]): Ledger => {
    const drafts = book.drafts.filter((d) => d.day >= setup.p0) as DraftV2[];
    // what version 2 says about a line besides (§9.4 pay items, §9.6 streaks), added to the line when the lines are built
    const ledger = toLedger({ drafts, byDay: [] }, program.pointFen, (line, d: DraftV2) => {
      if (d.pay) line.pay = d.pay;
      if (d.streak) line.streak = d.streak;
    });
    if (gated.length) ledger.gated = gated;
    return ledger;
  };
  setup.people.forEach((p, pi) => (out.consultants[p.id] = ledgerOf(books.personal[pi], books.gatedPersonal[pi])));
  setup.teams.forEach((team, ti) => (out.teams[team.id] = ledgerOf(books.team[ti], books.gatedTeam[ti])));
  return out;
}
