/**
 * evaluate(): a compiled rulebook over a period's events → a ledger per
 * consultant and per team, every line naming its rule, window and events.
 *
 * The program is data; evaluation runs tables and closures built from it
 * (no eval). Points are kept in integer hundredths and money in integer fen
 * until the very end, so nothing drifts.
 *
 * A pipeline over one shared context (context.ts): every step plans each
 * rule (declaring the event streams it reads), one scan sorts the events
 * into those streams (scan.ts), then the rules' tasks run by stage —
 * per-event effects; counts, tiers, `all`, ratios, rank by count; rank by
 * points; ledger rules (`deductions`, `points`), each ledger rule seeing
 * only the lines of non-ledger rules — and the books become ledgers.
 */
import { RULEBOOK_FORMAT, type CompiledRulebook, type EvaluateInput, type Scorecards } from '../types.js';
import { all } from './all.js';
import { createSetup, type EvalContext, type Step, type Task } from './context.js';
import { count } from './count.js';
import { ledger } from './ledger.js';
import { toLedger } from './lines.js';
import { perEvent } from './per-event.js';
import { rankByCount, rankByPoints } from './rank.js';
import { ratio } from './ratio.js';
import { scan, type StreamRegistry } from './scan.js';
import type { Calendar } from '../calendar.js';
import type { CompiledRulebook as ProgramV2 } from '../program.js';
import type { EvaluateOptions } from './as-of.js';

/** The language's features, each in its module. */
const STEPS: readonly Step[] = [perEvent, count, all, ratio, rankByCount, rankByPoints, ledger];

/** `options.asOf` (§9.16, as-of.ts): lines of windows not ended by then that could still change are projected. */
export function evaluate(rulebook: CompiledRulebook | ProgramV2, input: EvaluateInput, options?: EvaluateOptions): Scorecards {
  // Version 2 (LANGUAGE.md §9) has its own pipeline and entry (./v2/, @rulecard/dsl/evaluate-v2): a version-1 scorecard does not load it.
  const format: unknown = rulebook.format;
  if (format === 'rulecard/2')
    throw new RangeError('evaluate: a rulecard/2 program needs the version-2 evaluator: @rulecard/dsl/evaluate-v2');
  if (format !== undefined && format !== RULEBOOK_FORMAT) throw new RangeError(`evaluate: cannot score a ${String(format)} program`);
  return evaluateV1(rulebook as CompiledRulebook, input, undefined, options);
}

/**
 * The version-1 pipeline (a `rulecard/1` program). `beforeScan`: called once
 * every stream is declared, before the scan (the evaluator of both versions
 * installs the data warnings' hooks there).
 */
export function evaluateV1(
  rulebook: CompiledRulebook,
  input: EvaluateInput,
  beforeScan?: (registry: StreamRegistry, calendar: Calendar) => void,
  options?: EvaluateOptions,
): Scorecards {
  const setup = createSetup(rulebook, input, options);
  const { rules, registry } = setup;

  // Every rule's own stream, whether or not a step reads it: the events of
  // every type a rule names are checked (time, amount) and warned about.
  for (const rule of rules) if (rule.eventType !== undefined) registry.stream(rule.eventType, rule.where);
  const tasks: { stage: number; ri: number; task: Task }[] = [];
  rules.forEach((rule, ri) => {
    for (const step of STEPS) {
      const task = step.plan(rule, ri, setup);
      if (task) tasks.push({ stage: step.stage, ri, task });
    }
  });
  tasks.sort((a, b) => a.stage - b.stage || a.ri - b.ri);

  beforeScan?.(registry, setup.calendar);
  const ctx: EvalContext = { ...setup, streams: scan(input.events, registry, setup.consultantIndex, setup.calendar, setup.warn) };
  for (const { task } of tasks) task(ctx);

  // Maps without a prototype: an id `__proto__` (or `constructor`) is a key like any other.
  const out: Scorecards = { consultants: Object.create(null), teams: Object.create(null), warnings: ctx.warnings };
  ctx.consultants.forEach((id, ci) => (out.consultants[id] = toLedger(ctx.personal[ci], rulebook.pointFen)));
  ctx.teams.forEach((team, ti) => (out.teams[team.id] = toLedger(ctx.teamBooks[ti], rulebook.pointFen)));
  return out;
}
