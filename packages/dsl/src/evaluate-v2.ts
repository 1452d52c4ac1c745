/**
 * `@rulecard/dsl/evaluate-v2`: the evaluator of both versions of the
 * language — `rulecard/1` programs by the version-1 pipeline, `rulecard/2`
 * ones (LANGUAGE.md §9) by `evaluate/v2/`. Apart from
 * `@rulecard/dsl/evaluate` (version 1 only) so that a scorecard of a
 * version-1 rulebook does not load version 2: a caller holding a
 * `rulecard/2` program imports this module (`await import(…)`). The CLI, the
 * examples and `@rulecard/dsl` use it.
 */
import type { CompiledRulebook as ProgramV2 } from './program.js';
import type { CompiledRulebook, EvaluateInput, Scorecards } from './types.js';
import { evaluate as evaluateV1 } from './evaluate/index.js';
import { evaluateV2 } from './evaluate/v2/index.js';
import { dataWarnings } from './evaluate/v2/data-warnings.js';
import { buildCalendar } from './calendar.js';

/**
 * Scores a program of either version. A version-1 scorecard gets the data
 * warnings of LANGUAGE.md §9.13 too (`unused-event-type`,
 * `where-type-mismatch`), after version 1's own.
 */
export function evaluate(rulebook: CompiledRulebook | ProgramV2, input: EvaluateInput): Scorecards {
  if (rulebook.format === 'rulecard/2') return evaluateV2(rulebook, input);
  const cards = evaluateV1(rulebook, input);
  const { starts } = buildCalendar(rulebook.timezone, input.period);
  cards.warnings.push(...dataWarnings(rulebook, input.events, starts[0], starts[starts.length - 1]));
  return cards;
}

export { evaluateV2 };
export { firings, ratioFirings } from './evaluate/compare.js';
export type { Calendar } from './calendar.js';
